-- include: _people
-- Fragment. evidence: skill evidence of people that is valid as of $as_of: the record is completed, was
-- completed on or before $as_of (an undated completion counts), has not expired (expires_on null or after
-- $as_of), and passes the record filters. role_key is the person's, to meet the requirements of their role.
evidence AS (
    SELECT e.*, p.role_key
    FROM mart_evidence AS e
    INNER JOIN people AS p ON p.person_key = e.person_key
    WHERE e.status = 'completed'
        AND (e.completed_on IS NULL OR e.completed_on <= $as_of::DATE)
        AND (e.expires_on IS NULL OR e.expires_on > $as_of::DATE)
        AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], e.program_type))
        AND ($date_from::DATE IS NULL OR e.activity_on >= $date_from::DATE)
        AND ($date_to::DATE IS NULL OR e.activity_on <= $date_to::DATE)
),
