"""The front page: a handful of headline figures and how completions and spend move month by month."""

from __future__ import annotations

import duckdb
import polars as pl

from metrics import queries
from metrics.coverage import org_target_achievement
from metrics.credentials import check_days
from metrics.definitions import Definition, MetricResult
from metrics.errors import whole_number
from metrics.filters import Filters
from metrics.scope import cost_notes, people_excluded, records_excluded, scope, small_n_note

EXPIRY_HORIZON_DAYS = 90
RECENT_MONTHS = 12


def overview(
    con: duckdb.DuckDBPyConnection, f: Filters, expiring_within_days: int = EXPIRY_HORIZON_DAYS
) -> MetricResult:
    """One row: people, teams, records, completions, spend, org target achievement, credentials expiring soon."""
    check_days(expiring_within_days, "expiring_within_days")
    s = scope(con, f)
    head = queries.run(con, "overview", f.params() | {"days": expiring_within_days})
    target = org_target_achievement(con, f).frame
    frame = head.with_columns(
        pl.lit(target.get_column("rate")[0], dtype=pl.Float64).alias("org_target_achievement")
    ).select(
        "people",
        "teams",
        "records",
        "completions",
        "spend",
        "org_target_achievement",
        pl.col("credentials_expiring").alias(f"credentials_expiring_{expiring_within_days}d"),
    )
    definition = Definition(
        name="Overview",
        formula="people = employed as of the as-of date; teams = distinct teams among them; records, "
        "completions and spend (record cost, else catalogue list cost) = matched learning records of people "
        "in the selection (terminated people included) dated on or before the as-of date; "
        "org_target_achievement = requirements met / requirements; credentials expiring = valid completions "
        f"of people employed now whose expiry falls in the next {expiring_within_days} days.",
        filters_applied=f.describe(),
        n=s.people,
        excluded=people_excluded(s, f, requirements=False) + records_excluded(s, f),
        notes=cost_notes(s) + small_n_note(s.people, f.min_group_size),
    )
    return MetricResult(frame, definition)


def trends(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Per month x program type: records, completions and spend, dated by completed_on else started_on."""
    s = scope(con, f)
    frame = queries.run(con, "trends", f.params())
    undated = s.records - int(frame.get_column("records").sum()) if frame.height else s.records
    excluded = records_excluded(s, f)
    if undated:
        excluded.append(f"{undated} learning record(s) with neither a completion nor a start date")
    definition = Definition(
        name="Completions and spend per month",
        formula="Per calendar month of each record's date (completed_on, else started_on) and program type: "
        "records, completions (status completed) and spend (record cost, else catalogue list cost).",
        filters_applied=f.describe(),
        n=s.records,
        excluded=excluded,
        notes=cost_notes(s),
        n_label="learning records",
    )
    return MetricResult(frame, definition)


def recent_months(con: duckdb.DuckDBPyConnection, f: Filters, months: int = RECENT_MONTHS) -> MetricResult:
    """Completions and spend in each of the last ``months`` months up to the as-of date, zero-filled.

    The overview draws these as its headline mini charts: a fixed window with every month present reads
    at a glance, where the full trend (below them) starts wherever the data does.
    """
    whole_number(months, 1, 120, "months must be a whole number from 1 to 120")
    s = scope(con, f)
    frame = queries.run(con, "recent_months", f.params() | {"months": months})
    first = frame.get_column("month")[0]
    definition = Definition(
        name=f"Completions and spend in the last {months} months",
        formula=f"Per calendar month from {first:%b %Y} to {f.as_of:%b %Y} (the as-of month, even if it has "
        "only begun) of each record's date (completed_on, else started_on): completions (status completed) "
        "and spend (record cost, else catalogue list cost); a month without records reads 0.",
        filters_applied=f.describe(),
        n=int(frame.get_column("completions").sum()),
        excluded=records_excluded(s, f),
        notes=cost_notes(s),
        n_label="completions in the window",
    )
    return MetricResult(frame, definition)
