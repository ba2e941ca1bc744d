"""Which credentials people hold, what they cost, and which are lapsing, expired or revoked."""

from __future__ import annotations

import duckdb

from metrics import queries
from metrics.definitions import Definition, MetricResult
from metrics.errors import whole_number
from metrics.filters import Filters
from metrics.scope import cost_notes, people_excluded, records_excluded, scope


def check_days(days: object, name: str = "days") -> int:
    """A look-ahead window in whole days, 0 or more (bad input is a MetricsError, not a traceback)."""
    return whole_number(days, 0, None, f"{name} must be a whole number of days, 0 or more")


def credentials_catalogue(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per program: current holders, records, completions and spend."""
    s = scope(con, f)
    frame = queries.run_hashed(con, "credentials", f.params())  # holders counted on hashed program keys
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
    definition = Definition(
        name=f"Credential expiry (next {days} days)",
        formula=f"expiring = completed and expires_on after the as-of date and within {days} days of it; "
        "expired = completed and expires_on on or before the as-of date; revoked = status revoked. "
        "days_left = expires_on - as-of date. renewed = the person holds another valid completion of the same "
        "program.",
        filters_applied=f.describe(),
        n=frame.height,
        excluded=people_excluded(s, f, requirements=False) + records_excluded(s, f),
        notes=["expiry is the record's own date, else completion date + the catalogue's validity_months"],
        n_label="credentials",
    )
    return MetricResult(frame, definition)
