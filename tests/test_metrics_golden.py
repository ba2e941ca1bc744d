"""The golden organisation: every figure below was computed by hand (docs/METRICS.md shows the working).

The expected files sit beside the inputs in tests/fixtures/golden_org/; a difference is a change in what a
metric means, not a formatting detail.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import duckdb
import pytest
from metrics_fixture import GOLDEN_AS_OF, GOLDEN_DIR, GOLDEN_LOADS, expected_and_actual, golden_org

from metrics import coverage, credentials, economics, gaps, outcomes, overview, people, roi
from metrics.definitions import MetricResult
from metrics.filters import Filters


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return golden_org()


DEFAULT = Filters(as_of=GOLDEN_AS_OF)
ALL_TEAMS = Filters(as_of=GOLDEN_AS_OF, min_group_size=1)
ASSUMED = roi.RoiAssumptions(value_per_requirement_met=500, requirement_met_confidence=0.5)

CASES: list[tuple[str, Callable[[duckdb.DuckDBPyConnection], MetricResult]]] = [
    ("expected_coverage.csv", lambda c: coverage.coverage(c, DEFAULT)),
    ("expected_coverage_all_teams.csv", lambda c: coverage.coverage(c, ALL_TEAMS)),
    ("expected_target_achievement.csv", lambda c: coverage.target_achievement(c, DEFAULT)),
    ("expected_target_achievement_all_teams.csv", lambda c: coverage.target_achievement(c, ALL_TEAMS)),
    ("expected_gaps.csv", lambda c: gaps.gaps(c, DEFAULT)),
    ("expected_gap_summary.csv", lambda c: gaps.gap_summary(c, DEFAULT)),
    ("expected_fund_next.csv", lambda c: gaps.fund_next(c, DEFAULT)),
    ("expected_program_types.csv", lambda c: economics.program_type_economics(c, DEFAULT)),
    ("expected_roi.csv", lambda c: roi.roi(c, DEFAULT, ASSUMED)),
    ("expected_expiry.csv", lambda c: credentials.expiry_tracker(c, DEFAULT, 90)),
    ("expected_bus_factor.csv", lambda c: coverage.bus_factor(c, DEFAULT)),
    ("expected_people.csv", lambda c: people.people(c, DEFAULT)),
    ("expected_outcomes.csv", lambda c: outcomes.outcomes(c, DEFAULT)),
]


@pytest.mark.parametrize(("expected_file", "compute"), CASES, ids=[c[0] for c in CASES])
def test_golden(con: duckdb.DuckDBPyConnection, expected_file: str, compute: Callable) -> None:
    expected, actual = expected_and_actual(expected_file, compute(con).frame)
    assert actual == expected


def test_golden_overview(con: duckdb.DuckDBPyConnection) -> None:
    expected = json.loads((GOLDEN_DIR / "expected_overview.json").read_text())
    row = overview.overview(con, DEFAULT).frame.row(0, named=True)
    assert row == pytest.approx(expected)


def test_golden_suppression_counts_small_teams(con: duckdb.DuckDBPyConnection) -> None:
    result = coverage.coverage(con, DEFAULT)
    assert result.suppressed_groups == 2  # Analytics (2 people as of 2025-06-30) and Leadership (1)
    assert any("2 teams with fewer than 5 people hidden" in e for e in result.definition.excluded)


def test_golden_exclusions_are_stated(con: duckdb.DuckDBPyConnection) -> None:
    excluded = coverage.org_target_achievement(con, DEFAULT).definition.excluded
    assert "1 person terminated on or before 2025-06-30" in excluded
    assert "1 person hired after 2025-06-30" in excluded
    assert "1 person whose role has no skill requirements" in excluded
    assert "1 learning record not matched to any person" in excluded


def test_golden_org_target_achievement(con: duckdb.DuckDBPyConnection) -> None:
    row = coverage.org_target_achievement(con, DEFAULT).frame.row(0, named=True)
    assert (row["requirements"], row["met"], row["rate"]) == (20, 10, 0.5)


def test_golden_manager_subtree(con: duckdb.DuckDBPyConnection) -> None:
    f = Filters(as_of=GOLDEN_AS_OF, manager_id="E002", min_group_size=1)
    frame = people.people(con, f).frame
    assert frame.get_column("employee_id").to_list() == ["E002", "E003", "E004", "E005", "E006"]


def test_golden_drilldown_names_the_credential(con: duckdb.DuckDBPyConnection) -> None:
    frame = coverage.coverage_drilldown(con, DEFAULT, "Platform", "sql").frame
    rows = {r["employee_id"]: r for r in frame.iter_rows(named=True)}
    assert rows["E003"]["evidence_program"] == "SQL Fundamentals"  # matched to the catalogue on name only
    assert rows["E004"]["evidence_skill_source"] == "record"  # the record's own SQL:3 beats the catalogue's 2
    assert rows["E002"]["evidence_program"] == "SQL Fundamentals"  # level 3 beats Advanced Python's 2
    assert rows["E005"]["met"] is False and rows["E005"]["evidence_program"] is None


def test_golden_drilldown_of_small_team_is_suppressed(con: duckdb.DuckDBPyConnection) -> None:
    result = coverage.coverage_drilldown(con, DEFAULT, "Analytics", "sql")
    assert result.frame.is_empty()
    assert result.suppressed_groups == 1


def test_golden_files_through_the_real_ingest(tmp_path, capsys) -> None:
    """The same files loaded by `python -m etl ingest` give the same hand-computed report."""
    from metrics_fixture import read_expected

    from etl.cli import main
    from etl.warehouse import open_reader
    from metrics.report import build_report

    db = str(tmp_path / "golden.duckdb")
    for name, kind, effective in GOLDEN_LOADS:
        argv = ["ingest", "--db", db, "--kind", kind, "--effective-date", effective.isoformat()]
        assert main([*argv, str(GOLDEN_DIR / name)]) == 0, capsys.readouterr().out
    reader = open_reader(tmp_path / "golden.duckdb")
    try:
        report = build_report(reader, GOLDEN_AS_OF)
    finally:
        reader.close()
    assert report["coverage"] == read_expected("expected_coverage.csv")
    assert report["target_achievement"] == read_expected("expected_target_achievement.csv")
    assert report["gaps"] == read_expected("expected_gaps.csv")
    assert report["program_types"] == read_expected("expected_program_types.csv")
    assert report["org_target_achievement"] == {"requirements": 20, "met": 10, "rate": 0.5}
