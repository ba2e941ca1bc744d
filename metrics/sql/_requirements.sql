-- include: _requirement_status
-- Fragment. requirements: one row per person in scope x skill their role requires, with their current
-- level (0 without valid evidence), whether it is met (current >= required), the gap (never negative) and
-- the record of their best valid evidence (null without any). The person's and the skill's text come from
-- people and mart_skills by integer key (mart_requirements holds the same values, from the same tables).
requirements AS (
    SELECT
        s.person_key,
        s.skill_key,
        p.employee_id,
        p.full_name,
        p.department,
        p.team,
        p.role,
        p.location,
        k.skill_id,
        k.skill,
        s.required_level,
        s.importance,
        s.current_level,
        s.current_level >= s.required_level AS met,
        greatest(s.required_level - s.current_level, 0) AS gap,
        s.best_record_id
    FROM requirement_status AS s
    INNER JOIN people AS p ON p.person_key = s.person_key
    INNER JOIN mart_skills AS k ON k.skill_key = s.skill_key
),
