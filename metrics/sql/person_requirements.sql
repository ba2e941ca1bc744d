-- person_requirements: one row per requirement of one person (empty when they are not employed as of
-- $as_of), with their best valid evidence for it (which falls short when the requirement is unmet).
-- Key: skill_id.
WITH
-- include: _best_evidence
final AS (
    SELECT
        q.skill_id,
        q.skill,
        q.required_level,
        q.current_level,
        q.met,
        q.gap,
        q.importance,
        b.program_name AS evidence_program,
        b.provider AS evidence_provider,
        b.completed_on AS evidence_completed_on,
        b.expires_on AS evidence_expires_on,
        b.skill_source AS evidence_skill_source
    FROM requirements AS q
    LEFT JOIN best_evidence AS b ON b.person_key = q.person_key AND b.skill_key = q.skill_key
    WHERE q.employee_id = $employee_id::VARCHAR
)

SELECT * FROM final ORDER BY met, gap DESC, importance DESC NULLS LAST, skill, skill_id
