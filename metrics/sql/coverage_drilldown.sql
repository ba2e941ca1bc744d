-- coverage_drilldown: one row per person in team $team whose role requires skill $skill_id, meeting it or
-- not, with the credential that gives their best valid evidence for it. Key: employee_id.
-- The evidence (the record behind best_record_id, as _best_evidence.sql reads it: which skills it evidences is
-- the file's own list when it gave one, else its catalogue program's) is looked up for the chosen people only,
-- not for every requirement of the team (at 100,000 employees ~16k records against ~5k for a large team:
-- 0.032 -> 0.022 s).
WITH
-- include: _requirements
chosen AS (
    SELECT * FROM requirements WHERE team = $team::VARCHAR AND skill_id = $skill_id::VARCHAR
),

final AS (
    SELECT
        q.employee_id,
        q.full_name,
        q.role,
        q.required_level,
        q.current_level,
        q.met,
        q.gap,
        r.program_name AS evidence_program,
        r.provider AS evidence_provider,
        r.program_type AS evidence_program_type,
        r.completed_on AS evidence_completed_on,
        r.expires_on AS evidence_expires_on,
        CASE WHEN f.has_own_skills THEN 'record' WHEN f.record_id IS NOT NULL THEN 'catalogue' END
            AS evidence_skill_source
    FROM chosen AS q
    LEFT JOIN mart_records AS r ON r.record_id = q.best_record_id
    LEFT JOIN mart_record_facts AS f ON f.record_id = q.best_record_id
)

SELECT * FROM final ORDER BY met DESC, gap DESC, full_name, employee_id
