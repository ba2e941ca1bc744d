-- economics: one row per group of learning records in scope, grouped by $group_by:
-- 'program_type', 'type_group' (micro_credentials_and_certifications | traditional_courses_and_degrees),
-- 'program' (the catalogue program a record matched, else its own name + provider) or 'provider'. Key: group_key.
-- Costs and hours are the record's own, else the catalogue list value. completion_rate = completions /
-- records (as the issue defines it); completion_rate_of_finished = completions / (records - in_progress). requirements_met credits each met requirement to the group of its best valid
-- evidence. Ratios are null, not infinite, when the denominator is 0.
-- program_name, provider and program_type are filled for 'program' only (the other groupings do not show them).
--
-- Speed: participants are distinct (group, person) pairs, ~640k of them at 100k employees; grouping those
-- pairs on the group's text was most of the query's time, so they are grouped on a 64-bit hash of it. The
-- hash is exact only while no two groups share one: hash_collisions counts groups that do, and
-- queries.run_hashed then runs the query again with another $key_salt (which changes every hash).
WITH
-- include: _program_records
-- include: _requirement_evidence
grouped_records AS (
    SELECT
        person_key,
        status,
        program_type,
        canonical_program_name,
        canonical_provider,
        effective_cost,
        effective_hours,
        completed_on - started_on AS days_to_complete,
        status = 'completed' AND (termination_date IS NULL OR termination_date > $as_of::DATE) AS retained,
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
        hash(CASE WHEN $key_salt::INTEGER = 0 THEN group_key ELSE group_key || $key_salt::VARCHAR END) AS group_hash
    FROM program_records
),

by_group AS (
    SELECT
        group_key,
        any_value(group_hash) AS group_hash,
        CASE WHEN $group_by::VARCHAR = 'program' THEN min(canonical_program_name) END AS program_name,
        CASE WHEN $group_by::VARCHAR = 'program' THEN min(canonical_provider) END AS provider,
        CASE WHEN $group_by::VARCHAR = 'program' THEN mode(program_type) END AS program_type,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
        CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) AS total_cost,
        CAST(coalesce(sum(effective_hours), 0) AS DOUBLE) AS total_hours,
        CAST(median(days_to_complete) FILTER (
            WHERE status = 'completed' AND days_to_complete >= 0
        ) AS DOUBLE) AS median_days_to_complete
    FROM grouped_records
    WHERE group_key IS NOT NULL
    GROUP BY group_key
),

-- participants and retained completers: one row per (group, person); retained is true when one of the
-- person's records in the group is a completion and the person is still employed on $as_of
by_person AS (
    SELECT
        group_hash,
        person_key,
        bool_or(retained) AS retained
    FROM grouped_records
    WHERE group_key IS NOT NULL
    GROUP BY group_hash, person_key
),

people_per_group AS (
    SELECT
        group_hash,
        count(*) AS participants,
        count(*) FILTER (WHERE retained) AS retained_completers
    FROM by_person
    GROUP BY group_hash
),

-- requirements met, credited to the group of the record behind their best valid evidence. A met requirement
-- has valid evidence, so this reads the valid rows of mart_requirement_evidence (_requirement_evidence.sql)
-- for the people in scope rather than requirement_status, whose outer join adds the ~430k requirements without
-- any at 100,000 employees: the ROI page, the only page that draws this, then builds no shared table
-- (~0.15-0.2 s of its first view). Only rows at or above the required level are ranked: a requirement is met
-- exactly when it has one, and then its best valid row is among them (~30% fewer rows to group at 100,000
-- employees).
met_evidence AS (
    SELECT person_key, skill_key, min(rank_key) & 1099511627775 AS best_record_id
    FROM valid_requirement_evidence
    WHERE level >= required_level
    GROUP BY person_key, skill_key
),

grouped_met AS (
    SELECT
        CASE $group_by::VARCHAR
            WHEN 'program_type' THEN r.program_type
            WHEN 'type_group' THEN CASE
                WHEN r.program_type IN ('micro_credential', 'certification')
                    THEN 'micro_credentials_and_certifications'
                ELSE 'traditional_courses_and_degrees'
            END
            WHEN 'program' THEN r.canonical_program_key
            WHEN 'provider' THEN coalesce(nullif(trim(r.provider), ''), '(no provider)')
        END AS group_key,
        count(*) AS requirements_met
    FROM met_evidence AS b
    SEMI JOIN people AS p ON p.person_key = b.person_key
    INNER JOIN mart_records AS r ON r.record_id = b.best_record_id
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
        pp.retained_completers,
        (SELECT count(*) - count(DISTINCT group_hash) FROM by_group) AS hash_collisions
    FROM by_group AS b
    INNER JOIN people_per_group AS pp ON pp.group_hash = b.group_hash
    LEFT JOIN grouped_met AS m ON m.group_key = b.group_key
)

SELECT * FROM final ORDER BY group_key
