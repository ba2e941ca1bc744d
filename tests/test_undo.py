"""Every load can be undone by its id, restoring the earlier state of what it touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from warehouse_testkit import query as rows

from etl.admin import AdminError, undo_load
from etl.load import FileInput, ingest

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def write(tmp_path: Path, name: str, text: str) -> FileInput:
    path = tmp_path / name
    path.write_text(text)
    return FileInput.from_path(path)


def test_undo_a_roster_update_restores_the_previous_versions(tmp_db: Path, tmp_path: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    original = rows(tmp_db, "SELECT * EXCLUDE (valid_from) FROM employees ORDER BY employee_id")
    changed = (
        (INGEST / "roster.csv").read_text().replace("Platform,Software Engineer", "Platform,Senior Engineer")
    )
    changed += "E4,New Person,new@example.com,Data,Analytics,Data Analyst,E1,Berlin,2026-01-05,\n"
    result = ingest(tmp_db, [write(tmp_path, "roster_2026-07-01.csv", changed)])
    assert result.outcomes[0].rows_loaded == 2 and result.outcomes[0].rows_unchanged == 2
    assert rows(tmp_db, "SELECT role, valid_from FROM employees WHERE employee_id = 'E2'") == [
        ("Senior Engineer", __import__("datetime").date(2026, 7, 1))
    ]
    assert rows(tmp_db, "SELECT role FROM employees_history") == [("Software Engineer",)]
    undone = undo_load(tmp_db, result.outcomes[0].load_id)
    assert undone.restored_versions == 1
    assert rows(tmp_db, "SELECT * EXCLUDE (valid_from) FROM employees ORDER BY employee_id") == original
    assert rows(tmp_db, "SELECT count(*) FROM employees_history") == [(0,)]
    assert rows(tmp_db, "SELECT status FROM ingest_log ORDER BY load_id") == [("loaded",), ("undone",)]


def test_undo_a_learning_load_removes_its_records_and_skills(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / p) for p in ("catalogue.csv", "roster.csv")])
    result = ingest(tmp_db, [FileInput.from_path(INGEST / "learning.csv")])
    undo_load(tmp_db, result.outcomes[0].load_id)
    assert rows(tmp_db, "SELECT count(*) FROM learning_records") == [(0,)]
    assert rows(tmp_db, "SELECT count(*) FROM learning_record_skills") == [(0,)]
    # skills only this load named are gone; skills the catalogue named stay
    assert rows(tmp_db, "SELECT skill_id FROM skills ORDER BY 1") == [("leadership",), ("sql",)]


def test_undone_file_can_be_loaded_again(tmp_db: Path) -> None:
    first = ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    undo_load(tmp_db, first.outcomes[0].load_id)
    again = ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    assert again.outcomes[0].status == "loaded"
    assert rows(tmp_db, "SELECT count(*) FROM employees") == [(3,)]


def test_undo_waits_for_later_loads_that_built_on_it(tmp_db: Path, tmp_path: Path) -> None:
    first = ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    changed = (INGEST / "roster.csv").read_text().replace("Austin", "Remote")
    second = ingest(tmp_db, [write(tmp_path, "roster2.csv", changed)])
    with pytest.raises(AdminError, match=f"later load\\(s\\) {second.outcomes[0].load_id} replaced rows"):
        undo_load(tmp_db, first.outcomes[0].load_id)
    undo_load(tmp_db, second.outcomes[0].load_id)
    undo_load(tmp_db, first.outcomes[0].load_id)
    assert rows(tmp_db, "SELECT count(*) FROM employees") == [(0,)]


def test_undo_unknown_or_undone_load_is_refused(tmp_db: Path) -> None:
    first = ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    with pytest.raises(AdminError, match="there is no load 99"):
        undo_load(tmp_db, 99)
    undo_load(tmp_db, first.outcomes[0].load_id)
    with pytest.raises(AdminError, match="already undone"):
        undo_load(tmp_db, first.outcomes[0].load_id)
