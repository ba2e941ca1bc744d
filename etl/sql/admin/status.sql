-- The figures `etl status` prints: one row.
SELECT
    (SELECT count(*) FROM employees) AS employees,
    (SELECT count(*) FROM employees WHERE termination_date IS NULL OR termination_date > current_date)
        AS active_employees,
    (SELECT count(*) FROM learning_records) AS learning_records,
    (SELECT count(*) FROM learning_records WHERE employee_id IS NULL) AS unmatched_learning_records,
    (SELECT count(*) FROM role_requirements) AS role_requirements,
    (SELECT count(DISTINCT role_key) FROM role_requirements) AS roles,
    (SELECT count(*) FROM skills) AS skills,
    (SELECT count(*) FROM programs) AS programs,
    (SELECT count(*) FROM ingest_log) AS loads,
    (SELECT count(*) FROM ingest_log WHERE status <> 'undone') AS live_loads,
    (SELECT count(*) FROM rejected_rows) AS rejected_rows,
    (SELECT max(loaded_at) FROM ingest_log)::VARCHAR AS last_load_at;
