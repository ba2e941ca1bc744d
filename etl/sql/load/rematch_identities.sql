-- Match every learner identity to a person again (rules: match_identities.sql). Run after whatever can
-- change how records match: a roster load, a hand-made mapping, an undo. A learning-only load needs no
-- re-match: its identities were matched as they were written, and earlier ones cannot match differently.
-- Records follow their identity (learning_records view), so this writes one row per learner, not per record.
UPDATE learning_identities AS i
SET employee_id = m.matched_employee_id, match_method = m.matched_by
FROM (SELECT identity_id, matched_employee_id, matched_by FROM identity_matches('learning_identities')) AS m
WHERE i.identity_id = m.identity_id
  AND (i.employee_id IS DISTINCT FROM m.matched_employee_id OR i.match_method IS DISTINCT FROM m.matched_by);
