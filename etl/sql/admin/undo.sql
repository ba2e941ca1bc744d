-- Undo one load: drop the rows it wrote, bring back the versions it replaced, mark it undone.
DELETE FROM employees WHERE load_id = $load_id;
INSERT INTO employees
SELECT employee_id, full_name, email, department, team, role, manager_id, manager_name, location, hire_date,
       termination_date, valid_from, load_id
FROM employees_history WHERE superseded_by_load = $load_id;
DELETE FROM employees_history WHERE superseded_by_load = $load_id;

DELETE FROM learning_records WHERE load_id = $load_id;
INSERT INTO learning_records
SELECT record_id, record_key, employee_id, match_method, program_name, provider, program_type, status,
       source_status, started_on, completed_on, expires_on, cost, hours, source_employee_id, source_external_id,
       source_email, source_name, credential_url, source_format, source_row, load_id
FROM learning_records_history WHERE superseded_by_load = $load_id;
DELETE FROM learning_records_history WHERE superseded_by_load = $load_id;
DELETE FROM learning_record_skills WHERE load_id = $load_id;

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
