"""mart_records and mart_evidence are views over narrow facts: same rows as the tables they replaced."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from app_fixtures import demo_db_path  # noqa: F401 - registers the fixture
from metrics_fixture import golden_org

from etl.marts import build_marts
from etl.warehouse import memory_warehouse

REFERENCE = Path(__file__).parent / "fixtures" / "reference_sql" / "marts_records_evidence_before_views.sql"


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {relation}").fetchall()]  # constant names


def _differences(
    con: duckdb.DuckDBPyConnection, view: str, reference: str, columns: list[str]
) -> tuple[int, int]:
    cols = ", ".join(columns)
    one = f"SELECT count(*) FROM (SELECT {cols} FROM {view} EXCEPT ALL SELECT {cols} FROM {reference})"  # noqa: S608
    two = f"SELECT count(*) FROM (SELECT {cols} FROM {reference} EXCEPT ALL SELECT {cols} FROM {view})"  # noqa: S608
    return con.execute(one).fetchall()[0][0], con.execute(two).fetchall()[0][0]


@pytest.fixture(params=["demo", "golden"])
def with_reference(request: pytest.FixtureRequest):
    """The demo warehouse (scale) and the golden org (every branch, see below), with the old tables beside."""
    if request.param == "demo":
        con = duckdb.connect(str(request.getfixturevalue("demo_db_path")), read_only=True)
    else:
        con = golden_org()
    con.execute(REFERENCE.read_text(encoding="utf-8"))  # temp tables: a read-only file is untouched
    yield con
    con.close()


@pytest.mark.parametrize(
    ("view", "reference"), [("mart_records", "ref_records"), ("mart_evidence", "ref_evidence")]
)
def test_the_view_gives_the_rows_and_types_the_table_gave(with_reference, view: str, reference: str) -> None:
    con = with_reference
    live, before = _columns(con, view), dict(_columns(con, reference))
    # Every column the view keeps has the type it had; the ones it dropped are provenance in learning_records.
    assert [(name, before.get(name)) for name, _ in live] == live
    dropped = set(before) - {name for name, _ in live}
    assert dropped <= {"employee_id", "match_method", "source_format", "source_row"}
    rows = con.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]  # noqa: S608 - constant names
    assert rows > 20
    assert _differences(con, view, reference, [name for name, _ in live]) == (0, 0)


def test_the_golden_org_exercises_every_branch_the_views_have() -> None:
    """So the comparison above cannot pass on data that never takes a branch."""
    con = golden_org()
    cases = con.execute(
        "SELECT count(*) FILTER (WHERE person_key IS NULL), count(*) FILTER (WHERE expiry_source = 'catalogue'), "
        "count(*) FILTER (WHERE expiry_source = 'record'), count(*) FILTER (WHERE cost_source = 'catalogue'), "
        "count(*) FILTER (WHERE cost_source = 'record'), count(*) FILTER (WHERE hours_source = 'catalogue'), "
        "count(*) FILTER (WHERE catalogue_program_key IS NULL), count(*) FILTER (WHERE catalogue_match = 'name') "
        "FROM mart_records"
    ).fetchall()[0]
    assert all(n > 0 for n in cases), cases
    sources = dict(con.execute("SELECT skill_source, count(*) FROM mart_evidence GROUP BY ALL").fetchall())
    assert sources.get("record", 0) > 0 and sources.get("catalogue", 0) > 0


def test_program_refs_name_each_program_once_and_every_fact_has_one(request: pytest.FixtureRequest) -> None:
    con = duckdb.connect(str(request.getfixturevalue("demo_db_path")), read_only=True)
    try:
        refs, distinct_refs, names = con.execute(
            "SELECT count(*), count(DISTINCT program_ref), count(DISTINCT (program_name, provider)) "
            "FROM mart_record_programs"
        ).fetchall()[0]
        assert refs == distinct_refs == names
        counts = con.execute(
            "SELECT (SELECT count(*) FROM learning_records), (SELECT count(*) FROM mart_record_facts), "
            "(SELECT count(*) FROM mart_records)"
        ).fetchall()[0]
        assert counts[0] == counts[1] == counts[2]
    finally:
        con.close()


def test_a_warehouse_with_the_old_mart_tables_gets_the_views_on_its_next_load() -> None:
    con = memory_warehouse()
    con.execute("DROP VIEW mart_evidence")
    con.execute("DROP VIEW mart_records")
    con.execute("CREATE TABLE mart_records AS SELECT 1::BIGINT AS record_id, 'E1' AS employee_id")
    con.execute("CREATE TABLE mart_evidence AS SELECT 1::BIGINT AS record_id, 'sql' AS skill_id")
    build_marts(con, changed={"employees"})  # a roster load: nothing the facts read
    kinds = dict(
        con.execute(
            "SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE table_name IN ('mart_records', 'mart_evidence') "
            "UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() "
            "WHERE view_name IN ('mart_records', 'mart_evidence')"
        ).fetchall()
    )
    assert kinds == {"mart_records": "VIEW", "mart_evidence": "VIEW"}
    assert "employee_id" not in [c for c, _ in _columns(con, "mart_records")]
