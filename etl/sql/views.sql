-- Skillgrid warehouse: views over the base tables, created by etl.warehouse.create_schema after the
-- migrations (a warehouse made by schema version 2 or earlier has a table where this view goes).
-- Documented in docs/SCHEMA.md with the tables.

-- One row per current learning record, with its learner's source values and match, its program and status,
-- and the format of the file that brought it: the columns learning_records had as a table up to schema
-- version 2. Readers use this; loads write learning_record_rows, learning_identities and
-- learning_record_attributes.
CREATE OR REPLACE VIEW learning_records AS
SELECT r.record_id, r.record_key, i.employee_id, i.match_method, a.program_name, a.provider, a.program_type,
       a.status, a.source_status, r.started_on, r.completed_on, r.expires_on, r.cost, r.hours,
       i.source_employee_id, i.source_external_id, i.source_email, i.source_name, r.credential_url,
       l.source_format, r.source_row, r.load_id
FROM learning_record_rows AS r
JOIN learning_identities AS i USING (identity_id)
JOIN learning_record_attributes AS a USING (attributes_id)
JOIN ingest_log AS l USING (load_id);
