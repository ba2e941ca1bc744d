-- Schema version 4: a learning record's program_name, provider, program_type, status and source_status move
-- from every learning_record_rows row into learning_record_attributes, one row per distinct combination, which
-- the record names by attributes_id; the learning_records view (etl/sql/views.sql) reads them back with the
-- same columns. Run by etl.warehouse.create_schema, once per warehouse and in one transaction, after the
-- version 3 table was renamed learning_record_rows_v3 and schema.sql created the new one (empty). Clearing the
-- new tables first keeps the move exact whatever they held; record ids, keys and every other value are kept.
DELETE FROM learning_record_rows;
DELETE FROM learning_record_attributes;

INSERT INTO learning_record_attributes
SELECT
    row_number() OVER (
        ORDER BY program_name, provider NULLS FIRST, program_type, status, source_status NULLS FIRST
    )::INTEGER AS attributes_id,
    program_name,
    provider,
    program_type,
    status,
    source_status
FROM (SELECT DISTINCT program_name, provider, program_type, status, source_status FROM learning_record_rows_v3);

INSERT INTO learning_record_rows
SELECT r.record_id, r.record_key, r.identity_id, a.attributes_id, r.started_on, r.completed_on, r.expires_on,
       r.cost, r.hours, r.credential_url, r.source_row, r.load_id
FROM learning_record_rows_v3 AS r
JOIN learning_record_attributes AS a
    ON a.program_name = r.program_name
   AND a.provider IS NOT DISTINCT FROM r.provider
   AND a.program_type = r.program_type
   AND a.status = r.status
   AND a.source_status IS NOT DISTINCT FROM r.source_status;

DROP TABLE learning_record_rows_v3;
