-- Schema version 3: learning_records, a table up to version 2, becomes learning_record_rows plus
-- learning_identities (one row per distinct learner as the files named them), and a view of the old name
-- (etl/sql/views.sql) that reads them back with the same columns. Run by etl.warehouse.create_schema, once
-- per warehouse and in one transaction with the DROP that follows; learning_records_history keeps its shape.
-- source_format is not carried: ingest_log holds it for every load_id, as it always did. The rows go into
-- learning_record_rows_v3, the table as version 3 declared it, which the version 4 step that runs next
-- (record_attributes.sql) moves into learning_record_rows and learning_record_attributes. The new tables start
-- empty (schema.sql has just created them); clearing them first keeps the move exact whatever they held.
DELETE FROM learning_record_rows;
DELETE FROM learning_identities;
DELETE FROM learning_record_attributes;

CREATE OR REPLACE TABLE learning_record_rows_v3 (
    record_id BIGINT NOT NULL,
    record_key VARCHAR NOT NULL,
    identity_id INTEGER NOT NULL,
    program_name VARCHAR NOT NULL,
    provider VARCHAR,
    program_type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    source_status VARCHAR,
    started_on DATE,
    completed_on DATE,
    expires_on DATE,
    cost DOUBLE,
    hours DOUBLE,
    credential_url VARCHAR,
    source_row INTEGER NOT NULL,
    load_id INTEGER NOT NULL
);

INSERT INTO learning_identities
SELECT row_number() OVER (ORDER BY first_record_id)::INTEGER AS identity_id, source_employee_id,
       source_external_id, source_email, source_name, employee_id, match_method
FROM (
    SELECT source_employee_id, source_external_id, source_email, source_name,
           arg_min(employee_id, record_id) AS employee_id, arg_min(match_method, record_id) AS match_method,
           min(record_id) AS first_record_id
    FROM learning_records
    GROUP BY source_employee_id, source_external_id, source_email, source_name
);

INSERT INTO learning_record_rows_v3
SELECT r.record_id, r.record_key, i.identity_id, r.program_name, r.provider, r.program_type, r.status,
       r.source_status, r.started_on, r.completed_on, r.expires_on, r.cost, r.hours, r.credential_url,
       r.source_row, r.load_id
FROM learning_records AS r
JOIN learning_identities AS i
    ON i.source_employee_id IS NOT DISTINCT FROM r.source_employee_id
   AND i.source_external_id IS NOT DISTINCT FROM r.source_external_id
   AND i.source_email IS NOT DISTINCT FROM r.source_email
   AND i.source_name IS NOT DISTINCT FROM r.source_name;
