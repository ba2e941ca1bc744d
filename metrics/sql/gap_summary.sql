-- gap_summary: one row per required skill across everyone in scope. Key: skill_id.
WITH
-- include: _requirements
final AS (
    SELECT
        any_value(skill_id) AS skill_id,
        any_value(skill) AS skill,
        count(*) AS people_requiring,
        count(*) FILTER (WHERE NOT met) AS people_with_gap,
        CAST(sum(gap) AS BIGINT) AS total_gap,
        max(gap) AS max_gap
    FROM requirements
    GROUP BY skill_key
)

SELECT * FROM final ORDER BY total_gap DESC, people_with_gap DESC, skill, skill_id
