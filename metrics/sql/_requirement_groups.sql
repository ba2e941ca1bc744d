-- include: _requirement_status
-- Fragment. requirement_groups: the requirements of the people in scope counted per team x skill x required
-- level: requirements (rows of requirement_status), met (current_level >= required_level), unmet
-- (current_level < required_level; a requirement without a required level is neither), total_gap (sum of
-- required_level - current_level over the unmet ones) and max_gap. team is '(no team)' when blank.
-- The gaps page's summaries (gap_summary, gap_summary_by_team, fund_next) are sums of these few hundred rows;
-- on a read-only warehouse metrics/shared.py materialises them once per filter set from the shared
-- requirement_status table (_requirement_groups_shared.sql reads them), where each of those queries used to
-- join and group its ~650k rows on its own (at 100,000 employees: ~0.08 s for the three, ~0.02 s for this).
requirement_groups AS (
    SELECT
        p.team,
        s.skill_key,
        s.required_level,
        count(*) AS requirements,
        count(*) FILTER (WHERE s.current_level >= s.required_level) AS met,
        count(*) FILTER (WHERE s.current_level < s.required_level) AS unmet,
        CAST(coalesce(sum(s.required_level - s.current_level) FILTER (
            WHERE s.current_level < s.required_level
        ), 0) AS BIGINT) AS total_gap,
        coalesce(max(s.required_level - s.current_level) FILTER (
            WHERE s.current_level < s.required_level
        ), 0) AS max_gap
    FROM requirement_status AS s
    INNER JOIN people AS p ON p.person_key = s.person_key
    GROUP BY p.team, s.skill_key, s.required_level
),
