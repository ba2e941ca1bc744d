-- outcomes: one row per cohort: 'micro_credentials_and_certifications', 'traditional_courses_and_degrees'
-- (people with a completion of that group in the window; anchor = their first such completion) and
-- 'no_completion' (people with no completion at all from the window start to $as_of; anchor = window end).
-- The window ends 12 months before $as_of (or at $date_to if earlier) so every anchor has a full 12 months
-- of follow-up. A person counts (n) when employed on their anchor date. promoted = a role change dated in
-- (anchor, anchor + 12 months]; retained = not terminated on or before anchor + 12 months. People are
-- joined on the integer person_key (employee_id only for the role changes of the ~1 in 5 anchored).
-- Completions are read from mart_record_facts: the mart_records view's program columns are not needed.
WITH
-- include: _people
-- members is read three times below: keep the four columns they use once (the fragment is not materialised)
cohort_members AS MATERIALIZED (
    SELECT person_key, employee_id, hire_date, termination_date FROM members
),

bounds AS (
    SELECT
        least(
            CAST($as_of::DATE - INTERVAL 12 MONTH AS DATE),
            coalesce($date_to::DATE, CAST($as_of::DATE - INTERVAL 12 MONTH AS DATE))
        ) AS window_end
),

person_completions AS (
    -- one pass over completed records of members: each person's first completion per group inside the
    -- window (the anchors), and whether they completed anything from the window start to $as_of
    SELECT
        r.person_key,
        min(r.completed_on) FILTER (
            WHERE coalesce(r.program_type IN ('micro_credential', 'certification'), false)
                AND r.completed_on <= b.window_end
                AND ($date_from::DATE IS NULL OR r.completed_on >= $date_from::DATE)
        ) AS micro_anchor,
        min(r.completed_on) FILTER (
            WHERE NOT coalesce(r.program_type IN ('micro_credential', 'certification'), false)
                AND r.completed_on <= b.window_end
                AND ($date_from::DATE IS NULL OR r.completed_on >= $date_from::DATE)
        ) AS traditional_anchor,
        bool_or(
            r.completed_on IS NULL
            OR (
                r.completed_on <= $as_of::DATE
                AND ($date_from::DATE IS NULL OR r.completed_on >= $date_from::DATE)
            )
        ) AS completed_any
    FROM mart_record_facts AS r
    INNER JOIN cohort_members AS m ON m.person_key = r.person_key
    CROSS JOIN bounds AS b
    WHERE r.status = 'completed'
        AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], r.program_type))
    GROUP BY r.person_key
),

treated AS (
    SELECT person_key, 'micro_credentials_and_certifications' AS cohort, micro_anchor AS anchor_on
    FROM person_completions
    WHERE micro_anchor IS NOT NULL
    UNION ALL
    SELECT person_key, 'traditional_courses_and_degrees' AS cohort, traditional_anchor AS anchor_on
    FROM person_completions
    WHERE traditional_anchor IS NOT NULL
),

untreated AS (
    SELECT m.person_key, 'no_completion' AS cohort, b.window_end AS anchor_on
    FROM cohort_members AS m
    CROSS JOIN bounds AS b
    LEFT JOIN person_completions AS c ON c.person_key = m.person_key
    WHERE c.completed_any IS NOT TRUE
),

cohorts AS (
    SELECT * FROM treated
    UNION ALL
    SELECT * FROM untreated
),

followed AS (
    SELECT
        c.cohort,
        m.employee_id,
        c.anchor_on,
        CAST(c.anchor_on + INTERVAL 12 MONTH AS DATE) AS follow_up_end,
        (m.hire_date IS NULL OR m.hire_date <= c.anchor_on)
            AND (m.termination_date IS NULL OR m.termination_date > c.anchor_on) AS employed_at_anchor,
        m.termination_date
    FROM cohorts AS c
    INNER JOIN cohort_members AS m ON m.person_key = c.person_key
),

scored AS (
    SELECT
        f.cohort,
        f.employed_at_anchor,
        EXISTS (
            SELECT 1 FROM mart_role_changes AS rc
            WHERE rc.employee_id = f.employee_id
                AND rc.changed_on > f.anchor_on
                AND rc.changed_on <= f.follow_up_end
        ) AS promoted,
        f.termination_date IS NULL OR f.termination_date > f.follow_up_end AS retained
    FROM followed AS f
),

cohort_names AS (
    SELECT * FROM (VALUES
        (1, 'micro_credentials_and_certifications'),
        (2, 'traditional_courses_and_degrees'),
        (3, 'no_completion')
    ) AS v (position, cohort)
),

final AS (
    SELECT
        n.cohort,
        count(s.cohort) FILTER (WHERE s.employed_at_anchor) AS n,
        count(s.cohort) FILTER (WHERE s.employed_at_anchor AND s.promoted) AS promoted,
        count(s.cohort) FILTER (WHERE s.employed_at_anchor AND s.retained) AS retained,
        count(s.cohort) FILTER (WHERE NOT s.employed_at_anchor) AS not_employed_at_anchor,
        (SELECT window_end FROM bounds) AS window_end,
        n.position
    FROM cohort_names AS n
    LEFT JOIN scored AS s ON s.cohort = n.cohort
    GROUP BY n.cohort, n.position
)

SELECT * EXCLUDE (position) FROM final ORDER BY position
