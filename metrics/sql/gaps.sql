-- gaps: one row per unmet requirement of a person in scope. Key: (employee_id, skill_id).
-- gap = required_level - current_level. Sorted by gap, then importance (unknown importance last).
WITH
-- include: _requirements
final AS (
    SELECT
        employee_id,
        full_name,
        team,
        role,
        skill_id,
        skill,
        required_level,
        current_level,
        gap,
        importance
    FROM requirements
    WHERE NOT met
)

SELECT * FROM final
ORDER BY gap DESC, importance DESC NULLS LAST, employee_id, skill, skill_id
