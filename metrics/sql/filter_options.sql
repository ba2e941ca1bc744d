-- filter_options: one row of sorted distinct values for each filter a page can offer.
-- managers = everyone who manages someone (by id), with their name when known.
WITH
org AS (
    SELECT * FROM mart_org
),

managers AS (
    SELECT DISTINCT o.manager_id AS employee_id, coalesce(m.full_name, o.manager_name) AS full_name
    FROM org AS o
    LEFT JOIN org AS m ON m.employee_id = o.manager_id
    WHERE o.manager_id IS NOT NULL
),

final AS (
    SELECT
        (SELECT coalesce(list(DISTINCT department ORDER BY department), []) FROM org WHERE department IS NOT NULL) AS departments,
        (SELECT coalesce(list(DISTINCT team ORDER BY team), []) FROM org WHERE team IS NOT NULL) AS teams,
        (SELECT coalesce(list(DISTINCT location ORDER BY location), []) FROM org WHERE location IS NOT NULL) AS locations,
        (SELECT coalesce(list(DISTINCT role ORDER BY role), []) FROM org WHERE role IS NOT NULL) AS roles,
        (SELECT coalesce(list(employee_id ORDER BY full_name, employee_id), []) FROM managers) AS manager_ids,
        (SELECT coalesce(list(coalesce(full_name, employee_id) ORDER BY full_name, employee_id), []) FROM managers) AS manager_names,
        (SELECT coalesce(list(DISTINCT program_type ORDER BY program_type), []) FROM mart_records) AS program_types,
        (SELECT min(activity_on) FROM mart_records) AS min_date,
        (SELECT max(activity_on) FROM mart_records) AS max_date
)

SELECT * FROM final
