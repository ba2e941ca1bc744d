-- scope_counts: one row of counts that the Definitions use to say who and what a figure leaves out.
-- One aggregate per source (members, matched records, records in scope) gives its counts in one pass.
-- Records are counted in mart_record_facts (one row per mart_records row; the view's program join would only
-- cost time), and people without requirements are those whose role is absent from mart_role_skills.
WITH
-- include: _records
member_counts AS (
    SELECT
        count(*) AS members,
        count(*) FILTER (WHERE is_active) AS people,
        count(*) FILTER (WHERE termination_date <= $as_of::DATE) AS terminated,
        count(*) FILTER (WHERE hire_date > $as_of::DATE) AS not_yet_hired
    FROM members
),

matched_counts AS (
    SELECT count(*) AS all_matched, count(*) FILTER (WHERE r.activity_on > $as_of::DATE) AS after_as_of
    FROM mart_record_facts AS r
    INNER JOIN members AS m ON m.person_key = r.person_key
),

record_counts AS (
    SELECT
        count(*) AS records,
        count(*) FILTER (WHERE cost IS NULL AND effective_cost IS NOT NULL) AS records_catalogue_cost,
        count(*) FILTER (WHERE effective_cost IS NULL) AS records_without_cost,
        count(*) FILTER (WHERE effective_hours IS NULL) AS records_without_hours
    FROM records
),

final AS (
    SELECT
        mc.members,
        mc.people,
        mc.terminated,
        mc.not_yet_hired,
        (
            SELECT count(*) FROM people AS p
            WHERE NOT EXISTS (SELECT 1 FROM mart_role_skills AS q WHERE q.role_key = p.role_key)
        ) AS people_without_requirements,
        (SELECT count(*) FROM mart_record_facts WHERE person_key IS NULL) AS unmatched_records,
        a.after_as_of AS records_after_as_of,
        a.all_matched - rc.records - a.after_as_of AS records_outside_filters,
        rc.records,
        rc.records_catalogue_cost,
        rc.records_without_cost,
        rc.records_without_hours
    FROM member_counts AS mc
    CROSS JOIN matched_counts AS a
    CROSS JOIN record_counts AS rc
)

SELECT * FROM final
