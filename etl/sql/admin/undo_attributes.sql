-- Undo, first step: the versions an undo brings back (the learning_records_history rows the load replaced)
-- hold their program and status whole. These are the combinations load/record_attributes.sql, run next, finds
-- or adds, so that undo.sql can restore each version with its attributes_id.
CREATE OR REPLACE TEMP TABLE attribute_candidates AS
SELECT DISTINCT program_name, provider, program_type, status, source_status
FROM learning_records_history
WHERE superseded_by_load = $load_id;
