"""Warehouse facts: filter choices, counts, unmatched records, rejected rows, load history."""

from __future__ import annotations

from datetime import date

from metrics_fixture import empty_warehouse, golden_org

from etl.marts import MART_ORDER
from metrics.catalogue import (
    filter_options,
    has_data,
    load_history,
    rejected_rows,
    table_counts,
    unmatched_records,
)


def test_filter_options_from_golden_org() -> None:
    options = filter_options(golden_org())
    assert options.teams == ("Analytics", "Leadership", "Platform")
    assert options.managers == (
        ("E001", "Ada Lovelace"),
        ("E002", "Brian Kernighan"),
        ("E007", "Grace Hopper"),
    )
    assert options.program_types == ("certification", "degree", "micro_credential", "traditional_course")
    assert (options.min_date, options.max_date) == (date(2022, 2, 1), date(2025, 7, 15))


def test_filter_options_of_an_empty_warehouse() -> None:
    options = filter_options(empty_warehouse())
    assert options.teams == () and options.managers == () and options.min_date is None


def test_counts_unmatched_and_history() -> None:
    con = golden_org()
    counts = dict(table_counts(con).frame.rows())
    assert counts["employees"] == 10 and counts["employees_history"] == 8 and counts["mart_evidence"] == 23
    unmatched = unmatched_records(con).frame
    assert unmatched.select("source_email", "file_name", "source_row").rows() == [
        ("x.unknown@example.com", "learning.csv", 18)
    ]
    assert load_history(con).frame.get_column("load_id").to_list() == [5, 4, 3, 2, 1]


def test_rejected_rows_listed_newest_load_first() -> None:
    con = golden_org()
    con.execute(
        "INSERT INTO rejected_rows VALUES (4, 'learning.csv', 7, 'status', 'done?', 'unknown status', '{}'),"
        " (5, 'roster.csv', 2, NULL, NULL, 'duplicate employee_id', '{}')"
    )
    frame = rejected_rows(con).frame
    assert frame.select("load_id", "row_number", "reason").rows() == [
        (5, 2, "duplicate employee_id"),
        (4, 7, "unknown status"),
    ]


def test_has_data_is_any_of_the_four_inputs() -> None:
    assert has_data(golden_org()) is True
    con = empty_warehouse()
    assert has_data(con) is False
    con.execute("INSERT INTO role_requirements VALUES ('Dev', 'dev', 'py', 2, NULL, 1)")
    assert has_data(con) is True


def test_every_mart_is_counted() -> None:
    assert set(MART_ORDER) <= set(dict(table_counts(golden_org()).frame.rows()))


def test_every_table_count_is_the_relations_row_count() -> None:
    """The view marts are counted from their parts (table_counts.sql); the figures must be their real sizes."""
    con = golden_org()
    for name, count in table_counts(con).frame.rows():
        relation = "learning_record_rows" if name == "learning_records" else name
        assert count == con.execute(f"SELECT count(*) FROM {relation}").fetchall()[0][0], name  # noqa: S608
    assert (
        con.execute("SELECT count(*) FROM learning_records").fetchall()[0][0]
        == dict(table_counts(con).frame.rows())["learning_records"]
    )
