-- The learning_identities row of each distinct identity of a learning file (etl/load.py _match_identities
-- gathers the answers back to the rows): one already in the warehouse when all four source values are the
-- same, else a new row numbered on from the highest identity_id and matched to a person now (rules:
-- match_identities.sql), asked once per identity rather than once per row.
-- Input view: staged_identities (source_employee_id, source_external_id, source_email, source_name,
-- _position).
CREATE OR REPLACE TEMP TABLE staged_identity_ids AS
WITH known AS (
    SELECT s.*, i.identity_id AS known_id
    FROM staged_identities AS s
    LEFT JOIN learning_identities AS i
        ON i.source_employee_id IS NOT DISTINCT FROM s.source_employee_id
       AND i.source_external_id IS NOT DISTINCT FROM s.source_external_id
       AND i.source_email IS NOT DISTINCT FROM s.source_email
       AND i.source_name IS NOT DISTINCT FROM s.source_name
)
SELECT
    *,
    coalesce(
        known_id,
        (SELECT coalesce(max(identity_id), 0) FROM learning_identities)
            + row_number() OVER (PARTITION BY known_id IS NULL ORDER BY _position)::INTEGER
    ) AS identity_id
FROM known;

CREATE OR REPLACE TEMP VIEW staged_new_identities AS
SELECT * FROM staged_identity_ids WHERE known_id IS NULL;

INSERT INTO learning_identities
SELECT identity_id, source_employee_id, source_external_id, source_email, source_name, matched_employee_id,
       matched_by
FROM identity_matches('staged_new_identities');

SELECT identity_id FROM staged_identity_ids ORDER BY _position
