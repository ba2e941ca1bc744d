"""Phillips ROI: benefits only from stated assumptions, each scaled by its confidence."""

from __future__ import annotations

from datetime import date

import pytest
from metrics_fixture import add_employee, add_record, add_requirement, finish

from etl.warehouse import memory_warehouse
from metrics.errors import MetricsError
from metrics.filters import Filters
from metrics.roi import RoiAssumptions, roi, roi_by_program

AS_OF = date(2025, 6, 30)
F = Filters(as_of=AS_OF, min_group_size=1)


def warehouse():
    con = memory_warehouse()
    add_employee(con, "E1", role="R")
    add_employee(con, "E2", role="R", termination_date=date(2025, 1, 1))
    add_requirement(con, "R", "Python", 1)
    add_record(con, "E1", "Badge", completed_on=date(2024, 1, 1), cost=100, skills="Python:1")
    add_record(con, "E2", "Badge", completed_on=date(2024, 1, 1), cost=100, skills="Python:1")
    add_record(con, "E1", "Degree", program_type="degree", status="in_progress", cost=1000)
    return finish(con)


def test_no_assumptions_means_no_benefit_and_says_so() -> None:
    result = roi(warehouse(), F)
    micro = result.frame.row(0, named=True)
    assert (micro["costs"], micro["benefits"], micro["roi_pct"], micro["bcr"]) == (200.0, 0.0, -100.0, 0.0)
    assert micro["payback_months"] is None
    assert "no benefit assumptions given" in result.definition.notes[0]


def test_phillips_formulas_with_confidence() -> None:
    a = RoiAssumptions(
        value_per_requirement_met=400,
        requirement_met_confidence=0.5,
        value_per_completion=100,
        completion_confidence=1.0,
        retention_value_per_retained_employee=1000,
        retention_confidence=0.1,
    )
    micro = roi(warehouse(), F, a).frame.row(0, named=True)
    # E1 meets Python (E2 left before as_of, so has no requirement); 2 completions; 1 completer still employed
    assert (micro["requirements_met"], micro["completions"], micro["retained_completers"]) == (1, 2, 1)
    benefits = 1 * 400 * 0.5 + 2 * 100 * 1.0 + 1 * 1000 * 0.1
    assert micro["benefits"] == pytest.approx(benefits)
    assert micro["roi_pct"] == pytest.approx((benefits - 200) / 200 * 100)
    assert micro["bcr"] == pytest.approx(benefits / 200)
    assert micro["payback_months"] == pytest.approx(200 / (benefits / 12))
    assert not any("no benefit assumptions" in n for n in roi(warehouse(), F, a).definition.notes)


def test_by_program_and_zero_cost_gives_null_ratios() -> None:
    con = memory_warehouse()
    add_employee(con, "E1")
    add_record(con, "E1", "Free", completed_on=date(2024, 1, 1), cost=0)
    finish(con)
    row = roi_by_program(con, F, RoiAssumptions(value_per_completion=10)).frame.row(0, named=True)
    assert (row["program_name"], row["benefits"], row["roi_pct"], row["bcr"]) == ("Free", 10.0, None, None)
    assert row["payback_months"] == 0.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"value_per_completion": -1},
        {"completion_confidence": 1.5},
        {"retention_confidence": -0.1},
        {"value_per_requirement_met": float("nan")},
        {"value_per_requirement_met": "100"},
        {"benefit_period_months": 0},
    ],
)
def test_bad_assumptions_are_refused_with_the_field_named(kwargs: dict) -> None:
    with pytest.raises(MetricsError, match=next(iter(kwargs))):
        RoiAssumptions(**kwargs)
