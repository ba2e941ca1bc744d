"""A warehouse made by an earlier schema version is brought up to date by its next load, rows intact."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.admin import outdated_reasons, upgrade
from etl.load import FileInput, ingest
from etl.warehouse import SCHEMA_VERSION, memory_warehouse, open_reader

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def _constraints(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return sorted(
        r[0]
        for r in con.execute(
            "SELECT constraint_type FROM duckdb_constraints() WHERE table_name = ?", [table]
        ).fetchall()
    )


# learning_records as a table, as schema versions 1 and 2 declared it (version 1 keyed record_id).
_WIDE_TABLE = """CREATE TABLE old_learning_records (
    record_id BIGINT {key}, record_key VARCHAR NOT NULL, employee_id VARCHAR, match_method VARCHAR,
    program_name VARCHAR NOT NULL, provider VARCHAR, program_type VARCHAR NOT NULL, status VARCHAR NOT NULL,
    source_status VARCHAR, started_on DATE, completed_on DATE, expires_on DATE, cost DOUBLE, hours DOUBLE,
    source_employee_id VARCHAR, source_external_id VARCHAR, source_email VARCHAR, source_name VARCHAR,
    credential_url VARCHAR, source_format VARCHAR NOT NULL, source_row INTEGER NOT NULL, load_id INTEGER NOT NULL
)"""


def _as_earlier_version(db: Path, version: int) -> list[tuple]:
    """Turn a warehouse back into schema version 1 or 2: learning_records a table again (version 1 with its
    PRIMARY KEY), no learning_record_rows, learning_identities or learning_record_attributes. Returns its
    rows, sorted."""
    con = duckdb.connect(str(db))
    try:
        con.execute(_WIDE_TABLE.format(key="PRIMARY KEY" if version == 1 else "NOT NULL"))
        con.execute("INSERT INTO old_learning_records SELECT * FROM learning_records")
        con.execute("DROP VIEW learning_records")
        con.execute("DROP TABLE learning_record_rows")
        con.execute("DROP TABLE learning_identities")
        con.execute("DROP TABLE learning_record_attributes")
        con.execute("ALTER TABLE old_learning_records RENAME TO learning_records")
        con.execute("UPDATE warehouse_meta SET value = ? WHERE key = 'schema_version'", [str(version)])
        assert ("PRIMARY KEY" in _constraints(con, "learning_records")) == (version == 1)
        return con.execute("SELECT * FROM learning_records ORDER BY record_id").fetchall()
    finally:
        con.close()


def _as_version_1(db: Path) -> list[tuple]:
    return _as_earlier_version(db, 1)


def test_a_new_warehouse_has_no_key_on_record_id_but_keeps_the_not_nulls() -> None:
    con = memory_warehouse()
    kinds = _constraints(con, "learning_record_rows")
    assert "PRIMARY KEY" not in kinds and kinds.count("NOT NULL") == 6
    assert con.execute("SELECT value FROM warehouse_meta WHERE key = 'schema_version'").fetchone() == (
        SCHEMA_VERSION,
    )


@pytest.mark.parametrize("version", [1, 2])
def test_an_earlier_warehouse_is_split_on_its_next_load_and_keeps_every_row(
    tmp_db: Path, version: int
) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roster.csv", "learning.csv")])
    before = _as_earlier_version(tmp_db, version)
    assert len(before) == 4

    result = ingest(tmp_db, [FileInput.from_path(INGEST / "catalogue.csv")])
    assert result.outcomes[0].status == "loaded"

    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        kinds = _constraints(con, "learning_record_rows")
        assert "PRIMARY KEY" not in kinds and kinds.count("NOT NULL") == 6
        assert con.execute("SELECT * FROM learning_records ORDER BY record_id").fetchall() == before
        identities = con.execute(
            "SELECT count(*), count(DISTINCT (source_employee_id, source_external_id, source_email, source_name)) "
            "FROM learning_identities"
        ).fetchone()
        assert identities == (4, 4)
        version_now = con.execute("SELECT value FROM warehouse_meta WHERE key = 'schema_version'").fetchone()
        assert version_now == (SCHEMA_VERSION,)
        # The marts were rebuilt over the moved rows: every record is in mart_records.
        assert con.execute("SELECT count(*) FROM mart_records").fetchone() == (4,)
    finally:
        con.close()


def test_the_split_matches_every_identity_again(tmp_db: Path) -> None:
    """Rows of one learner that an earlier version left matched differently agree once they share a row."""
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roster.csv", "learning.csv")])
    _as_earlier_version(tmp_db, 2)
    con = duckdb.connect(str(tmp_db))
    try:
        con.execute("UPDATE learning_records SET employee_id = NULL, match_method = NULL")
    finally:
        con.close()
    ingest(tmp_db, [FileInput.from_path(INGEST / "catalogue.csv")])
    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        matched = con.execute(
            "SELECT source_employee_id, employee_id, match_method FROM learning_records ORDER BY record_id"
        ).fetchall()
    finally:
        con.close()
    assert matched == [
        ("E2", "E2", "employee_id"),
        (None, "E3", "email"),
        ("E9", None, None),
        ("E1", "E1", "employee_id"),
    ]


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


def test_upgrade_brings_a_version_1_warehouse_up_to_date_without_changing_its_data(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("catalogue.csv", "roster.csv", "learning.csv")])
    expected = snapshot_of_metrics(tmp_db)
    _as_version_1_with_its_marts(tmp_db)
    reasons = outdated_reasons(tmp_db)
    assert any("schema version 1" in r for r in reasons)
    assert any("mart_record_facts" in r and "mart_records" in r for r in reasons)

    assert upgrade(tmp_db) == reasons
    assert outdated_reasons(tmp_db) == []
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
    assert outdated_reasons(tmp_db) == []


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


def test_the_split_starts_the_new_tables_afresh(tmp_db: Path) -> None:
    """Rows already in learning_identities or learning_record_rows are not mixed into what the split moves."""
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roster.csv", "learning.csv")])
    before = _as_earlier_version(tmp_db, 2)
    con = duckdb.connect(str(tmp_db))
    try:
        con.execute(
            "CREATE TABLE learning_identities AS SELECT 1 AS identity_id, 'X' AS source_employee_id, "
            "NULL::VARCHAR AS source_external_id, NULL::VARCHAR AS source_email, NULL::VARCHAR AS source_name, "
            "NULL::VARCHAR AS employee_id, NULL::VARCHAR AS match_method"
        )
    finally:
        con.close()
    ingest(tmp_db, [FileInput.from_path(INGEST / "catalogue.csv")])
    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        assert con.execute("SELECT * FROM learning_records ORDER BY record_id").fetchall() == before
        assert con.execute(
            "SELECT count(*) FROM learning_identities WHERE source_employee_id = 'X'"
        ).fetchone() == (0,)
    finally:
        con.close()


def test_a_warehouse_from_before_the_requirement_evidence_mart_gets_it_on_upgrade(tmp_db: Path) -> None:
    """Warehouses written before mart_requirement_evidence existed: every requirement metric reads it."""
    from metrics.coverage import coverage
    from metrics.filters import Filters

    files = ("catalogue.csv", "roles.csv", "roster.csv", "learning.csv")
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in files])
    con = open_reader(tmp_db)
    try:
        expected = coverage(con, Filters(min_group_size=1)).frame.rows()
    finally:
        con.close()
    con = duckdb.connect(str(tmp_db))
    try:
        con.execute("DROP TABLE mart_requirement_evidence")
    finally:
        con.close()
    reasons = outdated_reasons(tmp_db)
    assert reasons == ["marts missing or of an earlier shape: mart_requirement_evidence"]
    assert upgrade(tmp_db) == reasons and outdated_reasons(tmp_db) == []
    con = open_reader(tmp_db)
    try:
        assert coverage(con, Filters(min_group_size=1)).frame.rows() == expected and expected
    finally:
        con.close()
