-- include: _requirements
-- Fragment. unmet: one row per unmet requirement of a person in scope, with gap = required_level -
-- current_level. Key: (employee_id, skill_id).
unmet AS (
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
),
