-- Managers given by name: resolve to an id when exactly one current employee has that name.
UPDATE employees AS e
SET manager_id = m.employee_id
FROM (
    SELECT lower(trim(full_name)) AS name_key, min(employee_id) AS employee_id
    FROM employees
    WHERE full_name IS NOT NULL
    GROUP BY 1
    HAVING count(*) = 1
) AS m
WHERE e.manager_id IS NULL
  AND e.manager_name IS NOT NULL
  AND lower(trim(e.manager_name)) = m.name_key
  AND e.load_id = $load_id;
