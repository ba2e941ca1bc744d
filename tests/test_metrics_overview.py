"""Overview headline figures and monthly trends."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from metrics_fixture import GOLDEN_AS_OF, add_employee, add_record, finish, golden_org

from etl.warehouse import memory_warehouse
from metrics.errors import MetricsError
from metrics.filters import Filters
from metrics.overview import overview, recent_months, trends

F = Filters(as_of=GOLDEN_AS_OF)


def test_trends_by_month_and_type() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_record(con, "E1", "A", completed_on=date(2025, 1, 5), cost=10)
    add_record(con, "E1", "B", completed_on=date(2025, 1, 25), cost=5)
    add_record(
        con, "E1", "C", status="in_progress", started_on=date(2025, 2, 1), cost=100, program_type="degree"
    )
    add_record(con, "E1", "D", status="in_progress", cost=1)  # undated
    finish(con)
    result = trends(con, Filters(as_of=date(2025, 6, 30)))
    assert result.frame.rows() == [
        (date(2025, 1, 1), "micro_credential", 2, 2, 15.0),
        (date(2025, 2, 1), "degree", 1, 0, 100.0),
    ]
    assert any("neither a completion nor a start date" in e for e in result.definition.excluded)


def test_overview_respects_filters() -> None:
    con = golden_org()
    row = overview(con, Filters(as_of=GOLDEN_AS_OF, teams=("Analytics",))).frame.row(0, named=True)
    # Analytics as of 2025-06-30: E007, E008 employed; records R13-R17 (R17 is E009's, who has left)
    assert (row["people"], row["teams"], row["records"], row["completions"], row["spend"]) == (
        2,
        1,
        5,
        5,
        540.0,
    )
    assert row["org_target_achievement"] == pytest.approx(0.5)
    assert row["credentials_expiring_90d"] == 1


def test_overview_horizon_is_validated_and_named() -> None:
    con = golden_org()
    assert "credentials_expiring_400d" in overview(con, F, 400).frame.columns
    with pytest.raises(MetricsError):
        overview(con, F, -5)


def test_recent_months_is_a_zero_filled_window_ending_at_the_as_of_month() -> None:
    con = golden_org()
    result = recent_months(con, F)
    # Golden org as of 2025-06-30 (docs/METRICS.md, "Overview and trends"): Jul 2024 - Jun 2025.
    assert result.frame.rows() == [
        (date(2024, 7, 1), 1, 50.0),
        (date(2024, 8, 1), 0, 0.0),
        (date(2024, 9, 1), 0, 100.0),
        (date(2024, 10, 1), 0, 0.0),
        (date(2024, 11, 1), 0, 0.0),
        (date(2024, 12, 1), 0, 0.0),
        (date(2025, 1, 1), 2, 230.0),
        (date(2025, 2, 1), 2, 110.0),
        (date(2025, 3, 1), 2, 175.0),
        (date(2025, 4, 1), 0, 0.0),
        (date(2025, 5, 1), 0, 0.0),
        (date(2025, 6, 1), 0, 0.0),
    ]
    assert result.definition.n == 7
    assert "Jul 2024 to Jun 2025" in result.definition.formula
    # The same figures as the full trend, summed over program types, inside the window.
    summed = (
        trends(con, F)
        .frame.filter(pl.col("month") >= date(2024, 7, 1))
        .group_by("month")
        .agg(pl.col("completions", "spend").sum())
        .sort("month")
    )
    nonzero = result.frame.filter((pl.col("completions") > 0) | (pl.col("spend") > 0))
    assert nonzero.rows() == summed.rows()


def test_recent_months_follows_filters_and_window_length() -> None:
    con = golden_org()
    short = recent_months(con, F, 3).frame
    assert short.get_column("month").to_list() == [date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)]
    assert short.get_column("completions").sum() == 0
    # A date range keeps only records inside it; the window still has every month.
    ranged = recent_months(con, Filters(as_of=GOLDEN_AS_OF, date_from=date(2025, 2, 1))).frame
    assert ranged.height == 12
    assert ranged.filter(pl.col("month") < date(2025, 2, 1)).get_column("spend").sum() == 0
    assert ranged.filter(pl.col("month") >= date(2025, 2, 1)).get_column("spend").sum() == 285.0
    # An as-of date mid-month ends the window with that month.
    mid = recent_months(con, Filters(as_of=date(2025, 1, 15)), 2).frame
    assert mid.rows() == [(date(2024, 12, 1), 0, 0.0), (date(2025, 1, 1), 2, 230.0)]


@pytest.mark.parametrize("months", [0, -1, 121, 2.5, True, "12"])
def test_recent_months_window_is_validated(months) -> None:
    with pytest.raises(MetricsError, match="months must be a whole number"):
        recent_months(golden_org(), F, months)
