"""Credentials catalogue and expiry tracker."""

from __future__ import annotations

import random
from datetime import date, timedelta

import polars as pl
import pytest
from metrics_fixture import GOLDEN_AS_OF, add_employee, add_program, add_record, finish, golden_org

from etl.warehouse import memory_warehouse
from metrics.credentials import EXPIRY_STATES, credentials_catalogue, expiry_tracker, expiry_view
from metrics.errors import MetricsError
from metrics.filters import Filters

F = Filters(as_of=GOLDEN_AS_OF)


def test_catalogue_groups_name_matched_records_with_their_program() -> None:
    frame = credentials_catalogue(golden_org(), F).frame
    sql = frame.filter(program_key="sql fundamentals|udemy").row(0, named=True)
    # R02, R06 (Udemy Business, matched on name), R14, R17 (holder left); R12 is dated after as_of
    assert (sql["records"], sql["holders"], sql["spend"], sql["in_catalogue"]) == (4, 3, 780.0, True)
    other = frame.filter(program_key="data literacy|other co").row(0, named=True)
    assert other["in_catalogue"] is False


def test_expiry_window_and_renewal() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_record(con, "E1", "Cert", completed_on=date(2023, 1, 1), expires_on=date(2025, 1, 1))
    add_record(con, "E1", "Cert", completed_on=date(2024, 12, 1), expires_on=date(2025, 3, 1))
    add_record(con, "E1", "Other", completed_on=date(2024, 1, 1), expires_on=date(2025, 4, 1))
    finish(con)
    f = Filters(as_of=date(2025, 1, 31))
    frame = expiry_tracker(con, f, 30).frame
    assert frame.select("state", "expires_on", "days_left", "renewed").rows() == [
        ("expiring", date(2025, 3, 1), 29, False),
        ("expired", date(2025, 1, 1), -30, True),
    ]
    assert expiry_tracker(con, f, 60).frame.height == 3


@pytest.mark.parametrize("days", [-1, 1.5, "30", True])
def test_bad_days_are_refused(days) -> None:
    with pytest.raises(MetricsError, match="days"):
        expiry_tracker(memory_warehouse(), F, days)


@pytest.mark.parametrize("limit", [1, 2, 10_000])
def test_expiry_view_is_the_tracker_counted_with_its_first_rows_per_state(limit: int) -> None:
    con = golden_org()
    full = expiry_tracker(con, F, 365).frame
    view = expiry_view(con, F, 365, limit)
    assert view.first_rows.total_rows == full.height
    for state in EXPIRY_STATES:
        of_state = full.filter(pl.col("state") == state)
        assert view.state_rows[state] == of_state.height
        assert view.state_renewed[state] == int(of_state.get_column("renewed").sum())
        shown = view.first_rows.frame.filter(pl.col("state") == state)
        assert shown.equals(of_state.head(limit))
    assert view.first_rows.frame.columns == full.columns
    assert sum(view.state_rows.values()) > 1, "the golden org should have several credentials to watch"
    shortened = any("first" in note for note in view.first_rows.definition.notes)
    assert shortened == (view.first_rows.frame.height < full.height)


def test_expiry_view_of_nothing_counts_zero() -> None:
    view = expiry_view(memory_warehouse(), F, 90, 5)
    assert view.state_rows == dict.fromkeys(EXPIRY_STATES, 0)
    assert view.first_rows.frame.is_empty() and view.first_rows.total_rows == 0


@pytest.mark.parametrize("limit", [0, -3, 2.5, "10"])
def test_expiry_view_refuses_a_bad_limit(limit) -> None:
    with pytest.raises(MetricsError, match="limit"):
        expiry_view(memory_warehouse(), F, 90, limit)


RENEWED_PLAIN = """
SELECT
    t.record_id,
    EXISTS (
        SELECT 1 FROM mart_records AS o
        WHERE o.person_key = t.person_key
            AND o.canonical_program_key IS NOT DISTINCT FROM t.canonical_program_key
            AND o.record_id <> t.record_id
            AND o.status = 'completed'
            AND (o.expires_on IS NULL OR o.expires_on > $as_of::DATE)
            AND (o.activity_on IS NULL OR o.activity_on <= $as_of::DATE)
            AND (len($program_types::VARCHAR[]) = 0 OR list_contains($program_types::VARCHAR[], o.program_type))
    ) AS renewed
FROM mart_records AS t
WHERE list_contains($tracked, t.record_id)
ORDER BY t.record_id
"""


def _random_credentials(seed: int):
    """People holding repeated, expiring, expired and revoked credentials of a few programs, some of them
    catalogue programs reached under other names (the same canonical program)."""
    rng = random.Random(seed)
    con = memory_warehouse()
    add_program(con, "Cloud Cert", "Vendor", "certification", list_cost=300.0, validity_months=24)
    start = date(2022, 1, 1)
    for n in range(10):
        add_employee(con, f"E{n}", termination_date=rng.choice([None, None, None, date(2024, 6, 1)]))
        for _ in range(rng.randint(0, 8)):
            completed = start + timedelta(days=rng.randint(0, 1300))
            add_record(
                con,
                f"E{n}",
                rng.choice(["Cloud Cert", "cloud cert", "Badge A", "Badge B"]),
                provider=rng.choice(["Vendor", None]),
                program_type=rng.choice(["certification", "micro_credential"]),
                status=rng.choice(["completed", "completed", "completed", "revoked", "in_progress"]),
                completed_on=completed,
                expires_on=rng.choice([None, completed + timedelta(days=rng.randint(100, 900))]),
                cost=rng.choice([None, 120.0, 45.5]),
            )
    return finish(con)


@pytest.mark.parametrize("seed", range(10))
def test_renewed_is_another_valid_completion_of_the_same_program(seed: int) -> None:
    con = _random_credentials(seed)
    compared = renewed = 0
    for as_of in (date(2023, 6, 1), date(2024, 6, 30), date(2025, 3, 1)):
        for types in ((), ("certification",)):
            f = Filters(as_of=as_of, program_types=types)
            frame = expiry_tracker(con, f, 120).frame.sort("record_id")
            tracked = frame.get_column("record_id").to_list()
            expected = con.execute(
                RENEWED_PLAIN,
                {"as_of": as_of, "program_types": list(types), "tracked": tracked},
            ).fetchall()
            assert frame.select("record_id", "renewed").rows() == expected
            view = expiry_view(con, f, 120, 3)
            assert sum(view.state_rows.values()) == frame.height
            assert sum(view.state_renewed.values()) == int(frame.get_column("renewed").sum())
            compared += frame.height
            renewed += int(frame.get_column("renewed").sum())
    assert compared and renewed, "the random warehouse should track credentials, some of them renewed"


def _catalogue_plain(con, f: Filters) -> list[tuple]:
    """The credentials catalogue by its definition, in polars over the mart_records view and the roster:
    records of people on the roster dated on or before the as-of date, of the chosen types, per canonical
    program; holders are distinct people employed then with a valid completion."""
    as_of = f.as_of
    org = con.sql("SELECT person_key, hire_date, termination_date FROM mart_org").pl()
    records = (
        con.sql("SELECT * FROM mart_records")
        .pl()
        .join(org, on="person_key")
        .filter(pl.col("activity_on").is_null() | (pl.col("activity_on") <= as_of))
        .filter(pl.col("program_type").is_in(list(f.program_types)) if f.program_types else pl.lit(True))
        .with_columns(
            (
                (pl.col("hire_date").is_null() | (pl.col("hire_date") <= as_of))
                & (pl.col("termination_date").is_null() | (pl.col("termination_date") > as_of))
            ).alias("is_active")
        )
    )
    valid = (
        pl.col("is_active")
        & (pl.col("status") == "completed")
        & (pl.col("expires_on").is_null() | (pl.col("expires_on") > as_of))
    )
    main_type = (
        records.group_by("canonical_program_key", "program_type")
        .len()
        .sort(["canonical_program_key", "len", "program_type"], descending=[False, True, False])
        .group_by("canonical_program_key", maintain_order=True)
        .first()
        .select("canonical_program_key", "program_type")
    )
    frame = (
        records.group_by("canonical_program_key")
        .agg(
            pl.col("canonical_program_name").min().alias("program_name"),
            pl.col("canonical_provider").min().alias("provider"),
            pl.col("catalogue_program_key").is_not_null().any().alias("in_catalogue"),
            pl.col("person_key").filter(valid).n_unique().alias("holders"),
            pl.len().alias("records"),
            (pl.col("status") == "completed").sum().alias("completions"),
            pl.col("effective_cost").sum().alias("spend"),
        )
        .join(main_type, on="canonical_program_key")
        .rename({"canonical_program_key": "program_key"})
        .sort(["holders", "records", "program_name", "program_key"], descending=[True, True, False, False])
    )
    return frame.select(
        "program_key",
        "program_name",
        "provider",
        "program_type",
        "in_catalogue",
        "holders",
        "records",
        "completions",
        "spend",
    ).rows()


@pytest.mark.parametrize("seed", range(10))
def test_the_catalogue_is_its_definition_on_random_warehouses(seed: int) -> None:
    """Programs reached under several names (one canonical program), holders across them, people who left,
    record filters: the integer-keyed query gives the rows the definition gives."""
    con = _random_credentials(seed)
    for as_of in (date(2023, 6, 1), date(2024, 6, 30), date(2025, 3, 1)):
        for types in ((), ("certification",)):
            f = Filters(as_of=as_of, program_types=types)
            expected = _catalogue_plain(con, f)
            assert credentials_catalogue(con, f).frame.rows() == expected
            assert expected


def test_a_tie_between_types_names_the_first_alphabetically() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    for n, kind in enumerate(["micro_credential", "certification", "micro_credential", "certification"]):
        add_record(
            con, "E1", "Badge" if n % 2 else "badge ", program_type=kind, completed_on=date(2024, 1, 1)
        )
    add_record(con, "E1", "Other", program_type="micro_credential", completed_on=date(2024, 1, 1))
    frame = credentials_catalogue(finish(con), Filters(as_of=date(2025, 1, 1))).frame
    assert frame.select("program_key", "program_type", "records", "holders").rows() == [
        ("badge|", "certification", 4, 1),
        ("other|", "micro_credential", 1, 1),
    ]
