"""Pseudonymised mode and the configurable minimum group size: names and emails never reach a table, chart,
picker or download when the mode is on (by toggle, by secrets or by environment)."""

from __future__ import annotations

import polars as pl
import pytest
from app_fixtures import UPLOAD_FIXTURES, app, demo_db, demo_db_path, empty_db, page_path, reader

from dashboard import components
from metrics.coverage import target_achievement
from metrics.filters import Filters
from metrics.people import people

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]

TOGGLE = "privacy_pseudonymise"


def test_pseudonymise_replaces_names_by_ids_and_hides_emails():
    frame = pl.DataFrame(
        {
            "employee_id": ["E1", "E2"],
            "full_name": ["Ada Lovelace", None],
            "manager_id": ["E9", None],
            "manager_name": ["Grace Hopper", None],
            "email": ["ada@x.example", None],
            "holders": [["Ada Lovelace", "Bob"], []],
            "team": ["Platform", "Data"],
        }
    )
    out = components.pseudonymise(frame)
    assert out.columns == frame.columns
    assert out["full_name"].to_list() == ["E1", "E2"]
    assert out["manager_name"].to_list() == ["E9", None]
    assert out["email"].to_list() == [components.HIDDEN, None]
    assert out["holders"].to_list() == ["2 people (names hidden)", "0 people (names hidden)"]
    assert out["team"].to_list() == ["Platform", "Data"]
    assert components.pseudonymise(out).equals(out), "applying it twice changes nothing"


def test_pseudonymise_without_ids_hides_and_rejected_values_by_column():
    unmatched = pl.DataFrame(
        {"source_email": ["x@y.example"], "source_name": ["X Y"], "program_name": ["AWS"]}
    )
    out = components.pseudonymise(unmatched)
    assert out.row(0) == (components.HIDDEN, components.HIDDEN, "AWS")
    rejected = pl.DataFrame(
        {
            "column_name": ["E-mail Address", "started_on", "Full Name", "program_name", None],
            "value": ["a@b.example", "31/31/2024", "Ada", "AWS 101", "?"],
            "raw_row": ["Ada,a@b.example", "x", "y", "z", None],
        }
    )
    out = components.pseudonymise(rejected)
    assert out["value"].to_list() == [components.HIDDEN, "31/31/2024", components.HIDDEN, "AWS 101", "?"]
    assert out["raw_row"].to_list() == [components.HIDDEN] * 4 + [None]
    preview = pl.DataFrame({"Name": ["Ada"], "Work Email": ["a@b.example"], "Course": ["AWS"]})
    extra = components.personal_columns(preview.columns, {})
    assert extra == ("Name", "Work Email")
    assert components.pseudonymise(preview, extra_columns=extra).row(0) == (
        components.HIDDEN,
        components.HIDDEN,
        "AWS",
    )
    assert components.personal_columns(["Learner", "Course"], {"full_name": "Learner"}) == ("Learner",)


def _identities(path) -> set[str]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.sql("SELECT full_name, email FROM employees").fetchall()
    finally:
        con.close()
    return {v for row in rows for v in row if v}


def _cells(frame) -> set[str]:
    return {str(v) for col in frame.columns for v in frame[col].tolist() if isinstance(v, str | list)}


@pytest.fixture
def exported(monkeypatch) -> list[pl.DataFrame]:
    """Every frame handed to the download buttons while the app runs (AppTest runs in this process).

    The bytes are built only when a button is clicked, so the spy records what the buttons were given; a
    table whose full list is built on the click (the gaps page's people) is built here, as a click would.
    """
    frames: list[pl.DataFrame] = []
    real = components._downloads

    def spy(frame, **kwargs) -> None:
        frames.append(frame() if callable(frame) else frame)
        real(frame, **kwargs)

    monkeypatch.setattr(components, "_downloads", spy)
    return frames


def test_toggle_hides_every_name_and_email_on_every_page(demo_db, reader, exported):
    secret = _identities(demo_db)
    someone = people(reader(demo_db), Filters()).frame.sort("employee_id")["employee_id"][0]
    at = app()
    at.run()
    at.sidebar.toggle(key=TOGGLE).set_value(True).run()
    seen: set[str] = set()
    for name in ("overview", "coverage", "gaps", "roi", "credentials", "people", "data"):
        at.switch_page(page_path(name)).run()
        if name == "people":
            options = at.selectbox(key="people_person").options
            assert all(o.startswith("E") and not (set(o.split(" · ")) & secret) for o in options)
            # (set through session state: AppTest re-formats a chosen value outside the app's session)
            at.session_state["people_person"] = someone
            at.run()
            assert [h.value for h in at.main.header] == [someone]
            assert not any("Email" in m.value for m in at.markdown)
        assert not at.exception, [e.value for e in at.exception]
        for df in at.dataframe:
            seen |= _cells(df.value)
        manager_labels = at.sidebar.selectbox(key="flt_manager_id").options
        assert not (set(" · ".join(manager_labels).split(" · ")) & secret)
    assert len(seen) > 100, "the pages must have drawn tables"
    assert not (seen & secret), sorted(seen & secret)[:5]
    assert exported, "downloads were prepared"
    downloaded = {str(v) for f in exported for col in f.columns for v in f[col].to_list() if v is not None}
    assert not (downloaded & secret), sorted(downloaded & secret)[:5]


def test_without_the_toggle_names_show(demo_db, reader):
    name = people(reader(demo_db), Filters()).frame.sort("employee_id")["full_name"][0]
    at = app()
    at.run()
    at.switch_page(page_path("people")).run()
    assert any(o.startswith(f"{name} · ") for o in at.selectbox(key="people_person").options)


@pytest.mark.parametrize("how", ["env", "secrets"])
def test_forced_pseudonymisation_cannot_be_switched_off(demo_db, monkeypatch, how):
    at = app()
    if how == "env":
        monkeypatch.setenv("SKILLGRID_PSEUDONYMISE", "1")
    else:
        at.secrets["skillgrid"] = {"pseudonymise": True}
    at.run()
    toggle = at.sidebar.toggle(key=TOGGLE)
    assert toggle.value is True and toggle.disabled
    at.session_state[TOGGLE] = False
    at.switch_page(page_path("people")).run()
    assert not at.exception
    assert at.sidebar.toggle(key=TOGGLE).value is True
    assert all(o.startswith("E") for o in at.selectbox(key="people_person").options)


def test_min_group_size_default_from_environment(demo_db, reader, monkeypatch):
    monkeypatch.setenv("SKILLGRID_MIN_GROUP_SIZE", "12")
    at = app()
    at.run()
    assert not at.exception
    assert at.sidebar.number_input(key="flt_min_group_size").value == 12
    assert any("fewer than 12 people" in c.value for c in at.sidebar.caption)
    assert "min" not in at.query_params, "the configured default is not repeated in the link"
    expected = target_achievement(reader(demo_db), Filters(min_group_size=12))
    shown = next(df.value for df in at.dataframe if "rate" in df.value.columns)
    assert sorted(shown["team"]) == sorted(expected.frame["team"].to_list())
    # An analyst may still lower it for their own analysis; the link then records it.
    at.sidebar.number_input(key="flt_min_group_size").set_value(2).run()
    assert at.query_params.get("min") in ("2", ["2"])


def test_bad_environment_setting_is_a_message_not_a_traceback(demo_db, monkeypatch):
    monkeypatch.setenv("SKILLGRID_MIN_GROUP_SIZE", "lots")
    at = app()
    at.run()
    assert not at.exception
    assert any("SKILLGRID_MIN_GROUP_SIZE" in e.value for e in at.error)
    assert not at.metric


def test_upload_preview_is_pseudonymised(empty_db):
    at = app()
    at.run()
    at.sidebar.toggle(key=TOGGLE).set_value(True).run()
    at.switch_page(page_path("upload")).run()
    data = (UPLOAD_FIXTURES / "roster_small.csv").read_bytes()
    at.file_uploader[0].set_value([("roster_small.csv", data, "text/csv")]).run()
    assert not at.exception, [e.value for e in at.exception]
    preview = next(df.value for df in at.dataframe if "full_name" in df.value.columns)
    assert list(preview["employee_id"]) == ["U1", "U2", "U3"]
    assert list(preview["full_name"]) == ["U1", "U2", "U3"], "names become the ids beside them"
    assert set(preview["email"]) == {components.HIDDEN}


def test_people_search_cannot_find_names_when_pseudonymised(demo_db, reader):
    frame = people(reader(demo_db), Filters()).frame.sort("employee_id")
    name, employee_id = frame["full_name"][0], frame["employee_id"][0]
    at = app()
    at.run()
    at.sidebar.toggle(key=TOGGLE).set_value(True).run()
    at.switch_page(page_path("people")).run()
    at.text_input(key="people_search").input(name).run()
    assert not at.exception
    assert at.selectbox(key="people_person").options == []
    at.text_input(key="people_search").input(employee_id).run()
    assert [o.split(" · ")[0] for o in at.selectbox(key="people_person").options] == [employee_id]
