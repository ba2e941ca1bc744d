"""Are the skills each role needs covered? Coverage, target achievement, bus factor and their drill-down."""

from __future__ import annotations

import duckdb

from metrics import queries
from metrics.definitions import Definition, MetricResult, plural
from metrics.filters import Filters
from metrics.scope import evidence_excluded, people_excluded, scope, small_n_note, suppress_small_teams

EVIDENCE_RULE = (
    "A person's current level in a skill is the highest level among their valid evidence (0 if none): a "
    "completed learning record, completed on or before the as-of date and not expired as of it, evidences "
    "the skills it lists, else the skills its catalogue program teaches."
)
REQUIREMENT_RULE = (
    "Everyone employed as of the as-of date inherits the skill requirements of their role (matched on the "
    "role name ignoring case and outer spaces); a requirement is met when current level >= required level."
)
ROSTER_NOTE = "team, role and other roster attributes are those of the latest roster load"


def coverage(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Per team x required skill: the share of members whose role requires it who meet it."""
    s = scope(con, f)
    frame = queries.run(con, "coverage", f.params())
    people_with_requirements = s.people - s.people_without_requirements
    kept, hidden, suppression = suppress_small_teams(frame, f)
    definition = Definition(
        name="Skill coverage",
        formula="coverage = members_meeting / required_members, per team and required skill. "
        + REQUIREMENT_RULE
        + " "
        + EVIDENCE_RULE,
        filters_applied=f.describe(),
        n=people_with_requirements,
        excluded=people_excluded(s, f) + evidence_excluded(s, f) + suppression,
        notes=[ROSTER_NOTE] + small_n_note(people_with_requirements, f.min_group_size),
    )
    return MetricResult(kept, definition, hidden)


def target_achievement(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Per team: requirements met at the required level / requirements with a required level."""
    s = scope(con, f)
    frame = queries.run(con, "target_achievement", f.params())
    people_with_requirements = s.people - s.people_without_requirements
    kept, hidden, suppression = suppress_small_teams(frame, f)
    definition = Definition(
        name="Target achievement by team",
        formula="rate = met / requirements, where requirements counts every (person, required skill) pair "
        "in the team. " + REQUIREMENT_RULE + " " + EVIDENCE_RULE,
        filters_applied=f.describe(),
        n=people_with_requirements,
        excluded=people_excluded(s, f) + evidence_excluded(s, f) + suppression,
        notes=[ROSTER_NOTE] + small_n_note(people_with_requirements, f.min_group_size),
    )
    return MetricResult(kept, definition, hidden)


def org_target_achievement(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row for the whole slice: requirements, met, rate (null when nobody has a requirement)."""
    s = scope(con, f)
    frame = queries.run(con, "org_target_achievement", f.params())
    people_with_requirements = int(frame.get_column("people_with_requirements")[0])
    notes = [ROSTER_NOTE] + small_n_note(people_with_requirements, f.min_group_size)
    if people_with_requirements == 0:
        notes.append("nobody in scope has a skill requirement, so there is no rate")
    definition = Definition(
        name="Target achievement (whole selection)",
        formula="rate = requirements met at the required level / requirements with a required level. "
        + REQUIREMENT_RULE
        + " "
        + EVIDENCE_RULE,
        filters_applied=f.describe(),
        n=people_with_requirements,
        excluded=people_excluded(s, f) + evidence_excluded(s, f),
        notes=notes,
    )
    return MetricResult(frame, definition)


def bus_factor(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Required skills (at each level some role requires) that two or fewer people in scope meet."""
    s = scope(con, f)
    frame = queries.run(con, "bus_factor", f.params())
    definition = Definition(
        name="Bus factor: skills held by two people or fewer",
        formula="For each skill and level that some role in scope requires, people_meeting = people in scope "
        "whose current level is at least that level (whether or not their own role requires it); rows with "
        "people_meeting <= 2 are listed. " + EVIDENCE_RULE,
        filters_applied=f.describe(),
        n=s.people,
        excluded=people_excluded(s, f, requirements=False) + evidence_excluded(s, f),
        notes=[
            "with filters set this is the bus factor of the selection, not of the whole organisation",
        ]
        if (f.departments or f.teams or f.locations or f.roles or f.manager_id)
        else [],
    )
    return MetricResult(frame, definition)


def coverage_drilldown(con: duckdb.DuckDBPyConnection, f: Filters, team: str, skill_id: str) -> MetricResult:
    """Members of ``team`` whose role requires ``skill_id``: who meets it, and which credential shows it."""
    s = scope(con, f)
    params = f.params() | {"team": team, "skill_id": skill_id}
    team_size = int(queries.run(con, "team_size", params).item())
    frame = queries.run(con, "coverage_drilldown", params | {"focus_team": team})
    hidden = 0
    notes = [ROSTER_NOTE]
    if 0 < team_size < f.min_group_size:
        frame = frame.clear()
        hidden = 1
        notes.append(
            f"team {team!r} has {plural(team_size, 'person', 'people')}, fewer than {f.min_group_size}: "
            "its members are not listed (small groups can identify individuals)"
        )
    elif team_size == 0:
        notes.append(f"nobody in scope is in team {team!r}")
    definition = Definition(
        name=f"Coverage drill-down: {team} / {skill_id}",
        formula="Each member of the team whose role requires the skill, with required and current level; the "
        "evidence shown is their best valid evidence for the skill (highest level, then earliest "
        "completion). " + EVIDENCE_RULE,
        filters_applied=f.describe(),
        n=frame.height,
        excluded=people_excluded(s, f, requirements=False) + evidence_excluded(s, f),
        notes=notes,
    )
    return MetricResult(frame, definition, hidden)
