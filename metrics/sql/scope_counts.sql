-- scope_counts: one row of counts that the Definitions use to say who and what a figure leaves out.
WITH
-- include: _records
all_matched AS (
    SELECT r.*
    FROM mart_records AS r
    INNER JOIN members AS m ON m.person_key = r.person_key
),

final AS (
    SELECT
        (SELECT count(*) FROM members) AS members,
        (SELECT count(*) FROM people) AS people,
        (SELECT count(*) FROM members WHERE termination_date <= $as_of::DATE) AS terminated,
        (SELECT count(*) FROM members WHERE hire_date > $as_of::DATE) AS not_yet_hired,
        (
            SELECT count(*) FROM people AS p
            WHERE NOT EXISTS (SELECT 1 FROM mart_requirements AS q WHERE q.person_key = p.person_key)
        ) AS people_without_requirements,
        (SELECT count(*) FROM mart_records WHERE person_key IS NULL) AS unmatched_records,
        (SELECT count(*) FROM all_matched WHERE activity_on > $as_of::DATE) AS records_after_as_of,
        (SELECT count(*) FROM all_matched) - (SELECT count(*) FROM records)
            - (SELECT count(*) FROM all_matched WHERE activity_on > $as_of::DATE) AS records_outside_filters,
        (SELECT count(*) FROM records) AS records,
        (SELECT count(*) FROM records WHERE cost IS NULL AND effective_cost IS NOT NULL) AS records_catalogue_cost,
        (SELECT count(*) FROM records WHERE effective_cost IS NULL) AS records_without_cost,
        (SELECT count(*) FROM records WHERE effective_hours IS NULL) AS records_without_hours
)

SELECT * FROM final
