-- overview: one row of headline figures for the slice. expiring = valid credentials (completed, not
-- expired as of $as_of) of people in scope whose expires_on falls in the next $days days.
WITH
-- include: _records
final AS (
    SELECT
        (SELECT count(*) FROM people) AS people,
        (SELECT count(DISTINCT team) FROM people) AS teams,
        (SELECT count(*) FROM records) AS records,
        (SELECT count(*) FROM records WHERE status = 'completed') AS completions,
        (SELECT CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) FROM records) AS spend,
        (
            SELECT count(*) FROM records
            WHERE is_active
                AND status = 'completed'
                AND expires_on > $as_of::DATE
                AND expires_on <= $as_of::DATE + CAST($days AS INTEGER)
        ) AS credentials_expiring
)

SELECT * FROM final
