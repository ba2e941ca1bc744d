"""What each kind of learning costs per completion and per requirement met, by type, program and provider."""

from __future__ import annotations

from typing import Literal

import duckdb
import polars as pl

from metrics import queries
from metrics.definitions import Definition, MetricResult, plural
from metrics.errors import MetricsError
from metrics.filters import Filters
from metrics.scope import cost_notes, records_excluded, scope

GroupBy = Literal["program_type", "type_group", "program", "provider"]

TYPE_GROUPS: tuple[str, ...] = ("micro_credentials_and_certifications", "traditional_courses_and_degrees")

ECONOMICS_FORMULA = (
    "Over matched learning records of people in the selection (terminated people included: their spend "
    "happened) dated on or before the as-of date: records; participants = distinct people; completions = "
    "records with status completed; completion_rate = completions / records (every attempt counts, "
    "unfinished ones too); completion_rate_of_finished = completions / (records - in progress); total_cost = "
    "sum of each record's cost, else its catalogue list cost; cost_per_completion = total_cost / "
    "completions; hours_per_completion = total hours / completions; median_days_to_complete = median of "
    "completed_on - started_on over completed records with both dates; cost_per_requirement_met = total_cost "
    "/ requirements met whose best valid evidence (highest level, ties to the earliest completion) came from "
    "this group. A ratio whose denominator is 0 is null."
)

_KEY_COLUMN = {
    "program_type": "program_type",
    "type_group": "group",
    "program": "program_key",
    "provider": "provider",
}
_MIN_PARTICIPANTS = 5


def economics(con: duckdb.DuckDBPyConnection, f: Filters, group_by: GroupBy) -> MetricResult:
    """Cost and completion economics of learning records grouped by ``group_by``."""
    if group_by not in _KEY_COLUMN:
        raise MetricsError(f"group_by must be one of {', '.join(_KEY_COLUMN)}, got {group_by!r}")
    s = scope(con, f)
    raw = _economics(con, f, group_by)
    frame = _shape(raw, group_by)
    small = raw.filter(pl.col("participants") < _MIN_PARTICIPANTS)
    notes = cost_notes(s)
    if small.height:
        notes.append(
            f"{plural(small.height, 'group')} rest on fewer than {_MIN_PARTICIPANTS} participants "
            f"({', '.join(str(k) for k in small.get_column('group_key').to_list())}); treat as indicative only"
        )
    definition = Definition(
        name=f"Learning economics by {group_by.replace('_', ' ')}",
        formula=ECONOMICS_FORMULA,
        filters_applied=f.describe(),
        n=s.records,
        excluded=records_excluded(s, f),
        notes=notes,
        n_label="learning records",
    )
    return MetricResult(frame, definition)


def _economics(con: duckdb.DuckDBPyConnection, f: Filters, group_by: GroupBy) -> pl.DataFrame:
    """The economics query's rows (participants counted on hashed keys, see queries.run_hashed); memoised,
    because roi asks for the same groups again."""
    return queries.run_hashed(con, "economics", f.params() | {"group_by": group_by}, memo=True)


def _shape(raw: pl.DataFrame, group_by: GroupBy) -> pl.DataFrame:
    metrics_cols = [
        "records",
        "participants",
        "completions",
        "in_progress",
        "completion_rate",
        "completion_rate_of_finished",
        "total_cost",
        "cost_per_completion",
        "total_hours",
        "hours_per_completion",
        "median_days_to_complete",
        "requirements_met",
        "cost_per_requirement_met",
        "retained_completers",
    ]
    if group_by == "program_type":
        return raw.select(pl.col("group_key").alias("program_type"), *metrics_cols)
    if group_by == "type_group":
        present = raw.select(pl.col("group_key").alias("group"), *metrics_cols)
        both = pl.DataFrame({"group": list(TYPE_GROUPS)})
        filled = both.join(present, on="group", how="left")
        counts = [c for c in metrics_cols if c in ("records", "participants", "completions", "in_progress")]
        counts += ["total_cost", "total_hours", "requirements_met", "retained_completers"]
        return filled.with_columns(pl.col(c).fill_null(0) for c in counts)
    if group_by == "provider":
        return raw.select(pl.col("group_key").alias("provider"), *metrics_cols)
    return raw.select(
        pl.col("group_key").alias("program_key"), "program_name", "provider", "program_type", *metrics_cols
    )


def program_type_economics(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per program_type (micro_credential, certification, traditional_course, degree)."""
    return economics(con, f, "program_type")


def program_economics(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per program as records name it (name + provider, case and outer spaces ignored)."""
    return economics(con, f, "program")


def provider_economics(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per provider ('(no provider)' when records name none)."""
    return economics(con, f, "provider")
