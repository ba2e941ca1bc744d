-- org_target_achievement: one row for everyone in scope. rate is null when nobody has a requirement.
-- requirement_status holds exactly the requirements of the people in scope, so it is counted on its own.
WITH
-- include: _requirement_status
final AS (
    SELECT
        count(*) AS requirements,
        count(*) FILTER (WHERE current_level >= required_level) AS met,
        CAST(count(*) FILTER (WHERE current_level >= required_level) AS DOUBLE) / nullif(count(*), 0) AS rate,
        count(DISTINCT person_key) AS people_with_requirements,
        (SELECT count(*) FROM people) AS people
    FROM requirement_status
)

SELECT * FROM final
