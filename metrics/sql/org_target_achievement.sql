-- org_target_achievement: one row for everyone in scope. rate is null when nobody has a requirement.
WITH
-- include: _requirements
final AS (
    SELECT
        count(*) AS requirements,
        count(*) FILTER (WHERE met) AS met,
        CAST(count(*) FILTER (WHERE met) AS DOUBLE) / nullif(count(*), 0) AS rate,
        count(DISTINCT person_key) AS people_with_requirements,
        (SELECT count(*) FROM people) AS people
    FROM requirements
)

SELECT * FROM final
