-- Fragment. canonical_programs: each program that learning records name (program_ref), numbered by its
-- canonical program (canonical_ref: the catalogue program it matched, else its own name + provider; a null
-- key is one program too), with that program's key and names. Queries that group records by program group
-- on canonical_ref: a dense_rank over the few hundred rows of mart_record_programs, so the ~870k records at
-- 100,000 employees never group on text.
canonical_programs AS (
    SELECT
        program_ref,
        dense_rank() OVER (ORDER BY canonical_program_key) AS canonical_ref,
        canonical_program_key,
        canonical_program_name,
        canonical_provider,
        catalogue_program_key
    FROM mart_record_programs
),
