-- mart_evidence: one row per matched learning record x skill it evidences, whatever its status or expiry
-- (metric queries apply the as-of rules). Key: (record_id, skill_id).
-- skill_source = 'record' when the file listed skills for the record (learning_record_skills), else
-- 'catalogue' (the skills of the catalogue program mart_records matched). A record with neither has no rows.
CREATE OR REPLACE TABLE mart_evidence AS
WITH
matched_records AS (
    SELECT
        record_id,
        employee_id,
        person_key,
        program_key,
        catalogue_program_key,
        canonical_program_key,
        program_name,
        provider,
        program_type,
        status,
        started_on,
        completed_on,
        expires_on,
        expiry_source,
        activity_on
    FROM mart_records
    WHERE person_key IS NOT NULL
),

record_skills AS (
    SELECT record_id, skill_id, max(level) AS level
    FROM learning_record_skills
    GROUP BY record_id, skill_id
),

own_skills AS (
    SELECT r.record_id, rs.skill_id, rs.level, 'record' AS skill_source
    FROM matched_records AS r
    INNER JOIN record_skills AS rs ON rs.record_id = r.record_id
),

catalogue_skills AS (
    SELECT r.record_id, ps.skill_id, ps.level, 'catalogue' AS skill_source
    FROM matched_records AS r
    INNER JOIN mart_program_skills AS ps ON ps.program_key = r.catalogue_program_key
    LEFT JOIN (SELECT DISTINCT record_id FROM own_skills) AS own ON own.record_id = r.record_id
    WHERE own.record_id IS NULL
),

all_skills AS (
    SELECT * FROM own_skills
    UNION ALL
    SELECT * FROM catalogue_skills
),

final AS (
    SELECT
        r.employee_id,
        r.person_key,
        r.record_id,
        r.program_key,
        r.catalogue_program_key,
        r.canonical_program_key,
        r.program_name,
        r.provider,
        r.program_type,
        r.status,
        r.started_on,
        r.completed_on,
        r.expires_on,
        r.expiry_source,
        r.activity_on,
        a.skill_id,
        s.skill_key,
        s.skill,
        a.level,
        a.skill_source
    FROM all_skills AS a
    INNER JOIN matched_records AS r ON r.record_id = a.record_id
    INNER JOIN mart_skills AS s ON s.skill_id = a.skill_id
)

SELECT * FROM final
