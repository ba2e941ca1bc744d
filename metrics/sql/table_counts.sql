-- table_counts: one row per warehouse table the dashboard reports on, with its row count.
WITH
counts AS (
    SELECT 'employees' AS table_name, count(*) AS row_count FROM employees
    UNION ALL SELECT 'employees_history', count(*) FROM employees_history
    -- The learning_records view has exactly one row per learning_record_rows row (each names one identity,
    -- one attributes row and one load).
    UNION ALL SELECT 'learning_records', count(*) FROM learning_record_rows
    UNION ALL SELECT 'learning_identities', count(*) FROM learning_identities
    UNION ALL SELECT 'learning_record_attributes', count(*) FROM learning_record_attributes
    UNION ALL SELECT 'learning_records_history', count(*) FROM learning_records_history
    UNION ALL SELECT 'learning_record_skills', count(*) FROM learning_record_skills
    UNION ALL SELECT 'skills', count(*) FROM skills
    UNION ALL SELECT 'skill_aliases', count(*) FROM skill_aliases
    UNION ALL SELECT 'role_requirements', count(*) FROM role_requirements
    UNION ALL SELECT 'programs', count(*) FROM programs
    UNION ALL SELECT 'program_skills', count(*) FROM program_skills
    UNION ALL SELECT 'identity_aliases', count(*) FROM identity_aliases
    UNION ALL SELECT 'ingest_log', count(*) FROM ingest_log
    UNION ALL SELECT 'rejected_rows', count(*) FROM rejected_rows
    UNION ALL SELECT 'mart_org', count(*) FROM mart_org
    UNION ALL SELECT 'mart_skills', count(*) FROM mart_skills
    UNION ALL SELECT 'mart_program_skills', count(*) FROM mart_program_skills
    UNION ALL SELECT 'mart_record_programs', count(*) FROM mart_record_programs
    UNION ALL SELECT 'mart_record_facts', count(*) FROM mart_record_facts
    UNION ALL SELECT 'mart_record_program_skills', count(*) FROM mart_record_program_skills
    UNION ALL SELECT 'mart_own_evidence', count(*) FROM mart_own_evidence
    -- The two view marts are counted from what they are made of, without forming their rows: mart_records
    -- has one row per mart_record_facts row (each names one program), and mart_evidence is the own evidence
    -- plus, for matched records that listed no skills, one row per skill of the record's catalogue program.
    UNION ALL SELECT 'mart_records', count(*) FROM mart_record_facts
    UNION ALL SELECT
        'mart_evidence',
        (SELECT count(*) FROM mart_own_evidence) + (
            SELECT coalesce(sum(s.skills), 0)
            FROM mart_record_facts AS f
            INNER JOIN (
                SELECT program_ref, count(*) AS skills FROM mart_record_program_skills GROUP BY program_ref
            ) AS s ON s.program_ref = f.program_ref
            WHERE f.person_key IS NOT NULL AND NOT f.has_own_skills
        )
    UNION ALL SELECT 'mart_role_skills', count(*) FROM mart_role_skills
    UNION ALL SELECT 'mart_requirements', count(*) FROM mart_requirements
    UNION ALL SELECT 'mart_requirement_evidence', count(*) FROM mart_requirement_evidence
    UNION ALL SELECT 'mart_role_changes', count(*) FROM mart_role_changes
)

SELECT * FROM counts
