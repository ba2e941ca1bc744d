-- Roles load: a role named in the file gets exactly the file's requirements; roles not named are kept.
-- Only roles whose requirement set actually changed get a new version. Input view: staged_roles
-- (role, role_key, skill_id, required_level, importance). Params: $load_id.
CREATE OR REPLACE TEMP TABLE changed_roles AS
WITH file_set AS (
    SELECT role_key, skill_id, required_level, importance FROM staged_roles
),
current_set AS (
    SELECT role_key, skill_id, required_level, importance
    FROM role_requirements
    WHERE role_key IN (SELECT role_key FROM staged_roles)
),
differences AS (
    (SELECT * FROM file_set EXCEPT SELECT * FROM current_set)
    UNION ALL
    (SELECT * FROM current_set EXCEPT SELECT * FROM file_set)
)
SELECT DISTINCT role_key FROM differences;

INSERT INTO role_requirements_history
SELECT r.*, $load_id AS superseded_by_load
FROM role_requirements AS r
WHERE r.role_key IN (SELECT role_key FROM changed_roles);

DELETE FROM role_requirements WHERE role_key IN (SELECT role_key FROM changed_roles);

INSERT INTO role_requirements
SELECT role, role_key, skill_id, required_level, importance, $load_id AS load_id
FROM staged_roles
WHERE role_key IN (SELECT role_key FROM changed_roles);
