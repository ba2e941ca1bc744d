-- coverage: one row per team x required skill. Key: (team, skill_id).
-- coverage = members_meeting / required_members among people in scope whose role requires the skill: the sums
-- of requirement_groups (team x skill x level) per team and skill; the skill's text from mart_skills.
WITH
-- include: _requirement_groups
-- include: _team_sizes
by_team_skill AS (
    SELECT
        team,
        skill_key,
        CAST(sum(requirements) AS BIGINT) AS required_members,
        CAST(sum(met) AS BIGINT) AS members_meeting
    FROM requirement_groups
    GROUP BY team, skill_key
),

final AS (
    SELECT
        b.team,
        k.skill_id,
        k.skill,
        b.required_members,
        b.members_meeting,
        CAST(b.members_meeting AS DOUBLE) / b.required_members AS coverage,
        t.team_size
    FROM by_team_skill AS b
    INNER JOIN mart_skills AS k ON k.skill_key = b.skill_key
    INNER JOIN team_sizes AS t ON t.team = b.team
)

SELECT * FROM final ORDER BY team, skill, skill_id
