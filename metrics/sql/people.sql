-- people: one row per person in scope (employed as of $as_of). Key: employee_id.
-- requirements counts the skills each person's role requires (mart_role_skills per role); met counts those
-- whose current level reaches the required level, read from requirement_evidence (it holds every requirement
-- with valid evidence and its required_level), so the ~700k requirement rows are never formed: the page lists
-- everyone, usually on its own, and this is its costliest step. completions and valid_credentials count
-- completed records only. People come in name order (full_name, then employee_id), as in people_names.
WITH
-- include: _records
-- include: _requirement_evidence
role_requirement_counts AS (
    SELECT role_key, count(*) AS requirements
    FROM mart_role_skills
    GROUP BY role_key
),

met AS (
    SELECT person_key, count(*) AS met
    FROM requirement_evidence
    WHERE current_level >= required_level
    GROUP BY person_key
),

rec AS (
    SELECT
        person_key,
        count(*) AS completions,
        count(*) FILTER (WHERE expires_on IS NULL OR expires_on > $as_of::DATE) AS valid_credentials
    FROM records
    WHERE status = 'completed'
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
        coalesce(met.met, 0) AS met,
        coalesce(req.requirements, 0) - coalesce(met.met, 0) AS missing,
        coalesce(rec.completions, 0) AS completions,
        coalesce(rec.valid_credentials, 0) AS valid_credentials,
        p.name_order
    FROM people AS p
    LEFT JOIN role_requirement_counts AS req ON req.role_key = p.role_key
    LEFT JOIN met ON met.person_key = p.person_key
    LEFT JOIN rec ON rec.person_key = p.person_key
)

-- name_order: (full_name, employee_id), numbered in mart_org
SELECT * EXCLUDE (name_order) FROM final ORDER BY name_order
