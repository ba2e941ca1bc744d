-- bus_factor: one row per required skill x required level (as some role in scope requires it) that two or
-- fewer people in scope meet. people_meeting counts anyone in scope at or above the level, required or not.
WITH
-- include: _requirements
required AS (
    SELECT skill_key, any_value(skill_id) AS skill_id, any_value(skill) AS skill, required_level,
        count(*) AS people_requiring
    FROM requirements
    GROUP BY skill_key, required_level
),

meeting AS (
    SELECT
        r.skill_key,
        r.required_level,
        count(l.person_key) AS people_meeting,
        list(p.full_name ORDER BY p.full_name) FILTER (WHERE l.person_key IS NOT NULL) AS holders
    FROM required AS r
    LEFT JOIN levels AS l ON l.skill_key = r.skill_key AND l.current_level >= r.required_level
    LEFT JOIN people AS p ON p.person_key = l.person_key
    GROUP BY r.skill_key, r.required_level
),

final AS (
    SELECT
        r.skill_id,
        r.skill,
        r.required_level,
        r.people_requiring,
        m.people_meeting,
        coalesce(m.holders, CAST([] AS VARCHAR[])) AS holders
    FROM required AS r
    INNER JOIN meeting AS m ON m.skill_key = r.skill_key AND m.required_level = r.required_level
    WHERE m.people_meeting <= 2
)

SELECT * FROM final ORDER BY people_meeting, people_requiring DESC, skill, required_level
