-- filter_options: one row of sorted distinct values for each filter a page can offer.
-- managers = everyone who manages someone (by id), with their name when known.
-- Each table is read by one aggregate that gives all of its lists (one row each), and the three rows are put
-- side by side: nine scalar subqueries made DuckDB's join-order search alone take ~50 ms on every page.
-- Program types and the date range come from mart_record_facts (the mart_records view would add a join).
-- org is NOT MATERIALIZED: read three times, DuckDB otherwise wrote a copy of every column of mart_org first
-- (~0.03 s of this query's ~0.05-0.08 s at 100,000 employees).
WITH
org AS NOT MATERIALIZED (
    SELECT * FROM mart_org
),

org_lists AS (
    SELECT
        coalesce(list(DISTINCT department ORDER BY department) FILTER (WHERE department IS NOT NULL), []) AS departments,
        coalesce(list(DISTINCT team ORDER BY team) FILTER (WHERE team IS NOT NULL), []) AS teams,
        coalesce(list(DISTINCT location ORDER BY location) FILTER (WHERE location IS NOT NULL), []) AS locations,
        coalesce(list(DISTINCT role ORDER BY role) FILTER (WHERE role IS NOT NULL), []) AS roles
    FROM org
),

-- the few distinct (manager id, name on the report's row) pairs first, then the manager's own name
managed_by AS (
    SELECT DISTINCT manager_id, manager_name
    FROM org
    WHERE manager_id IS NOT NULL
),

managers AS (
    SELECT DISTINCT o.manager_id AS employee_id, coalesce(m.full_name, o.manager_name) AS full_name
    FROM managed_by AS o
    LEFT JOIN org AS m ON m.employee_id = o.manager_id
),

manager_lists AS (
    SELECT
        coalesce(list(employee_id ORDER BY full_name, employee_id), []) AS manager_ids,
        coalesce(list(coalesce(full_name, employee_id) ORDER BY full_name, employee_id), []) AS manager_names
    FROM managers
),

record_facts AS (
    SELECT
        coalesce(list(DISTINCT program_type ORDER BY program_type), []) AS program_types,
        min(activity_on) AS min_date,
        max(activity_on) AS max_date
    FROM mart_record_facts
),

final AS (
    SELECT
        o.departments,
        o.teams,
        o.locations,
        o.roles,
        m.manager_ids,
        m.manager_names,
        r.program_types,
        r.min_date,
        r.max_date
    FROM org_lists AS o
    CROSS JOIN manager_lists AS m
    CROSS JOIN record_facts AS r
)

SELECT * FROM final
