-- gaps_top: the first $limit rows of `gaps` in its order (gap, then importance with unknown last, then
-- employee_id, skill, skill_id), with the size of the whole list on every row (gap_rows, people_with_gaps)
-- so a page can say what it leaves out. Key: (employee_id, skill_id). A top-N sort keeps only $limit rows,
-- where sorting the whole list (~500k rows at 100,000 employees) is what makes `gaps` slow to show.
--
-- Speed: the sizes and the top-N are taken on the integers of requirement_status, and only the rows kept get
-- their text. person_key follows employee_id's order (mart_org numbers people by it), so ordering by
-- (gap, importance, person_key) is the list's own order up to the skill: the first $limit rows in it, plus
-- every other unmet requirement of the last kept (gap, importance, person) -- the skill decides among those --
-- hold the list's first $limit rows. Reading the ~650k unmet requirements with their text twice had DuckDB
-- write them all out first (0.15 s of CPU at 100,000 employees).
WITH
-- include: _requirement_status
unmet_keys AS (
    SELECT
        s.person_key,
        s.skill_key,
        s.required_level,
        s.current_level,
        s.required_level - s.current_level AS gap,
        s.importance
    FROM requirement_status AS s
    SEMI JOIN people AS p ON p.person_key = s.person_key
    WHERE s.current_level < s.required_level
),

sizes AS (
    SELECT count(*) AS gap_rows, count(DISTINCT person_key) AS people_with_gaps FROM unmet_keys
),

top_keys AS (
    SELECT *
    FROM unmet_keys
    ORDER BY gap DESC, importance DESC NULLS LAST, person_key
    LIMIT $limit
),

last_kept AS (
    SELECT gap, importance, person_key
    FROM top_keys
    ORDER BY gap, importance NULLS FIRST, person_key DESC
    LIMIT 1
),

candidates AS (
    SELECT * FROM top_keys
    UNION
    SELECT u.*
    FROM unmet_keys AS u
    INNER JOIN last_kept AS e
        ON u.person_key = e.person_key AND u.gap = e.gap AND u.importance IS NOT DISTINCT FROM e.importance
),

first_rows AS (
    SELECT
        p.employee_id,
        p.full_name,
        p.team,
        p.role,
        k.skill_id,
        k.skill,
        c.required_level,
        c.current_level,
        c.gap,
        c.importance
    FROM candidates AS c
    INNER JOIN people AS p ON p.person_key = c.person_key
    INNER JOIN mart_skills AS k ON k.skill_key = c.skill_key
    ORDER BY c.gap DESC, c.importance DESC NULLS LAST, p.employee_id, k.skill, k.skill_id
    LIMIT $limit
),

final AS (
    SELECT first_rows.*, sizes.gap_rows, sizes.people_with_gaps
    FROM sizes
    LEFT JOIN first_rows ON true
)

SELECT * FROM final ORDER BY gap DESC, importance DESC NULLS LAST, employee_id, skill, skill_id
