-- trends: one row per month x program type of records in scope, by activity_on (completed_on, else
-- started_on). Key: (month, program_type). Undated records are left out (counted in the Definition).
WITH
-- include: _records
final AS (
    SELECT
        CAST(date_trunc('month', activity_on) AS DATE) AS month,
        program_type,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) AS spend
    FROM records
    WHERE activity_on IS NOT NULL
    GROUP BY ALL
)

SELECT * FROM final ORDER BY month, program_type
