-- Roster load: new people are inserted, changed people get a new version (old one to history),
-- unchanged people are left alone. Input view: staged_roster. Params: $load_id, $valid_from and one
-- $has_<field> flag per field group: a column the file does not carry (a partial roster such as a
-- learning platform's user list) keeps each existing person's current value instead of blanking it.
-- A column the file carries but leaves empty does blank it (an empty termination date means employed).
CREATE OR REPLACE TEMP TABLE roster_changes AS
WITH merged AS (
    SELECT
        s.employee_id,
        CASE WHEN $has_full_name OR e.employee_id IS NULL THEN s.full_name ELSE e.full_name END AS full_name,
        CASE WHEN $has_email OR e.employee_id IS NULL THEN s.email ELSE e.email END AS email,
        CASE WHEN $has_department OR e.employee_id IS NULL THEN s.department ELSE e.department END AS department,
        CASE WHEN $has_team OR e.employee_id IS NULL THEN s.team ELSE e.team END AS team,
        CASE WHEN $has_role OR e.employee_id IS NULL THEN s.role ELSE e.role END AS role,
        CASE WHEN $has_manager OR e.employee_id IS NULL THEN s.manager_id ELSE e.manager_id END AS manager_id,
        CASE WHEN $has_manager OR e.employee_id IS NULL THEN s.manager_name ELSE e.manager_name END AS manager_name,
        CASE WHEN $has_location OR e.employee_id IS NULL THEN s.location ELSE e.location END AS location,
        CASE WHEN $has_hire_date OR e.employee_id IS NULL THEN s.hire_date::DATE ELSE e.hire_date END AS hire_date,
        CASE WHEN $has_termination_date OR e.employee_id IS NULL THEN s.termination_date::DATE
             ELSE e.termination_date END AS termination_date
    FROM staged_roster AS s
    LEFT JOIN employees AS e USING (employee_id)
),
compared AS (
    SELECT m.*, e.employee_id IS NOT NULL AS existed,
           e.employee_id IS NOT NULL AND (
               m.full_name IS NOT DISTINCT FROM e.full_name AND m.email IS NOT DISTINCT FROM e.email
               AND m.department IS NOT DISTINCT FROM e.department AND m.team IS NOT DISTINCT FROM e.team
               AND m.role IS NOT DISTINCT FROM e.role
               AND coalesce(m.manager_id, e.manager_id) IS NOT DISTINCT FROM e.manager_id
               AND m.manager_name IS NOT DISTINCT FROM e.manager_name
               AND m.location IS NOT DISTINCT FROM e.location
               AND m.hire_date IS NOT DISTINCT FROM e.hire_date
               AND m.termination_date IS NOT DISTINCT FROM e.termination_date
           ) AS unchanged
    FROM merged AS m
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
