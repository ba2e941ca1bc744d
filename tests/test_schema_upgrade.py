"""A warehouse made by an earlier schema version is brought up to date by its next load, rows intact."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.load import FileInput, ingest
from etl.warehouse import SCHEMA_VERSION, memory_warehouse

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
