"""Learners are stored once per distinct identity (learning_identities); records point at them.

Every write keeps the invariants the learning_records view relies on: one identity row per distinct set of
source values, every identity used by some current record, every record's identity present.
"""

from __future__ import annotations

from pathlib import Path

from warehouse_testkit import query

from etl.admin import forget_employee, map_identity, undo_load
from etl.load import FileInput, ingest

HERE = Path(__file__).resolve().parent / "fixtures"
IDENTITIES = HERE / "identities"
ROSTER = HERE / "ingest" / "roster.csv"
# The view's columns that do not depend on which identity_id a load happened to assign.
VIEW = (
    "record_key, employee_id, match_method, program_name, source_employee_id, source_email, source_name, "
    "source_format, source_row"
)


def _load(db: Path, *names: str) -> int | None:
    return ingest(db, [FileInput.from_path(IDENTITIES / n) for n in names]).batch_id


def _identities(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT source_employee_id, source_email, source_name, employee_id, match_method "
        "FROM learning_identities ORDER BY ALL NULLS FIRST",
    )


def _records(db: Path) -> list[tuple]:
    return query(db, f"SELECT {VIEW} FROM learning_records ORDER BY record_key")  # noqa: S608


def _assert_invariants(db: Path) -> None:
    unused, missing, repeated = query(
        db,
        "SELECT "
        "(SELECT count(*) FROM learning_identities WHERE identity_id NOT IN "
        "   (SELECT identity_id FROM learning_record_rows)), "
        "(SELECT count(*) FROM learning_record_rows WHERE identity_id NOT IN "
        "   (SELECT identity_id FROM learning_identities)), "
        "(SELECT count(*) - count(DISTINCT (source_employee_id, source_external_id, source_email, source_name)) "
        "   FROM learning_identities)",
    )[0]
    assert (unused, missing, repeated) == (0, 0, 0)
    ids = query(db, "SELECT count(*), count(DISTINCT identity_id) FROM learning_identities")[0]
    assert ids[0] == ids[1]


def _load_roster(db: Path) -> None:
    ingest(db, [FileInput.from_path(ROSTER)])


def test_a_load_stores_each_learner_once_matched_and_the_view_reads_them_back(tmp_db: Path) -> None:
    _load_roster(tmp_db)
    _load(tmp_db, "first.csv")
    assert _identities(tmp_db) == [
        (None, "alan@example.com", "Alan Turing", "E3", "email"),
        ("E2", None, "Grace Hopper", "E2", "employee_id"),
        ("E9", None, "Nine Nobody", None, None),
    ]
    rows = _records(tmp_db)
    assert len(rows) == 4
    assert {r[7] for r in rows} == {"canonical_learning"}  # source_format: the load's, from ingest_log
    assert [(r[1], r[2]) for r in rows if r[4] == "E2"] == [("E2", "employee_id")] * 2
    _assert_invariants(tmp_db)


def test_a_later_file_adds_new_identities_and_drops_those_no_record_uses(tmp_db: Path) -> None:
    _load_roster(tmp_db)
    _load(tmp_db, "first.csv")
    _load(tmp_db, "second.csv")
    # A new name alone is not a new version, so "Grace M. Hopper" is used by no record and not kept;
    # Nine's record got an email: a new version, and the identity without it is used by nothing current.
    assert _identities(tmp_db) == [
        (None, "alan@example.com", "Alan Turing", "E3", "email"),
        ("E2", None, "Grace Hopper", "E2", "employee_id"),
        ("E2", "grace@example.com", "Grace Hopper", "E2", "employee_id"),
        ("E9", "nine@example.com", "Nine Nobody", None, None),
    ]
    history = query(
        tmp_db,
        "SELECT source_employee_id, source_email, source_name FROM learning_records_history ORDER BY ALL NULLS FIRST",
    )
    assert history == [("E2", None, "Grace Hopper"), ("E9", None, "Nine Nobody")]
    _assert_invariants(tmp_db)


def test_undo_brings_back_the_replaced_versions_with_their_identities(tmp_db: Path) -> None:
    _load_roster(tmp_db)
    _load(tmp_db, "first.csv")
    before = (_records(tmp_db), _identities(tmp_db))
    _load(tmp_db, "second.csv")
    last = query(tmp_db, "SELECT max(load_id) FROM ingest_log")[0][0]
    undo_load(tmp_db, last)
    assert (_records(tmp_db), _identities(tmp_db)) == before
    _assert_invariants(tmp_db)


def test_a_roster_and_a_mapping_rematch_identities_not_records(tmp_db: Path) -> None:
    _load(tmp_db, "first.csv")  # no roster yet: nobody matches
    assert {r[3] for r in _identities(tmp_db)} == {None}
    _load_roster(tmp_db)
    assert [r[3] for r in _identities(tmp_db)] == ["E3", "E2", None]
    assert map_identity(tmp_db, "external_id", "e9", "E1") == 1
    assert [r[3:] for r in _identities(tmp_db)] == [("E3", "email"), ("E2", "employee_id"), ("E1", "alias")]
    assert query(tmp_db, "SELECT count(*) FROM learning_records WHERE employee_id = 'E1'") == [(1,)]
    _assert_invariants(tmp_db)


def test_forgetting_a_person_removes_their_identities_with_their_records(tmp_db: Path) -> None:
    _load_roster(tmp_db)
    _load(tmp_db, "first.csv")
    _load(tmp_db, "second.csv")
    forget_employee(tmp_db, "E2")
    assert [r[:3] for r in _identities(tmp_db)] == [
        (None, "alan@example.com", "Alan Turing"),
        ("E9", "nine@example.com", "Nine Nobody"),
    ]
    leftovers = query(
        tmp_db,
        "SELECT count(*) FROM learning_records_history WHERE source_employee_id = 'E2' "
        "OR source_email = 'grace@example.com'",
    )
    assert leftovers == [(0,)]
    _assert_invariants(tmp_db)


def test_a_new_warehouse_stores_the_learners_text_and_record_keys_uncompressed(tmp_db: Path) -> None:
    # A load's new identities are fewer than a row group, so DuckDB compresses them at COMMIT, on one core,
    # after the rest of the load; record keys are unique per record. Both cost more time than they saved
    # space (etl/sql/schema.sql; BENCHMARKS.md, Changes 26 and 33).
    _load_roster(tmp_db)
    _load(tmp_db, "first.csv")
    text = {
        "source_employee_id",
        "source_external_id",
        "source_email",
        "source_name",
        "employee_id",
        "match_method",
    }
    stored = query(
        tmp_db,
        "SELECT table_name, column_name, list_distinct(list(compression)) FROM pragma_storage_info('learning_identities') "
        "CROSS JOIN (SELECT 'learning_identities' AS table_name) WHERE segment_type = 'VARCHAR' GROUP BY ALL "
        "UNION ALL "
        "SELECT 'learning_record_rows', column_name, list_distinct(list(compression)) "
        "FROM pragma_storage_info('learning_record_rows') WHERE column_name = 'record_key' "
        "AND segment_type = 'VARCHAR' GROUP BY ALL ORDER BY ALL",
    )
    assert stored == sorted(
        [("learning_identities", column, ["Uncompressed"]) for column in text]
        + [("learning_record_rows", "record_key", ["Uncompressed"])]
    )
