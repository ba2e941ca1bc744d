-- mart_requirement_evidence: one row per completed evidence of a skill that its person's role requires
-- (record x skill, whatever its date or expiry: the metrics apply the as-of rules). Key: (record_id, skill_key).
-- Every requirement-based page first finds each requirement's current level and best evidence as of its
-- date (metrics/sql/_requirement_evidence.sql). Forming that evidence at query time meant expanding the
-- mart_evidence view (~1.8M rows at 100,000 employees), keeping the completed ones and joining them to the
-- person's role requirements: about half of that step's ~0.3 s. This table holds the result, with what the
-- as-of rules and the record filters read.
-- It is mart_evidence's two halves, each joined to the requirements: the catalogue half meets them
-- through (program_ref, role_key) pairs, so the ~2.7 catalogue skills of each badge are never formed, only
-- those its holder's role requires (at a million badges: 0.12 s of joins, against ~0.5 s through the view).
-- rank_key orders a requirement's evidence best first in one 64-bit integer, highest bits first: level
-- missing (1 bit), 8 - level (4 bits; levels are 1..5), undated (1 bit), days since 1900-01-01 (17 bits:
-- loads refuse years outside 1900..2100, and the value is clamped to them), record_id (40 bits). The
-- minimum over the valid rows gives the best record (its low 40 bits) and the highest valid level (bits
-- 58..61) in one aggregate.
CREATE OR REPLACE TABLE mart_requirement_evidence AS
WITH
person_roles AS (
    SELECT person_key, role_key FROM mart_org
),

-- which skills of each program that records name each role requires
program_requirements AS (
    SELECT ps.program_ref, q.role_key, ps.skill_key, ps.level, q.required_level
    FROM mart_record_program_skills AS ps
    INNER JOIN mart_role_skills AS q ON q.skill_key = ps.skill_key
),

-- records without skills of their own evidence their catalogue program's (as in mart_evidence)
catalogue AS (
    SELECT
        f.person_key,
        pr.skill_key,
        f.record_id,
        pr.required_level,
        pr.level,
        f.program_type,
        f.completed_on,
        f.expires_on,
        f.activity_on
    FROM mart_record_facts AS f
    INNER JOIN person_roles AS o ON o.person_key = f.person_key
    INNER JOIN program_requirements AS pr ON pr.program_ref = f.program_ref AND pr.role_key = o.role_key
    WHERE f.status = 'completed' AND NOT f.has_own_skills
),

own AS (
    SELECT
        e.person_key,
        e.skill_key,
        e.record_id,
        q.required_level,
        e.level,
        e.program_type,
        e.completed_on,
        e.expires_on,
        e.activity_on
    FROM mart_own_evidence AS e
    INNER JOIN person_roles AS o ON o.person_key = e.person_key
    INNER JOIN mart_role_skills AS q ON q.role_key = o.role_key AND q.skill_key = e.skill_key
    WHERE e.status = 'completed'
),

final AS (
    SELECT
        *,
        (CAST(level IS NULL AS BIGINT) << 62)
        | (CAST(8 - coalesce(level, 0) AS BIGINT) << 58)
        | (CAST(completed_on IS NULL AS BIGINT) << 57)
        | (CAST(least(greatest(coalesce(completed_on - DATE '1900-01-01', 0), 0), 131071) AS BIGINT) << 40)
        | record_id AS rank_key
    FROM (
        SELECT * FROM catalogue
        UNION ALL
        SELECT * FROM own
    )
)

SELECT * FROM final
