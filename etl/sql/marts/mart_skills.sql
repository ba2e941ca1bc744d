-- mart_skills: one row per skill id seen anywhere (skills, role requirements, catalogue, learning records).
-- Key: skill_id; skill_key is a dense integer surrogate so the big evidence and requirement joins and
-- group-bys run on integers rather than strings. skill = the canonical name, else the id.
CREATE OR REPLACE TABLE mart_skills AS
WITH
seen AS (
    SELECT skill_id FROM skills
    UNION
    SELECT skill_id FROM role_requirements
    UNION
    SELECT skill_id FROM program_skills
    UNION
    SELECT skill_id FROM learning_record_skills
),

final AS (
    SELECT
        CAST(row_number() OVER (ORDER BY seen.skill_id) AS INTEGER) AS skill_key,
        seen.skill_id,
        coalesce(s.name, seen.skill_id) AS skill
    FROM seen
    LEFT JOIN skills AS s ON s.skill_id = seen.skill_id
)

SELECT * FROM final
