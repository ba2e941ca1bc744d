"""Gaps, gap summaries and what to fund next, on tiny inline warehouses."""

from __future__ import annotations

import random
from datetime import date

import pytest
from metrics_fixture import add_employee, add_program, add_record, add_requirement, finish

from etl.warehouse import memory_warehouse
from metrics.errors import MetricsError
from metrics.filters import Filters
from metrics.gaps import fund_next, gap_summary, gap_summary_by_team, gaps, largest_gaps

AS_OF = date(2025, 6, 30)
F = Filters(as_of=AS_OF, min_group_size=1)


def warehouse():
    con = memory_warehouse()
    add_employee(con, "E1", full_name="Ann", team="T", role="R")
    add_employee(con, "E2", full_name="Bob", team="U", role="R")
    add_requirement(con, "R", "Python", 3, importance=2)
    add_requirement(con, "R", "SQL", 2, importance=5)
    add_requirement(con, "R", "Excel", 2)  # no importance given
    add_record(con, "E1", "C", completed_on=date(2025, 1, 1), skills="Python:1;SQL:2;Excel:2")
    return con


def test_gaps_sorted_by_gap_then_importance_unknown_last() -> None:
    con = finish(warehouse())
    frame = gaps(con, F).frame
    assert frame.select("employee_id", "skill_id", "required_level", "current_level", "gap").rows() == [
        ("E2", "python", 3, 0, 3),
        ("E2", "sql", 2, 0, 2),  # gap 2, importance 5
        ("E1", "python", 3, 1, 2),  # gap 2, importance 2
        ("E2", "excel", 2, 0, 2),  # gap 2, importance unknown
    ]
    assert gaps(con, F).definition.n == 2


def test_largest_gaps_are_the_first_rows_of_gaps_with_the_full_count() -> None:
    con = finish(warehouse())
    full = gaps(con, F).frame
    for limit in (1, 2, 3, 4, 50):
        result = largest_gaps(con, F, limit)
        assert result.frame.equals(full.head(limit)), limit
        assert result.total_rows == 4 and result.definition.n == 2
    assert any("first 2 of 4 gaps" in note for note in largest_gaps(con, F, 2).definition.notes)
    # One team: the same rows as the full list filtered to it, counted for that team only.
    team = largest_gaps(con, F, 50, "U")
    assert team.frame.equals(full.filter(full["team"] == "U"))
    assert (team.total_rows, team.definition.n) == (3, 1)
    assert "team: U" in team.definition.filters_applied
    nobody = largest_gaps(con, F, 10, "no such team")
    assert nobody.frame.is_empty() and nobody.frame.columns == full.columns
    assert (nobody.total_rows, nobody.definition.n) == (0, 0)


def _tied_warehouse(seed: int):
    """Many requirements tied on gap and importance, people added out of employee_id order and skills whose
    names sort apart from their ids: the top-N must still cut the list exactly where `gaps` does."""
    rng = random.Random(seed)
    con = memory_warehouse()
    roles = {"R1": ["zeta", "Alpha", "beta", "Gamma", "delta"], "R2": ["beta", "Omega", "alpha2", "Kappa"]}
    for role, skills in roles.items():
        for skill in skills:
            add_requirement(con, role, skill, rng.choice([1, 2, 3]), importance=rng.choice([None, 1, 2]))
    ids = [f"E{n:03d}" for n in rng.sample(range(1, 200), 14)]
    for employee_id in ids:
        role = rng.choice(list(roles))
        add_employee(con, employee_id, full_name=employee_id, team=rng.choice(["T", "U"]), role=role)
        held = rng.sample(roles[role], rng.randint(0, 3))
        if held:
            skills = ";".join(f"{skill}:{rng.randint(1, 3)}" for skill in held)
            add_record(con, employee_id, f"C{employee_id}", completed_on=date(2025, 1, 1), skills=skills)
    return finish(con)


@pytest.mark.parametrize("seed", range(3))
def test_largest_gaps_cut_ties_exactly_where_gaps_does(seed: int) -> None:
    con = _tied_warehouse(seed)
    full = gaps(con, F).frame
    assert full.height > 20
    for limit in range(1, full.height + 2):
        result = largest_gaps(con, F, limit)
        assert result.frame.equals(full.head(limit)), limit
        assert result.total_rows == full.height
    mine = full.filter(full["team"] == "T")
    for limit in range(1, mine.height + 2, 3):
        assert largest_gaps(con, F, limit, "T").frame.equals(mine.head(limit)), limit


@pytest.mark.parametrize("limit", [0, -1, 2.5, True, "10"])
def test_largest_gaps_limit_is_validated(limit) -> None:
    with pytest.raises(MetricsError, match="limit must be a whole number"):
        largest_gaps(finish(warehouse()), F, limit)


def test_gap_summary_includes_skills_without_gaps_and_by_team_suppresses() -> None:
    con = finish(warehouse())
    summary = gap_summary(con, F).frame
    assert summary.select("skill_id", "people_requiring", "people_with_gap", "total_gap").rows() == [
        ("python", 2, 2, 5),
        ("excel", 2, 1, 2),
        ("sql", 2, 1, 2),
    ]
    by_team = gap_summary_by_team(con, Filters(as_of=AS_OF, min_group_size=2))
    assert by_team.frame.is_empty() and by_team.suppressed_groups == 2


def test_fund_next_only_programs_that_close_a_gap() -> None:
    con = warehouse()
    add_program(con, "Py Basics", "Acme", "micro_credential", list_cost=10, list_hours=2, skills="Python:2")
    add_program(con, "Py Pro", "Acme", "certification", list_cost=100, list_hours=20, skills="Python:3")
    add_program(con, "Py Degree", "Uni", "degree", list_cost=9000, skills="Python:5")
    add_record(
        con,
        None,
        "Py Pro",
        provider="Acme",
        program_type="certification",
        completed_on=date(2024, 1, 1),
        cost=80,
    )
    add_record(con, None, "Py Pro", provider="Acme", program_type="certification", status="failed", cost=60)
    add_record(con, None, "Py Pro", provider="Acme", program_type="certification", status="in_progress")
    finish(con)
    frame = fund_next(con, F).frame.filter(skill_id="python")
    assert frame.select(
        "program_name", "gaps_it_would_close", "typical_cost", "cost_basis", "completion_rate"
    ).rows() == [
        ("Py Pro", 2, 70.0, "median of actual records", 0.5),
        ("Py Degree", 2, 9000.0, "catalogue list cost", None),
    ]  # Py Basics teaches level 2: it closes no level-3 requirement
    only_degrees = fund_next(con, Filters(as_of=AS_OF, min_group_size=1, program_types=("degree",))).frame
    assert only_degrees.get_column("program_name").unique().to_list() == ["Py Degree"]
