-- recent_months: completions and spend in each of the last $months calendar months up to the as-of date
-- (the as-of month counts as the last, even if it has only begun), by activity_on (completed_on, else
-- started_on). Every month has a row; a month without records reads 0. Key: month.
WITH
-- include: _records
months AS (
    SELECT CAST(m AS DATE) AS month
    FROM range(
        CAST(date_trunc('month', $as_of::DATE) AS TIMESTAMP) - to_months($months::INTEGER - 1),
        CAST(date_trunc('month', $as_of::DATE) AS TIMESTAMP) + INTERVAL 1 MONTH,
        INTERVAL 1 MONTH
    ) AS t(m)
),
per_month AS (
    SELECT
        CAST(date_trunc('month', activity_on) AS DATE) AS month,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        sum(effective_cost) AS spend
    FROM records
    WHERE activity_on >= (SELECT min(month) FROM months)
    GROUP BY ALL
),
final AS (
    SELECT
        months.month,
        coalesce(per_month.completions, 0) AS completions,
        CAST(coalesce(per_month.spend, 0) AS DOUBLE) AS spend
    FROM months
    LEFT JOIN per_month ON per_month.month = months.month
)

SELECT * FROM final ORDER BY month
