"""A warehouse made by an earlier schema version is brought up to date by its next load, rows intact."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.admin import upgrade
from etl.load import FileInput, ingest
from etl.warehouse import SCHEMA_VERSION, memory_warehouse, open_reader, outdated

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def _constraints(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return sorted(
        r[0]
        for r in con.execute(
            "SELECT constraint_type FROM duckdb_constraints() WHERE table_name = ?", [table]
        ).fetchall()
    )


def _as_version_1(db: Path) -> list[tuple]:
    """Rebuild learning_records as schema version 1 declared it (record_id PRIMARY KEY); its rows, sorted."""
    con = duckdb.connect(str(db))
    try:
        ddl = con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = 'learning_records'").fetchone()[
            0
        ]
        keyed = ddl.replace(
            "CREATE TABLE learning_records(record_id BIGINT NOT NULL,",
            "CREATE TABLE v1(record_id BIGINT PRIMARY KEY,",
        )
        assert keyed != ddl
        con.execute(keyed)
        con.execute("INSERT INTO v1 SELECT * FROM learning_records")
        con.execute("DROP TABLE learning_records")
        con.execute("ALTER TABLE v1 RENAME TO learning_records")
        con.execute("UPDATE warehouse_meta SET value = '1' WHERE key = 'schema_version'")
        assert "PRIMARY KEY" in _constraints(con, "learning_records")
        return con.execute("SELECT * FROM learning_records ORDER BY record_id").fetchall()
    finally:
        con.close()


def test_a_new_warehouse_has_no_key_on_record_id_but_keeps_the_not_nulls() -> None:
    con = memory_warehouse()
    kinds = _constraints(con, "learning_records")
    assert "PRIMARY KEY" not in kinds and kinds.count("NOT NULL") == 8
    assert con.execute("SELECT value FROM warehouse_meta WHERE key = 'schema_version'").fetchone() == (
        SCHEMA_VERSION,
    )


def test_a_version_1_warehouse_loses_the_key_on_its_next_load_and_keeps_every_row(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roster.csv", "learning.csv")])
    before = _as_version_1(tmp_db)
    assert len(before) == 4

    result = ingest(tmp_db, [FileInput.from_path(INGEST / "catalogue.csv")])
    assert result.outcomes[0].status == "loaded"

    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        kinds = _constraints(con, "learning_records")
        assert "PRIMARY KEY" not in kinds and kinds.count("NOT NULL") == 8
        assert con.execute("SELECT * FROM learning_records ORDER BY record_id").fetchall() == before
        version = con.execute("SELECT value FROM warehouse_meta WHERE key = 'schema_version'").fetchone()
        assert version == (SCHEMA_VERSION,)
        # The marts were rebuilt over the moved rows: every record is in mart_records.
        assert con.execute("SELECT count(*) FROM mart_records").fetchone() == (4,)
    finally:
        con.close()


def test_a_load_that_fails_leaves_a_version_1_warehouse_as_it_was(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import etl.marts

    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roster.csv", "learning.csv")])
    _as_version_1(tmp_db)
    before = tmp_db.read_bytes()

    def failing(*args, **kwargs):
        raise etl.marts.MartError("a mart failed")

    monkeypatch.setattr(etl.marts, "build_marts", failing)
    with pytest.raises(etl.marts.MartError):
        ingest(tmp_db, [FileInput.from_path(INGEST / "catalogue.csv")])
    assert tmp_db.read_bytes() == before  # the upgrade rides on the load: nothing of either is published


REFERENCE = Path(__file__).parent / "fixtures" / "reference_sql" / "marts_records_evidence_before_views.sql"
NEW_MARTS = ("mart_record_programs", "mart_record_facts", "mart_record_program_skills", "mart_own_evidence")


def _as_version_1_with_its_marts(db: Path) -> None:
    """learning_records as version 1 declared it, and the marts as version 1 built them: mart_records and
    mart_evidence as tables (the frozen SQL of tests/fixtures/reference_sql), none of the tables after."""
    _as_version_1(db)
    con = duckdb.connect(str(db))
    try:
        con.execute("DROP VIEW mart_evidence")
        con.execute("DROP VIEW mart_records")
        for name in NEW_MARTS:
            con.execute(f"DROP TABLE {name}")
        old = (
            REFERENCE.read_text(encoding="utf-8")
            .replace("CREATE OR REPLACE TEMP TABLE ref_records AS", "CREATE TABLE mart_records AS")
            .replace("CREATE OR REPLACE TEMP TABLE ref_evidence AS", "CREATE TABLE mart_evidence AS")
            .replace("FROM ref_records", "FROM mart_records")
        )
        con.execute(old)
    finally:
        con.close()


def _outdated(db: Path) -> list[str]:
    con = open_reader(db)
    try:
        return outdated(con)
    finally:
        con.close()


def test_upgrade_brings_a_version_1_warehouse_up_to_date_without_changing_its_data(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("catalogue.csv", "roster.csv", "learning.csv")])
    expected = snapshot_of_metrics(tmp_db)
    _as_version_1_with_its_marts(tmp_db)
    reasons = _outdated(tmp_db)
    assert any("schema version 1" in r for r in reasons)
    assert any("mart_record_facts" in r and "mart_records" in r for r in reasons)

    assert upgrade(tmp_db) == reasons
    assert _outdated(tmp_db) == []
    assert snapshot_of_metrics(tmp_db) == expected
    before = tmp_db.read_bytes()
    assert upgrade(tmp_db) == []  # up to date: nothing written
    assert tmp_db.read_bytes() == before


def test_the_cli_upgrades_and_then_says_so(tmp_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from etl.cli import main

    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roster.csv", "learning.csv")])
    _as_version_1_with_its_marts(tmp_db)
    assert main(["upgrade", "--db", str(tmp_db)]) == 0
    assert "Upgraded" in capsys.readouterr().out
    assert main(["upgrade", "--db", str(tmp_db)]) == 0
    assert "is up to date" in capsys.readouterr().out


def test_the_dashboard_upgrades_an_earlier_warehouse_when_it_opens_it(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_fixtures import run_page

    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("catalogue.csv", "roster.csv", "learning.csv")])
    _as_version_1_with_its_marts(tmp_db)
    monkeypatch.setenv("UPSKILL_DB", str(tmp_db))
    at = run_page("overview")  # fails on any exception, and on an error box below
    assert not at.error, [e.value for e in at.error]
    assert _outdated(tmp_db) == []


def snapshot_of_metrics(db: Path) -> dict[str, list]:
    from metrics.catalogue import table_counts
    from metrics.filters import Filters
    from metrics.overview import overview

    con = open_reader(db)
    try:
        counts = table_counts(con).frame.sort("table_name").rows()
        return {"counts": counts, "overview": overview(con, Filters()).frame.rows()}
    finally:
        con.close()
