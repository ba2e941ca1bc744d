-- include: _requirement_evidence
-- Fragment. requirements: one row per person in scope x skill their role requires, with their current
-- level (0 without valid evidence), whether it is met (current >= required) and the gap (never negative).
requirements AS (
    SELECT
        q.person_key,
        q.skill_key,
        q.employee_id,
        p.full_name,
        p.department,
        p.team,
        p.role,
        p.location,
        q.skill_id,
        q.skill,
        q.required_level,
        q.importance,
        coalesce(l.current_level, 0) AS current_level,
        coalesce(l.current_level, 0) >= q.required_level AS met,
        greatest(q.required_level - coalesce(l.current_level, 0), 0) AS gap
    FROM mart_requirements AS q
    INNER JOIN people AS p ON p.person_key = q.person_key
    LEFT JOIN requirement_evidence AS l ON l.person_key = q.person_key AND l.skill_key = q.skill_key
),
