-- mart_role_changes: one row per change of role between consecutive roster versions of a person.
-- Key: (employee_id, changed_on). changed_on is the valid_from (effective date of the roster load) of the
-- first version that shows the new role, so it is only as precise as the roster loads are frequent.
-- A version with no role, before or after, is not counted as a change.
CREATE OR REPLACE TABLE mart_role_changes AS
WITH
versions AS (
    SELECT employee_id, role, lower(trim(role)) AS role_key, valid_from, load_id FROM employees_history
    UNION ALL
    SELECT employee_id, role, lower(trim(role)) AS role_key, valid_from, load_id FROM employees
),

one_per_date AS (
    SELECT *
    FROM versions
    QUALIFY row_number() OVER (PARTITION BY employee_id, valid_from ORDER BY load_id DESC) = 1
),

sequenced AS (
    SELECT
        *,
        lag(role) OVER (PARTITION BY employee_id ORDER BY valid_from) AS previous_role,
        lag(role_key) OVER (PARTITION BY employee_id ORDER BY valid_from) AS previous_role_key
    FROM one_per_date
),

final AS (
    SELECT
        employee_id,
        valid_from AS changed_on,
        previous_role AS from_role,
        role AS to_role
    FROM sequenced
    WHERE previous_role_key IS NOT NULL
        AND role_key IS NOT NULL
        AND previous_role_key <> role_key
)

SELECT * FROM final
