-- Undo one load: drop the rows it wrote, bring back the versions it replaced, mark it undone.
DELETE FROM employees WHERE load_id = $load_id;
INSERT INTO employees
SELECT employee_id, full_name, email, department, team, role, manager_id, manager_name, location, hire_date,
       termination_date, valid_from, load_id
FROM employees_history WHERE superseded_by_load = $load_id;
DELETE FROM employees_history WHERE superseded_by_load = $load_id;

DELETE FROM learning_record_rows WHERE load_id = $load_id;
-- The versions coming back name their learner whole: find or add each identity (matched to a person now).
CREATE OR REPLACE TEMP TABLE undo_identities AS
SELECT (SELECT coalesce(max(identity_id), 0) FROM learning_identities)
           + row_number() OVER (
               ORDER BY source_employee_id, source_external_id, source_email, source_name
           )::INTEGER AS identity_id, *
FROM (
    SELECT DISTINCT source_employee_id, source_external_id, source_email, source_name
    FROM learning_records_history AS h
    WHERE superseded_by_load = $load_id
      AND NOT EXISTS (
          SELECT 1 FROM learning_identities AS i
          WHERE i.source_employee_id IS NOT DISTINCT FROM h.source_employee_id
            AND i.source_external_id IS NOT DISTINCT FROM h.source_external_id
            AND i.source_email IS NOT DISTINCT FROM h.source_email
            AND i.source_name IS NOT DISTINCT FROM h.source_name
      )
);
INSERT INTO learning_identities
SELECT identity_id, source_employee_id, source_external_id, source_email, source_name, matched_employee_id,
       matched_by
FROM identity_matches('undo_identities');
-- Their program and status combinations were found or added before this file ran, per record_id
-- (undo_attributes.sql, then load/record_attributes.sql: attribute_ids).
INSERT INTO learning_record_rows
SELECT h.record_id, h.record_key, i.identity_id, a.attributes_id, h.started_on, h.completed_on, h.expires_on,
       h.cost, h.hours, h.credential_url, h.source_row, h.load_id
FROM learning_records_history AS h
JOIN learning_identities AS i
    ON i.source_employee_id IS NOT DISTINCT FROM h.source_employee_id
   AND i.source_external_id IS NOT DISTINCT FROM h.source_external_id
   AND i.source_email IS NOT DISTINCT FROM h.source_email
   AND i.source_name IS NOT DISTINCT FROM h.source_name
JOIN attribute_ids AS a ON a.record_id = h.record_id
WHERE h.superseded_by_load = $load_id;
DELETE FROM learning_records_history WHERE superseded_by_load = $load_id;
DELETE FROM learning_record_skills WHERE load_id = $load_id;
DELETE FROM learning_identities WHERE identity_id NOT IN (SELECT identity_id FROM learning_record_rows);
DELETE FROM learning_record_attributes WHERE attributes_id NOT IN (SELECT attributes_id FROM learning_record_rows);

DELETE FROM role_requirements WHERE load_id = $load_id;
INSERT INTO role_requirements
SELECT role, role_key, skill_id, required_level, importance, load_id
FROM role_requirements_history WHERE superseded_by_load = $load_id;
DELETE FROM role_requirements_history WHERE superseded_by_load = $load_id;

DELETE FROM programs WHERE load_id = $load_id;
INSERT INTO programs
SELECT program_key, program_name, provider, program_type, list_cost, list_hours, validity_months, load_id
FROM programs_history WHERE superseded_by_load = $load_id;
DELETE FROM programs_history WHERE superseded_by_load = $load_id;
DELETE FROM program_skills WHERE load_id = $load_id;

DELETE FROM rejected_rows WHERE load_id = $load_id;

-- Skills first named by this load and used nowhere else any more.
CREATE OR REPLACE TEMP TABLE orphan_skills AS
SELECT skill_id FROM skills
WHERE load_id = $load_id
  AND skill_id NOT IN (SELECT skill_id FROM learning_record_skills)
  AND skill_id NOT IN (SELECT skill_id FROM program_skills)
  AND skill_id NOT IN (SELECT skill_id FROM role_requirements)
  AND skill_id NOT IN (SELECT skill_id FROM role_requirements_history);
DELETE FROM skill_aliases WHERE skill_id IN (SELECT skill_id FROM orphan_skills);
DELETE FROM skills WHERE skill_id IN (SELECT skill_id FROM orphan_skills);

UPDATE ingest_log SET status = 'undone', undone_at = now()::TIMESTAMP WHERE load_id = $load_id;
