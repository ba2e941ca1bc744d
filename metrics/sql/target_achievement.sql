-- target_achievement: one row per team that has requirements. Key: team.
-- rate = requirements met at the required level / requirements with a required level.
WITH
-- include: _requirements
-- include: _team_sizes
by_team AS (
    SELECT
        team,
        count(*) AS requirements,
        count(*) FILTER (WHERE met) AS met,
        count(DISTINCT person_key) AS people_with_requirements
    FROM requirements
    GROUP BY team
),

final AS (
    SELECT
        b.team,
        b.requirements,
        b.met,
        CAST(b.met AS DOUBLE) / b.requirements AS rate,
        b.people_with_requirements,
        t.team_size
    FROM by_team AS b
    INNER JOIN team_sizes AS t ON t.team = b.team
)

SELECT * FROM final ORDER BY team
