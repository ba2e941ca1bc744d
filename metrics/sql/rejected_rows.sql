-- rejected_rows: one row per source row (and column) a load rejected, newest load first.
WITH
final AS (
    SELECT load_id, file_name, row_number, column_name, value, reason, raw_row
    FROM rejected_rows
)

SELECT * FROM final ORDER BY load_id DESC, row_number, column_name NULLS FIRST
