-- include: _requirement_evidence
-- Fragment. requirement_status: one row per person in scope x skill their role requires, in integers only:
-- the required level and importance, the current level (0 without valid evidence) and the record of the best
-- valid evidence (null without any). It is the costliest step of every requirement-based query, so on a
-- read-only warehouse metrics/shared.py materialises it once per filter set for every query that needs it
-- (_requirement_status_shared.sql reads that table), and the requirements fragment adds the person's and the
-- skill's text by their integer keys. The rows are mart_requirements' for the people in scope, built from
-- people and mart_role_skills as that mart is built from mart_org and mart_role_skills.
requirement_status AS (
    SELECT
        p.person_key,
        q.skill_key,
        q.required_level,
        q.importance,
        coalesce(b.current_level, 0) AS current_level,
        b.best_record_id
    FROM people AS p
    INNER JOIN mart_role_skills AS q ON q.role_key = p.role_key
    LEFT JOIN requirement_evidence AS b ON b.person_key = p.person_key AND b.skill_key = q.skill_key
),
