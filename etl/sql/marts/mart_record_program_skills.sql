-- mart_record_program_skills: one row per program learning records name (program_ref) x skill its matched
-- catalogue program currently teaches. Key: (program_ref, skill_id).
-- The catalogue half of mart_evidence is facts joined to this small table on an integer, at query time:
-- writing it out was ~2.7M rows for a million badges, and a second or more per load.
CREATE OR REPLACE TABLE mart_record_program_skills AS
SELECT
    p.program_ref,
    ps.skill_id,
    ps.skill_key,
    ps.level
FROM mart_record_programs AS p
INNER JOIN mart_program_skills AS ps ON ps.program_key = p.catalogue_program_key
