"""A learning record's program, provider, type and status are stored once per combination
(learning_record_attributes, schema version 4); records point at them by attributes_id.

Every write keeps the invariants the learning_records view relies on: one attributes row per distinct
combination, every combination used by some current record, every record's combination present. A warehouse
written by schema version 3 is moved into the new tables with every row reading as before.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from warehouse_testkit import query

from etl.admin import forget_employee, outdated_reasons, undo_load, upgrade
from etl.load import FileInput, ingest
from etl.warehouse import SCHEMA_VERSION

HERE = Path(__file__).resolve().parent / "fixtures"
ATTRIBUTES = HERE / "attributes"
ROSTER = HERE / "ingest" / "roster.csv"
COMBINATION = "program_name, provider, program_type, status, source_status"


def _load(db: Path, *names: str) -> int | None:
    return ingest(db, [FileInput.from_path(ATTRIBUTES / n) for n in names]).batch_id


def _combinations(db: Path) -> list[tuple]:
    return query(db, f"SELECT {COMBINATION} FROM learning_record_attributes ORDER BY ALL NULLS FIRST")  # noqa: S608


def _ids(db: Path) -> dict[tuple, int]:
    rows = query(db, f"SELECT attributes_id, {COMBINATION} FROM learning_record_attributes")  # noqa: S608
    return {tuple(r[1:]): r[0] for r in rows}


def _records(db: Path) -> list[tuple]:
    """The learning_records view, whole, in record order: what every reader sees."""
    return query(db, "SELECT * FROM learning_records ORDER BY record_id")


def _assert_invariants(db: Path) -> None:
    unused, missing, repeated, ids, distinct_ids = query(
        db,
        "SELECT "
        "(SELECT count(*) FROM learning_record_attributes WHERE attributes_id NOT IN "
        "   (SELECT attributes_id FROM learning_record_rows)), "
        "(SELECT count(*) FROM learning_record_rows WHERE attributes_id NOT IN "
        "   (SELECT attributes_id FROM learning_record_attributes)), "
        f"(SELECT count(*) - count(DISTINCT ({COMBINATION})) FROM learning_record_attributes), "
        "(SELECT count(*) FROM learning_record_attributes), "
        "(SELECT count(DISTINCT attributes_id) FROM learning_record_attributes)",
    )[0]
    assert (unused, missing, repeated) == (0, 0, 0)
    assert ids == distinct_ids


FIRST = [
    ("AWS Cloud Practitioner", "AWS", "certification", "completed", "Completed"),
    ("AWS Cloud Practitioner", "AWS", "certification", "completed", "Passed"),
    ("SQL Basics", None, "micro_credential", "in_progress", "In progress"),
]


def test_a_load_stores_each_combination_once_and_the_view_reads_it_back(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(ROSTER)])
    _load(tmp_db, "first.csv")
    assert _combinations(tmp_db) == FIRST
    _assert_invariants(tmp_db)
    rows = query(
        tmp_db,
        f"SELECT employee_id, {COMBINATION} FROM learning_records ORDER BY employee_id, program_name",  # noqa: S608
    )
    assert rows == [
        ("E1", *FIRST[1]),
        ("E1", *FIRST[2]),
        ("E2", *FIRST[1]),
        ("E2", *FIRST[2]),
        ("E3", *FIRST[0]),
    ]
    # the record rows carry no program or status text of their own
    columns = [
        r[0]
        for r in query(
            tmp_db, "SELECT column_name FROM duckdb_columns() WHERE table_name = 'learning_record_rows'"
        )
    ]
    assert "attributes_id" in columns and not {"program_name", "provider", "status"} & set(columns)


def test_a_later_load_reuses_stored_combinations_and_drops_the_ones_no_record_uses(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(ROSTER)])
    _load(tmp_db, "first.csv")
    ids_before = _ids(tmp_db)
    _load(tmp_db, "second.csv")
    _assert_invariants(tmp_db)
    # SQL Basics completed replaces both in-progress versions, so "in progress" goes; Alan's row differs only in
    # its status word (not a new version), so "PASSED" is never kept; the AWS combinations keep their ids.
    assert _combinations(tmp_db) == [
        FIRST[0],
        FIRST[1],
        ("SQL Basics", None, "micro_credential", "completed", "Completed"),
    ]
    ids_after = _ids(tmp_db)
    assert [ids_after[c] for c in FIRST[:2]] == [ids_before[c] for c in FIRST[:2]]


def test_undo_brings_back_each_version_with_its_combination(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(ROSTER)])
    _load(tmp_db, "first.csv")
    before = _records(tmp_db)
    _load(tmp_db, "second.csv")
    assert _records(tmp_db) != before
    second = query(tmp_db, "SELECT max(load_id) FROM ingest_log")[0][0]
    undo_load(tmp_db, second)
    assert _records(tmp_db) == before
    assert _combinations(tmp_db) == FIRST
    _assert_invariants(tmp_db)
    undo_load(tmp_db, second - 1)  # the first learning load: nothing left to point at
    assert _combinations(tmp_db) == []
    _assert_invariants(tmp_db)


def test_forgetting_a_person_drops_the_combinations_only_their_records_used(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(ROSTER)])
    _load(tmp_db, "first.csv")
    forget_employee(tmp_db, "E3")  # the only "Completed" AWS record
    assert _combinations(tmp_db) == FIRST[1:]
    _assert_invariants(tmp_db)


def test_a_type_the_catalogue_gives_is_resolved_before_the_combination_is_stored(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(ROSTER), FileInput.from_path(ATTRIBUTES / "catalogue.csv")])
    _load(tmp_db, "untyped.csv")
    # one row typed by the file ("course"), one by the catalogue: the same combination, stored once
    assert _combinations(tmp_db) == [
        ("Data Literacy", "Internal Academy", "traditional_course", "completed", "Completed")
    ]
    _assert_invariants(tmp_db)


def _as_version_3(db: Path) -> None:
    """Turn a warehouse back into schema version 3: the program and status columns in every record row, no
    learning_record_attributes."""
    con = duckdb.connect(str(db))
    try:
        con.execute(
            "CREATE TABLE v3_rows AS SELECT r.record_id, r.record_key, r.identity_id, a.program_name, a.provider, "
            "a.program_type, a.status, a.source_status, r.started_on, r.completed_on, r.expires_on, r.cost, "
            "r.hours, r.credential_url, r.source_row, r.load_id "
            "FROM learning_record_rows AS r JOIN learning_record_attributes AS a USING (attributes_id)"
        )
        con.execute("DROP VIEW learning_records")
        con.execute("DROP TABLE learning_record_rows")
        con.execute("DROP TABLE learning_record_attributes")
        con.execute("ALTER TABLE v3_rows RENAME TO learning_record_rows")
        con.execute("UPDATE warehouse_meta SET value = '3' WHERE key = 'schema_version'")
    finally:
        con.close()


def test_a_version_3_warehouse_is_moved_into_the_new_tables_and_reads_as_before(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(ROSTER)])
    _load(tmp_db, "first.csv")
    _load(tmp_db, "second.csv")
    before = _records(tmp_db)
    history = query(tmp_db, "SELECT * FROM learning_records_history ORDER BY ALL")
    _as_version_3(tmp_db)
    assert f"schema version 3 (this Skillgrid writes {SCHEMA_VERSION})" in outdated_reasons(tmp_db)
    upgrade(tmp_db)
    assert outdated_reasons(tmp_db) == []
    assert _records(tmp_db) == before
    assert query(tmp_db, "SELECT * FROM learning_records_history ORDER BY ALL") == history
    _assert_invariants(tmp_db)
    tables = {r[0] for r in query(tmp_db, "SELECT table_name FROM duckdb_tables()")}
    assert "learning_record_rows_v3" not in tables
    # and it loads on as a version 4 warehouse: undo of the second load still restores the first's versions
    undo_load(tmp_db, query(tmp_db, "SELECT max(load_id) FROM ingest_log")[0][0])
    assert _combinations(tmp_db) == FIRST
    _assert_invariants(tmp_db)
