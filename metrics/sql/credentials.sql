-- credentials: one row per program (the catalogue program a record matched, else the record's own name +
-- provider). Key: program_key (= mart_records.canonical_program_key).
-- holders = people in scope (employed as of $as_of) holding a valid completion of it as of $as_of.
WITH
-- include: _records
held AS (
    -- distinct holders counted over valid completions only (a filtered DISTINCT would group every record)
    SELECT canonical_program_key, count(DISTINCT person_key) AS holders
    FROM records
    WHERE is_active
        AND status = 'completed'
        AND (expires_on IS NULL OR expires_on > $as_of::DATE)
    GROUP BY canonical_program_key
),

by_program AS (
    SELECT
        canonical_program_key AS program_key,
        min(canonical_program_name) AS program_name,
        min(canonical_provider) AS provider,
        mode(program_type) AS program_type,
        bool_or(catalogue_program_key IS NOT NULL) AS in_catalogue,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) AS spend
    FROM records
    GROUP BY canonical_program_key
),

final AS (
    SELECT
        b.program_key,
        b.program_name,
        b.provider,
        b.program_type,
        b.in_catalogue,
        coalesce(h.holders, 0) AS holders,
        b.records,
        b.completions,
        b.spend
    FROM by_program AS b
    LEFT JOIN held AS h ON h.canonical_program_key IS NOT DISTINCT FROM b.program_key
)

SELECT * FROM final ORDER BY holders DESC, records DESC, program_name, program_key
