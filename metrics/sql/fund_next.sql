-- fund_next: one row per skill with unmet requirements x catalogue program that teaches it at a level that
-- would close at least one of those gaps. Key: (skill_id, program_key).
-- typical_cost = median cost of the program's actual records that state a cost, else its list cost;
-- typical_hours likewise; completion_rate = completed / (records no longer in progress). Actuals come from
-- every record (matched or not) dated on or before $as_of: they describe the program, not the slice.
WITH
-- include: _requirement_groups
-- the unmet requirements per skill, and per skill and required level (a few hundred rows for the join below)
gap_skills AS (
    SELECT skill_key, CAST(sum(unmet) AS BIGINT) AS people_with_gap, CAST(sum(total_gap) AS BIGINT) AS total_gap
    FROM requirement_groups
    GROUP BY skill_key
    HAVING sum(unmet) > 0
),

unmet_levels AS (
    SELECT skill_key, required_level, CAST(sum(unmet) AS BIGINT) AS unmet
    FROM requirement_groups
    WHERE unmet > 0
    GROUP BY skill_key, required_level
),

closes AS (
    SELECT
        ps.program_key,
        ps.skill_key,
        ps.level AS teaches_level,
        CAST(sum(u.unmet) AS BIGINT) AS gaps_it_would_close
    FROM mart_program_skills AS ps
    INNER JOIN unmet_levels AS u ON u.skill_key = ps.skill_key AND u.required_level <= ps.level
    WHERE len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], ps.program_type)
    GROUP BY ps.program_key, ps.skill_key, ps.level
),

actuals AS (
    SELECT
        catalogue_program_key AS program_key,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        count(*) FILTER (WHERE status <> 'in_progress') AS ended,
        median(cost) AS median_cost,
        median(hours) AS median_hours
    FROM mart_records
    WHERE catalogue_program_key IS NOT NULL
        AND (activity_on IS NULL OR activity_on <= $as_of::DATE)
    GROUP BY catalogue_program_key
),

final AS (
    SELECT
        ps.skill_id,
        ps.skill,
        g.people_with_gap,
        g.total_gap,
        ps.program_key,
        ps.program_name,
        ps.provider,
        ps.program_type,
        c.teaches_level,
        c.gaps_it_would_close,
        CAST(coalesce(a.median_cost, ps.list_cost) AS DOUBLE) AS typical_cost,
        CASE
            WHEN a.median_cost IS NOT NULL THEN 'median of actual records'
            WHEN ps.list_cost IS NOT NULL THEN 'catalogue list cost'
        END AS cost_basis,
        CAST(coalesce(a.median_hours, ps.list_hours) AS DOUBLE) AS typical_hours,
        coalesce(a.records, 0) AS records,
        CAST(a.completions AS DOUBLE) / nullif(a.ended, 0) AS completion_rate
    FROM closes AS c
    INNER JOIN mart_program_skills AS ps ON ps.program_key = c.program_key AND ps.skill_key = c.skill_key
    INNER JOIN gap_skills AS g ON g.skill_key = c.skill_key
    LEFT JOIN actuals AS a ON a.program_key = c.program_key
)

SELECT * FROM final
ORDER BY total_gap DESC, skill, gaps_it_would_close DESC, typical_cost ASC NULLS LAST, program_name, program_key
