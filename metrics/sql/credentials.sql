-- credentials: one row per program (the catalogue program a record matched, else the record's own name +
-- provider). Key: program_key (= mart_records.canonical_program_key).
-- holders = people in scope (employed as of $as_of) holding a valid completion of it as of $as_of.
-- program_type is the type most of its records carry (ties: the first type alphabetically).
-- The records group on integers: each program a record names (program_ref) maps to one canonical program,
-- numbered (canonical_ref, _canonical_programs.sql) from the few hundred rows of mart_record_programs, so the
-- ~870k records at 100,000 employees never group on text; names and keys are added to the ~100 result rows.
WITH
-- include: _records
-- include: _canonical_programs
held AS (
    -- distinct holders counted over valid completions only (a filtered DISTINCT would group every record)
    SELECT canonical_ref, count(*) AS holders
    FROM (
        SELECT DISTINCT c.canonical_ref, r.person_key
        FROM records AS r
        INNER JOIN canonical_programs AS c ON c.program_ref = r.program_ref
        WHERE r.is_active
            AND r.status = 'completed'
            AND (r.expires_on IS NULL OR r.expires_on > $as_of::DATE)
    )
    GROUP BY canonical_ref
),

-- records, completions and spend per program a record names and type, added up per canonical program below
by_ref AS (
    SELECT
        program_ref,
        program_type,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        sum(effective_cost) AS spend
    FROM records
    GROUP BY program_ref, program_type
),

by_type AS (
    SELECT c.canonical_ref, b.program_type, sum(b.records) AS records
    FROM by_ref AS b
    INNER JOIN canonical_programs AS c ON c.program_ref = b.program_ref
    GROUP BY c.canonical_ref, b.program_type
),

main_type AS (
    SELECT canonical_ref, first(program_type ORDER BY records DESC, program_type) AS program_type
    FROM by_type
    GROUP BY canonical_ref
),

by_program AS (
    SELECT
        c.canonical_ref,
        any_value(c.canonical_program_key) AS program_key,
        min(c.canonical_program_name) AS program_name,
        min(c.canonical_provider) AS provider,
        bool_or(c.catalogue_program_key IS NOT NULL) AS in_catalogue,
        CAST(sum(b.records) AS BIGINT) AS records,
        CAST(sum(b.completions) AS BIGINT) AS completions,
        CAST(coalesce(sum(b.spend), 0) AS DOUBLE) AS spend
    FROM by_ref AS b
    INNER JOIN canonical_programs AS c ON c.program_ref = b.program_ref
    GROUP BY c.canonical_ref
),

final AS (
    SELECT
        b.program_key,
        b.program_name,
        b.provider,
        t.program_type,
        b.in_catalogue,
        coalesce(h.holders, 0) AS holders,
        b.records,
        b.completions,
        b.spend
    FROM by_program AS b
    INNER JOIN main_type AS t ON t.canonical_ref = b.canonical_ref
    LEFT JOIN held AS h ON h.canonical_ref = b.canonical_ref
)

SELECT * FROM final ORDER BY holders DESC, records DESC, program_name, program_key
