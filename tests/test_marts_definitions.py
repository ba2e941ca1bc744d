"""A mart whose SQL changed between versions is rebuilt before anything reads it, wherever the file came from."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import marts
from etl.admin import outdated_reasons, upgrade
from etl.load import FileInput, ingest
from etl.marts import (
    DEFINITION_KEY_PREFIX,
    MART_ORDER,
    build_marts,
    definition_fingerprint,
    redefined_marts,
    stored_definitions,
)
from etl.warehouse import memory_warehouse, open_reader, outdated

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"
FILES = ("catalogue.csv", "roles.csv", "roster.csv", "learning.csv")


def _as_built_by_an_earlier_version(db: Path) -> None:
    """mart_org as a version before name_order built it (that column missing), and its fingerprint that
    version's: what a customer's file looks like the first time this version opens it."""
    con = duckdb.connect(str(db))
    try:
        con.execute("ALTER TABLE mart_org DROP COLUMN name_order")
        con.execute(
            "UPDATE warehouse_meta SET value = 'an-earlier-one' WHERE key = ?",
            [DEFINITION_KEY_PREFIX + "mart_org"],
        )
    finally:
        con.close()


def _people_names(db: Path) -> list[tuple]:
    from metrics.filters import Filters
    from metrics.people import people_names

    con = open_reader(db)
    try:
        return people_names(con, Filters()).frame.rows()
    finally:
        con.close()


def test_a_new_warehouse_records_the_definition_of_every_mart() -> None:
    con = memory_warehouse()
    stored = stored_definitions(con)
    assert set(stored) == set(MART_ORDER)
    assert all(stored[name] == definition_fingerprint(marts.mart_sql(name)) for name in MART_ORDER)
    assert redefined_marts(stored) == [] and outdated(con) == []
    assert build_marts(con, set()) == []  # nothing changed, nothing redefined: nothing rebuilt


def test_comments_and_layout_do_not_change_a_fingerprint_but_the_sql_does() -> None:
    sql = marts.mart_sql("mart_skills")
    reworded = "-- a reworded comment\n" + sql.replace("\n", "\n\n").replace("    ", "\t")
    assert definition_fingerprint(reworded) == definition_fingerprint(sql)
    assert definition_fingerprint(sql.replace("SELECT", "SELECT DISTINCT", 1)) != definition_fingerprint(sql)


def test_upgrade_rebuilds_a_mart_an_earlier_definition_built_and_what_reads_it(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in FILES])
    expected = _people_names(tmp_db)
    assert expected
    _as_built_by_an_earlier_version(tmp_db)
    reasons = outdated_reasons(tmp_db)
    assert reasons == ["marts built by an earlier definition: mart_org"]

    assert upgrade(tmp_db) == reasons
    assert outdated_reasons(tmp_db) == []
    assert _people_names(tmp_db) == expected
    before = tmp_db.read_bytes()
    assert upgrade(tmp_db) == []  # up to date: nothing written
    assert tmp_db.read_bytes() == before


def test_a_load_that_touches_none_of_its_inputs_still_rebuilds_a_redefined_mart(tmp_db: Path) -> None:
    """A catalogue load writes nothing mart_org reads; the mart is rebuilt all the same, with its readers."""
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in ("roles.csv", "roster.csv", "learning.csv")])
    expected_people = _people_names(tmp_db)
    _as_built_by_an_earlier_version(tmp_db)
    con = duckdb.connect(str(tmp_db))
    try:
        requirements = con.execute("SELECT count(*) FROM mart_requirements").fetchall()[0][0]
        con.execute("DELETE FROM mart_requirements")  # a reader of mart_org: must be rebuilt with it
    finally:
        con.close()

    assert ingest(tmp_db, [FileInput.from_path(INGEST / "catalogue.csv")]).outcomes[0].status == "loaded"
    assert outdated_reasons(tmp_db) == []
    assert _people_names(tmp_db) == expected_people
    con = open_reader(tmp_db)
    try:
        assert con.execute("SELECT count(*) FROM mart_requirements").fetchall()[0][0] == requirements > 0
    finally:
        con.close()


def test_a_warehouse_from_before_fingerprints_has_every_mart_rebuilt_once(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in FILES])
    con = duckdb.connect(str(tmp_db))
    try:
        con.execute("DELETE FROM warehouse_meta WHERE starts_with(key, ?)", [DEFINITION_KEY_PREFIX])
    finally:
        con.close()
    assert outdated_reasons(tmp_db) == [
        f"marts built before Skillgrid recorded their definitions ({len(MART_ORDER)} to rebuild)"
    ]
    upgrade(tmp_db)
    assert outdated_reasons(tmp_db) == []


def test_the_dashboard_rebuilds_a_redefined_mart_when_it_opens_the_file_and_says_so(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_fixtures import app, page_path

    from dashboard import data

    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in FILES])
    _as_built_by_an_earlier_version(tmp_db)
    monkeypatch.setenv("UPSKILL_DB", str(tmp_db))
    data.release()
    at = app()
    at.run()  # the overview: the frame opens the file, upgrades it and says so
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [t.value for t in at.toast] == [data.UPGRADED]
    assert outdated_reasons(tmp_db) == []
    at.switch_page(page_path("people"))  # reads name_order
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert not at.toast  # up to date now: nothing to say


def test_a_mart_this_version_no_longer_builds_loses_its_fingerprint() -> None:
    con = memory_warehouse()
    con.execute("INSERT INTO warehouse_meta VALUES (?, 'x')", [DEFINITION_KEY_PREFIX + "mart_retired"])
    build_marts(con, set())
    assert set(stored_definitions(con)) == set(MART_ORDER)


def test_a_failed_rebuild_records_no_new_definition(tmp_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprints are written in the load's transaction: a mart that fails leaves the old ones."""
    ingest(tmp_db, [FileInput.from_path(INGEST / n) for n in FILES])
    _as_built_by_an_earlier_version(tmp_db)
    before = tmp_db.read_bytes()
    real = marts.mart_sql

    def failing(name: str) -> str:
        if name == "mart_role_changes":  # the last mart: every fingerprint would be due by then
            return "CREATE OR REPLACE TABLE mart_role_changes AS SELECT * FROM no_such_table"
        return real(name)

    monkeypatch.setattr(marts, "mart_sql", failing)
    with pytest.raises(marts.MartError, match="mart_role_changes"):
        upgrade(tmp_db)
    assert tmp_db.read_bytes() == before
    monkeypatch.setattr(marts, "mart_sql", real)
    assert outdated_reasons(tmp_db) == ["marts built by an earlier definition: mart_org"]
