-- mart_program_skills: one row per catalogue program x skill it currently teaches.
-- Key: (program_key, skill_id).
-- "Currently" = the program_skills rows written by the same load as the program's current version.
CREATE OR REPLACE TABLE mart_program_skills AS
WITH
source_programs AS (
    SELECT program_key, program_name, provider, program_type, list_cost, list_hours, validity_months, load_id
    FROM programs
),

current_skills AS (
    SELECT ps.program_key, ps.skill_id, max(ps.level) AS level
    FROM program_skills AS ps
    INNER JOIN source_programs AS p ON p.program_key = ps.program_key AND p.load_id = ps.load_id
    GROUP BY ps.program_key, ps.skill_id
),

final AS (
    SELECT
        p.program_key,
        p.program_name,
        p.provider,
        p.program_type,
        p.list_cost,
        p.list_hours,
        p.validity_months,
        cs.skill_id,
        s.skill_key,
        s.skill,
        cs.level
    FROM current_skills AS cs
    INNER JOIN source_programs AS p ON p.program_key = cs.program_key
    INNER JOIN mart_skills AS s ON s.skill_id = cs.skill_id
)

SELECT * FROM final
