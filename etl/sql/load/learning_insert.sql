-- Learning load into an empty learning_record_rows (a new warehouse, or everything undone): every staged row
-- is new, so it is inserted as is; learning_upsert.sql would compare each row with nothing first. Rows arrive
-- with their learner's identity_id (etl/load.py _match_identities wrote the identities, matched to people,
-- once per distinct identity: staged_identity_matches.sql) and their attributes_id (staged_attributes.sql).
-- Input views: staged_learning (staged_learning.sql), staged_record_skills. Params: $load_id.
INSERT INTO learning_record_rows
SELECT record_id, record_key, identity_id, attributes_id,
       started_on, completed_on, expires_on, cost, hours, credential_url, source_row, $load_id AS load_id
FROM staged_learning;

-- staged_record_skills carries the record id each staged record was given (etl/load.py _record_skills).
INSERT INTO learning_record_skills
SELECT record_id, skill_id, level, $load_id AS load_id
FROM staged_record_skills;
