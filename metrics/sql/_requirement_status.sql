-- include: _requirement_evidence
-- Fragment. requirement_status: one row per person in scope x skill their role requires, in integers only:
-- the required level and importance, the current level (0 without valid evidence) and the record of the best
-- valid evidence (null without any). It is the costliest step of every requirement-based query, so on a
-- read-only warehouse metrics/shared.py materialises it once per filter set for every query that needs it
-- (_requirement_status_shared.sql reads that table), and the requirements fragment adds the person's and the
-- skill's text by their integer keys. The requirements come from mart_requirements rather than from people
-- joined to mart_role_skills (the same rows): with a stored table's row count on the left, DuckDB builds the
-- LEFT JOIN's hash table on the smaller requirement_evidence, where the join of two CTEs made it build on the
-- ~650k requirements instead (0.19 s against 0.08 s of CPU at 100,000 employees).
requirement_status AS (
    SELECT
        q.person_key,
        q.skill_key,
        q.required_level,
        q.importance,
        coalesce(b.current_level, 0) AS current_level,
        b.best_record_id
    FROM mart_requirements AS q
    SEMI JOIN people AS p ON p.person_key = q.person_key
    LEFT JOIN requirement_evidence AS b ON b.person_key = q.person_key AND b.skill_key = q.skill_key
),
