-- The staged learning rows with their program type: the file's own, else the one resolved for their program
-- name and provider (etl/load.py _program_types, one row per distinct pair: resolving it in polars for each
-- of a million rows cost time and memory). Rows whose type nothing resolves were left out before this runs.
-- Input views: staged_learning_rows, staged_program_types. Read by learning_insert.sql / learning_upsert.sql.
CREATE OR REPLACE TEMP VIEW staged_learning AS
SELECT s.* REPLACE (coalesce(s.program_type, t.program_type) AS program_type)
FROM staged_learning_rows AS s
LEFT JOIN staged_program_types AS t
    ON s.program_type IS NULL
    AND t.program_name = s.program_name
    AND t.provider IS NOT DISTINCT FROM s.provider;
