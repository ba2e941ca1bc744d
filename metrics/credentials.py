"""Which credentials people hold, what they cost, and which are lapsing, expired or revoked."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from metrics import queries
from metrics.definitions import Definition, MetricResult
from metrics.errors import whole_number
from metrics.filters import Filters
from metrics.scope import Scope, cost_notes, people_excluded, records_excluded, scope

EXPIRY_STATES = ("expiring", "expired", "revoked")


def check_days(days: object, name: str = "days") -> int:
    """A look-ahead window in whole days, 0 or more (bad input is a MetricsError, not a traceback)."""
    return whole_number(days, 0, None, f"{name} must be a whole number of days, 0 or more")


def credentials_catalogue(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per program: current holders, records, completions and spend."""
    s = scope(con, f)
    frame = queries.run(con, "credentials", f.params())
    definition = Definition(
        name="Credentials and programs",
        formula="Per program (the catalogue program a record matched, else the record's own name + provider): "
        "holders = people employed as of the as-of date with a completed, unexpired record of it; records, "
        "completions and spend (record cost, else catalogue list cost) over matched records of people in the "
        "selection dated on or before the as-of date.",
        filters_applied=f.describe(),
        n=s.records,
        excluded=records_excluded(s, f),
        notes=cost_notes(s)
        + ["expiry is the record's own date, else completion date + the catalogue's validity_months"],
        n_label="learning records",
    )
    return MetricResult(frame, definition)


def expiry_tracker(con: duckdb.DuckDBPyConnection, f: Filters, days: int = 90) -> MetricResult:
    """Credentials of people employed now that expire within ``days``, have expired, or were revoked."""
    check_days(days)
    s = scope(con, f)
    frame = queries.run(con, "expiry_tracker", f.params() | {"days": days})
    return MetricResult(frame, _expiry_definition(s, f, days, frame.height))


@dataclass(frozen=True)
class ExpiryView:
    """The expiry tracker as a page shows it: how many credentials each state holds and how many of them are
    renewed, with only the first rows of each state (``first_rows.total_rows`` is the whole list's length)."""

    first_rows: MetricResult
    state_rows: dict[str, int]
    state_renewed: dict[str, int]


def expiry_view(con: duckdb.DuckDBPyConnection, f: Filters, days: int, limit: int) -> ExpiryView:
    """``expiry_tracker``'s counts per state, and its first ``limit`` rows of each state in the same order.

    A large organisation has ~110,000 credentials to watch; sorting and sending them all took most of the
    credentials page's time, and a page shows a few thousand (the downloads ask for ``expiry_tracker``).
    """
    check_days(days)
    whole_number(limit, 1, None, "limit must be a whole number of rows, at least 1")
    s = scope(con, f)
    raw = queries.run(con, "expiry_first", f.params() | {"days": days, "limit": limit})
    sizes = raw.group_by("state").agg(pl.col("state_rows").first(), pl.col("state_renewed").first())
    state_rows = dict.fromkeys(EXPIRY_STATES, 0) | dict(sizes.select("state", "state_rows").iter_rows())
    renewed = dict.fromkeys(EXPIRY_STATES, 0) | dict(sizes.select("state", "state_renewed").iter_rows())
    total = sum(state_rows.values())
    frame = raw.drop("state_rows", "state_renewed")
    shortened = [f"the first {limit:,} rows of each state are listed"] if frame.height < total else []
    definition = _expiry_definition(s, f, days, total, shortened)
    return ExpiryView(MetricResult(frame, definition, total_rows=total), state_rows, renewed)


def _expiry_definition(s: Scope, f: Filters, days: int, n: int, notes: list[str] | None = None) -> Definition:
    return Definition(
        name=f"Credential expiry (next {days} days)",
        formula=f"expiring = completed and expires_on after the as-of date and within {days} days of it; "
        "expired = completed and expires_on on or before the as-of date; revoked = status revoked. "
        "days_left = expires_on - as-of date. renewed = the person holds another valid completion of the same "
        "program.",
        filters_applied=f.describe(),
        n=n,
        excluded=people_excluded(s, f, requirements=False) + records_excluded(s, f),
        notes=["expiry is the record's own date, else completion date + the catalogue's validity_months"]
        + (notes or []),
        n_label="credentials",
    )
