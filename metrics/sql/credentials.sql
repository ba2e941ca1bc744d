-- credentials: one row per program (the catalogue program a record matched, else the record's own name +
-- provider). Key: program_key (= mart_records.canonical_program_key).
-- holders = people in scope (employed as of $as_of) holding a valid completion of it as of $as_of.
WITH
-- include: _program_records
-- holders are distinct (program, person) pairs, grouped on a 64-bit hash of the program key (grouping ~520k
-- pairs on the text was most of the query's time); hash_collisions says whether two programs share a hash,
-- and queries.run_hashed then runs the query again with another $key_salt. A null program key is a group too.
keyed AS (
    SELECT
        *,
        hash(
            CASE WHEN $key_salt::INTEGER = 0 THEN canonical_program_key
            ELSE canonical_program_key || $key_salt::VARCHAR END
        ) AS key_hash
    FROM program_records
),

held AS (
    -- distinct holders counted over valid completions only (a filtered DISTINCT would group every record)
    SELECT key_hash, count(*) AS holders
    FROM (
        SELECT DISTINCT key_hash, person_key
        FROM keyed
        WHERE is_active
            AND status = 'completed'
            AND (expires_on IS NULL OR expires_on > $as_of::DATE)
    )
    GROUP BY key_hash
),

by_program AS (
    SELECT
        canonical_program_key AS program_key,
        any_value(key_hash) AS key_hash,
        min(canonical_program_name) AS program_name,
        min(canonical_provider) AS provider,
        mode(program_type) AS program_type,
        bool_or(catalogue_program_key IS NOT NULL) AS in_catalogue,
        count(*) AS records,
        count(*) FILTER (WHERE status = 'completed') AS completions,
        CAST(coalesce(sum(effective_cost), 0) AS DOUBLE) AS spend
    FROM keyed
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
        b.spend,
        (SELECT count(*) - count(DISTINCT key_hash) FROM by_program) AS hash_collisions
    FROM by_program AS b
    LEFT JOIN held AS h ON h.key_hash = b.key_hash
)

SELECT * FROM final ORDER BY holders DESC, records DESC, program_name, program_key
