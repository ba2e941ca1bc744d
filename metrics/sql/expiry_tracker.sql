-- expiry_tracker: one row per credential of a person in scope that needs attention as of $as_of (see
-- _expiry.sql for the states and renewed), expiring first, then expired, then revoked. Key: record_id.
WITH
-- include: _expiry
final AS (
    SELECT
        t.state,
        m.employee_id,
        m.full_name,
        m.team,
        t.record_id,
        p.program_name,
        p.provider,
        t.program_type,
        t.completed_on,
        t.expires_on,
        t.expiry_source,
        t.expires_on - $as_of::DATE AS days_left,
        t.renewed
    FROM tracked AS t
    INNER JOIN members AS m ON m.person_key = t.person_key
    INNER JOIN mart_record_programs AS p ON p.program_ref = t.program_ref
)

SELECT * FROM final
ORDER BY CASE state WHEN 'expiring' THEN 1 WHEN 'expired' THEN 2 ELSE 3 END, expires_on NULLS LAST, employee_id, record_id
