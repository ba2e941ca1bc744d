-- mart_record_programs: one row per distinct (program_name, provider) that learning records name, with the
-- catalogue program it matched and what the catalogue lists for it. Key: program_ref (also unique:
-- program_name + provider).
-- A file names a few dozen programs: each is keyed and matched once here (on name + provider, else on name
-- alone when exactly one catalogue program has that name), and mart_record_facts carries only the integer
-- program_ref. Writing the program's eight text columns into every one of a million facts cost a second per
-- load; the mart_records view joins them back for the queries that read them.
CREATE OR REPLACE TABLE mart_record_programs AS
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

record_programs AS (
    SELECT
        program_name,
        provider,
        lower(trim(program_name)) || '|' || lower(trim(coalesce(provider, ''))) AS program_key,
        lower(trim(program_name)) AS name_key
    FROM (SELECT DISTINCT program_name, provider FROM learning_record_attributes)
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

final AS (
    SELECT
        CAST(row_number() OVER (ORDER BY m.program_key, m.program_name, m.provider NULLS FIRST) AS INTEGER)
            AS program_ref,
        m.program_name,
        m.provider,
        m.program_key,
        m.catalogue_program_key,
        m.catalogue_match,
        coalesce(m.catalogue_program_key, m.program_key) AS canonical_program_key,
        CASE WHEN m.catalogue_program_key IS NOT NULL THEN p.program_name ELSE m.program_name END
            AS canonical_program_name,
        CASE WHEN m.catalogue_program_key IS NOT NULL THEN p.provider ELSE m.provider END AS canonical_provider,
        p.list_cost,
        p.list_hours,
        p.validity_months
    FROM matched_programs AS m
    LEFT JOIN source_programs AS p ON p.program_key = m.catalogue_program_key
)

SELECT * FROM final
