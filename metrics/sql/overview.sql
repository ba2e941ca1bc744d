-- overview: one row of headline figures for the slice. expiring = valid credentials (completed, not
-- expired as of $as_of) of people in scope whose expires_on falls in the next $days days.
WITH
-- include: _records
people_counts AS (
    SELECT count(*) AS people, count(DISTINCT team) AS teams
    FROM people
),

record_counts AS (
    SELECT
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) AS spend,
        count(*) FILTER (
            WHERE is_active
                AND status = 'completed'
                AND expires_on > $as_of::DATE
                AND expires_on <= $as_of::DATE + CAST($days AS INTEGER)
        ) AS credentials_expiring
    FROM records
),

final AS (
    SELECT p.people, p.teams, r.records, r.completions, r.spend, r.credentials_expiring
    FROM people_counts AS p
    CROSS JOIN record_counts AS r
)

SELECT * FROM final
