-- mart_evidence: one row per matched learning record x skill it evidences, whatever its status or expiry
-- (metric queries apply the as-of rules). Key: (record_id, skill_id).
-- skill_source = 'record' when the file listed skills for the record (mart_own_evidence), else 'catalogue':
-- the skills of the catalogue program the record matched. A record with neither has no rows.
-- A view: the catalogue half is mart_record_facts joined to the small mart_record_program_skills on the
-- integer program_ref when a query runs. Filters on the record columns apply before that join, and a load
-- no longer writes ~2.7 rows per badge. The program, provider and expiry source of a record are in
-- mart_records (join on record_id), the skill's name in mart_skills.
CREATE OR REPLACE VIEW mart_evidence AS
SELECT
    person_key,
    record_id,
    program_type,
    status,
    completed_on,
    expires_on,
    activity_on,
    skill_id,
    skill_key,
    level,
    'record' AS skill_source
FROM mart_own_evidence
UNION ALL
SELECT
    f.person_key,
    f.record_id,
    f.program_type,
    f.status,
    f.completed_on,
    f.expires_on,
    f.activity_on,
    ps.skill_id,
    ps.skill_key,
    ps.level,
    'catalogue' AS skill_source
FROM mart_record_facts AS f
INNER JOIN mart_record_program_skills AS ps ON ps.program_ref = f.program_ref
WHERE f.person_key IS NOT NULL AND NOT f.has_own_skills
