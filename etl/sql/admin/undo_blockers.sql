-- Later live loads that replaced rows written by $load_id: undo must wait until those are undone.
SELECT DISTINCT superseded_by_load AS blocking_load
FROM (
    SELECT load_id, superseded_by_load FROM employees_history
    UNION ALL SELECT load_id, superseded_by_load FROM learning_records_history
    UNION ALL SELECT load_id, superseded_by_load FROM role_requirements_history
    UNION ALL SELECT load_id, superseded_by_load FROM programs_history
)
WHERE load_id = $load_id
ORDER BY 1;
