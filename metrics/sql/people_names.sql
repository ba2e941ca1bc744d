-- people_names: employee id, name and team of every person in scope (employed as of $as_of), in the people
-- list's order (by full_name, then employee_id: mart_org's name_order, numbered at load), for pickers that
-- need nobody's figures. Key: employee_id.
WITH
-- include: _people
final AS (
    SELECT employee_id, full_name, team, name_order
    FROM people
)

SELECT * EXCLUDE (name_order) FROM final ORDER BY name_order
