"""Economics by program type, program and provider: denominators of zero give null, never infinity."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from app_fixtures import demo_db_path
from metrics_fixture import add_employee, add_program, add_record, add_requirement, finish

from etl.warehouse import memory_warehouse
from metrics.economics import economics, program_economics, program_type_economics, provider_economics
from metrics.errors import MetricsError
from metrics.filters import Filters

__all__ = ["demo_db_path"]

AS_OF = date(2025, 6, 30)
F = Filters(as_of=AS_OF, min_group_size=1)


def test_zero_denominators_are_null() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_record(con, "E1", "Degree", program_type="degree", status="in_progress", started_on=date(2024, 1, 1))
    finish(con)
    row = program_type_economics(con, F).frame.row(0, named=True)
    assert row["records"] == 1 and row["total_cost"] == 0.0
    assert row["completion_rate"] == 0.0  # 0 of 1 attempt completed
    for column in (
        "completion_rate_of_finished",
        "cost_per_completion",
        "hours_per_completion",
        "cost_per_requirement_met",
    ):
        assert row[column] is None
    assert any("no cost anywhere" in n for n in program_type_economics(con, F).definition.notes)


def test_cost_per_requirement_met_credits_the_best_evidence_earliest_on_ties() -> None:
    con = memory_warehouse()
    add_employee(con, "E1", role="R")
    add_requirement(con, "R", "Python", 2)
    add_record(
        con,
        "E1",
        "Cert",
        program_type="certification",
        completed_on=date(2024, 1, 1),
        cost=300,
        skills="Python:2",
    )
    add_record(
        con,
        "E1",
        "Badge",
        program_type="micro_credential",
        completed_on=date(2024, 6, 1),
        cost=30,
        skills="Python:2",
    )
    add_record(
        con,
        "E1",
        "Course",
        program_type="traditional_course",
        completed_on=date(2025, 1, 1),
        cost=500,
        skills="Python:1",
    )
    finish(con)
    frame = program_type_economics(con, F).frame
    met = dict(zip(frame["program_type"], frame["requirements_met"], strict=True))
    assert met == {"certification": 1, "micro_credential": 0, "traditional_course": 0}
    cert = frame.filter(program_type="certification").row(0, named=True)
    assert cert["cost_per_requirement_met"] == 300.0


def test_catalogue_cost_fills_missing_record_cost_and_days_to_complete() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_employee(con, "E2", termination_date=date(2025, 1, 1))
    add_program(con, "Course", "Acme", "traditional_course", list_cost=100, list_hours=10)
    add_record(
        con,
        "E1",
        "Course",
        provider="Acme",
        program_type="traditional_course",
        started_on=date(2024, 1, 1),
        completed_on=date(2024, 1, 11),
    )
    add_record(
        con,
        "E2",
        "course ",
        provider="ACME",
        program_type="traditional_course",
        started_on=date(2024, 1, 1),
        completed_on=date(2024, 1, 31),
        cost=40,
        hours=4,
    )
    finish(con)
    result = program_economics(con, F)
    row = result.frame.row(0, named=True)
    assert result.frame.height == 1  # case and spaces do not split a program
    assert (row["records"], row["participants"], row["total_cost"], row["total_hours"]) == (2, 2, 140.0, 14.0)
    assert row["median_days_to_complete"] == 20.0
    assert row["retained_completers"] == 1  # E2 left before as_of
    assert any("catalogue list cost was used" in n for n in result.definition.notes)


def test_records_after_as_of_and_unmatched_are_excluded_and_said() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_record(con, "E1", "A", completed_on=date(2025, 7, 1), cost=10)
    add_record(con, None, "A", completed_on=date(2025, 1, 1), cost=10)
    finish(con)
    result = provider_economics(con, F)
    assert result.frame.is_empty()
    assert result.definition.excluded == [
        "1 learning record not matched to any person",
        "1 learning record dated after 2025-06-30",
    ]


def test_type_group_always_has_both_groups() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_record(con, "E1", "A", program_type="degree", completed_on=date(2025, 1, 1), cost=10)
    finish(con)
    frame = economics(con, F, "type_group").frame
    assert frame.select("group", "records", "total_cost").rows() == [
        ("micro_credentials_and_certifications", 0, 0.0),
        ("traditional_courses_and_degrees", 1, 10.0),
    ]
    assert frame.schema["cost_per_completion"] == pl.Float64


def test_unknown_grouping_is_refused() -> None:
    con = finish(memory_warehouse())
    with pytest.raises(MetricsError, match="group_by must be one of"):
        economics(con, F, "department")  # type: ignore[arg-type]


REFERENCE = Path(__file__).parent / "fixtures" / "reference_sql" / "economics_before_hash_keys.sql"
REFERENCE_FILTERS = [
    Filters(),
    Filters(as_of=date(2024, 6, 30)),
    Filters(program_types=("micro_credential", "certification"), min_group_size=2),
    Filters(date_from=date(2023, 1, 1), date_to=date(2025, 12, 31)),
]


def _same_rows(actual: pl.DataFrame, expected: pl.DataFrame) -> None:
    assert actual.columns == expected.columns and actual.height == expected.height
    for column in actual.columns:
        a, b = actual.get_column(column).to_list(), expected.get_column(column).to_list()
        if actual.schema[column] == pl.Float64:  # sums of doubles may differ in the last bit
            assert [x is None for x in a] == [y is None for y in b], column
            assert [x for x in a if x is not None] == pytest.approx(
                [y for y in b if y is not None], rel=1e-12
            )
        else:
            assert a == b, column


@pytest.mark.parametrize("group_by", ["type_group", "program_type", "program", "provider"])
def test_economics_equals_the_query_before_hash_keys(demo_db_path: Path, group_by: str) -> None:
    """Participants grouped on hashed keys and requirements met read from requirement_evidence give the same
    figures as the query before (kept in tests/fixtures/reference_sql), shared scratch or not."""
    from etl.sql_files import referenced_params
    from etl.warehouse import open_reader, reader_cursor
    from metrics import economics as economics_module
    from metrics import queries

    sql = REFERENCE.read_text(encoding="utf-8")
    plain = duckdb.connect(str(demo_db_path), read_only=True)  # cannot attach scratch: everything inline
    reader = open_reader(demo_db_path)
    try:
        for f in REFERENCE_FILTERS:
            given = queries.OPTIONAL_PARAMS | f.params() | {"group_by": group_by}
            expected = plain.sql(sql, params={k: given[k] for k in referenced_params(sql)}).pl()
            if group_by != "program":  # program_name, provider, program_type are read for programs only
                expected = expected.with_columns(
                    pl.lit(None, pl.String).alias(c) for c in ("program_name", "provider", "program_type")
                )
            for con in (plain, reader_cursor(reader)):
                _same_rows(economics_module._economics(con, f, group_by), expected)
    finally:
        plain.close()
        reader.close()


def test_a_hash_collision_is_retried_with_another_salt(demo_db_path: Path, monkeypatch) -> None:
    from metrics import economics as economics_module
    from metrics import queries

    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        expected = economics_module._economics(con, Filters(), "program")
        real_run = queries.run
        salts: list[int] = []

        def colliding_first(con, name, params=None, **kwargs):  # the first salt reports a collision
            frame = real_run(con, name, params, **kwargs)
            salts.append(params["key_salt"])
            return frame.with_columns(pl.lit(1 if params["key_salt"] == 0 else 0).alias("hash_collisions"))

        monkeypatch.setattr(queries, "run", colliding_first)
        _same_rows(economics_module._economics(con, Filters(), "program"), expected)
        assert salts == [0, 1]
        monkeypatch.setattr(
            queries, "run", lambda *a, **k: real_run(*a, **k).with_columns(pl.lit(1).alias("hash_collisions"))
        )
        with pytest.raises(MetricsError, match="kept sharing hashes"):
            economics_module._economics(con, Filters(), "program")
    finally:
        con.close()
