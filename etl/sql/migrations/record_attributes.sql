-- Schema version 4: a learning record's program_name, provider, program_type, status and source_status move
-- from every learning_record_rows row into learning_record_attributes, one row per distinct combination, which
-- the record names by attributes_id; the learning_records view (etl/sql/views.sql) reads them back with the
-- same columns. Run by etl.warehouse.create_schema, once per warehouse and in one transaction, after the
-- version 3 table was renamed learning_record_rows_v3 and schema.sql created the new one (empty), in three
-- steps: this file names every record's combination, load/record_attributes.sql numbers each combination
-- once (as loads do), and record_attributes_rows.sql moves the records. Clearing the new tables first keeps
-- the move exact whatever they held; record ids, keys and every other value are kept.
DELETE FROM learning_record_rows;
DELETE FROM learning_record_attributes;

CREATE OR REPLACE TEMP TABLE attribute_candidates AS
SELECT record_id, program_name, provider, program_type, status, source_status
FROM learning_record_rows_v3;
