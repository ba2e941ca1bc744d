-- Learning load: a record key seen before with different values becomes a new version; identical rows
-- are skipped (the learner's name and the credential URL alone do not make a new version). Input view:
-- staged_learning (staged_learning.sql: record_id, attributes_id and identity_id resolved). Params: $load_id.
CREATE OR REPLACE TEMP TABLE learning_changes AS
SELECT s.*, r.record_key IS NOT NULL AS existed
FROM staged_learning AS s
JOIN learning_identities AS si ON si.identity_id = s.identity_id
JOIN learning_record_attributes AS sa ON sa.attributes_id = s.attributes_id
LEFT JOIN learning_records AS r USING (record_key)
WHERE r.record_key IS NULL OR NOT (
    sa.program_name IS NOT DISTINCT FROM r.program_name AND sa.provider IS NOT DISTINCT FROM r.provider
    AND sa.program_type IS NOT DISTINCT FROM r.program_type AND sa.status IS NOT DISTINCT FROM r.status
    AND s.started_on IS NOT DISTINCT FROM r.started_on AND s.completed_on IS NOT DISTINCT FROM r.completed_on
    AND s.expires_on IS NOT DISTINCT FROM r.expires_on AND s.cost IS NOT DISTINCT FROM r.cost
    AND s.hours IS NOT DISTINCT FROM r.hours
    AND si.source_employee_id IS NOT DISTINCT FROM r.source_employee_id
    AND si.source_external_id IS NOT DISTINCT FROM r.source_external_id
    AND si.source_email IS NOT DISTINCT FROM r.source_email
    AND s.skills_text IS NOT DISTINCT FROM (
        SELECT string_agg(k.skill_id || ':' || k.level, ';' ORDER BY k.skill_id)
        FROM learning_record_skills AS k WHERE k.record_id = r.record_id
    )
);

INSERT INTO learning_records_history
SELECT r.*, $load_id AS superseded_by_load
FROM learning_records AS r
WHERE r.record_key IN (SELECT record_key FROM learning_changes WHERE existed);

DELETE FROM learning_record_rows WHERE record_key IN (SELECT record_key FROM learning_changes WHERE existed);

-- New and changed rows arrive with their learner's identity_id (etl/load.py _match_identities) and their
-- attributes_id (staged_attributes.sql).
INSERT INTO learning_record_rows
SELECT record_id, record_key, identity_id, attributes_id, started_on, completed_on, expires_on, cost, hours,
       credential_url, source_row, $load_id AS load_id
FROM learning_changes;

INSERT INTO learning_record_skills
SELECT c.record_id, k.skill_id, k.level, $load_id AS load_id
FROM learning_changes AS c
JOIN staged_record_skills AS k ON k.record_id = c.record_id;

-- Identities only skipped rows named (same record, learner's name spelled anew), or only replaced versions.
DELETE FROM learning_identities
WHERE identity_id NOT IN (SELECT identity_id FROM learning_record_rows);

-- Likewise attributes only replaced versions had, or skipped rows (a status word spelled anew).
DELETE FROM learning_record_attributes
WHERE attributes_id NOT IN (SELECT attributes_id FROM learning_record_rows);
