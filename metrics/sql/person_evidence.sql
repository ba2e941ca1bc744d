-- person_evidence: one row per learning record of one person x skill it evidences (skill null when the
-- record names none and its program is not catalogued), with whether it counts as of $as_of and why not.
-- Record filters (program types, dates) apply; the as-of cut does not hide later records, it labels them.
WITH
person_records AS (
    SELECT r.*, s.credential_url
    FROM mart_records AS r
    INNER JOIN learning_records AS s ON s.record_id = r.record_id
    WHERE r.person_key = (SELECT person_key FROM mart_org WHERE employee_id = $employee_id::VARCHAR)
        AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], r.program_type))
        AND ($date_from::DATE IS NULL OR r.activity_on >= $date_from::DATE)
        AND ($date_to::DATE IS NULL OR r.activity_on <= $date_to::DATE)
),

final AS (
    SELECT
        r.record_id,
        r.program_name,
        r.provider,
        r.program_type,
        r.status,
        r.started_on,
        r.completed_on,
        r.expires_on,
        r.expiry_source,
        e.skill_id,
        k.skill,
        e.level,
        e.skill_source,
        CASE
            WHEN r.status = 'in_progress' THEN 'in progress'
            WHEN r.status = 'failed' THEN 'failed'
            WHEN r.status = 'revoked' THEN 'revoked'
            WHEN r.completed_on > $as_of::DATE THEN 'completed after the as-of date'
            WHEN r.expires_on <= $as_of::DATE THEN 'expired'
            WHEN e.skill_id IS NULL THEN 'no skills known for this record or its program'
        END AS not_counted_because,
        r.cost,
        r.effective_cost,
        r.credential_url
    FROM person_records AS r
    LEFT JOIN mart_evidence AS e ON e.record_id = r.record_id
    LEFT JOIN mart_skills AS k ON k.skill_key = e.skill_key
)

SELECT
    *,
    not_counted_because IS NULL AS counts_as_evidence
FROM final
ORDER BY coalesce(completed_on, started_on) DESC NULLS LAST, record_id, skill, skill_id
