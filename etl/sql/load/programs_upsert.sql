-- Catalogue load: programs keyed by name + provider; changed programs get a new version with their own
-- skill set (program_skills rows carry the load that wrote them). Input views: staged_programs,
-- staged_program_skills. Params: $load_id.
CREATE OR REPLACE TEMP TABLE program_changes AS
SELECT s.*, p.program_key IS NOT NULL AS existed
FROM staged_programs AS s
LEFT JOIN programs AS p USING (program_key)
WHERE p.program_key IS NULL OR NOT (
    s.program_name IS NOT DISTINCT FROM p.program_name AND s.provider IS NOT DISTINCT FROM p.provider
    AND s.program_type IS NOT DISTINCT FROM p.program_type AND s.list_cost IS NOT DISTINCT FROM p.list_cost
    AND s.list_hours IS NOT DISTINCT FROM p.list_hours
    AND s.validity_months IS NOT DISTINCT FROM p.validity_months
    AND s.skills_text IS NOT DISTINCT FROM (
        SELECT string_agg(k.skill_id || ':' || k.level, ';' ORDER BY k.skill_id)
        FROM program_skills AS k WHERE k.program_key = p.program_key AND k.load_id = p.load_id
    )
);

INSERT INTO programs_history
SELECT p.*, $load_id AS superseded_by_load
FROM programs AS p
WHERE p.program_key IN (SELECT program_key FROM program_changes WHERE existed);

DELETE FROM programs WHERE program_key IN (SELECT program_key FROM program_changes WHERE existed);

INSERT INTO programs
SELECT program_key, program_name, provider, program_type, list_cost, list_hours, validity_months,
       $load_id AS load_id
FROM program_changes;

INSERT INTO program_skills
SELECT k.program_key, k.skill_id, k.level, $load_id AS load_id
FROM staged_program_skills AS k
WHERE k.program_key IN (SELECT program_key FROM program_changes);
