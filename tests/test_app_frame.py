"""The frame (streamlit_app.py): shared filters persist across pages and are mirrored in the URL."""

from __future__ import annotations

import datetime as dt

from app_fixtures import app, demo_db, demo_db_path, empty_db, metrics_by_label, page_path, run_page

from dashboard.state import build_filters, defaults, parse_query_params, to_query_params

__all__ = ["demo_db", "demo_db_path", "empty_db"]


def test_filters_persist_across_pages_and_mirror_to_url(demo_db):
    at = run_page("overview")
    teams = at.sidebar.multiselect(key="flt_teams").options
    assert len(teams) >= 2
    at.sidebar.multiselect(key="flt_teams").set_value([teams[0]]).run()
    at.sidebar.number_input(key="flt_min_group_size").set_value(2).run()
    assert at.query_params["team"] in ([teams[0]], teams[0])
    assert at.query_params["min"] in (["2"], "2")
    for name in ("coverage", "gaps", "people"):
        at.switch_page(page_path(name)).run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert at.sidebar.multiselect(key="flt_teams").value == [teams[0]]
        assert at.sidebar.number_input(key="flt_min_group_size").value == 2
        assert at.query_params["team"] in ([teams[0]], teams[0])


def test_link_restores_every_filter(demo_db):
    at = run_page(
        "overview",
        query_params={
            "ptype": ["certification", "degree"],
            "from": "2024-01-01",
            "to": "2025-12-31",
            "asof": "2025-06-30",
            "min": "3",
        },
    )
    assert at.sidebar.multiselect(key="flt_program_types").value == ["certification", "degree"]
    assert at.sidebar.date_input(key="flt_date_from").value == dt.date(2024, 1, 1)
    assert at.sidebar.date_input(key="flt_date_to").value == dt.date(2025, 12, 31)
    assert at.sidebar.date_input(key="flt_as_of").value == dt.date(2025, 6, 30)
    assert at.sidebar.number_input(key="flt_min_group_size").value == 3


def test_unknown_team_in_link_is_dropped(demo_db):
    at = run_page("overview", query_params={"team": "No Such Team"})
    assert at.sidebar.multiselect(key="flt_teams").value == []
    assert "team" not in at.query_params


def test_reversed_date_range_warns_instead_of_failing(demo_db):
    at = run_page("overview", query_params={"from": "2025-12-31", "to": "2024-01-01"})
    assert any("date range is ignored" in w.value for w in at.sidebar.warning)
    assert at.metric


def test_frame_on_a_file_that_is_not_a_warehouse(tmp_path, monkeypatch):
    bad = tmp_path / "not_a_warehouse.duckdb"
    bad.write_text("this is not a database")
    monkeypatch.setenv("UPSKILL_DB", str(bad))
    at = app()
    at.run()
    assert not at.exception
    assert any("not_a_warehouse.duckdb" in e.value for e in at.error)


def test_query_param_round_trip():
    values = defaults() | {
        "teams": ["A & B", "C"],
        "manager_id": "E7",
        "date_from": dt.date(2024, 2, 29),
        "min_group_size": 7,
    }
    params = to_query_params(values)
    assert params == {"team": ["A & B", "C"], "mgr": ["E7"], "from": ["2024-02-29"], "min": ["7"]}
    parsed, warnings = parse_query_params(params)
    assert warnings == []
    assert parsed == {
        "teams": ["A & B", "C"],
        "manager_id": "E7",
        "date_from": dt.date(2024, 2, 29),
        "min_group_size": 7,
    }
    filters, problems = build_filters(defaults() | parsed)
    assert problems == [] and filters.teams == ("A & B", "C") and filters.min_group_size == 7


def test_query_param_bad_values():
    parsed, warnings = parse_query_params(
        {"from": ["2024-13-01"], "min": ["0"], "ptype": ["degree", "podcast"]}
    )
    assert parsed == {"program_types": ["degree"]}
    assert len(warnings) == 3


def test_every_page_survives_an_empty_selection(demo_db):
    """As of a date before anyone was hired, every figure is empty: pages say so, never raise."""
    for name in ("overview", "coverage", "gaps", "roi", "credentials", "people", "upload", "data"):
        at = run_page(name, query_params={"asof": "1990-01-01"})
        assert not at.exception, (name, [e.value for e in at.exception])
        assert not at.error, (name, [e.value for e in at.error])


def test_page_uses_the_filters_of_a_link_on_its_first_run(demo_db):
    """The sidebar is drawn after the page (sidebar.resolve, then draw): the page must still see the filters
    of this run, not the defaults, on the very first run of a shared link."""
    everyone = run_page("overview")
    team = everyone.sidebar.multiselect(key="flt_teams").options[0]
    by_link = run_page("overview", query_params={"team": team})
    by_widget = run_page("overview")
    by_widget.sidebar.multiselect(key="flt_teams").set_value([team]).run()
    assert metrics_by_label(by_link) == metrics_by_label(by_widget)
    assert metrics_by_label(by_link) != metrics_by_label(everyone)


def test_sidebar_is_drawn_when_the_page_fails(demo_db, monkeypatch):
    """An unexpected error in a page must not take the filters away: they are how the user gets out of it."""
    from dashboard import data

    def broken(*args, **kwargs):
        raise RuntimeError("page failure for the test")

    monkeypatch.setattr(data, "metric", broken)
    at = app()
    at.run()
    assert [e.value for e in at.exception] and "page failure for the test" in at.exception[0].value
    assert at.sidebar.multiselect(key="flt_teams").options
    assert at.sidebar.button(key="flt_reset")


def _record_calls(monkeypatch) -> list[str]:
    from dashboard import data

    calls: list[str] = []
    real_options, real_metric = data.filter_options, data.metric

    def options():
        calls.append("filter_options")
        return real_options()

    def metric(name, *args, **kwargs):
        calls.append(name)
        return real_metric(name, *args, **kwargs)

    monkeypatch.setattr(data, "filter_options", options)
    monkeypatch.setattr(data, "metric", metric)
    return calls


def test_plain_first_visit_reads_the_filter_choices_after_the_page(demo_db, monkeypatch):
    """Nothing chosen yet means nothing to check: the choices are read when the sidebar is drawn."""
    calls = _record_calls(monkeypatch)
    at = app()
    at.run()
    assert not at.exception
    assert "filter_options" in calls
    assert calls.index("filter_options") > calls.index("overview.recent_months")
    assert at.sidebar.multiselect(key="flt_teams").options


def test_choices_from_a_link_are_checked_before_the_page(demo_db, monkeypatch):
    """A team from a link is checked against the warehouse before the page uses it."""
    calls = _record_calls(monkeypatch)
    at = app(query_params={"team": "No Such Team"})
    at.run()
    assert not at.exception
    assert calls[0] == "filter_options"
    assert at.sidebar.multiselect(key="flt_teams").value == []
    assert calls.count("filter_options") == 1
