"""Overview headline figures and monthly trends."""

from __future__ import annotations

from datetime import date

import pytest
from metrics_fixture import GOLDEN_AS_OF, add_employee, add_record, finish, golden_org

from etl.warehouse import memory_warehouse
from metrics.errors import MetricsError
from metrics.filters import Filters
from metrics.overview import overview, trends

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
