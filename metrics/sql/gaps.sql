-- gaps: one row per unmet requirement of a person in scope. Key: (employee_id, skill_id).
-- gap = required_level - current_level. Unsorted: metrics/gaps.py orders the rows (gap, then importance with
-- unknown last, then employee_id, skill, skill_id) in polars, which sorts the ~500k rows of a 100,000-person
-- organisation several times faster than an ORDER BY that carries every column through the sort.
WITH
-- include: _unmet
final AS (
    SELECT * FROM unmet
)

SELECT * FROM final
