"""Skill gaps page: organisation, team and person views and what to fund next."""

from __future__ import annotations

import polars as pl
from app_fixtures import (
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    metrics_by_label,
    reader,
    run_page,
    spy_downloads,
)

from metrics.filters import Filters
from metrics.gaps import fund_next, gap_summary, gaps

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]


def test_gaps_org_team_person(demo_db, reader):
    con = reader(demo_db)
    summary = gap_summary(con, Filters()).frame.filter(pl.col("people_with_gap") > 0)
    person_gaps = gaps(con, Filters()).frame
    funding = fund_next(con, Filters()).frame
    at = run_page("gaps")
    shown = metrics_by_label(at)
    assert shown["Skills with gaps"] == f"{summary.height}"
    assert shown["People-skill gaps"] == f"{int(summary['people_with_gap'].sum()):,}"
    shapes = [df.value.shape[0] for df in at.dataframe]
    # The people table shows the largest 2,000 gaps (PEOPLE_ROWS_SHOWN); its downloads hold all of them.
    assert min(person_gaps.height, 2_000) in shapes
    if person_gaps.height > 2_000:
        assert any(f"first 2,000 of {person_gaps.height:,} rows" in c.value for c in at.caption)
    assert funding.height in shapes
    assert any("What to fund next" in s.value for s in at.subheader)


def test_gaps_person_view_narrows_to_a_team(demo_db, reader, monkeypatch):
    person_gaps = gaps(reader(demo_db), Filters()).frame
    team = person_gaps.get_column("team").mode().sort()[0]
    downloads = spy_downloads(monkeypatch)
    at = run_page("gaps")
    everyone = downloads["gaps_people"]
    at.selectbox(key="gaps_team").set_value(team).run()
    assert not at.exception
    in_team = person_gaps.filter(pl.col("team") == team)
    assert any(
        df.value.shape[0] == min(in_team.height, 2_000) and set(df.value["team"]) == {team}
        for df in at.dataframe
        if "team" in df.value.columns
    )
    people = in_team.get_column("employee_id").n_unique()
    assert any(c.value == f"{people} people in this team have gaps." for c in at.caption)
    # The page fetched only the rows it shows; the downloads build every gap, in the table's order.
    assert everyone.equals(person_gaps)
    assert downloads["gaps_people"].equals(in_team)


def test_gaps_empty_warehouse(empty_db):
    assert_empty_state(run_page("gaps"))
