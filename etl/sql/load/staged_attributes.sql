-- The attributes_id of each distinct (program_name, provider, program_type, status, source_status) of a
-- learning file's rows (etl/load.py _attribute_ids gathers the answers back to the rows), its program type
-- resolved first: the file's own, else the one found for its program name and provider (etl/load.py
-- _program_types, one row per distinct pair; rows whose type nothing resolves were left out before this runs).
-- Input views: staged_attributes (the five columns and _position), staged_program_types.
CREATE OR REPLACE TEMP VIEW attribute_candidates AS
SELECT
    s._position,
    s.program_name,
    s.provider,
    coalesce(s.program_type, t.program_type) AS program_type,
    s.status,
    s.source_status
FROM staged_attributes AS s
LEFT JOIN staged_program_types AS t
    ON s.program_type IS NULL
    AND t.program_name IS NOT DISTINCT FROM s.program_name
    AND t.provider IS NOT DISTINCT FROM s.provider;
