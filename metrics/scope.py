"""Who and what a figure leaves out, in words, and the small-group rules every aggregate follows.

Every metric module calls these so that exclusions are worded the same way on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from metrics import queries
from metrics.definitions import plural
from metrics.filters import Filters


@dataclass(frozen=True)
class Scope:
    """Counts behind the exclusion sentences (from metrics/sql/scope_counts.sql)."""

    members: int
    people: int
    terminated: int
    not_yet_hired: int
    people_without_requirements: int
    unmatched_records: int
    records_after_as_of: int
    records_outside_filters: int
    records: int
    records_catalogue_cost: int
    records_without_cost: int
    records_without_hours: int


def scope(con: duckdb.DuckDBPyConnection, f: Filters) -> Scope:
    row = queries.run(con, "scope_counts", f.params(), memo=True).row(0, named=True)
    return Scope(**{key: int(value or 0) for key, value in row.items()})


def people_excluded(s: Scope, f: Filters, *, requirements: bool = True) -> list[str]:
    """Sentences for people left out; ``requirements`` adds those whose role requires nothing."""
    out = []
    if s.terminated:
        out.append(f"{plural(s.terminated, 'person', 'people')} terminated on or before {f.as_of}")
    if s.not_yet_hired:
        out.append(f"{plural(s.not_yet_hired, 'person', 'people')} hired after {f.as_of}")
    if requirements and s.people_without_requirements:
        out.append(
            f"{plural(s.people_without_requirements, 'person', 'people')} whose role has no skill requirements"
        )
    return out


def records_excluded(s: Scope, f: Filters) -> list[str]:
    """Sentences for learning records left out of record-based metrics."""
    out = []
    if s.unmatched_records:
        out.append(f"{plural(s.unmatched_records, 'learning record')} not matched to any person")
    if s.records_after_as_of:
        out.append(f"{plural(s.records_after_as_of, 'learning record')} dated after {f.as_of}")
    if s.records_outside_filters:
        out.append(
            f"{plural(s.records_outside_filters, 'learning record')} outside the program-type or date filters"
        )
    return out


def evidence_excluded(s: Scope, f: Filters) -> list[str]:
    """Sentences for what never counts as skill evidence."""
    out = [
        "in-progress, failed and revoked records, completions after the as-of date and expired credentials "
        "give no skill evidence"
    ]
    if s.unmatched_records:
        out.append(f"{plural(s.unmatched_records, 'learning record')} not matched to any person")
    if f.restricts_records:
        out.append("evidence from learning records outside the program-type or date filters")
    return out


def cost_notes(s: Scope) -> list[str]:
    out = []
    if s.records_catalogue_cost:
        out.append(
            f"{plural(s.records_catalogue_cost, 'record')} stated no cost; the catalogue list cost was used"
        )
    if s.records_without_cost:
        out.append(f"{plural(s.records_without_cost, 'record')} had no cost anywhere and count as 0")
    if s.records_without_hours:
        out.append(f"{plural(s.records_without_hours, 'record')} had no hours anywhere and count as 0")
    return out


def small_n_note(n: int, minimum: int, what: str = "people") -> list[str]:
    """A caveat when a whole figure rests on fewer than ``minimum`` people."""
    if n < minimum:
        return [f"based on fewer than {minimum} {what} ({n}); treat as indicative only"]
    return []


def suppress_small_teams(frame: pl.DataFrame, f: Filters) -> tuple[pl.DataFrame, int, list[str]]:
    """Drop rows of teams with fewer than f.min_group_size people; return (kept, hidden teams, note)."""
    if frame.is_empty() or "team_size" not in frame.columns:
        return frame, 0, []
    small = frame.filter(pl.col("team_size") < f.min_group_size)
    hidden = small.get_column("team").n_unique()
    if hidden == 0:
        return frame, 0, []
    note = (
        f"{plural(hidden, 'team')} with fewer than {f.min_group_size} people hidden "
        "(small groups can identify individuals)"
    )
    return frame.filter(pl.col("team_size") >= f.min_group_size), hidden, [note]
