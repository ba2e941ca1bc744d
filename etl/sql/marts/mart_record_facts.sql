-- mart_record_facts: one row per learning record (current version), matched to a person or not: the
-- numbers and dates every metric filters and adds up, and integer keys for the rest. Key: record_id.
-- Only what is expensive to redo per page: the person (person_key), the program and its catalogue match
-- (program_ref into mart_record_programs), the cost and hours the metrics use (the record's own, else the
-- catalogue list value), the expiry (the record's own, else completed_on + the catalogue validity_months)
-- and activity_on (completed_on, else started_on), the date that date filters and the as-of cut apply to.
-- It holds no text but program_type and status: each text column cost ~60 ms per million records to write,
-- and a load rewrites every fact. Queries read it through the mart_records view.
-- A record's program, type and status come from its learning_record_attributes row: its program is matched
-- once per combination (a few hundred), not once per record.
CREATE OR REPLACE TABLE mart_record_facts AS
WITH
attributes AS (
    SELECT
        a.attributes_id,
        a.program_type,
        a.status,
        p.program_ref,
        p.validity_months,
        p.list_cost,
        p.list_hours
    FROM learning_record_attributes AS a
    INNER JOIN mart_record_programs AS p
        ON p.program_name = a.program_name AND p.provider IS NOT DISTINCT FROM a.provider
),

own_skills AS (
    SELECT DISTINCT record_id FROM learning_record_skills
),

final AS (
    SELECT
        r.record_id,
        o.person_key,
        p.program_ref,
        p.program_type,
        p.status,
        r.started_on,
        r.completed_on,
        CASE
            WHEN r.expires_on IS NOT NULL THEN r.expires_on
            WHEN r.completed_on IS NOT NULL AND p.validity_months IS NOT NULL
                THEN CAST(r.completed_on + to_months(p.validity_months) AS DATE)
        END AS expires_on,
        r.expires_on IS NULL AND r.completed_on IS NOT NULL AND p.validity_months IS NOT NULL
            AS expiry_from_catalogue,
        coalesce(r.completed_on, r.started_on) AS activity_on,
        r.cost,
        r.hours,
        coalesce(r.cost, p.list_cost) AS effective_cost,
        coalesce(r.hours, p.list_hours) AS effective_hours,
        own.record_id IS NOT NULL AS has_own_skills,
        r.load_id
    FROM learning_record_rows AS r
    INNER JOIN learning_identities AS i ON i.identity_id = r.identity_id
    INNER JOIN attributes AS p ON p.attributes_id = r.attributes_id
    LEFT JOIN mart_org AS o ON o.employee_id = i.employee_id
    LEFT JOIN own_skills AS own ON own.record_id = r.record_id
)

SELECT * FROM final
