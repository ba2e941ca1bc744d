-- gap_summary: one row per required skill across everyone in scope. Key: skill_id.
-- The sums of requirement_groups (team x skill x level) per skill; the skill's text from mart_skills.
WITH
-- include: _requirement_groups
by_skill AS (
    SELECT
        skill_key,
        CAST(sum(requirements) AS BIGINT) AS people_requiring,
        CAST(sum(unmet) AS BIGINT) AS people_with_gap,
        CAST(sum(total_gap) AS BIGINT) AS total_gap,
        max(max_gap) AS max_gap
    FROM requirement_groups
    GROUP BY skill_key
),

final AS (
    SELECT
        k.skill_id,
        k.skill,
        b.people_requiring,
        b.people_with_gap,
        b.total_gap,
        b.max_gap
    FROM by_skill AS b
    INNER JOIN mart_skills AS k ON k.skill_key = b.skill_key
)

SELECT * FROM final ORDER BY total_gap DESC, people_with_gap DESC, skill, skill_id
