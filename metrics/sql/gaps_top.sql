-- gaps_top: the first $limit rows of `gaps` in its order (gap, then importance with unknown last, then
-- employee_id, skill, skill_id), with the size of the whole list on every row (gap_rows, people_with_gaps)
-- so a page can say what it leaves out. Key: (employee_id, skill_id). A top-N sort keeps only $limit rows,
-- where sorting the whole list (~500k rows at 100,000 employees) is what makes `gaps` slow to show.
WITH
-- include: _unmet
sizes AS (
    SELECT count(*) AS gap_rows, count(DISTINCT employee_id) AS people_with_gaps FROM unmet
),

first_rows AS (
    SELECT *
    FROM unmet
    ORDER BY gap DESC, importance DESC NULLS LAST, employee_id, skill, skill_id
    LIMIT $limit
),

final AS (
    SELECT first_rows.*, sizes.gap_rows, sizes.people_with_gaps
    FROM sizes
    LEFT JOIN first_rows ON true
)

SELECT * FROM final ORDER BY gap DESC, importance DESC NULLS LAST, employee_id, skill, skill_id
