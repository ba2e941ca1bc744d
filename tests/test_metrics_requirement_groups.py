"""requirement_groups (requirements per team x skill x required level) against requirement_status summed plainly.

The gaps and coverage summaries are sums of these rows (metrics/sql/_requirement_groups.sql); on a reader the
rows are built once per filter set from the shared requirement_status table. These tests check the rows on
random warehouses with employee and record filters, inline and shared, and that a one-team call neither reads
nor keeps them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from app_fixtures import demo_db_path
from test_metrics_requirement_status import _random_warehouse

from etl.marts import build_marts
from etl.sql_files import referenced_params
from metrics import coverage, gaps, queries
from metrics.filters import Filters

__all__ = ["demo_db_path"]

GROUP_KEYS = ["team", "skill_key", "required_level"]


def _fragment(con: duckdb.DuckDBPyConnection, fragment: str, cte: str, f: Filters) -> pl.DataFrame:
    body = queries.load_sql(fragment).rstrip().removesuffix(",")
    sql = f"WITH\n{body}\nSELECT * FROM {cte}"
    params = queries.OPTIONAL_PARAMS | f.params()
    return pl.DataFrame(con.sql(sql, params={k: params[k] for k in referenced_params(sql)}))


def _plain_groups(con: duckdb.DuckDBPyConnection, f: Filters) -> pl.DataFrame:
    """requirement_status joined to its people's teams and summed the obvious way, in polars."""
    status = _fragment(con, "_requirement_status", "requirement_status", f)
    teams = pl.DataFrame(
        con.sql("SELECT person_key, coalesce(team, '(no team)') AS team FROM mart_org"),
    )
    gap = pl.col("required_level") - pl.col("current_level")
    short = pl.col("current_level") < pl.col("required_level")
    return (
        status.join(teams, on="person_key")
        .group_by(GROUP_KEYS)
        .agg(
            pl.len().alias("requirements"),
            (pl.col("current_level") >= pl.col("required_level")).sum().alias("met"),
            short.sum().alias("unmet"),
            gap.filter(short).sum().alias("total_gap"),
            gap.filter(short).max().fill_null(0).alias("max_gap"),
        )
        .sort(GROUP_KEYS)
    )


def _groups(con: duckdb.DuckDBPyConnection, f: Filters) -> pl.DataFrame:
    return _fragment(con, "_requirement_groups", "requirement_groups", f).sort(GROUP_KEYS)


def _same(groups: pl.DataFrame, plain: pl.DataFrame) -> None:
    assert groups.columns == [*GROUP_KEYS, "requirements", "met", "unmet", "total_gap", "max_gap"]
    assert groups.cast(dict.fromkeys(groups.columns[3:], pl.Int64)).equals(
        plain.cast(dict.fromkeys(plain.columns[3:], pl.Int64))
    )


FILTERS = (
    {},
    {"program_types": ("certification",)},
    {"date_from": date(2023, 9, 1), "date_to": date(2024, 6, 30)},
    {"roles": ("Engineer",)},
)


@pytest.mark.parametrize("seed", range(8))
def test_the_groups_are_requirement_status_summed_per_team_skill_and_level(seed: int) -> None:
    con = _random_warehouse(seed)
    # teams by role, and Leads in none ('(no team)')
    con.execute("UPDATE employees SET team = CASE WHEN role = 'Lead' THEN NULL ELSE role || ' team' END")
    build_marts(con)
    compared = 0
    for extra in FILTERS:
        for as_of in (date(2024, 3, 1), date(2026, 1, 1)):
            f = Filters(as_of=as_of, min_group_size=1, **extra)
            plain = _plain_groups(con, f)
            _same(_groups(con, f), plain)
            compared += plain.height
    assert compared, "the random warehouses should have requirements"


def test_a_reader_builds_the_groups_once_from_the_shared_status_and_gets_the_same_rows(
    demo_db_path: Path,
) -> None:
    from etl.warehouse import open_reader, reader_cursor

    reader = open_reader(demo_db_path)
    plain_con = duckdb.connect(str(demo_db_path), read_only=True)  # cannot attach: computes inline
    try:
        con = reader_cursor(reader)
        team = gaps.gap_summary_by_team(con, Filters()).frame.get_column("team")[0]
        for f in (Filters(), Filters(teams=(team,), min_group_size=1)):
            gaps.gap_summary(con, f)
            coverage.coverage(con, f)
            gaps.fund_next(con, f)
            rows = pl.DataFrame(
                con.sql(
                    "SELECT * EXCLUDE (scope_id) FROM skillgrid_shared.main.requirement_groups "
                    "WHERE scope_id = $id",
                    params={"id": _last_scope(con)},
                )
            )
            expected = _groups(plain_con, f)
            assert expected.height
            _same(rows.sort(GROUP_KEYS), expected)
        held = con.sql("SELECT count(DISTINCT scope_id) FROM skillgrid_shared.main.requirement_groups")
        assert held.fetchall()[0][0] == 2  # one per filter set, whichever metric asked first
    finally:
        plain_con.close()
        reader.close()


def _last_scope(con: duckdb.DuckDBPyConnection) -> int:
    rows = con.sql(
        "SELECT scope_id FROM skillgrid_shared.main.scopes WHERE fragment = '_requirement_groups' "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchall()
    return int(rows[0][0])


def test_a_one_team_call_computes_in_full_and_keeps_no_groups(demo_db_path: Path) -> None:
    from etl.warehouse import open_reader, reader_cursor

    reader = open_reader(demo_db_path)
    try:
        con = reader_cursor(reader)
        f = Filters()
        gaps.gap_summary(con, f)  # the page-wide status and groups exist now
        team = gaps.gap_summary_by_team(con, f).frame.get_column("team")[0]
        narrowed = queries.run(con, "gap_summary_by_team", f.params() | {"focus_team": team})
        page_wide = gaps.gap_summary_by_team(con, f).frame.filter(pl.col("team") == team)
        assert narrowed.drop("team_size").equals(page_wide.drop("team_size"))
        held = con.sql("SELECT count(DISTINCT scope_id) FROM skillgrid_shared.main.requirement_groups")
        assert held.fetchall()[0][0] == 1
    finally:
        reader.close()
