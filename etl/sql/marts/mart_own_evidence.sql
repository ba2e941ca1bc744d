-- mart_own_evidence: one row per matched learning record x skill its file listed (learning_record_skills),
-- whatever its status or expiry. Key: (record_id, skill_id).
-- The half of mart_evidence that the catalogue cannot give: it carries the record's filter columns so the
-- as-of rules read one table. Records with no listed skills take their program's skills at query time
-- (mart_record_program_skills, through the mart_evidence view).
CREATE OR REPLACE TABLE mart_own_evidence AS
WITH
record_skills AS (
    SELECT record_id, skill_id, max(level) AS level
    FROM learning_record_skills
    GROUP BY record_id, skill_id
),

final AS (
    SELECT
        f.person_key,
        f.record_id,
        f.program_type,
        f.status,
        f.completed_on,
        f.expires_on,
        f.activity_on,
        rs.skill_id,
        s.skill_key,
        rs.level
    FROM mart_record_facts AS f
    INNER JOIN record_skills AS rs ON rs.record_id = f.record_id
    INNER JOIN mart_skills AS s ON s.skill_id = rs.skill_id
    WHERE f.person_key IS NOT NULL
)

SELECT * FROM final
