-- gap_summary_by_team: one row per team x required skill. Key: (team, skill_id).
-- The sums of requirement_groups (team x skill x level) per team and skill; the skill's text from mart_skills.
WITH
-- include: _requirement_groups
-- include: _team_sizes
by_team_skill AS (
    SELECT
        team,
        skill_key,
        CAST(sum(requirements) AS BIGINT) AS people_requiring,
        CAST(sum(unmet) AS BIGINT) AS people_with_gap,
        CAST(sum(total_gap) AS BIGINT) AS total_gap
    FROM requirement_groups
    GROUP BY team, skill_key
),

final AS (
    SELECT
        b.team,
        k.skill_id,
        k.skill,
        b.people_requiring,
        b.people_with_gap,
        b.total_gap,
        t.team_size
    FROM by_team_skill AS b
    INNER JOIN mart_skills AS k ON k.skill_key = b.skill_key
    INNER JOIN team_sizes AS t ON t.team = b.team
)

SELECT * FROM final ORDER BY team, total_gap DESC, skill, skill_id
