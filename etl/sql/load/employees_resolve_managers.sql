-- Managers given by name: resolve to an id when exactly one current employee has that name
-- ("Okafor, Ada" is read as "Ada Okafor", as staging reads full names; manager_name keeps what the file said).
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
  AND lower(trim(regexp_replace(e.manager_name, '^\s*([^,]+?)\s*,\s*([^,]+?)\s*$', '\2 \1'))) = m.name_key
  AND e.load_id = $load_id;
