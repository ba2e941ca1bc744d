"""Work shared between metrics on a read-only connection (metrics/shared.py) never changes a figure.

The same metrics are computed on the dashboard's kind of reader (read-only warehouse, scratch database
attached: shared fragments materialised, results memoised) and on a connection that cannot cache, for
several filter sets, in an order that makes later calls reuse what earlier ones built.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import duckdb
import polars as pl
import pytest
from app_fixtures import demo_db_path
from metrics_fixture import empty_warehouse

from metrics import coverage, economics, gaps, outcomes, people, queries, roi, shared
from metrics.filters import Filters
from metrics.roi import RoiAssumptions

__all__ = ["demo_db_path"]

FILTER_SETS = [
    Filters(),
    Filters(as_of=dt.date(2024, 6, 30)),
    Filters(program_types=("micro_credential", "certification"), min_group_size=2),
    Filters(date_from=dt.date(2023, 1, 1), date_to=dt.date(2025, 12, 31)),
]


def _figures(con: duckdb.DuckDBPyConnection, f: Filters) -> list[object]:
    a = RoiAssumptions(value_per_requirement_met=300, value_per_completion=50, completion_confidence=0.5)
    results = [
        coverage.coverage(con, f),
        coverage.target_achievement(con, f),
        coverage.bus_factor(con, f),
        gaps.gap_summary(con, f),
        gaps.gap_summary_by_team(con, f),
        gaps.gaps(con, f),
        gaps.fund_next(con, f),
        economics.economics(con, f, "type_group"),
        economics.program_economics(con, f),
        roi.roi(con, f, a),
        roi.roi_by_program(con, f, a),
        outcomes.outcomes(con, f),
        people.people(con, f),
    ]
    # one-team and one-person views: on the reader they read the table the page-wide metrics above built
    cells = results[0].frame
    if cells.height:
        cell = cells.row(cells.height // 2, named=True)
        team, skill_id = cell["team"], cell["skill_id"]
        results += [coverage.coverage_drilldown(con, f, team, skill_id), gaps.largest_gaps(con, f, 20, team)]
    listed = results[12].frame
    if listed.height:
        profile = people.person_profile(con, listed.row(listed.height // 3, named=True)["employee_id"], f)
        results += [profile.requirements, profile.evidence]
    return [(r.frame, r.definition, r.suppressed_groups) for r in results]


def _same(left: list[object], right: list[object]) -> None:
    for (frame_a, def_a, hidden_a), (frame_b, def_b, hidden_b) in zip(left, right, strict=True):
        assert frame_a.schema == frame_b.schema
        float_cols = [c for c, t in frame_a.schema.items() if t == pl.Float64]
        exact = [c for c in frame_a.columns if c not in float_cols]
        assert frame_a.select(exact).equals(frame_b.select(exact), null_equal=True)
        for c in float_cols:  # sums of doubles may differ in the last bit with DuckDB's parallel order
            a, b = frame_a.get_column(c).to_list(), frame_b.get_column(c).to_list()
            assert [x is None for x in a] == [y is None for y in b]
            assert [x for x in a if x is not None] == pytest.approx(
                [y for y in b if y is not None], rel=1e-12
            )
        assert def_a == def_b and hidden_a == hidden_b


@pytest.fixture
def cached(demo_db_path: Path):
    from etl.warehouse import open_reader, reader_cursor

    con = open_reader(demo_db_path)
    yield reader_cursor(con)
    con.close()


@pytest.fixture
def uncached(demo_db_path: Path):
    con = duckdb.connect(str(demo_db_path), read_only=True)  # read-only instance: cannot attach scratch
    yield con
    con.close()


def test_shared_work_gives_the_same_figures(cached, uncached) -> None:
    assert shared.token(cached) is not None and shared.token(uncached) is None
    for f in FILTER_SETS:
        first = _figures(cached, f)
        again = _figures(cached, f)  # reuses the materialised scope and memoised results
        expected = _figures(uncached, f)
        _same(first, expected)
        _same(again, expected)
    for table in ("requirement_status", "requirement_groups"):
        held = cached.execute(f"SELECT count(DISTINCT scope_id) FROM skillgrid_shared.main.{table}")
        assert held.fetchall()[0][0] == len(FILTER_SETS), table


def test_oldest_scopes_are_dropped_and_rebuilt_on_request(cached, uncached, monkeypatch) -> None:
    monkeypatch.setattr(shared, "MAX_SCOPES", 2)
    for f in FILTER_SETS:
        gaps.gap_summary(cached, f)
    held = cached.execute("SELECT count(DISTINCT scope_id) FROM skillgrid_shared.main.requirement_status")
    assert held.fetchall()[0][0] == 2
    _same(_figures(cached, FILTER_SETS[0]), _figures(uncached, FILTER_SETS[0]))


def test_narrowed_calls_and_writable_connections_do_not_share(cached) -> None:
    assert shared.token(empty_warehouse()) is None
    f = Filters()
    queries.run(cached, "gap_summary", f.params() | {"focus_team": "Nobody's team"})
    tables = cached.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'skillgrid_shared' "
        "AND table_name IN ('requirement_status', 'requirement_groups')"
    )
    assert tables.fetchall()[0][0] == 0  # a one-team view computed its own, and kept nothing


def test_a_scope_in_use_is_never_dropped(cached, uncached, monkeypatch) -> None:
    monkeypatch.setattr(shared, "MAX_SCOPES", 1)
    fragment = "_requirement_status"
    statements = queries._shared_statements(fragment)

    def params(f: Filters) -> dict[str, object]:
        given = queries.OPTIONAL_PARAMS | f.params()
        return {k: given[k] for k in queries.referenced_params(statements[0]) if k != "scope_id"}

    tok = shared.token(cached)
    first, second = FILTER_SETS[0], FILTER_SETS[1]
    with shared.scope(cached, tok, fragment, statements, params(first)) as held:
        gaps.gap_summary(cached, second)  # builds a second scope past the limit while the first is read
        rows = cached.execute(
            "SELECT count(*) FROM skillgrid_shared.main.requirement_status WHERE scope_id = $id",
            {"id": held},
        )
        assert rows.fetchall()[0][0] > 0
    gaps.gap_summary(cached, FILTER_SETS[2])  # now the idle ones can go
    held_now = cached.execute("SELECT count(DISTINCT scope_id) FROM skillgrid_shared.main.requirement_status")
    assert held_now.fetchall()[0][0] == 1
    _same(_figures(cached, first), _figures(uncached, first))


def test_a_query_alone_on_its_page_reads_a_shared_scope_but_builds_none(cached, uncached) -> None:
    f = Filters()
    expected = people.people(uncached, f).frame
    assert people.people(cached, f).frame.equals(expected)  # computed inline: nothing built
    tables = cached.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'skillgrid_shared' "
        "AND table_name = 'requirement_status'"
    )
    assert tables.fetchall()[0][0] == 0
    gaps.gap_summary(cached, f)  # builds the scope
    assert people.people(cached, f).frame.equals(expected)  # and now reads it


def test_a_result_being_computed_is_waited_for_not_computed_again(cached) -> None:
    """Two metrics of a page computed side by side both ask for the scope counts: one computes them."""
    tok = shared.token(cached)
    computing, release = threading.Event(), threading.Event()
    calls: list[str] = []
    results: list[pl.DataFrame] = []

    def first() -> pl.DataFrame:
        calls.append("first")
        computing.set()
        release.wait(10)
        return pl.DataFrame({"x": [1]})

    def second() -> pl.DataFrame:
        calls.append("second")
        return pl.DataFrame({"x": [2]})

    one = threading.Thread(target=lambda: results.append(shared.memo(tok, "q", {"a": 1}, first)))
    one.start()
    assert computing.wait(10)
    two = threading.Thread(target=lambda: results.append(shared.memo(tok, "q", {"a": 1}, second)))
    two.start()
    two.join(1.0)  # without the wait it computes its own right away
    release.set()
    one.join(10)
    two.join(10)
    assert calls == ["first"]
    assert [frame.item() for frame in results] == [1, 1]
    assert shared.memo(tok, "q", {"a": 1}, second).item() == 1 and calls == ["first"]
