"""The marts: grain and keys (unique, not null), the skill-source rule, manager paths, role changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from metrics_fixture import add_employee, add_program, add_record, empty_warehouse, finish, golden_org

from etl import marts
from etl.marts import MART_ORDER, MartError, build_marts
from etl.warehouse import memory_warehouse

KEYS = {
    "mart_org": ["employee_id"],
    "mart_skills": ["skill_id"],
    "mart_program_skills": ["program_key", "skill_id"],
    "mart_record_programs": ["program_ref"],
    "mart_record_facts": ["record_id"],
    "mart_record_program_skills": ["program_ref", "skill_id"],
    "mart_own_evidence": ["record_id", "skill_id"],
    "mart_records": ["record_id"],
    "mart_evidence": ["record_id", "skill_id"],
    "mart_role_skills": ["role_key", "skill_id"],
    "mart_requirements": ["employee_id", "skill_id"],
    "mart_requirement_evidence": ["record_id", "skill_key"],
    "mart_role_changes": ["employee_id", "changed_on"],
}


def test_every_mart_file_is_ordered_and_states_its_grain() -> None:
    folder = Path(marts.__file__).parent / "sql" / "marts"
    assert sorted(p.stem for p in folder.glob("*.sql")) == sorted(MART_ORDER) == sorted(KEYS)
    for name in MART_ORDER:
        text = marts.mart_sql(name)
        assert f"CREATE OR REPLACE {marts.mart_kind(name)} {name} AS" in text
        assert "one row per" in text.split("CREATE")[0]


def test_marts_build_on_an_empty_warehouse_twice() -> None:
    con = empty_warehouse()
    build_marts(con)
    for name in MART_ORDER:
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone() == (0,)


@pytest.mark.parametrize("name", list(KEYS))
def test_keys_unique_and_not_null(name: str) -> None:
    con = golden_org()
    cols = ", ".join(KEYS[name])
    total, distinct, nulls = con.execute(
        f"SELECT count(*), count(DISTINCT ({cols})), count(*) FILTER (WHERE {' OR '.join(c + ' IS NULL' for c in KEYS[name])}) FROM {name}"
    ).fetchone()
    assert total > 0 and total == distinct and nulls == 0


def test_skill_source_prefers_the_record() -> None:
    con = golden_org()
    rows = con.execute(
        "SELECT r.record_key, e.skill_id, e.level, e.skill_source FROM mart_evidence e "
        "JOIN learning_records r USING (record_id) WHERE r.record_key IN ('R01', 'R09', 'R06', 'R16') ORDER BY 1, 2"
    ).fetchall()
    assert rows == [
        ("R01", "python", 3, "catalogue"),
        ("R01", "sql", 2, "catalogue"),
        ("R06", "sql", 3, "catalogue"),  # 'Udemy Business': matched on the unique name
        ("R09", "python", 3, "record"),
        ("R09", "sql", 3, "record"),  # the record's own level beats the catalogue's 2
    ]  # R16: ambiguous name, no skills of its own -> no evidence rows


def test_unmatched_records_have_no_evidence_but_stay_in_mart_records() -> None:
    con = golden_org()
    assert con.execute("SELECT count(*) FROM mart_records WHERE person_key IS NULL").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM mart_evidence WHERE person_key IS NULL").fetchone() == (0,)


def test_requirements_keep_terminated_people_with_their_dates() -> None:
    con = golden_org()
    assert con.execute(
        "SELECT DISTINCT termination_date FROM mart_requirements WHERE employee_id = 'E009'"
    ).fetchall() == [(date(2025, 3, 31),)]


def test_manager_path_nearest_first_and_cycles_stop() -> None:
    con = memory_warehouse()
    add_employee(con, "A", manager_id="B")
    add_employee(con, "B", manager_id="C")
    add_employee(con, "C", manager_id="A")
    add_employee(con, "D", manager_id="D")
    add_employee(con, "E", manager_id="GHOST")
    add_employee(con, "F", manager_id=" ")
    finish(con)
    paths = dict(con.execute("SELECT employee_id, manager_path FROM mart_org").fetchall())
    assert paths == {"A": ["B", "C"], "B": ["C", "A"], "C": ["A", "B"], "D": [], "E": ["GHOST"], "F": []}


def test_role_changes_ignore_case_repeats_and_same_day_rewrites() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="Analyst", valid_from=date(2024, 1, 1), load_id=1)
    add_employee(con, "E1", role=" analyst", valid_from=date(2024, 3, 1), load_id=2)  # same role
    add_employee(con, "E1", role="Lead", valid_from=date(2024, 6, 1), load_id=3)
    add_employee(
        con, "E1", role="Senior", valid_from=date(2024, 6, 1), load_id=4
    )  # same day, later load wins
    finish(con)
    assert con.execute("SELECT changed_on, from_role, to_role FROM mart_role_changes").fetchall() == [
        (date(2024, 6, 1), " analyst", "Senior")
    ]


def test_catalogue_expiry_and_cost_fill_gaps_only() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_program(con, "Cert", "X", "certification", list_cost=100, list_hours=5, validity_months=24)
    add_record(con, "E1", "Cert", provider="X", completed_on=date(2024, 1, 31))
    add_record(
        con, "E1", "Cert", provider="X", completed_on=date(2024, 1, 31), expires_on=date(2024, 6, 1), cost=7
    )
    finish(con)
    rows = con.execute(
        "SELECT expires_on, expiry_source, effective_cost, cost_source FROM mart_records ORDER BY record_id"
    ).fetchall()
    assert rows == [
        (date(2026, 1, 31), "catalogue", 100.0, "catalogue"),
        (date(2024, 6, 1), "record", 7.0, "record"),
    ]


def test_unlisted_mart_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in MART_ORDER:
        (tmp_path / f"{name}.sql").write_text(marts.mart_sql(name))
    (tmp_path / "mart_extra.sql").write_text("CREATE OR REPLACE TABLE mart_extra AS SELECT 1 AS x")
    monkeypatch.setattr(marts, "_mart_dir", lambda: tmp_path)
    with pytest.raises(MartError, match="mart_extra.sql"):
        build_marts(memory_warehouse())


def test_a_failing_mart_names_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in MART_ORDER:
        (tmp_path / f"{name}.sql").write_text(marts.mart_sql(name))
    (tmp_path / "mart_skills.sql").write_text(
        "CREATE OR REPLACE TABLE mart_skills AS SELECT * FROM no_such_table"
    )
    monkeypatch.setattr(marts, "_mart_dir", lambda: tmp_path)
    with pytest.raises(MartError, match=r"building mart_skills \(etl/sql/marts/mart_skills.sql\) failed"):
        build_marts(memory_warehouse())
