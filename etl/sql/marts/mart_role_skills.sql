-- mart_role_skills: one row per role x skill it requires. Key: (role_key, skill_id).
-- A view: the role requirements with the skill's integer key and name. mart_requirements expands it to
-- every person holding the role; the requirement-based metrics join it to people by role_key instead, which
-- joins their evidence to a few hundred rows rather than to the ~700k of mart_requirements at 100,000
-- employees.
CREATE OR REPLACE VIEW mart_role_skills AS
SELECT
    r.role_key,
    s.skill_key,
    r.skill_id,
    s.skill,
    r.required_level,
    r.importance
FROM role_requirements AS r
INNER JOIN mart_skills AS s ON s.skill_id = r.skill_id
