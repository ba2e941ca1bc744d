-- Undo, first step: the versions an undo brings back (the learning_records_history rows the load replaced)
-- hold their program and status whole. load/record_attributes.sql, run next, finds or adds each one's
-- combination, and undo.sql restores each version with the attributes_id found for its record_id.
CREATE OR REPLACE TEMP TABLE attribute_candidates AS
SELECT record_id, program_name, provider, program_type, status, source_status
FROM learning_records_history
WHERE superseded_by_load = $load_id;
