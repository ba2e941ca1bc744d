-- include: _people
-- Fragment. requirement_evidence: per requirement that has any valid evidence as of $as_of (of anyone: the
-- readers keep their people), its required level, its current level (the highest valid level, null when no
-- evidence gives one) and the record of its best evidence (highest level, ties to the earliest completed_on,
-- an undated one after every dated one, then the lowest record_id). Valid evidence: completed on or before
-- $as_of (an undated completion counts), not expired (expires_on null or after $as_of), and kept by the record
-- filters, as in _evidence.sql. Most queries read it through requirement_status (_requirement_status.sql),
-- which adds the requirements without valid evidence; people counts what it meets from it directly.
--
-- Speed: it reads mart_requirement_evidence, where the load has already joined the completed evidence to the
-- requirements of its person's role and packed the ranking into rank_key (see that mart's header), so what is
-- left per as-of date and filter set is one filter and one min() per requirement (~0.03 s at 100,000
-- employees, where forming the evidence here took ~0.15 s more).
-- valid_requirement_evidence: those rows of mart_requirement_evidence that count as of $as_of with the record
-- filters, for a reader that needs only some of them (economics credits met requirements: it keeps the rows at
-- or above the required level, whose best is the requirement's best whenever it is met).
valid_requirement_evidence AS NOT MATERIALIZED (
    SELECT *
    FROM mart_requirement_evidence
    WHERE (completed_on IS NULL OR completed_on <= $as_of::DATE)
        AND (expires_on IS NULL OR expires_on > $as_of::DATE)
        AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], program_type))
        AND ($date_from::DATE IS NULL OR activity_on >= $date_from::DATE)
        AND ($date_to::DATE IS NULL OR activity_on <= $date_to::DATE)
),

requirement_evidence AS (
    SELECT
        person_key,
        skill_key,
        required_level,
        CASE WHEN best >> 62 = 0 THEN CAST(8 - ((best >> 58) & 15) AS INTEGER) END AS current_level,
        best & 1099511627775 AS best_record_id
    FROM (
        SELECT
            person_key,
            skill_key,
            any_value(required_level) AS required_level,
            min(rank_key) AS best
        FROM valid_requirement_evidence
        GROUP BY person_key, skill_key
    )
),
