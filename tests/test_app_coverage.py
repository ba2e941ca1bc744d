"""Skill coverage page: heatmap, drill-down by the selectbox fallback, bus factor, suppression, empty state."""

from __future__ import annotations

from app_fixtures import (
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    metrics_by_label,
    reader,
    run_page,
)

from metrics.coverage import bus_factor, coverage, coverage_drilldown
from metrics.filters import Filters

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]


def test_coverage_heatmap_and_bus_factor(demo_db, reader):
    con = reader(demo_db)
    cov = coverage(con, Filters())
    bus = bus_factor(con, Filters())
    at = run_page("coverage")
    assert cov.frame.height > 0
    chart = at.get("plotly_chart")
    assert chart, "the coverage heatmap is drawn"
    shown = metrics_by_label(at)
    assert shown["Skills held by ≤ 2 people"] == f"{bus.frame.height}"
    assert at.selectbox(key="coverage_team").options == sorted(
        cov.frame.get_column("team").unique().to_list()
    )


def test_coverage_drilldown_by_selectbox(demo_db, reader):
    con = reader(demo_db)
    frame = coverage(con, Filters()).frame
    # the team x skill with the most people, so the drill-down has both met and not-met rows to show
    row = frame.sort(["required_members", "members_meeting"], descending=True).row(0, named=True)
    expected = coverage_drilldown(con, Filters(), row["team"], row["skill_id"]).frame
    at = run_page("coverage")
    at.selectbox(key="coverage_team").set_value(row["team"]).run()
    at.selectbox(key="coverage_skill").set_value(row["skill_id"]).run()
    assert not at.exception
    met = int(expected.get_column("met").sum())
    assert metrics_by_label(at)["Meet the requirement"] == f"{met} of {expected.height}"
    tables = [df.value for df in at.dataframe]
    assert any(
        t.shape[0] == expected.height
        and "evidence_program" in t.columns
        and set(t["employee_id"]) == set(expected["employee_id"])
        for t in tables
    )


def test_coverage_small_groups_hidden(demo_db):
    at = run_page("coverage", query_params={"min": "1000"})
    assert any("No team in the current selection" in i.value for i in at.info)
    assert any("small teams hidden" in c.value for c in at.caption)


def test_coverage_empty_warehouse(empty_db):
    assert_empty_state(run_page("coverage"))
