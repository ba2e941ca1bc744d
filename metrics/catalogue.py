"""What is in the warehouse: filter choices, table sizes, unmatched records, rejected rows and loads.

These answer "can I trust what I am looking at?" before any metric is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from metrics import queries
from metrics.definitions import Definition, MetricResult


@dataclass(frozen=True)
class FilterOptions:
    """Sorted distinct values a page can offer as filters; managers are (employee_id, name) pairs."""

    departments: tuple[str, ...]
    teams: tuple[str, ...]
    locations: tuple[str, ...]
    roles: tuple[str, ...]
    managers: tuple[tuple[str, str], ...]
    program_types: tuple[str, ...]
    min_date: date | None
    max_date: date | None


def filter_options(con: duckdb.DuckDBPyConnection) -> FilterOptions:
    row = queries.run(con, "filter_options").row(0, named=True)
    return FilterOptions(
        departments=tuple(row["departments"] or ()),
        teams=tuple(row["teams"] or ()),
        locations=tuple(row["locations"] or ()),
        roles=tuple(row["roles"] or ()),
        managers=tuple(zip(row["manager_ids"] or (), row["manager_names"] or (), strict=True)),
        program_types=tuple(row["program_types"] or ()),
        min_date=row["min_date"],
        max_date=row["max_date"],
    )


def _plain(name: str, formula: str, n: int, label: str) -> Definition:
    return Definition(name=name, formula=formula, filters_applied=[], n=n, n_label=label)


def has_data(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether employees, learning records, role requirements or programs have been loaded."""
    return bool(queries.run(con, "has_data").item())


def table_counts(con: duckdb.DuckDBPyConnection) -> MetricResult:
    frame = queries.run(con, "table_counts")
    return MetricResult(
        frame,
        _plain("Rows per table", "count(*) of each base table and mart", frame.height, "tables"),
    )


def unmatched_records(con: duckdb.DuckDBPyConnection) -> MetricResult:
    frame = queries.run(con, "unmatched_records")
    return MetricResult(
        frame,
        _plain(
            "Unmatched learning records",
            "learning records whose employee id, external id and email matched nobody on the roster or in "
            "the identity aliases (never matched by name); they count in no metric until mapped",
            frame.height,
            "learning records",
        ),
    )


def rejected_rows(con: duckdb.DuckDBPyConnection) -> MetricResult:
    frame = queries.run(con, "rejected_rows")
    return MetricResult(
        frame,
        _plain(
            "Rejected rows",
            "source rows (and columns) a load refused, with the reason; the rest of each file loaded",
            frame.height,
            "rejected rows",
        ),
    )


def load_history(con: duckdb.DuckDBPyConnection) -> MetricResult:
    frame = queries.run(con, "load_history")
    return MetricResult(
        frame,
        _plain("Load history", "every file written to the warehouse, newest first", frame.height, "loads"),
    )
