-- include: _records
-- include: _canonical_programs
-- Fragment. tracked: one row per credential of a person in scope that needs attention as of $as_of:
-- 'expiring' (completed, expires_on in ($as_of, $as_of + $days]), 'expired' (completed, expires_on on or
-- before $as_of) or 'revoked'. renewed = the person holds another valid completion of the same program (the
-- canonical program: the catalogue program a record matched, else its own name + provider).
-- Integers only (record, person and program keys; the readers add the text of the rows they keep, and
-- person_key follows employee_id's order, as mart_org numbers people by it). renewed counts each tracked
-- person's valid completions of their tracked programs once (renewals) where a correlated EXISTS joined
-- every tracked record to the person's records on the program's text key (at 100,000 employees the page's
-- first rows took 0.11 s against ~0.09 s).
flagged AS (
    SELECT
        r.record_id,
        r.person_key,
        r.program_ref,
        g.canonical_ref,
        r.program_type,
        r.completed_on,
        r.expires_on,
        r.expiry_source,
        CASE
            WHEN r.status = 'revoked' THEN 'revoked'
            WHEN r.status = 'completed' AND r.expires_on <= $as_of::DATE THEN 'expired'
            WHEN r.status = 'completed' AND r.expires_on <= $as_of::DATE + CAST($days AS INTEGER) THEN 'expiring'
        END AS state
    FROM records AS r
    INNER JOIN canonical_programs AS g ON g.program_ref = r.program_ref
    WHERE r.is_active
),

-- valid completions per (person, program) of the tracked ones: how many, and the lowest record id, so that
-- "another" excludes the tracked record itself (an expiring credential is still valid)
renewals AS (
    SELECT o.person_key, g.canonical_ref, count(*) AS valid, min(o.record_id) AS first_id
    FROM records AS o
    INNER JOIN canonical_programs AS g ON g.program_ref = o.program_ref
    SEMI JOIN (SELECT person_key, canonical_ref FROM flagged WHERE state IS NOT NULL) AS t
        ON t.person_key = o.person_key AND t.canonical_ref = g.canonical_ref
    WHERE o.status = 'completed' AND (o.expires_on IS NULL OR o.expires_on > $as_of::DATE)
    GROUP BY o.person_key, g.canonical_ref
),

tracked AS (
    SELECT
        f.state,
        f.record_id,
        f.person_key,
        f.program_ref,
        f.program_type,
        f.completed_on,
        f.expires_on,
        f.expiry_source,
        coalesce(n.valid > 1 OR n.first_id <> f.record_id, false) AS renewed
    FROM flagged AS f
    LEFT JOIN renewals AS n ON n.person_key = f.person_key AND n.canonical_ref = f.canonical_ref
    WHERE f.state IS NOT NULL
),
