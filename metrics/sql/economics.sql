-- economics: one row per group of learning records in scope, grouped by $group_by:
-- 'program_type', 'type_group' (micro_credentials_and_certifications | traditional_courses_and_degrees),
-- 'program' (the catalogue program a record matched, else its own name + provider) or 'provider'. Key: group_key.
-- Costs and hours are the record's own, else the catalogue list value. completion_rate = completions /
-- records (as the issue defines it); completion_rate_of_finished = completions / (records - in_progress). requirements_met credits each met requirement to the group of its best valid
-- evidence (_best_evidence). Ratios are null, not infinite, when the denominator is 0.
WITH
-- include: _records
-- include: _best_evidence
grouped_records AS (
    SELECT
        *,
        CASE $group_by::VARCHAR
            WHEN 'program_type' THEN program_type
            WHEN 'type_group' THEN CASE
                WHEN program_type IN ('micro_credential', 'certification')
                    THEN 'micro_credentials_and_certifications'
                ELSE 'traditional_courses_and_degrees'
            END
            WHEN 'program' THEN canonical_program_key
            WHEN 'provider' THEN coalesce(nullif(trim(provider), ''), '(no provider)')
        END AS group_key
    FROM records
),

grouped_met AS (
    SELECT
        CASE $group_by::VARCHAR
            WHEN 'program_type' THEN program_type
            WHEN 'type_group' THEN CASE
                WHEN program_type IN ('micro_credential', 'certification')
                    THEN 'micro_credentials_and_certifications'
                ELSE 'traditional_courses_and_degrees'
            END
            WHEN 'program' THEN canonical_program_key
            WHEN 'provider' THEN coalesce(nullif(trim(provider), ''), '(no provider)')
        END AS group_key,
        count(*) AS requirements_met
    FROM best_evidence
    WHERE met
    GROUP BY group_key
),

by_person AS (
    SELECT
        group_key,
        person_key,
        bool_or(status = 'completed') AS completed_any,
        any_value(termination_date IS NULL OR termination_date > $as_of::DATE) AS still_employed
    FROM grouped_records
    GROUP BY group_key, person_key
),

people_per_group AS (
    SELECT
        group_key,
        count(*) AS participants,
        count(*) FILTER (WHERE completed_any AND still_employed) AS retained_completers
    FROM by_person
    GROUP BY group_key
),

by_group AS (
    SELECT
        group_key,
        min(canonical_program_name) AS program_name,
        min(canonical_provider) AS provider,
        mode(program_type) AS program_type,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
        CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) AS total_cost,
        CAST(coalesce(sum(effective_hours), 0) AS DOUBLE) AS total_hours,
        CAST(median(completed_on - started_on) FILTER (
            WHERE status = 'completed' AND completed_on >= started_on
        ) AS DOUBLE) AS median_days_to_complete
    FROM grouped_records
    GROUP BY group_key
),

final AS (
    SELECT
        b.group_key,
        b.program_name,
        b.provider,
        b.program_type,
        b.records,
        pp.participants,
        b.completions,
        b.in_progress,
        CAST(b.completions AS DOUBLE) / nullif(b.records, 0) AS completion_rate,
        CAST(b.completions AS DOUBLE) / nullif(b.records - b.in_progress, 0) AS completion_rate_of_finished,
        b.total_cost,
        b.total_cost / nullif(b.completions, 0) AS cost_per_completion,
        b.total_hours,
        b.total_hours / nullif(b.completions, 0) AS hours_per_completion,
        b.median_days_to_complete,
        coalesce(m.requirements_met, 0) AS requirements_met,
        b.total_cost / nullif(coalesce(m.requirements_met, 0), 0) AS cost_per_requirement_met,
        pp.retained_completers
    FROM by_group AS b
    INNER JOIN people_per_group AS pp ON pp.group_key = b.group_key
    LEFT JOIN grouped_met AS m ON m.group_key = b.group_key
)

SELECT * FROM final ORDER BY group_key
