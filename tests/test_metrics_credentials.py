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
    add_program(con, "Cloud Cert", "Vendor", "certification", validity_months=24)
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
