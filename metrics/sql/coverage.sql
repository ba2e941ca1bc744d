-- coverage: one row per team x required skill. Key: (team, skill_id).
-- coverage = members_meeting / required_members among people in scope whose role requires the skill.
WITH
-- include: _requirements
-- include: _team_sizes
by_team_skill AS (
    SELECT
        team,
        skill_key,
        any_value(skill_id) AS skill_id,
        any_value(skill) AS skill,
        count(*) AS required_members,
        count(*) FILTER (WHERE met) AS members_meeting
    FROM requirements
    GROUP BY team, skill_key
),

final AS (
    SELECT
        b.team,
        b.skill_id,
        b.skill,
        b.required_members,
        b.members_meeting,
        CAST(b.members_meeting AS DOUBLE) / b.required_members AS coverage,
        t.team_size
    FROM by_team_skill AS b
    INNER JOIN team_sizes AS t ON t.team = b.team
)

SELECT * FROM final ORDER BY team, skill, skill_id
