-- coverage_drilldown: one row per person in team $team whose role requires skill $skill_id, meeting it or
-- not, with the credential that gives their best valid evidence for it. Key: employee_id.
WITH
-- include: _best_evidence
final AS (
    SELECT
        q.employee_id,
        q.full_name,
        q.role,
        q.required_level,
        q.current_level,
        q.met,
        q.gap,
        b.program_name AS evidence_program,
        b.provider AS evidence_provider,
        b.program_type AS evidence_program_type,
        b.completed_on AS evidence_completed_on,
        b.expires_on AS evidence_expires_on,
        b.skill_source AS evidence_skill_source
    FROM requirements AS q
    LEFT JOIN best_evidence AS b ON b.person_key = q.person_key AND b.skill_key = q.skill_key
    WHERE q.team = $team::VARCHAR AND q.skill_id = $skill_id::VARCHAR
)

SELECT * FROM final ORDER BY met DESC, gap DESC, full_name, employee_id
