-- include: _requirements
-- Fragment. best_evidence: for each requirement with any valid evidence, the one evidence row that supports
-- it best: highest level, ties broken by earliest completed_on, then lowest record_id (chosen in
-- requirement_evidence). Where met is true it credits the requirement met to exactly one record (and so to
-- one program, provider and program type). The record's program comes from mart_records (mart_evidence
-- holds only what the as-of rules filter and rank on).
best_evidence AS (
    SELECT
        q.person_key,
        q.skill_key,
        q.employee_id,
        q.skill_id,
        e.record_id,
        r.program_key,
        r.canonical_program_key,
        r.program_name,
        r.provider,
        e.program_type,
        e.completed_on,
        e.expires_on,
        r.expiry_source,
        e.level,
        e.skill_source,
        q.met
    FROM requirements AS q
    INNER JOIN requirement_evidence AS b ON b.person_key = q.person_key AND b.skill_key = q.skill_key
    INNER JOIN mart_evidence AS e ON e.record_id = b.best_record_id AND e.skill_key = b.skill_key
    INNER JOIN mart_records AS r ON r.record_id = e.record_id
),
