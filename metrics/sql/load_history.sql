-- load_history: one row per file ever written to the warehouse, newest first.
WITH
final AS (
    SELECT
        load_id,
        batch_id,
        file_name,
        kind,
        source_format,
        rows_read,
        rows_loaded,
        rows_rejected,
        rows_unmatched,
        status,
        message,
        effective_date,
        loaded_at,
        undone_at,
        sha256
    FROM ingest_log
)

SELECT * FROM final ORDER BY load_id DESC
