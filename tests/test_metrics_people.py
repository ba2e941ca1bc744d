"""The people list and one person's profile."""

from __future__ import annotations

from datetime import date

import pytest
from metrics_fixture import GOLDEN_AS_OF, golden_org

from metrics.errors import UnknownEmployeeError
from metrics.filters import Filters
from metrics.people import employee_for_email, people, person_profile

F = Filters(as_of=GOLDEN_AS_OF)


@pytest.fixture(scope="module")
def con():
    return golden_org()


def test_profile_requirements_and_evidence(con) -> None:
    profile = person_profile(con, "E003", F)
    assert profile.person["full_name"] == "Carol Shaw"
    reqs = profile.requirements.frame
    assert reqs.select("skill_id", "required_level", "current_level", "met").rows() == [
        ("python", 3, 2, False),  # unmet first
        ("sql", 3, 3, True),  # then by importance: SQL 4
        ("cloud_computing", 2, 2, True),  # Cloud Computing 3
    ]
    python = reqs.filter(skill_id="python").row(0, named=True)
    assert (python["evidence_program"], python["evidence_skill_source"]) == ("Python Data Badge", "record")
    evidence = profile.evidence.frame
    assert evidence.get_column("record_id").n_unique() == 4
    assert evidence.get_column("counts_as_evidence").all()


def test_profile_says_why_records_do_not_count(con) -> None:
    evidence = person_profile(con, "E005", F).evidence.frame
    reasons = dict(zip(evidence["program_name"], evidence["not_counted_because"], strict=True))
    assert reasons == {
        "SQL Fundamentals": "completed after the as-of date",
        "AWS Cloud Practitioner": "revoked",
        "Dashboards 101": "expired",
    }


def test_profile_of_terminated_and_roleless_people(con) -> None:
    gone = person_profile(con, "E009", F)
    assert gone.requirements.frame.is_empty()
    assert any("terminated on 2025-03-31" in n for n in gone.requirements.definition.notes)
    intern = person_profile(con, "E006", F)
    assert any("has no skill requirements" in n for n in intern.requirements.definition.notes)
    future = person_profile(con, "E010", F)
    assert any("hired on 2025-09-01" in n for n in future.requirements.definition.notes)


@pytest.mark.parametrize("employee_id", ["NOPE", "", "   "])
def test_unknown_employee_is_a_clear_error(con, employee_id: str) -> None:
    with pytest.raises(UnknownEmployeeError):
        person_profile(con, employee_id, F)


def test_people_list_as_of_an_earlier_date(con) -> None:
    frame = people(con, Filters(as_of=date(2024, 6, 30))).frame
    assert "E009" in frame["employee_id"].to_list()  # not yet terminated then
    assert "E006" not in frame["employee_id"].to_list()  # not yet hired then


def test_employee_for_email_finds_the_current_person(con) -> None:
    assert employee_for_email(con, "carol.shaw@example.com", GOLDEN_AS_OF) == "E003"
    assert employee_for_email(con, "  Carol.Shaw@Example.COM ", GOLDEN_AS_OF) == "E003"


def test_employee_for_email_ignores_leavers_strangers_and_blanks(con) -> None:
    # E009 left on 2025-03-31: a current employee before that, nobody after.
    assert employee_for_email(con, "ivan.sutherland@example.com", date(2025, 1, 1)) == "E009"
    assert employee_for_email(con, "ivan.sutherland@example.com", GOLDEN_AS_OF) is None
    assert employee_for_email(con, "nobody@example.com", GOLDEN_AS_OF) is None
    assert employee_for_email(con, "   ", GOLDEN_AS_OF) is None
    assert employee_for_email(con, "x' OR '1'='1", GOLDEN_AS_OF) is None


def test_employee_for_email_shared_by_two_people_matches_nobody() -> None:
    from metrics_fixture import add_employee, memory_warehouse

    con = memory_warehouse()
    add_employee(con, "A1", email="team@example.com")
    add_employee(con, "A2", email="Team@example.com")
    add_employee(con, "A3", email="solo@example.com")
    assert employee_for_email(con, "team@example.com", GOLDEN_AS_OF) is None
    assert employee_for_email(con, "solo@example.com", GOLDEN_AS_OF) == "A3"


def test_people_names_are_the_people_lists_columns() -> None:
    """The picker's list (people_names) is the people list's id, name and team, in the same order."""
    from metrics.people import people_names

    con = golden_org()
    team = people(con, F).frame.get_column("team")[0]
    for f in (F, Filters(as_of=GOLDEN_AS_OF, teams=(team,), min_group_size=1)):
        expected = people(con, f).frame.select("employee_id", "full_name", "team")
        result = people_names(con, f)
        assert result.frame.equals(expected)
        assert result.definition.n == expected.height


def test_people_names_come_in_name_then_id_order_without_a_sort_at_query_time() -> None:
    """people_names reads mart_org's name_order, numbered at load: the order must be exactly (full_name,
    employee_id) as DuckDB sorts text (nameless people last), ties, case and accents included, and follow
    the roster's changes."""
    import random

    from metrics_fixture import add_employee, empty_warehouse, finish

    from metrics.people import people_names

    rng = random.Random(7)
    names = ["Ana Díaz", "ana diaz", "Ana Diaz", "Zoë Ng", "Bo", "bo", "Émile Roux", "Ann", "Ann "]
    con = empty_warehouse()
    ids = [f"E{n:03d}" for n in rng.sample(range(1000), 60)]
    for employee_id in ids:
        add_employee(con, employee_id, full_name=rng.choice(names))
    con.execute("UPDATE employees SET full_name = NULL WHERE list_contains(?, employee_id)", [ids[:4]])
    finish(con)

    def expected() -> list[tuple]:
        rows = con.sql("SELECT employee_id, full_name, team FROM mart_org").pl()
        return rows.sort(["full_name", "employee_id"], nulls_last=True).rows()

    frame = people_names(con, Filters()).frame
    assert frame.columns == ["employee_id", "full_name", "team"]
    assert frame.rows() == expected()
    listed = people(con, Filters()).frame
    assert "name_order" not in listed.columns
    assert listed.select("employee_id", "full_name", "team").rows() == expected()  # the list, same order
    assert frame.get_column("full_name").n_unique() == len(names) + 1  # ties (and nulls) to break
    # A roster change renames people: the order is numbered again when the mart is rebuilt.
    for employee_id in rng.sample(ids, 20):
        add_employee(con, employee_id, full_name=rng.choice(names), valid_from=date(2024, 6, 1))
    finish(con)
    assert people_names(con, Filters()).frame.rows() == expected()
