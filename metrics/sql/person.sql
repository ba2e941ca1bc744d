-- person: the roster row of one employee (whatever their dates), for the profile header.
WITH
person AS (
    SELECT
        employee_id,
        full_name,
        email,
        department,
        team,
        role,
        manager_id,
        manager_name,
        location,
        hire_date,
        termination_date,
        manager_path
    FROM mart_org
    WHERE employee_id = $employee_id::VARCHAR
)

SELECT * FROM person
