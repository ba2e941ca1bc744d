"""Data & definitions page: table counts, every metric definition, the unmatched queue and its mapping form."""

from __future__ import annotations

from app_fixtures import (
    asked,
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    metrics_by_label,
    reader,
    run_page,
    writable_demo_db,
)

from etl.admin import status
from etl.warehouse import open_reader
from metrics.catalogue import rejected_rows, table_counts, unmatched_records

__all__ = ["asked", "demo_db", "demo_db_path", "empty_db", "reader", "writable_demo_db"]


def test_data_counts_and_definitions(demo_db, reader):
    con = reader(demo_db)
    counts = dict(table_counts(con).frame.select("table_name", "row_count").iter_rows())
    unmatched = unmatched_records(con).frame
    rejected = rejected_rows(con).frame
    at = run_page("data")
    shown = metrics_by_label(at)
    assert shown["Employees"] == f"{counts['employees']:,}"
    assert shown["Learning records"] == f"{counts['learning_records']:,}"
    assert shown["Unmatched records"] == f"{unmatched.height:,}"
    assert unmatched.height > 0
    assert sum(1 for e in at.expander) < 20  # definitions are computed only on request
    at.toggle(key="data_show_definitions").set_value(True).run()
    labels = [e.label for e in at.expander]
    for name in ("Skill coverage", "Skill gaps", "What to fund next", "Overview", "Rows per table"):
        assert name in labels, labels
    assert sum(1 for e in at.expander) >= 20
    if rejected.height == 0:
        assert any("No rows were rejected" in i.value for i in at.info)
    assert any(df.value.shape[0] == unmatched.height for df in at.dataframe)


def test_data_map_identity(writable_demo_db):
    # Closed before the app writes: DuckDB would hand a later open_reader this (replaced) file's instance.
    con = open_reader(writable_demo_db)
    try:
        unmatched = unmatched_records(con).frame
        email = unmatched["source_email"].drop_nulls()[0]
        employee_id = con.execute("SELECT min(employee_id) FROM employees").fetchall()[0][0]
    finally:
        con.close()
    before = status(writable_demo_db)["unmatched_learning_records"]
    at = run_page("data")
    _open_mapping(at)
    at.radio(key="data_map_type").set_value("email")
    at.selectbox(key="data_map_value").set_value(email)
    at.selectbox(key="data_map_employee").set_value(employee_id)
    next(b for b in at.button if b.label == "Map").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Mapped email {email!r} to {employee_id}" in s.value for s in at.success)
    after = status(writable_demo_db)["unmatched_learning_records"]
    assert after < before
    at.run()
    assert metrics_by_label(at)["Unmatched records"] == f"{after:,}"


def test_data_map_identity_needs_both_fields(writable_demo_db):
    at = run_page("data")
    _open_mapping(at)
    next(b for b in at.button if b.label == "Map").click().run()
    assert any("Choose both" in e.value for e in at.error)


def test_data_empty_warehouse(empty_db):
    at = run_page("data")
    assert_empty_state(at)
    assert metrics_by_label(at)["Employees"] == "0"


def test_data_map_picker_offers_what_the_search_finds(demo_db, monkeypatch):
    """The employee picker holds at most PICKER_LIMIT people; the search box above the form narrows it, and
    an employee already picked stays pickable when the search moves on."""
    from dashboard import components

    con = open_reader(demo_db)
    try:
        everyone = con.execute("SELECT count(*) FROM mart_org WHERE termination_date IS NULL").fetchall()[0][
            0
        ]
        first, second = (
            r[0] for r in con.execute("SELECT employee_id FROM employees ORDER BY 1 LIMIT 2").fetchall()
        )
    finally:
        con.close()
    monkeypatch.setattr(components, "PICKER_LIMIT", 3)
    at = run_page("data")
    _open_mapping(at)
    picker = at.selectbox(key="data_map_employee")
    assert len(picker.options) == 3
    assert any("holds the first 3 of" in c.value for c in at.caption)

    at.text_input(key="data_map_search").set_value(first).run()
    picker = at.selectbox(key="data_map_employee")
    assert any(first in o for o in picker.options)
    assert all(second not in o or first in o for o in picker.options)
    assert any("people match the search" in c.value for c in at.caption)
    picker.set_value(first)
    next(b for b in at.button if b.label == "Map").click().run()  # no identity yet: refused, the pick kept
    assert any("Choose both" in e.value for e in at.error)

    at.text_input(key="data_map_search").set_value(second).run()
    picker = at.selectbox(key="data_map_employee")
    assert picker.value == first  # still chosen, though the search now finds someone else
    assert any(second in o for o in picker.options)

    at.text_input(key="data_map_search").set_value("no such person at all").run()
    assert any(f"0 of {everyone:,} people match" in c.value for c in at.caption) or everyone == 0
    assert not at.exception


def _open_mapping(at) -> None:
    """Open the identity-mapping expander, as a click does (it reruns the page)."""
    at.session_state["data_map_open"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_mapping_form_and_everyones_names_wait_until_it_is_opened(demo_db, asked):
    at = run_page("data")
    assert any(e.label == "Map an identity to a person" for e in at.expander)
    assert not at.get("form") and "people.people_names" not in asked
    _open_mapping(at)
    assert at.get("form") and "people.people_names" in asked
    assert at.selectbox(key="data_map_employee").options
