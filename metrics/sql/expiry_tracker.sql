-- expiry_tracker: one row per credential of a person in scope that needs attention as of $as_of (see
-- _expiry.sql for the states and renewed), expiring first, then expired, then revoked. Key: record_id.
WITH
-- include: _expiry
final AS (
    SELECT * FROM tracked
)

SELECT * FROM final
ORDER BY CASE state WHEN 'expiring' THEN 1 WHEN 'expired' THEN 2 ELSE 3 END, expires_on NULLS LAST, employee_id, record_id
