-- include: _evidence
-- Fragment. requirement_evidence: per requirement of a person in scope that has any valid evidence, its
-- current level (the highest valid level) and the record of its best evidence (highest level, ties to the
-- earliest completed_on, then the lowest record_id). One aggregate over the valid evidence of required skills
-- only: no per-row ranking, and evidence of skills the person's role does not require is never grouped.
-- required_level is the requirement's own (one per person x skill), carried so that a query asking which
-- requirements are met and by what evidence (economics) needs no second join to mart_requirements.
-- On a read-only warehouse metrics/shared.py materialises it once per filter set for every query that needs
-- it (_requirement_evidence_shared.sql reads that table).
requirement_evidence AS (
    SELECT
        e.person_key,
        e.skill_key,
        any_value(q.required_level) AS required_level,
        max(e.level) AS current_level,
        arg_min(
            e.record_id,
            struct_pack(
                no_level := e.level IS NULL,
                level_desc := -coalesce(e.level, 0),
                undated := e.completed_on IS NULL,
                completed_on := coalesce(e.completed_on, DATE '1970-01-01'),
                record_id := e.record_id
            )
        ) AS best_record_id
    FROM mart_requirements AS q
    INNER JOIN evidence AS e ON e.person_key = q.person_key AND e.skill_key = q.skill_key
    GROUP BY e.person_key, e.skill_key
),
