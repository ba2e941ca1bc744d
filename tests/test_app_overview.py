"""Overview page: headline figures equal what the metrics layer says, for the demo and an empty warehouse."""

from __future__ import annotations

import base64
import re

from app_fixtures import (
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    metrics_by_label,
    reader,
    run_page,
)

from dashboard.components import fmt_compact, md_escape
from metrics.filters import Filters
from metrics.overview import overview, recent_months

IMAGE = re.compile(r"!\[(?P<alt>.*)\]\(data:image/svg\+xml;base64,(?P<data>[A-Za-z0-9+/=]+)\)", re.S)

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]  # fixtures used by name


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def test_overview_headline_matches_metrics(demo_db, reader):
    expected = overview(reader(demo_db), Filters()).frame.row(0, named=True)
    at = run_page("overview")
    shown = metrics_by_label(at)
    assert shown["People"] == _fmt(expected["people"])
    assert shown["Teams"] == _fmt(expected["teams"])
    assert shown["Learning records"] == _fmt(expected["records"])
    assert shown["Completions"] == _fmt(expected["completions"])
    assert shown["Spend"] == fmt_compact(expected["spend"])
    assert expected["spend"] >= 1e6 and shown["Spend"].endswith(" M")
    assert shown["Target achievement"] == f"{expected['org_target_achievement'] * 100:.0f}%"
    assert shown["Credentials expiring in 90 days"] == _fmt(expected["credentials_expiring_90d"])
    assert expected["people"] > 0 and expected["records"] > 0
    assert len(at.dataframe) >= 1  # trend and team tables
    assert any(e.label == "How is this computed?" for e in at.expander)
    helps = {m.label: m.proto.help for m in at.metric}
    assert f"{expected['records']:,} records" in helps["Spend"]
    assert f"{expected['spend']:,.0f}" in helps["Spend"]
    assert f"n = {expected['people']:,}" in helps["People"]
    assert all(helps[label] for label in shown)


def test_overview_mini_charts_are_server_drawn_svg_with_every_figure_in_words(demo_db, reader):
    expected = recent_months(reader(demo_db), Filters()).frame
    at = run_page("overview")
    images = [IMAGE.fullmatch(m.value) for m in at.markdown if m.value.startswith("![")]
    assert len(images) == 2 and all(images)
    for image, field, title in zip(
        images,
        ("completions", "spend"),
        ("Completions per month, last 12 months", "Spend per month, last 12 months"),
        strict=True,
    ):
        svg = base64.b64decode(image["data"]).decode()
        assert title in svg and "<script" not in svg
        words = "; ".join(
            f"{month:%b %Y} {fmt_compact(value)}"
            for month, value in expected.select("month", field).iter_rows()
        )
        assert image["alt"] == md_escape(f"{title}: {words}")
    assert expected.height == 12 and expected.get_column("completions").sum() > 0
    assert any(e.label == "How are the last 12 months computed?" for e in at.expander)


def test_overview_follows_filters_from_the_link(demo_db, reader):
    con = reader(demo_db)
    everyone = overview(con, Filters()).frame.row(0, named=True)
    team = "Platform"
    teams = {row[0] for row in con.execute("SELECT DISTINCT team FROM mart_org").fetchall()}
    if team not in teams:
        team = sorted(t for t in teams if t)[0]
    expected = overview(con, Filters(teams=(team,))).frame.row(0, named=True)
    at = run_page("overview", query_params={"team": team})
    assert at.sidebar.multiselect(key="flt_teams").value == [team]
    assert metrics_by_label(at)["People"] == _fmt(expected["people"])
    assert expected["people"] < everyone["people"]


def test_overview_bad_link_values_warn_not_fail(demo_db):
    at = run_page("overview", query_params={"asof": "yesterday", "min": "-3", "ptype": "podcast"})
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "asof" in warnings and "min" in warnings and "ptype" in warnings
    assert metrics_by_label(at)["People"] != "—"


def test_overview_empty_warehouse(empty_db):
    at = run_page("overview")
    assert_empty_state(at)
    assert not at.metric
