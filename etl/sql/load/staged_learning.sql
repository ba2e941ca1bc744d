-- The staged learning rows as the warehouse stores them (etl/load.py _apply_learning registers the inputs):
-- - record_key: the natural key staging built, or, for a row that carries the source's own record id in a
--   format that names its records, `namespace:id` (etl/staging.py _record_keys leaves those null: building a
--   million keys there held a 41 MB copy of the ids through the load's highest points in memory);
-- - program_type: the file's own, else the one resolved for the row's program name and provider
--   (etl/load.py _program_types, one row per distinct pair). Rows whose type nothing resolves were left out
--   before this runs.
-- Input views: staged_learning_rows, staged_record_namespace (one row), staged_program_types.
-- Read by learning_insert.sql and learning_upsert.sql.
CREATE OR REPLACE TEMP VIEW staged_learning AS
SELECT s.* EXCLUDE (own_record_id) REPLACE (
        coalesce(s.record_key, n.record_namespace || ':' || s.own_record_id) AS record_key,
        coalesce(s.program_type, t.program_type) AS program_type
    )
FROM staged_learning_rows AS s
CROSS JOIN staged_record_namespace AS n
LEFT JOIN staged_program_types AS t
    ON s.program_type IS NULL
    AND t.program_name IS NOT DISTINCT FROM s.program_name
    AND t.provider IS NOT DISTINCT FROM s.provider;
