-- bus_factor: one row per required skill x required level (as some role in scope requires it) that two or
-- fewer people in scope meet. people_meeting counts anyone in scope at or above the level, required or not.
-- Holders' names are gathered only for the rows kept (a skill held by thousands needs no list of them).
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
        count(l.person_key) AS people_meeting
    FROM required AS r
    LEFT JOIN levels AS l ON l.skill_key = r.skill_key AND l.current_level >= r.required_level
    GROUP BY r.skill_key, r.required_level
    HAVING count(l.person_key) <= 2
),

holders AS (
    SELECT
        m.skill_key,
        m.required_level,
        list(p.full_name ORDER BY p.full_name) AS holders
    FROM meeting AS m
    INNER JOIN levels AS l ON l.skill_key = m.skill_key AND l.current_level >= m.required_level
    INNER JOIN people AS p ON p.person_key = l.person_key
    GROUP BY m.skill_key, m.required_level
),

final AS (
    SELECT
        r.skill_id,
        r.skill,
        r.required_level,
        r.people_requiring,
        m.people_meeting,
        coalesce(h.holders, CAST([] AS VARCHAR[])) AS holders
    FROM required AS r
    INNER JOIN meeting AS m ON m.skill_key = r.skill_key AND m.required_level = r.required_level
    LEFT JOIN holders AS h ON h.skill_key = r.skill_key AND h.required_level = r.required_level
)

SELECT * FROM final ORDER BY people_meeting, people_requiring DESC, skill, required_level
