"""Shared helpers for tests/test_formats_*.py: load fixtures through the full ingest path, read back rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.load import FileInput, IngestRefused, IngestResult, ingest

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def fixture(*parts: str) -> FileInput:
    path = FIXTURES.joinpath(*parts)
    return FileInput(path.name, path.read_bytes())


def load(db: Path, *files: FileInput) -> IngestResult:
    return ingest(db, list(files))


def load_roster(db: Path) -> None:
    load(db, fixture("roster.csv"))


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


LEARNING_COLUMNS = (
    "source_row, program_name, provider, program_type, status, source_status, started_on, completed_on, "
    "expires_on, cost, hours, source_employee_id, source_external_id, source_email, source_name, "
    "credential_url, employee_id, match_method, source_format"
)


def learning_rows(db: Path) -> list[tuple]:
    return query(db, f"SELECT {LEARNING_COLUMNS} FROM learning_records ORDER BY source_row, program_name")


def record_skills(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT r.program_name, s.name, k.level FROM learning_record_skills AS k "
        "JOIN learning_records AS r USING (record_id) JOIN skills AS s USING (skill_id) "
        "ORDER BY r.program_name, s.name",
    )


def employees(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT employee_id, full_name, email, department, team, role, manager_id, manager_name, location, "
        "hire_date, termination_date FROM employees ORDER BY employee_id",
    )


def requirements(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT role, role_key, skill_id, required_level, importance FROM role_requirements "
        "ORDER BY role_key, skill_id",
    )


def assert_refused(db: Path, file: FileInput, *needles: str) -> str:
    """The file is refused as a whole, the message says why, and the warehouse file is byte-for-byte unchanged."""
    before = db.read_bytes() if db.exists() else None
    with pytest.raises(IngestRefused) as caught:
        load(db, file)
    after = db.read_bytes() if db.exists() else None
    assert after == before
    message = str(caught.value)
    for needle in needles:
        assert needle in message, message
    return message


CORE_COLUMNS = (
    "source_row, program_name, provider, program_type, status, source_status, started_on, completed_on, hours, "
    "cost, source_employee_id, source_external_id, source_email, source_name, employee_id, match_method"
)


def core_rows(db: Path) -> list[tuple]:
    """The learning columns a vendor format decides, one tuple per record, in file order."""
    return query(db, f"SELECT {CORE_COLUMNS} FROM learning_records ORDER BY source_row, program_name")


def formats_loaded(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT file_name, source_format, rows_read, rows_loaded, rows_rejected FROM ingest_log "
        "ORDER BY load_id",
    )
