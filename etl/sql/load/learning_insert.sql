-- Learning load into an empty learning_records (a new warehouse, or everything undone): every staged row is
-- new, so it is inserted as is; learning_upsert.sql would compare each row with nothing first. Rows arrive
-- matched to people (employee_id, match_method: etl/load.py _match_identities applies match_identities.sql
-- once per distinct identity): updating a million rows afterwards cost more, and again at commit and
-- checkpoint. Input views: staged_learning, staged_record_skills. Params: $load_id.
INSERT INTO learning_records
SELECT record_id, record_key, employee_id, match_method, program_name,
       provider, program_type, status, source_status, started_on, completed_on, expires_on, cost, hours,
       source_employee_id, source_external_id, source_email, source_name, credential_url, source_format,
       source_row, $load_id AS load_id
FROM staged_learning;

INSERT INTO learning_record_skills
SELECT s.record_id, k.skill_id, k.level, $load_id AS load_id
FROM staged_learning AS s
JOIN staged_record_skills AS k ON k.record_key = s.record_key;
