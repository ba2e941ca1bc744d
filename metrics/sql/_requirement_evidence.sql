-- include: _evidence
-- Fragment. requirement_evidence: per requirement of a person in scope that has any valid evidence, its
-- required level, its current level (the highest valid level, null when no evidence gives one) and the record
-- of its best evidence (highest level, ties to the earliest completed_on, an undated one after every dated
-- one, then the lowest record_id). Most queries read it through requirement_status (_requirement_status.sql),
-- which adds the requirements without valid evidence; people counts what it meets from it directly.
--
-- Speed (~0.3 s of every requirement-based page at 100,000 employees before this shape):
-- - evidence meets the requirements through the person's role (mart_role_skills, a few hundred rows), not
--   through mart_requirements (~700k rows), so the big join builds its hash table on a few hundred rows;
-- - the ranking is one min() over a 64-bit integer that packs it, highest bits first: level missing (1 bit),
--   8 - level (4 bits; levels are 1..5), undated (1 bit), days since 1900-01-01 (17 bits: loads refuse years
--   outside 1900..2100, and the value is clamped to them), record_id (40 bits). Its low 40 bits are the best
--   record and bits 58..61 its level, which is the highest valid level, so one aggregate gives both (a struct
--   arg_min took twice as long).
requirement_evidence AS (
    SELECT
        person_key,
        skill_key,
        required_level,
        CASE WHEN best >> 62 = 0 THEN CAST(8 - ((best >> 58) & 15) AS INTEGER) END AS current_level,
        best & 1099511627775 AS best_record_id
    FROM (
        SELECT
            e.person_key,
            e.skill_key,
            any_value(q.required_level) AS required_level,
            min(
                (CAST(e.level IS NULL AS BIGINT) << 62)
                | (CAST(8 - coalesce(e.level, 0) AS BIGINT) << 58)
                | (CAST(e.completed_on IS NULL AS BIGINT) << 57)
                | (CAST(least(greatest(coalesce(e.completed_on - DATE '1900-01-01', 0), 0), 131071) AS BIGINT) << 40)
                | e.record_id
            ) AS best
        FROM evidence AS e
        INNER JOIN mart_role_skills AS q ON q.role_key = e.role_key AND q.skill_key = e.skill_key
        GROUP BY e.person_key, e.skill_key
    )
),
