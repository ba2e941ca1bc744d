-- bus_factor: one row per required skill x required level (as some role in scope requires it) that two or
-- fewer people in scope meet. people_meeting counts anyone in scope at or above the level, required or not.
-- Whether more than two people meet a level needs no count of everyone who does: candidates are the valid
-- evidence rows at or above it; the lowest and highest person_key among them (lo, hi) are two of its
-- holders, and a level is "crowded" as soon as a row names a third person. Every other level has 0, 1 or 2
-- holders (lo and hi), whose names are listed. (It used to take each person's level in every skill first:
-- a 900k-group aggregate at 100,000 employees.)
WITH
-- include: _evidence
-- include: _requirement_groups
required AS (
    SELECT g.skill_key, any_value(k.skill_id) AS skill_id, any_value(k.skill) AS skill, g.required_level,
        CAST(sum(g.requirements) AS BIGINT) AS people_requiring
    FROM requirement_groups AS g
    INNER JOIN mart_skills AS k ON k.skill_key = g.skill_key
    GROUP BY g.skill_key, g.required_level
),

-- valid evidence of someone in scope at or above a level some role requires
candidates AS (
    SELECT r.skill_key, r.required_level, e.person_key
    FROM required AS r
    INNER JOIN evidence AS e ON e.skill_key = r.skill_key AND e.level >= r.required_level
),

span AS (
    SELECT skill_key, required_level, min(person_key) AS lo, max(person_key) AS hi
    FROM candidates
    GROUP BY skill_key, required_level
),

-- levels that a third person meets
crowded AS (
    SELECT DISTINCT c.skill_key, c.required_level
    FROM candidates AS c
    INNER JOIN span AS s ON s.skill_key = c.skill_key AND s.required_level = c.required_level
    WHERE c.person_key <> s.lo AND c.person_key <> s.hi
),

meeting AS (
    SELECT
        r.skill_key,
        r.required_level,
        s.lo,
        s.hi,
        CAST(CASE WHEN s.lo IS NULL THEN 0 WHEN s.lo = s.hi THEN 1 ELSE 2 END AS BIGINT) AS people_meeting
    FROM required AS r
    LEFT JOIN span AS s ON s.skill_key = r.skill_key AND s.required_level = r.required_level
    ANTI JOIN crowded AS c ON c.skill_key = r.skill_key AND c.required_level = r.required_level
),

holders AS (
    SELECT
        m.skill_key,
        m.required_level,
        list(p.full_name ORDER BY p.full_name) AS holders
    FROM meeting AS m
    INNER JOIN people AS p ON p.person_key = m.lo OR (p.person_key = m.hi AND m.hi <> m.lo)
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
