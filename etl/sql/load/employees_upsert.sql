-- Roster load: new people are inserted, changed people get a new version (old one to history),
-- unchanged people are left alone. Input view: staged_roster. Params: $load_id, $valid_from.
CREATE OR REPLACE TEMP TABLE roster_changes AS
WITH staged AS (
    SELECT employee_id, full_name, email, department, team, role, manager_id, manager_name, location,
           hire_date, termination_date
    FROM staged_roster
),
compared AS (
    SELECT s.*, e.employee_id IS NOT NULL AS existed,
           e.employee_id IS NOT NULL AND (
               s.full_name IS NOT DISTINCT FROM e.full_name AND s.email IS NOT DISTINCT FROM e.email
               AND s.department IS NOT DISTINCT FROM e.department AND s.team IS NOT DISTINCT FROM e.team
               AND s.role IS NOT DISTINCT FROM e.role
               AND coalesce(s.manager_id, e.manager_id) IS NOT DISTINCT FROM e.manager_id
               AND s.location IS NOT DISTINCT FROM e.location
               AND s.hire_date IS NOT DISTINCT FROM e.hire_date
               AND s.termination_date IS NOT DISTINCT FROM e.termination_date
           ) AS unchanged
    FROM staged AS s
    LEFT JOIN employees AS e USING (employee_id)
)
SELECT * FROM compared WHERE NOT unchanged;

INSERT INTO employees_history
SELECT e.*, $load_id AS superseded_by_load
FROM employees AS e
WHERE e.employee_id IN (SELECT employee_id FROM roster_changes WHERE existed);

DELETE FROM employees WHERE employee_id IN (SELECT employee_id FROM roster_changes WHERE existed);

INSERT INTO employees
SELECT employee_id, full_name, email, department, team, role, manager_id, manager_name, location,
       hire_date, termination_date, $valid_from AS valid_from, $load_id AS load_id
FROM roster_changes;
