-- mart_evidence: one row per matched learning record x skill it evidences, whatever its status or expiry
-- (metric queries apply the as-of rules). Key: (record_id, skill_id).
-- skill_source = 'record' when the file listed skills for the record (learning_record_skills), else
-- 'catalogue' (the skills of the catalogue program mart_records matched). A record with neither has no rows.
-- It carries only what the as-of rules filter and rank on; the program, provider and expiry source of a
-- record are read from mart_records (join on record_id) for the few rows a query keeps. A 1M-record load
-- writes ~2.7M evidence rows, and copying nine more text columns into each doubled the time to write them.
-- Each branch carries its record's columns and skill_key along (mart_program_skills holds the catalogue
-- skills' keys) rather than joining the 2.7M skill rows back to their records and to mart_skills.
CREATE OR REPLACE TABLE mart_evidence AS
WITH
matched_records AS (
    SELECT
        record_id,
        person_key,
        catalogue_program_key,
        program_type,
        status,
        completed_on,
        expires_on,
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
    SELECT
        r.person_key,
        r.record_id,
        r.program_type,
        r.status,
        r.completed_on,
        r.expires_on,
        r.activity_on,
        rs.skill_id,
        s.skill_key,
        rs.level,
        'record' AS skill_source
    FROM matched_records AS r
    INNER JOIN record_skills AS rs ON rs.record_id = r.record_id
    INNER JOIN mart_skills AS s ON s.skill_id = rs.skill_id
),

catalogue_skills AS (
    SELECT
        r.person_key,
        r.record_id,
        r.program_type,
        r.status,
        r.completed_on,
        r.expires_on,
        r.activity_on,
        ps.skill_id,
        ps.skill_key,
        ps.level,
        'catalogue' AS skill_source
    FROM matched_records AS r
    INNER JOIN mart_program_skills AS ps ON ps.program_key = r.catalogue_program_key
    LEFT JOIN (SELECT DISTINCT record_id FROM record_skills) AS own ON own.record_id = r.record_id
    WHERE own.record_id IS NULL
),

final AS (
    SELECT * FROM own_skills
    UNION ALL
    SELECT * FROM catalogue_skills
)

SELECT * FROM final
