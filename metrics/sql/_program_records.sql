-- include: _records
-- Fragment. program_records: records (see _records.sql) with their program's names and keys from
-- mart_record_programs (the columns the mart_records view adds), for the queries that group or label by
-- program; the others read records and skip this join.
program_records AS NOT MATERIALIZED (
    SELECT
        r.*,
        p.program_key,
        p.catalogue_program_key,
        p.canonical_program_key,
        p.canonical_program_name,
        p.canonical_provider,
        p.program_name,
        p.provider
    FROM records AS r
    INNER JOIN mart_record_programs AS p ON p.program_ref = r.program_ref
),
