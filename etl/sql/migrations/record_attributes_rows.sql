-- Schema version 4, last step (see record_attributes.sql): every version 3 record row with the attributes_id
-- load/record_attributes.sql found for its record_id (attribute_ids); then the version 3 table goes.
INSERT INTO learning_record_rows
SELECT r.record_id, r.record_key, r.identity_id, a.attributes_id, r.started_on, r.completed_on, r.expires_on,
       r.cost, r.hours, r.credential_url, r.source_row, r.load_id
FROM learning_record_rows_v3 AS r
JOIN attribute_ids AS a ON a.record_id = r.record_id;

DROP TABLE learning_record_rows_v3;
