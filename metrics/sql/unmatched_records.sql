-- unmatched_records: one row per learning record not matched to a person on the roster, with the identifiers it
-- carried and the file it came from, so an analyst can map the identity by hand. Key: record_id.
WITH
unmatched AS (
    SELECT
        r.*,
        s.source_employee_id,
        s.source_external_id,
        s.source_email,
        s.source_name,
        s.source_format,
        s.source_row
    FROM mart_records AS r
    INNER JOIN learning_records AS s ON s.record_id = r.record_id
    WHERE r.person_key IS NULL
),

final AS (
    SELECT
        u.record_id,
        u.program_name,
        u.provider,
        u.program_type,
        u.status,
        u.completed_on,
        u.source_employee_id,
        u.source_external_id,
        u.source_email,
        u.source_name,
        u.source_format,
        l.file_name,
        u.source_row,
        u.load_id
    FROM unmatched AS u
    LEFT JOIN ingest_log AS l ON l.load_id = u.load_id
)

SELECT * FROM final ORDER BY load_id, source_row, record_id
