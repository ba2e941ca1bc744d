"""requirement_status (each requirement's current level and best valid evidence) against a plain reference.

The fragment ranks evidence with one min() over a packed 64-bit integer, over mart_requirement_evidence
(the load's join of completed evidence to the requirements of its person's role; metrics/sql/
_requirement_evidence.sql). These tests compare it, on random warehouses, at several as-of dates and with
the record filters, with the rule written the obvious way: a row_number() over the mart_evidence view joined
to mart_requirements, highest level first, then the earliest completion (undated last), then the lowest id.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb
import pytest
from metrics_fixture import add_employee, add_program, add_record, add_requirement, finish

from etl.sql_files import referenced_params
from etl.warehouse import memory_warehouse
from metrics import queries
from metrics.filters import Filters

REFERENCE = """
WITH
people AS (
    SELECT person_key FROM mart_org
    WHERE (hire_date IS NULL OR hire_date <= $as_of::DATE)
        AND (termination_date IS NULL OR termination_date > $as_of::DATE)
),
valid AS (
    SELECT
        e.person_key,
        e.skill_key,
        e.record_id,
        e.level,
        max(e.level) OVER w AS current_level,
        row_number() OVER (w ORDER BY e.level DESC NULLS LAST, e.completed_on ASC NULLS LAST, e.record_id) AS rank
    FROM mart_evidence AS e
    WHERE e.status = 'completed'
        AND (e.completed_on IS NULL OR e.completed_on <= $as_of::DATE)
        AND (e.expires_on IS NULL OR e.expires_on > $as_of::DATE)
        AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], e.program_type))
        AND ($date_from::DATE IS NULL OR e.activity_on >= $date_from::DATE)
        AND ($date_to::DATE IS NULL OR e.activity_on <= $date_to::DATE)
    WINDOW w AS (PARTITION BY e.person_key, e.skill_key)
)
SELECT
    q.person_key,
    q.skill_key,
    q.required_level,
    q.importance,
    coalesce(v.current_level, 0) AS current_level,
    v.record_id AS best_record_id
FROM mart_requirements AS q
SEMI JOIN people AS p ON p.person_key = q.person_key
LEFT JOIN valid AS v ON v.person_key = q.person_key AND v.skill_key = q.skill_key AND v.rank = 1
ORDER BY ALL
"""

SKILLS = ("Python", "SQL", "Cloud", "Security", "Design")
ROLES = ("Engineer", "Analyst", "Lead")


def _status(con: duckdb.DuckDBPyConnection, f: Filters) -> list[tuple]:
    body = queries.load_sql("_requirement_status").rstrip().removesuffix(",")
    sql = f"WITH\n{body}\nSELECT * FROM requirement_status ORDER BY ALL"
    params = queries.OPTIONAL_PARAMS | f.params()
    return con.execute(sql, {k: params[k] for k in referenced_params(sql)}).fetchall()


def _reference(con: duckdb.DuckDBPyConnection, f: Filters) -> list[tuple]:
    params = f.params()
    return con.execute(REFERENCE, {k: params[k] for k in referenced_params(REFERENCE)}).fetchall()


def _random_warehouse(seed: int) -> duckdb.DuckDBPyConnection:
    rng = random.Random(seed)
    con = memory_warehouse()
    for role in ROLES:
        for skill in rng.sample(SKILLS, 3):
            add_requirement(con, role, skill, rng.randint(1, 4), importance=rng.choice([None, 1.0, 3.0]))
    programs = [f"Course {i}" for i in range(4)]  # catalogue programs: their skills are the evidence
    for i, name in enumerate(programs):
        add_program(con, name, "Provider", "traditional_course", skills=f"{rng.choice(SKILLS)}:{i % 5 + 1}")
    start = date(2023, 1, 1)
    for n in range(8):
        employee = f"E{n}"
        add_employee(
            con,
            employee,
            role=rng.choice(ROLES),
            hire_date=start + timedelta(days=rng.randint(0, 500)),
            termination_date=rng.choice([None, None, None, start + timedelta(days=rng.randint(300, 900))]),
        )
        for _ in range(rng.randint(0, 12)):
            completed = rng.choice([None, start + timedelta(days=rng.randint(0, 900))])
            # a few share a completion date, so the lowest record_id decides
            completed = completed if rng.random() < 0.7 else date(2024, 3, 1)
            own = rng.random() < 0.7
            # some records that list skills of their own name a catalogue program: their own skills win
            catalogued = not own or rng.random() < 0.3
            add_record(
                con,
                employee,
                rng.choice(programs) if catalogued else f"Badge {rng.randint(1, 3)}",
                provider="Provider" if catalogued else None,
                program_type="traditional_course"
                if not own
                else rng.choice(["micro_credential", "certification"]),
                status=rng.choice(["completed", "completed", "completed", "in_progress", "failed"]),
                completed_on=completed,
                expires_on=rng.choice([None, None, start + timedelta(days=rng.randint(200, 1200))]),
                skills=";".join(f"{s}:{rng.randint(1, 5)}" for s in rng.sample(SKILLS, rng.randint(1, 3)))
                if own
                else "",
            )
    return finish(con)


@pytest.mark.parametrize("seed", range(12))
def test_requirement_status_matches_the_plain_rule(seed: int) -> None:
    con = _random_warehouse(seed)
    compared = 0
    for as_of in (date(2023, 6, 1), date(2024, 3, 1), date(2024, 9, 30), date(2026, 1, 1)):
        f = Filters(as_of=as_of, min_group_size=1)
        expected = _reference(con, f)
        assert _status(con, f) == expected
        compared += sum(1 for row in expected if row[5] is not None)
    assert compared, "the random warehouse should give some requirement valid evidence"


RECORD_FILTERS = (
    {"program_types": ("certification",)},
    {"program_types": ("traditional_course", "micro_credential")},
    {"date_from": date(2023, 9, 1)},
    {"date_to": date(2024, 3, 1)},
    {"date_from": date(2023, 6, 1), "date_to": date(2024, 6, 30), "program_types": ("micro_credential",)},
)


@pytest.mark.parametrize("seed", range(6))
def test_the_record_filters_keep_the_same_evidence_as_the_plain_rule(seed: int) -> None:
    con = _random_warehouse(seed)
    for record_filter in RECORD_FILTERS:
        for as_of in (date(2024, 9, 30), date(2026, 1, 1)):
            f = Filters(as_of=as_of, min_group_size=1, **record_filter)
            assert _status(con, f) == _reference(con, f), record_filter


@pytest.mark.parametrize("seed", range(6))
def test_the_mart_holds_exactly_the_completed_evidence_of_required_skills(seed: int) -> None:
    con = _random_warehouse(seed)
    mart = con.execute(
        "SELECT person_key, skill_key, record_id, required_level, level, program_type, completed_on, expires_on, "
        "activity_on FROM mart_requirement_evidence ORDER BY ALL"
    ).fetchall()
    plain = con.execute(
        "SELECT e.person_key, e.skill_key, e.record_id, q.required_level, e.level, e.program_type, "
        "e.completed_on, e.expires_on, e.activity_on FROM mart_evidence AS e "
        "INNER JOIN mart_requirements AS q ON q.person_key = e.person_key AND q.skill_key = e.skill_key "
        "WHERE e.status = 'completed' ORDER BY ALL"
    ).fetchall()
    assert mart == plain and mart


def test_the_best_evidence_is_the_highest_level_then_the_earliest_then_the_lowest_id() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="Engineer", hire_date=date(2018, 1, 1))
    add_requirement(con, "Engineer", "Python", 2)
    undated_high = add_record(con, "E1", "Undated", skills="Python:4")
    late_high = add_record(con, "E1", "Late", completed_on=date(2024, 5, 1), skills="Python:4")
    first_tie = add_record(con, "E1", "Tie A", completed_on=date(2024, 1, 1), skills="Python:4")
    add_record(con, "E1", "Tie B", completed_on=date(2024, 1, 1), skills="Python:4")
    add_record(con, "E1", "Early low", completed_on=date(2021, 1, 1), skills="Python:3")
    expired_top = add_record(
        con,
        "E1",
        "Expired top",
        completed_on=date(2020, 1, 1),
        expires_on=date(2023, 1, 1),
        skills="Python:5",
    )
    finish(con)

    def best(as_of: date) -> tuple[int, int | None]:
        rows = _status(con, Filters(as_of=as_of, min_group_size=1))
        assert len(rows) == 1
        return rows[0][4], rows[0][5]

    assert best(date(2025, 1, 1)) == (
        4,
        first_tie,
    )  # level 4 beats 3; 1 Jan beats 1 May and undated; lower id
    assert best(date(2024, 3, 1)) == (4, first_tie)
    assert best(date(2023, 12, 31)) == (4, undated_high)  # an undated completion counts at any date
    assert best(date(2022, 6, 1)) == (5, expired_top)  # before it expired
    assert best(date(2023, 12, 31)) != (4, late_high)
    assert best(date(2019, 1, 1)) == (4, undated_high)  # nothing dated yet
