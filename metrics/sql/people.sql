-- people: one row per person in scope (employed as of $as_of). Key: employee_id.
WITH
-- include: _records
-- include: _requirements
req AS (
    SELECT person_key, count(*) AS requirements, count(*) FILTER (WHERE met) AS met
    FROM requirements
    GROUP BY person_key
),

rec AS (
    SELECT
        person_key,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        count(*) FILTER (
            WHERE status = 'completed' AND (expires_on IS NULL OR expires_on > $as_of::DATE)
        ) AS valid_credentials
    FROM records
    GROUP BY person_key
),

final AS (
    SELECT
        p.employee_id,
        p.full_name,
        p.department,
        p.team,
        p.role,
        p.location,
        p.manager_id,
        p.manager_name,
        coalesce(req.requirements, 0) AS requirements,
        coalesce(req.met, 0) AS met,
        coalesce(req.requirements, 0) - coalesce(req.met, 0) AS missing,
        coalesce(rec.completions, 0) AS completions,
        coalesce(rec.valid_credentials, 0) AS valid_credentials
    FROM people AS p
    LEFT JOIN req ON req.person_key = p.person_key
    LEFT JOIN rec ON rec.person_key = p.person_key
)

SELECT * FROM final ORDER BY full_name, employee_id
