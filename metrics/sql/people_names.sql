-- people_names: employee id, name and team of every person in scope (employed as of $as_of), in the people
-- list's order, for pickers that need nobody's figures. Key: employee_id.
WITH
-- include: _people
final AS (
    SELECT employee_id, full_name, team
    FROM people
)

SELECT * FROM final ORDER BY full_name, employee_id
