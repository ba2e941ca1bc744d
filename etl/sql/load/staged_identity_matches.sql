-- The person each distinct identity of a learning file matches (rules: match_identities.sql), asked once per
-- identity rather than once per row (etl/load.py _match_identities gathers the answers back to the rows).
-- Input view: staged_identities (source_employee_id, source_external_id, source_email, _position).
SELECT matched_employee_id AS employee_id, matched_by AS match_method
FROM identity_matches('staged_identities')
ORDER BY _position
