-- include: _program_records
-- Fragment. tracked: one row per credential of a person in scope that needs attention as of $as_of:
-- 'expiring' (completed, expires_on in ($as_of, $as_of + $days]), 'expired' (completed, expires_on on or
-- before $as_of) or 'revoked'. renewed = the person holds another valid completion of the same program.
flagged AS (
    SELECT
        *,
        CASE
            WHEN status = 'revoked' THEN 'revoked'
            WHEN status = 'completed' AND expires_on <= $as_of::DATE THEN 'expired'
            WHEN status = 'completed' AND expires_on <= $as_of::DATE + CAST($days AS INTEGER) THEN 'expiring'
        END AS state
    FROM program_records
    WHERE is_active
),

tracked AS (
    SELECT
        f.state,
        f.employee_id,
        f.full_name,
        f.team,
        f.record_id,
        f.program_name,
        f.provider,
        f.program_type,
        f.completed_on,
        f.expires_on,
        f.expiry_source,
        f.expires_on - $as_of::DATE AS days_left,
        EXISTS (
            SELECT 1 FROM program_records AS other
            WHERE other.person_key = f.person_key
                AND other.canonical_program_key = f.canonical_program_key
                AND other.record_id <> f.record_id
                AND other.status = 'completed'
                AND (other.expires_on IS NULL OR other.expires_on > $as_of::DATE)
        ) AS renewed
    FROM flagged AS f
    WHERE f.state IS NOT NULL
),
