"""`etl forget` erases a person from every table and says what it removed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.admin import AdminError, forget_employee
from etl.cli import main
from etl.load import FileInput, ingest

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def mentions(db: Path, needle: str) -> list[str]:
    """Every table.column whose text contains the needle (case-insensitive)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND data_type = 'VARCHAR'"
        ).fetchall()
        hits = []
        for table, column in columns:
            sql = f'SELECT count(*) FROM "{table}" WHERE strpos(lower("{column}"), lower(?)) > 0'  # noqa: S608
            if con.execute(sql, [needle]).fetchall()[0][0]:
                hits.append(f"{table}.{column}")
        return hits
    finally:
        con.close()


@pytest.fixture
def loaded(tmp_db: Path, tmp_path: Path) -> Path:
    files = [
        FileInput.from_path(INGEST / n) for n in ("catalogue.csv", "roles.csv", "roster.csv", "learning.csv")
    ]
    ingest(tmp_db, files)
    moved = (INGEST / "roster.csv").read_text().replace("London,2021-01-10", "Remote,2021-01-10")
    (tmp_path / "roster2.csv").write_text(moved)  # a second version of Alan (E3) in the history
    bad = "Employee ID,Program,Program Type,Status,Cost\nE3,Rust,course,Completed,-1\nE1,Go,course,Completed,5\n"
    (tmp_path / "bad.csv").write_text(bad)  # a rejected row that names Alan
    ingest(tmp_db, [FileInput.from_path(tmp_path / "roster2.csv"), FileInput.from_path(tmp_path / "bad.csv")])
    return tmp_db


def test_forget_removes_every_trace_and_counts_it(loaded: Path) -> None:
    assert mentions(loaded, "alan@example.com")
    removed = forget_employee(loaded, "E3")
    assert removed["employees"] == 1
    assert removed["employee_versions"] == 1
    assert removed["learning_records"] == 1  # SQL Basics, matched by email
    assert removed["rejected_rows"] == 1
    assert mentions(loaded, "alan@example.com") == []
    assert mentions(loaded, "Alan Turing") == []
    con = duckdb.connect(str(loaded), read_only=True)
    assert con.execute("SELECT count(*) FROM employees").fetchall()[0][0] == 2
    # The marts hold exactly the records that remain (none of E3's), and evidence only for those.
    stale = (
        "SELECT count(*) FROM mart_records WHERE record_id NOT IN (SELECT record_id FROM learning_records)"
    )
    assert con.execute(stale).fetchall()[0][0] == 0
    both = "SELECT (SELECT count(*) FROM mart_records), (SELECT count(*) FROM learning_records)"
    assert con.execute(both).fetchall()[0] == (4, 4)
    orphans = "SELECT count(*) FROM mart_evidence WHERE record_id NOT IN (SELECT record_id FROM mart_records)"
    assert con.execute(orphans).fetchall()[0][0] == 0
    con.close()


def test_forget_a_manager_clears_the_links_to_them(loaded: Path) -> None:
    removed = forget_employee(loaded, "E1")
    assert removed["manager_links"] == 2
    con = duckdb.connect(str(loaded), read_only=True)
    assert con.execute("SELECT count(*) FROM employees WHERE manager_id = 'E1'").fetchall()[0][0] == 0
    con.close()


def test_forget_someone_unknown_is_refused_and_changes_nothing(loaded: Path) -> None:
    before = loaded.read_bytes()
    with pytest.raises(AdminError, match="nothing in the warehouse names employee 'E404'"):
        forget_employee(loaded, "E404")
    assert loaded.read_bytes() == before


def test_forget_command_prints_what_it_removed(loaded: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["forget", "--db", str(loaded), "--employee", "E2"]) == 0
    out = capsys.readouterr().out
    assert "Erased employee 'E2'" in out
    assert "learning_records             1 removed" in out
