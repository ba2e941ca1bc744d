-- Find or add the learning_record_attributes row of each row of the attribute_candidates view (program_name,
-- provider, program_type, status, source_status; any other columns are carried through): attribute_ids holds
-- every candidate row with its attributes_id. A combination already stored keeps its id (all five values the
-- same, missing equal to missing); one not stored yet is added once, numbered on from the highest
-- attributes_id. Shared by learning loads (staged_attributes.sql: one candidate per distinct combination,
-- keyed by _position), undo (admin/undo_attributes.sql) and the schema version 4 migration
-- (migrations/record_attributes.sql), both of which give one candidate per record, keyed by record_id: each
-- defines attribute_candidates first and joins attribute_ids back on its key.
CREATE OR REPLACE TEMP TABLE attribute_ids AS
WITH known AS (
    SELECT c.*, a.attributes_id AS known_id
    FROM attribute_candidates AS c
    LEFT JOIN learning_record_attributes AS a
        ON a.program_name = c.program_name
       AND a.provider IS NOT DISTINCT FROM c.provider
       AND a.program_type = c.program_type
       AND a.status = c.status
       AND a.source_status IS NOT DISTINCT FROM c.source_status
)
SELECT
    * EXCLUDE (known_id),
    coalesce(
        known_id,
        (SELECT coalesce(max(attributes_id), 0) FROM learning_record_attributes)
            + dense_rank() OVER (
                PARTITION BY known_id IS NULL
                ORDER BY program_name, provider NULLS FIRST, program_type, status, source_status NULLS FIRST
            )::INTEGER
    ) AS attributes_id,
    known_id IS NULL AS is_new
FROM known;

INSERT INTO learning_record_attributes
SELECT DISTINCT attributes_id, program_name, provider, program_type, status, source_status
FROM attribute_ids
WHERE is_new;
