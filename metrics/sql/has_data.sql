-- has_data: one row, whether anything an analytic page could show has been loaded: employees, learning
-- records, role requirements or catalogue programs. Every page asks it before drawing; EXISTS stops at the
-- first row, where counting every table (table_counts) cost ~0.03 s of each page at 100,000 employees.
SELECT
    EXISTS (SELECT 1 FROM employees)
    OR EXISTS (SELECT 1 FROM learning_record_rows)
    OR EXISTS (SELECT 1 FROM role_requirements)
    OR EXISTS (SELECT 1 FROM programs) AS has_data
