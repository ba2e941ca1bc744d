"""People page: choose a person (also from a ?person= link) and see requirements met, missing and evidence."""

from __future__ import annotations

from app_fixtures import (
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    infos,
    metrics_by_label,
    reader,
    run_page,
)

from metrics.filters import Filters
from metrics.people import people, person_profile

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]


def _someone_with_requirements(con) -> str:
    frame = people(con, Filters()).frame
    return frame.filter((frame["requirements"] > 0) & (frame["completions"] > 0)).sort("employee_id")[
        "employee_id"
    ][0]


def test_people_pick_a_person(demo_db, reader):
    con = reader(demo_db)
    employee_id = _someone_with_requirements(con)
    profile = person_profile(con, employee_id, Filters())
    at = run_page("people")
    assert any("Choose a person" in text for text in infos(at))
    at.selectbox(key="people_person").set_value(employee_id).run()
    assert not at.exception
    req = profile.requirements.frame
    met = int(req["met"].sum())
    assert metrics_by_label(at)["Requirements met"] == f"{met} of {req.height}"
    assert metrics_by_label(at)["Missing"] == f"{req.height - met}"
    assert any(df.value.shape[0] == profile.evidence.frame.height for df in at.dataframe)
    assert at.query_params.get("person") in (employee_id, [employee_id])


def test_people_link_opens_the_person(demo_db, reader):
    employee_id = _someone_with_requirements(reader(demo_db))
    at = run_page("people", query_params={"person": employee_id})
    assert at.selectbox(key="people_person").value == employee_id
    assert "Requirements met" in metrics_by_label(at)


def test_people_empty_warehouse(empty_db):
    assert_empty_state(run_page("people"))


def test_people_names_with_html_render_as_text(empty_db):
    from app_fixtures import UPLOAD_FIXTURES

    from etl.load import FileInput, ingest

    ingest(empty_db, [FileInput.from_path(UPLOAD_FIXTURES / "roster_small.csv")])
    at = run_page("people", query_params={"person": "U2", "min": "1"})
    assert not at.exception
    header = next(h.value for h in at.header)
    assert header == r"\<b\>Bob\</b\> Smith"


def test_picker_labels_read_as_person_label():
    """The labels built in one pass for the person pickers equal components.person_label's, option by option."""
    import polars as pl

    from dashboard import components

    frame = pl.DataFrame(
        {
            "employee_id": ["E1", "E2", "E3", "E4"],
            "full_name": ["Ann Lee", None, "", "Bo · Chen"],
            "team": ["Data", None, "", "(no team)"],
        }
    )
    for hide in (False, True):
        with_team = components.person_labels(frame, hide=hide)
        without_team = components.person_labels(frame, hide=hide, team=False)
        for e, name, team in frame.iter_rows():
            assert with_team[e] == components.person_label(e, name, team or "no team", hide=hide)
            assert without_team[e] == components.person_label(e, name, hide=hide)


def test_people_search_narrows_the_picker(demo_db, reader):
    frame = people(reader(demo_db), Filters()).frame.sort("employee_id")
    surname = frame["full_name"][0].split()[-1]
    expected = {
        e
        for e, n in zip(frame["employee_id"], frame["full_name"], strict=True)
        if surname.lower() in (n or "").lower()
    }
    at = run_page("people")
    assert len(at.selectbox(key="people_person").options) == frame.height
    at.text_input(key="people_search").input(surname.upper()).run()
    assert not at.exception
    options = at.selectbox(key="people_person").options
    assert {o.split(" · ")[1] for o in options} == expected
    assert any(f"{len(expected)} of {frame.height} people match" in c.value for c in at.caption)
    # by id, and several words must all match
    employee_id = frame["employee_id"][0]
    at.text_input(key="people_search").input(f"{employee_id.lower()} {surname}").run()
    assert [o.split(" · ")[1] for o in at.selectbox(key="people_person").options] == [employee_id]


def test_people_search_without_a_match(demo_db):
    at = run_page("people")
    at.text_input(key="people_search").input("no such person zzz").run()
    assert not at.exception
    picker = at.selectbox(key="people_person")
    assert picker.options == [] and picker.placeholder == "Nobody matches the search"


def test_people_picker_is_capped_and_says_so(demo_db, reader, monkeypatch):
    from dashboard import components

    monkeypatch.setattr(components, "PICKER_LIMIT", 10)
    total = people(reader(demo_db), Filters()).frame.height
    at = run_page("people")
    assert len(at.selectbox(key="people_person").options) == 10
    assert any(f"first 10 of {total} people" in c.value for c in at.caption)


def test_people_chosen_person_stays_when_the_search_changes(demo_db, reader):
    employee_id = _someone_with_requirements(reader(demo_db))
    at = run_page("people", query_params={"person": employee_id})
    at.text_input(key="people_search").input("no such person zzz").run()
    assert at.selectbox(key="people_person").value == employee_id
    assert "Requirements met" in metrics_by_label(at)


def test_search_people_is_literal_and_hides_names():
    import polars as pl

    from dashboard.components import search_people

    frame = pl.DataFrame({"employee_id": ["E1", "E2", "E3"], "full_name": ["Ana (Li)", None, "Bo Li"]})
    assert search_people(frame, "", hide=False).height == 3
    assert search_people(frame, "  ", hide=False).height == 3
    assert search_people(frame, "(li)", hide=False)["employee_id"].to_list() == ["E1"]
    assert search_people(frame, "LI", hide=False)["employee_id"].to_list() == ["E1", "E3"]
    assert search_people(frame, "e2", hide=False)["employee_id"].to_list() == ["E2"]
    assert search_people(frame, "li", hide=True).is_empty(), (
        "a name must not find anyone when names are hidden"
    )
    assert search_people(frame, "e3", hide=True)["employee_id"].to_list() == ["E3"]
