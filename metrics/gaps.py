"""Where are people short of what their role needs, and which catalogue programs would close it?"""

from __future__ import annotations

import duckdb
import polars as pl

from metrics import queries
from metrics.coverage import EVIDENCE_RULE, REQUIREMENT_RULE, ROSTER_NOTE
from metrics.definitions import Definition, MetricResult
from metrics.errors import whole_number
from metrics.filters import Filters
from metrics.scope import Scope, evidence_excluded, people_excluded, scope, small_n_note, suppress_small_teams


def gaps(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per unmet requirement, largest gap first, then most important."""
    s = scope(con, f)
    frame = queries.run(con, "gaps", f.params()).sort(
        ["gap", "importance", "employee_id", "skill", "skill_id"],
        descending=[True, True, False, False, False],
        nulls_last=True,  # as SQL's ORDER BY; the key is unique, so the order is total
    )
    people = frame.get_column("employee_id").n_unique() if frame.height else 0
    return MetricResult(frame, _gaps_definition(s, f, people))


def _gaps_definition(
    s: Scope, f: Filters, people: int, filters: list[str] | None = None, notes: list[str] | None = None
) -> Definition:
    """The definition `gaps` and `largest_gaps` share: the same rows, the whole list or its first part."""
    return Definition(
        name="Skill gaps",
        formula="gap = required_level - current_level for every requirement not met; sorted by gap, then "
        "importance (unknown importance last). " + REQUIREMENT_RULE + " " + EVIDENCE_RULE,
        filters_applied=f.describe() + (filters or []),
        n=people,
        excluded=people_excluded(s, f) + evidence_excluded(s, f),
        notes=[ROSTER_NOTE, "n counts people with at least one gap", *(notes or [])],
    )


def largest_gaps(
    con: duckdb.DuckDBPyConnection, f: Filters, limit: int, team: str | None = None
) -> MetricResult:
    """The first ``limit`` rows of ``gaps`` (same order), and in ``total_rows`` how many there are in all.

    A page shows a few thousand of the ~500k gaps of a large organisation; sorting only those is several
    times cheaper than sorting them all. ``team`` narrows to one team ("(no team)" for people without one).
    """
    whole_number(limit, 1, None, "limit must be a whole number of rows, at least 1")
    s = scope(con, f)
    raw = queries.run(con, "gaps_top", f.params() | {"limit": limit, "focus_team": team})
    total, people = (int(raw.get_column(c)[0]) for c in ("gap_rows", "people_with_gaps"))
    frame = raw.drop("gap_rows", "people_with_gaps").filter(pl.col("employee_id").is_not_null())
    definition = _gaps_definition(
        s,
        f,
        people,
        filters=[f"team: {team}"] if team is not None else [],
        notes=[f"the first {frame.height:,} of {total:,} gaps, largest first"]
        if frame.height < total
        else [],
    )
    return MetricResult(frame, definition, total_rows=total)


def gap_summary(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Per required skill across the whole selection: people requiring it, people short, total gap."""
    s = scope(con, f)
    frame = queries.run(con, "gap_summary", f.params())
    people_with_requirements = s.people - s.people_without_requirements
    definition = Definition(
        name="Gaps by skill",
        formula="Per required skill: people_requiring = people whose role requires it; people_with_gap = "
        "those whose current level is below the required level; total_gap = sum of their gaps. "
        + REQUIREMENT_RULE,
        filters_applied=f.describe(),
        n=people_with_requirements,
        excluded=people_excluded(s, f) + evidence_excluded(s, f),
        notes=[ROSTER_NOTE] + small_n_note(people_with_requirements, f.min_group_size),
    )
    return MetricResult(frame, definition)


def gap_summary_by_team(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Per team x required skill, with small teams suppressed."""
    s = scope(con, f)
    frame = queries.run(con, "gap_summary_by_team", f.params())
    kept, hidden, suppression = suppress_small_teams(frame, f)
    people_with_requirements = s.people - s.people_without_requirements
    definition = Definition(
        name="Gaps by team and skill",
        formula="As gaps by skill, per team. " + REQUIREMENT_RULE,
        filters_applied=f.describe(),
        n=people_with_requirements,
        excluded=people_excluded(s, f) + evidence_excluded(s, f) + suppression,
        notes=[ROSTER_NOTE],
    )
    return MetricResult(kept, definition, hidden)


def fund_next(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """For each skill with gaps, the catalogue programs that teach it at a level that closes some of them."""
    s = scope(con, f)
    frame = queries.run(con, "fund_next", f.params())
    notes = [
        "typical cost and hours describe the program across every record of it dated on or before the "
        "as-of date (any person, matched or not), not only the selection",
        "completion_rate = completed / records no longer in progress; null when none has ended",
    ]
    if f.program_types:
        notes.append("only programs of the selected program types are suggested")
    definition = Definition(
        name="What to fund next",
        formula="For each skill with unmet requirements, every catalogue program that currently teaches the "
        "skill at a level >= the required level of at least one unmet requirement; gaps_it_would_close counts "
        "those requirements. typical_cost = median cost of the program's actual records that state a cost, "
        "else its catalogue list cost; typical_hours likewise.",
        filters_applied=f.describe(),
        n=s.people - s.people_without_requirements,
        excluded=people_excluded(s, f) + ["programs not in the catalogue (their skills are unknown)"],
        notes=notes,
    )
    return MetricResult(frame, definition)
