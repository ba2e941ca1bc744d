-- mart_records: one row per learning record (current version), matched to a person or not. Key: record_id.
-- A view: mart_record_facts (written per load; integers, dates and numbers) joined to mart_record_programs
-- (one row per program named) on the integer program_ref, so the program's text is written once per program
-- and not once per record. A query pays only for the columns it reads, bar that one small join.
-- canonical_program_key is the catalogue key when the record matched the catalogue, else the record's own
-- key: the key to group "the same program" by. The person's employee_id is in mart_org (join on
-- person_key); the identifiers and provenance as the file gave them (record_key, match_method, source_*,
-- credential_url, source_format, source_row) stay in learning_records (join on record_id): they are read
-- for one person or for the unmatched records only.
CREATE OR REPLACE VIEW mart_records AS
SELECT
    f.record_id,
    f.person_key,
    p.program_key,
    p.program_name,
    p.provider,
    f.program_type,
    f.status,
    f.started_on,
    f.completed_on,
    f.expires_on,
    CASE WHEN f.expiry_from_catalogue THEN 'catalogue' WHEN f.expires_on IS NOT NULL THEN 'record' END
        AS expiry_source,
    f.activity_on,
    f.cost,
    f.hours,
    f.effective_cost,
    CASE WHEN f.cost IS NOT NULL THEN 'record' WHEN f.effective_cost IS NOT NULL THEN 'catalogue' END
        AS cost_source,
    f.effective_hours,
    CASE WHEN f.hours IS NOT NULL THEN 'record' WHEN f.effective_hours IS NOT NULL THEN 'catalogue' END
        AS hours_source,
    p.catalogue_program_key,
    p.canonical_program_key,
    p.canonical_program_name,
    p.canonical_provider,
    p.catalogue_match,
    f.load_id
FROM mart_record_facts AS f
INNER JOIN mart_record_programs AS p ON p.program_ref = f.program_ref
