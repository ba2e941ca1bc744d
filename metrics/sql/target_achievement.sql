-- target_achievement: one row per team that has requirements. Key: team.
-- rate = requirements met at the required level / requirements with a required level.
-- people_with_requirements counts the team's people whose role requires some skill (mart_role_skills), the
-- people requirement_status has rows for, without a distinct count over every requirement.
WITH
-- include: _requirement_status
-- include: _team_sizes
by_team AS (
    SELECT
        p.team,
        count(*) AS requirements,
        count(*) FILTER (WHERE s.current_level >= s.required_level) AS met
    FROM requirement_status AS s
    INNER JOIN people AS p ON p.person_key = s.person_key
    GROUP BY p.team
),

with_requirements AS (
    SELECT p.team, count(*) AS people_with_requirements
    FROM people AS p
    SEMI JOIN (SELECT DISTINCT role_key FROM mart_role_skills) AS q ON q.role_key = p.role_key
    GROUP BY p.team
),

final AS (
    SELECT
        b.team,
        b.requirements,
        b.met,
        CAST(b.met AS DOUBLE) / b.requirements AS rate,
        w.people_with_requirements,
        t.team_size
    FROM by_team AS b
    INNER JOIN with_requirements AS w ON w.team = b.team
    INNER JOIN team_sizes AS t ON t.team = b.team
)

SELECT * FROM final ORDER BY team
