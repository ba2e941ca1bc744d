-- include: _requirements
-- Fragment. best_evidence: for each requirement with any valid evidence, the one evidence row that supports
-- it best: highest level, ties broken by earliest completed_on, then lowest record_id (chosen in
-- requirement_evidence). Where met is true it credits the requirement met to exactly one record (and so to
-- one program, provider and program type). Everything shown comes from the record (mart_records), not from
-- mart_evidence: which skills a record evidences is the file's own list when it gave one (skill_source
-- 'record', mart_record_facts.has_own_skills), else its catalogue program's; and the evidence row's dates and
-- type are the record's. Reading mart_evidence would expand every record by its catalogue skills (~1.6M rows
-- at 100,000 employees) to find a few thousand.
best_evidence AS (
    SELECT
        q.person_key,
        q.skill_key,
        q.employee_id,
        q.skill_id,
        r.record_id,
        r.program_key,
        r.canonical_program_key,
        r.program_name,
        r.provider,
        r.program_type,
        r.completed_on,
        r.expires_on,
        r.expiry_source,
        CASE WHEN f.has_own_skills THEN 'record' ELSE 'catalogue' END AS skill_source,
        q.met
    FROM requirements AS q
    INNER JOIN mart_records AS r ON r.record_id = q.best_record_id
    INNER JOIN mart_record_facts AS f ON f.record_id = q.best_record_id
),
