"""Coverage and target achievement on tiny inline warehouses: the evidence and requirement rules one by one."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest
from app_fixtures import demo_db_path
from metrics_fixture import add_employee, add_program, add_record, add_requirement, empty_warehouse, finish

from etl.warehouse import memory_warehouse
from metrics.coverage import (
    bus_factor,
    coverage,
    coverage_drilldown,
    org_target_achievement,
    target_achievement,
)
from metrics.filters import Filters
from metrics.people import person_profile

__all__ = ["demo_db_path"]

AS_OF = date(2025, 6, 30)
F = Filters(as_of=AS_OF, min_group_size=1)


def one_person(**record) -> duckdb.DuckDBPyConnection:
    """E1, a Data Engineer in team T, who needs Python at level 3, plus one learning record."""
    con = memory_warehouse()
    add_employee(con, "E1", team="T", role="Data Engineer")
    add_requirement(con, "Data Engineer", "Python", 3)
    add_record(con, "E1", "Course", **record)
    return finish(con)


def level(con: duckdb.DuckDBPyConnection, f: Filters = F) -> int:
    return org_target_achievement(con, f).frame.get_column("met")[0]


@pytest.mark.parametrize(
    ("record", "met"),
    [
        ({"completed_on": date(2025, 1, 1), "skills": "Python:3"}, 1),
        ({"completed_on": date(2025, 1, 1), "skills": "Python:2"}, 0),  # below the required level
        ({"completed_on": date(2025, 1, 1), "skills": "Python:5"}, 1),  # above is enough
        ({"status": "in_progress", "started_on": date(2025, 1, 1), "skills": "Python:3"}, 0),
        ({"status": "failed", "completed_on": date(2025, 1, 1), "skills": "Python:3"}, 0),
        ({"status": "revoked", "completed_on": date(2025, 1, 1), "skills": "Python:3"}, 0),
        ({"completed_on": date(2025, 7, 1), "skills": "Python:3"}, 0),  # completed after as_of
        ({"completed_on": AS_OF, "skills": "Python:3"}, 1),  # completed on as_of counts
        (
            {"completed_on": date(2024, 1, 1), "expires_on": AS_OF, "skills": "Python:3"},
            0,
        ),  # expires on as_of
        ({"completed_on": date(2024, 1, 1), "expires_on": date(2025, 7, 1), "skills": "Python:3"}, 1),
        ({"completed_on": None, "skills": "Python:3"}, 1),  # an undated completion counts
        ({"completed_on": date(2025, 1, 1), "skills": "SQL:3"}, 0),  # another skill
    ],
)
def test_evidence_rules(record: dict, met: int) -> None:
    assert level(one_person(**record)) == met


def test_role_matches_ignoring_case_and_spaces() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="  data ENGINEER ")
    add_requirement(con, "Data Engineer", "Python", 1)
    finish(con)
    assert org_target_achievement(con, F).frame.get_column("requirements")[0] == 1


def test_catalogue_skills_used_only_when_record_lists_none() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="R")
    add_employee(con, "E2", role="R")
    add_requirement(con, "R", "Python", 3)
    add_program(con, "Course", "Acme", "micro_credential", skills="Python:3")
    add_record(con, "E1", "Course", provider="Acme", completed_on=date(2025, 1, 1))
    add_record(con, "E2", "Course", provider="Acme", completed_on=date(2025, 1, 1), skills="Python:1")
    finish(con)
    frame = coverage_drilldown(con, F, "Team", "python").frame
    assert dict(zip(frame["employee_id"], frame["current_level"], strict=True)) == {"E1": 3, "E2": 1}


def test_catalogue_match_by_name_only_when_unique() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="R")
    add_requirement(con, "R", "Python", 2)
    add_program(con, "Unique Course", "Acme", "micro_credential", skills="Python:2")
    add_program(con, "Twin", "A", "micro_credential", skills="Python:2")
    add_program(con, "Twin", "B", "micro_credential", skills="Python:2")
    add_record(con, "E1", " unique course ", provider="Other", completed_on=date(2025, 1, 1))
    finish(con)
    assert level(con) == 1
    con2 = memory_warehouse()
    add_employee(con2, "E1", role="R")
    add_requirement(con2, "R", "Python", 2)
    add_program(con2, "Twin", "A", "micro_credential", skills="Python:2")
    add_program(con2, "Twin", "B", "micro_credential", skills="Python:2")
    add_record(con2, "E1", "Twin", provider="C", completed_on=date(2025, 1, 1))
    finish(con2)
    assert level(con2) == 0  # two catalogue programs are called Twin: no guess


def test_catalogue_validity_gives_expiry_when_record_has_none() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="R")
    add_requirement(con, "R", "Python", 1)
    add_program(con, "Badge", None, "micro_credential", validity_months=12, skills="Python:1")
    add_record(con, "E1", "Badge", completed_on=date(2024, 6, 30))
    finish(con)
    assert level(con, Filters(as_of=date(2025, 6, 29), min_group_size=1)) == 1
    assert level(con, Filters(as_of=date(2025, 6, 30), min_group_size=1)) == 0


def test_terminated_and_not_yet_hired_are_excluded() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="R", termination_date=AS_OF)
    add_employee(con, "E2", role="R", hire_date=date(2025, 7, 1))
    add_employee(con, "E3", role="R", termination_date=date(2025, 7, 1))
    add_requirement(con, "R", "Python", 1)
    finish(con)
    result = org_target_achievement(con, F)
    assert result.frame.get_column("requirements")[0] == 1  # only E3, still employed on as_of
    assert "1 person terminated on or before 2025-06-30" in result.definition.excluded
    assert "1 person hired after 2025-06-30" in result.definition.excluded
    earlier = org_target_achievement(con, Filters(as_of=date(2025, 6, 1), min_group_size=1))
    assert earlier.frame.get_column("requirements")[0] == 2  # E1 and E3 before E1 left


def test_coverage_ratio_and_suppression() -> None:
    con = memory_warehouse()
    for i in range(5):
        add_employee(con, f"B{i}", team="Big", role="R")
    add_employee(con, "S0", team="Small", role="R")
    add_requirement(con, "R", "Python", 1)
    for i in range(2):
        add_record(con, f"B{i}", "Course", completed_on=date(2025, 1, 1), skills="Python:1")
    finish(con)
    result = coverage(con, Filters(as_of=AS_OF))
    assert result.frame.select("team", "required_members", "members_meeting", "coverage").rows() == [
        ("Big", 5, 2, 0.4)
    ]
    assert result.suppressed_groups == 1
    assert target_achievement(con, Filters(as_of=AS_OF)).suppressed_groups == 1
    assert coverage(con, Filters(as_of=AS_OF, min_group_size=1)).frame.height == 2


def test_team_size_counts_people_without_requirements() -> None:
    con = memory_warehouse()
    for i in range(4):
        add_employee(con, f"B{i}", team="T", role="R")
    add_employee(con, "I", team="T", role="Intern")
    add_requirement(con, "R", "Python", 1)
    finish(con)
    result = coverage(con, Filters(as_of=AS_OF))
    assert result.suppressed_groups == 0 and result.frame.get_column("team_size").to_list() == [5]


def test_filters_narrow_people_and_evidence() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", team="A", location="Oslo", role="R")
    add_employee(con, "E2", team="B", location="Rome", role="R")
    add_requirement(con, "R", "Python", 1)
    add_record(con, "E1", "C1", program_type="degree", completed_on=date(2024, 1, 1), skills="Python:1")
    add_record(con, "E2", "C2", completed_on=date(2025, 1, 1), skills="Python:1")
    finish(con)
    assert level(con, Filters(as_of=AS_OF, min_group_size=1, teams=("A",))) == 1
    assert level(con, Filters(as_of=AS_OF, min_group_size=1, locations=("Rome",))) == 1
    assert level(con, Filters(as_of=AS_OF, min_group_size=1, program_types=("micro_credential",))) == 1
    assert level(con, Filters(as_of=AS_OF, min_group_size=1, date_from=date(2024, 6, 1))) == 1
    assert level(con, Filters(as_of=AS_OF, min_group_size=1, date_to=date(2024, 6, 1))) == 1
    assert (
        level(con, Filters(as_of=AS_OF, min_group_size=1, teams=("A",), program_types=("certification",)))
        == 0
    )


def test_manager_subtree_is_cycle_safe() -> None:
    con = memory_warehouse()
    add_employee(con, "A", manager_id="C", role="R")
    add_employee(con, "B", manager_id="A", role="R")
    add_employee(con, "C", manager_id="B", role="R")  # A -> C -> B -> A
    add_employee(con, "D", manager_id="X", role="R")  # manager not on the roster
    add_requirement(con, "R", "Python", 1)
    finish(con)
    for manager, expected in (("A", 3), ("X", 1), ("D", 1), ("nobody", 0)):
        f = Filters(as_of=AS_OF, manager_id=manager, min_group_size=1)
        assert org_target_achievement(con, f).frame.get_column("people_with_requirements")[0] == expected


def test_small_population_is_noted() -> None:
    con = one_person(completed_on=date(2025, 1, 1), skills="Python:3")
    notes = org_target_achievement(con, Filters(as_of=AS_OF)).definition.notes
    assert any("fewer than 5 people" in n for n in notes)


def test_bus_factor_counts_anyone_at_the_level() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="R", full_name="Ann")
    add_employee(con, "E2", role="Other", full_name="Bob")
    add_employee(con, "E3", role="Other", full_name="Cy")
    add_requirement(con, "R", "Python", 2)
    add_record(con, "E2", "C", completed_on=date(2025, 1, 1), skills="Python:2")
    add_record(con, "E3", "C", completed_on=date(2025, 1, 1), skills="Python:4")
    finish(con)
    frame = bus_factor(con, F).frame
    assert frame.select("skill_id", "required_level", "people_meeting").rows() == [("python", 2, 2)]
    assert frame.get_column("holders").to_list() == [["Bob", "Cy"]]
    add_record(con, "E1", "C", completed_on=date(2025, 1, 1), skills="Python:2")
    finish(con)
    assert bus_factor(con, F).frame.is_empty()


def test_drilldown_of_unknown_team_is_empty_with_a_note() -> None:
    con = one_person(completed_on=date(2025, 1, 1), skills="Python:3")
    result = coverage_drilldown(con, F, "No Such Team", "python")
    assert result.frame.is_empty() and any("nobody in scope" in n for n in result.definition.notes)


def test_empty_warehouse() -> None:
    con = empty_warehouse()
    assert coverage(con, F).frame.is_empty()
    assert org_target_achievement(con, F).frame.row(0, named=True)["rate"] is None


def test_bus_factor_equals_the_query_before_lo_hi(demo_db_path) -> None:
    """Levels held by at most two people, found from the lowest and highest holder and a third-person check,
    are the rows the query gave when it took every person's level in every skill first."""
    from pathlib import Path

    from etl.sql_files import referenced_params
    from etl.warehouse import open_reader, reader_cursor
    from metrics import queries

    reference = Path(__file__).parent / "fixtures" / "reference_sql" / "bus_factor_before_lo_hi.sql"
    sql = reference.read_text(encoding="utf-8")
    plain = duckdb.connect(str(demo_db_path), read_only=True)
    reader = open_reader(demo_db_path)
    try:
        for f in (
            Filters(),
            Filters(as_of=date(2024, 6, 30)),
            Filters(program_types=("micro_credential", "certification")),
            Filters(date_from=date(2023, 1, 1), date_to=date(2025, 12, 31)),
        ):
            given = queries.OPTIONAL_PARAMS | f.params()
            expected = plain.sql(sql, params={k: given[k] for k in referenced_params(sql)}).pl()
            for con in (plain, reader_cursor(reader)):
                assert queries.run(con, "bus_factor", f.params()).equals(expected)
    finally:
        plain.close()
        reader.close()


def test_the_drilldown_names_the_same_evidence_as_each_persons_profile(demo_db_path) -> None:
    """The drill-down looks the evidence up for its own rows; a person's profile reads it through
    best_evidence: the same record, dates and skill source either way."""
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        f = Filters()
        cells = coverage(con, f).frame.filter(pl.col("members_meeting") > 0).sort("required_members")
        cell = cells.row(cells.height // 2, named=True)
        frame = coverage_drilldown(con, f, cell["team"], cell["skill_id"]).frame
        assert frame.height and frame.get_column("evidence_program").is_not_null().any()
        columns = [
            "evidence_program",
            "evidence_provider",
            "evidence_completed_on",
            "evidence_expires_on",
            "evidence_skill_source",
        ]
        for row in frame.head(12).iter_rows(named=True):
            profile = person_profile(con, row["employee_id"], f).requirements.frame
            own = profile.filter(pl.col("skill_id") == cell["skill_id"]).row(0, named=True)
            assert {c: own[c] for c in columns} == {c: row[c] for c in columns}
    finally:
        con.close()
