-- Match every current learning record to a person again (rules: match_identities.sql). Run after whatever
-- can change how records match: a roster load, a hand-made mapping, an undo. A learning-only load needs no
-- re-match: its rows were matched as they were inserted, and earlier records cannot match differently.
UPDATE learning_records AS r
SET employee_id = m.matched_employee_id, match_method = m.matched_by
FROM (SELECT record_id, matched_employee_id, matched_by FROM identity_matches('learning_records')) AS m
WHERE r.record_id = m.record_id
  AND (r.employee_id IS DISTINCT FROM m.matched_employee_id OR r.match_method IS DISTINCT FROM m.matched_by);
