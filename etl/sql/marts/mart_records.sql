-- mart_records: one row per learning record (current version), matched to a person or not.
-- Key: record_id.
-- Adds what every metric needs and is expensive to redo per page: the catalogue program the record matched
-- (on name + provider, else on name alone when exactly one catalogue program has that name), the cost and
-- hours the metrics use (the record's own, else the catalogue list value), the expiry (the record's own,
-- else completed_on + the catalogue validity_months) and activity_on (completed_on, else started_on), the
-- date that date filters and the as-of cut apply to. canonical_program_key is the catalogue key when the
-- record matched the catalogue, else the record's own key: the key to group "the same program" by.
-- The identifiers as the file gave them (record_key, source_email, source_name, source ids, credential_url)
-- stay in learning_records: they are unique per row, costly to write twice, and read for one person or the
-- unmatched records only (join on record_id).
CREATE OR REPLACE TABLE mart_records AS
WITH
source_programs AS (
    SELECT
        program_key,
        program_name,
        provider,
        lower(trim(program_name)) AS name_key,
        list_cost,
        list_hours,
        validity_months
    FROM programs
),

unique_names AS (
    SELECT name_key, min(program_key) AS program_key
    FROM source_programs
    GROUP BY name_key
    HAVING count(*) = 1
),

-- A file names a few dozen programs: key and match each distinct (program_name, provider) once, then join
-- the records to the answer, rather than lower-casing and joining every one of a million records.
record_programs AS (
    SELECT
        program_name,
        provider,
        lower(trim(program_name)) || '|' || lower(trim(coalesce(provider, ''))) AS program_key,
        lower(trim(program_name)) AS name_key
    FROM (SELECT DISTINCT program_name, provider FROM learning_records)
),

matched_programs AS (
    SELECT
        rp.program_name,
        rp.provider,
        rp.program_key,
        coalesce(exact.program_key, by_name.program_key) AS catalogue_program_key,
        CASE
            WHEN exact.program_key IS NOT NULL THEN 'name_and_provider'
            WHEN by_name.program_key IS NOT NULL THEN 'name'
        END AS catalogue_match
    FROM record_programs AS rp
    LEFT JOIN source_programs AS exact ON exact.program_key = rp.program_key
    LEFT JOIN unique_names AS by_name ON by_name.name_key = rp.name_key
),

priced_programs AS (
    SELECT
        m.*,
        p.program_name AS catalogue_program_name,
        p.provider AS catalogue_provider,
        p.list_cost,
        p.list_hours,
        p.validity_months
    FROM matched_programs AS m
    LEFT JOIN source_programs AS p ON p.program_key = m.catalogue_program_key
),

priced AS (
    SELECT
        r.*,
        pp.program_key,
        pp.catalogue_program_key,
        pp.catalogue_match,
        pp.catalogue_program_name,
        pp.catalogue_provider,
        pp.list_cost,
        pp.list_hours,
        CASE
            WHEN r.completed_on IS NOT NULL AND pp.validity_months IS NOT NULL
                THEN CAST(r.completed_on + to_months(pp.validity_months) AS DATE)
        END AS catalogue_expires_on
    FROM learning_records AS r
    LEFT JOIN priced_programs AS pp
        ON pp.program_name = r.program_name AND pp.provider IS NOT DISTINCT FROM r.provider
),

with_person AS (
    SELECT priced.*, o.person_key
    FROM priced
    LEFT JOIN mart_org AS o ON o.employee_id = priced.employee_id
),

final AS (
    SELECT
        record_id,
        employee_id,
        person_key,
        match_method,
        program_key,
        program_name,
        provider,
        program_type,
        status,
        started_on,
        completed_on,
        coalesce(expires_on, catalogue_expires_on) AS expires_on,
        CASE
            WHEN expires_on IS NOT NULL THEN 'record'
            WHEN catalogue_expires_on IS NOT NULL THEN 'catalogue'
        END AS expiry_source,
        coalesce(completed_on, started_on) AS activity_on,
        cost,
        hours,
        coalesce(cost, list_cost) AS effective_cost,
        CASE WHEN cost IS NOT NULL THEN 'record' WHEN list_cost IS NOT NULL THEN 'catalogue' END AS cost_source,
        coalesce(hours, list_hours) AS effective_hours,
        CASE WHEN hours IS NOT NULL THEN 'record' WHEN list_hours IS NOT NULL THEN 'catalogue' END AS hours_source,
        catalogue_program_key,
        coalesce(catalogue_program_key, program_key) AS canonical_program_key,
        CASE WHEN catalogue_program_key IS NOT NULL THEN catalogue_program_name ELSE program_name END
            AS canonical_program_name,
        CASE WHEN catalogue_program_key IS NOT NULL THEN catalogue_provider ELSE provider END
            AS canonical_provider,
        catalogue_match,
        source_format,
        source_row,
        load_id
    FROM with_person
)

SELECT * FROM final
