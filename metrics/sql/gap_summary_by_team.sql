-- gap_summary_by_team: one row per team x required skill. Key: (team, skill_id).
WITH
-- include: _requirements
-- include: _team_sizes
by_team_skill AS (
    SELECT
        team,
        skill_key,
        any_value(skill_id) AS skill_id,
        any_value(skill) AS skill,
        count(*) AS people_requiring,
        count(*) FILTER (WHERE NOT met) AS people_with_gap,
        CAST(sum(gap) AS BIGINT) AS total_gap
    FROM requirements
    GROUP BY team, skill_key
),

final AS (
    SELECT b.* EXCLUDE (skill_key), t.team_size
    FROM by_team_skill AS b
    INNER JOIN team_sizes AS t ON t.team = b.team
)

SELECT * FROM final ORDER BY team, total_gap DESC, skill, skill_id
