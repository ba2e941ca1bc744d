-- include: _people
-- Fragment. records: matched learning records of members that the record filters keep: dated (completed_on,
-- else started_on) on or before $as_of, of the chosen program types, inside the date range. A record with
-- no date at all is kept unless a date range is set.
-- It reads mart_record_facts, not the mart_records view: the program's names and keys cost a join that
-- most readers do not need; program_records (_program_records.sql) adds them for those that do.
-- NOT MATERIALIZED: a query that reads records twice (expiry_tracker's renewals, credentials) scans and joins
-- again rather than writing ~870k rows of every column first; single-reader queries are unaffected.
records AS NOT MATERIALIZED (
    SELECT
        r.record_id,
        r.person_key,
        m.employee_id,
        r.program_ref,
        r.program_type,
        r.status,
        r.started_on,
        r.completed_on,
        r.expires_on,
        CASE WHEN r.expiry_from_catalogue THEN 'catalogue' WHEN r.expires_on IS NOT NULL THEN 'record' END
            AS expiry_source,
        r.activity_on,
        r.cost,
        r.hours,
        r.effective_cost,
        r.effective_hours,
        m.full_name,
        m.department,
        m.team,
        m.role,
        m.is_active,
        m.termination_date
    FROM mart_record_facts AS r
    INNER JOIN members AS m ON m.person_key = r.person_key
    WHERE (r.activity_on IS NULL OR r.activity_on <= $as_of::DATE)
        AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], r.program_type))
        AND ($date_from::DATE IS NULL OR r.activity_on >= $date_from::DATE)
        AND ($date_to::DATE IS NULL OR r.activity_on <= $date_to::DATE)
),
