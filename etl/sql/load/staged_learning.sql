-- The staged learning rows as the warehouse stores them (etl/load.py _apply_learning registers the inputs):
-- record_key is the natural key staging built, or, for a row that carries the source's own record id in a
-- format that names its records, `namespace:id` (etl/staging.py _record_keys leaves those null: building a
-- million keys there held a 41 MB copy of the ids through the load's highest points in memory). The rows
-- arrive with their attributes_id (staged_attributes.sql: program type resolved there) and identity_id.
-- Input views: staged_learning_rows, staged_record_namespace (one row).
-- Read by learning_insert.sql and learning_upsert.sql.
CREATE OR REPLACE TEMP VIEW staged_learning AS
SELECT s.* EXCLUDE (own_record_id) REPLACE (
        coalesce(s.record_key, n.record_namespace || ':' || s.own_record_id) AS record_key
    )
FROM staged_learning_rows AS s
CROSS JOIN staged_record_namespace AS n;
