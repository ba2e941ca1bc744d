-- Erase one person from every table. Params: $employee_id. Their emails and ids (from the roster, its
-- history and hand-made mappings) identify their learning records, matched or not.
CREATE OR REPLACE TEMP TABLE forget_identities AS
SELECT DISTINCT lower(trim(value)) AS value
FROM (
    SELECT $employee_id AS value
    UNION ALL SELECT email FROM employees WHERE employee_id = $employee_id
    UNION ALL SELECT email FROM employees_history WHERE employee_id = $employee_id
    UNION ALL SELECT identity_value FROM identity_aliases WHERE employee_id = $employee_id
)
WHERE value IS NOT NULL;

CREATE OR REPLACE TEMP TABLE forget_records AS
SELECT record_id FROM learning_records
WHERE employee_id = $employee_id
   OR lower(trim(source_employee_id)) IN (SELECT value FROM forget_identities)
   OR lower(trim(source_external_id)) IN (SELECT value FROM forget_identities)
   OR source_email IN (SELECT value FROM forget_identities)
UNION
SELECT record_id FROM learning_records_history
WHERE employee_id = $employee_id
   OR lower(trim(source_employee_id)) IN (SELECT value FROM forget_identities)
   OR lower(trim(source_external_id)) IN (SELECT value FROM forget_identities)
   OR source_email IN (SELECT value FROM forget_identities);

CREATE OR REPLACE TEMP TABLE forget_counts AS
SELECT
    (SELECT count(*) FROM employees WHERE employee_id = $employee_id) AS employees,
    (SELECT count(*) FROM employees_history WHERE employee_id = $employee_id) AS employee_versions,
    (SELECT count(*) FROM learning_records WHERE record_id IN (SELECT record_id FROM forget_records))
        AS learning_records,
    (SELECT count(*) FROM learning_records_history WHERE record_id IN (SELECT record_id FROM forget_records))
        AS learning_record_versions,
    (SELECT count(*) FROM learning_record_skills WHERE record_id IN (SELECT record_id FROM forget_records))
        AS learning_record_skills,
    (SELECT count(*) FROM identity_aliases WHERE employee_id = $employee_id) AS identity_aliases,
    (SELECT count(*) FROM rejected_rows
        WHERE EXISTS (SELECT 1 FROM forget_identities AS f WHERE strpos(lower(raw_row), f.value) > 0))
        AS rejected_rows,
    (SELECT count(*) FROM employees WHERE manager_id = $employee_id) AS manager_links,
    (SELECT count(*) FROM employees_history WHERE manager_id = $employee_id) AS manager_links_in_history;

DELETE FROM learning_record_skills WHERE record_id IN (SELECT record_id FROM forget_records);
DELETE FROM learning_record_rows WHERE record_id IN (SELECT record_id FROM forget_records);
-- Their identities (ids, email, name as files gave them) go with the last record that used them.
DELETE FROM learning_identities WHERE identity_id NOT IN (SELECT identity_id FROM learning_record_rows);
-- Program and status combinations no current record uses any more (no personal data, kept tidy as loads keep it).
DELETE FROM learning_record_attributes WHERE attributes_id NOT IN (SELECT attributes_id FROM learning_record_rows);
DELETE FROM learning_records_history WHERE record_id IN (SELECT record_id FROM forget_records);
DELETE FROM employees WHERE employee_id = $employee_id;
DELETE FROM employees_history WHERE employee_id = $employee_id;
DELETE FROM identity_aliases WHERE employee_id = $employee_id;
DELETE FROM rejected_rows
WHERE EXISTS (SELECT 1 FROM forget_identities AS f WHERE strpos(lower(raw_row), f.value) > 0);
UPDATE employees SET manager_id = NULL WHERE manager_id = $employee_id;
UPDATE employees_history SET manager_id = NULL WHERE manager_id = $employee_id;
