"""Promotion and retention after learning: counts from roster history, Wilson intervals, minimum n."""

from __future__ import annotations

from datetime import date

import pytest
from metrics_fixture import add_employee, add_record, finish

from etl.warehouse import memory_warehouse
from metrics.errors import MetricsError
from metrics.filters import Filters
from metrics.outcomes import outcomes, wilson_interval

AS_OF = date(2025, 6, 30)


def test_wilson_interval_known_values() -> None:
    low, high = wilson_interval(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(0, 0) is None
    with pytest.raises(MetricsError):
        wilson_interval(11, 10)


def cohort_warehouse():
    con = memory_warehouse()
    for i in range(30):
        eid = f"M{i:02d}"
        add_employee(con, eid, role="Analyst", valid_from=date(2023, 1, 1), load_id=1)
        add_record(con, eid, "Badge", completed_on=date(2024, 1, 1))
    for i in range(10):  # promoted five months after their completion
        add_employee(con, f"M{i:02d}", role="Senior Analyst", valid_from=date(2024, 6, 1), load_id=2)
    for i in range(10, 13):  # left nine months after
        add_employee(
            con,
            f"M{i:02d}",
            role="Analyst",
            termination_date=date(2024, 10, 1),
            valid_from=date(2024, 6, 1),
            load_id=2,
        )
    add_employee(con, "M13", role="Lead", valid_from=date(2025, 3, 1), load_id=3)  # promoted 14 months after
    for i in range(5):
        add_employee(con, f"N{i}", role="Analyst", valid_from=date(2023, 1, 1), load_id=1)
    add_employee(con, "LATE", role="Analyst", hire_date=date(2020, 1, 1))
    add_record(con, "LATE", "Badge", completed_on=date(2025, 1, 1))  # inside the last 12 months: no cohort
    add_employee(con, "NEW", role="Analyst", hire_date=date(2024, 3, 1))
    add_record(con, "NEW", "Course", program_type="traditional_course", completed_on=date(2024, 1, 1))
    return finish(con)


def test_rates_and_intervals_from_roster_history() -> None:
    result = outcomes(cohort_warehouse(), Filters(as_of=AS_OF))
    rows = {r["cohort"]: r for r in result.frame.iter_rows(named=True)}
    micro = rows["micro_credentials_and_certifications"]
    assert (micro["n"], micro["promoted"], micro["retained"]) == (30, 10, 27)
    assert micro["promoted_rate"] == pytest.approx(10 / 30)
    assert (micro["promoted_low"], micro["promoted_high"]) == pytest.approx(wilson_interval(10, 30))
    assert (micro["retained_low"], micro["retained_high"]) == pytest.approx(wilson_interval(27, 30))
    assert micro["reason"] is None
    traditional = rows["traditional_courses_and_degrees"]
    assert traditional["n"] == 0 and traditional["not_employed_at_anchor"] == 1  # NEW was hired later
    none = rows["no_completion"]
    assert none["n"] == 5 and none["promoted_rate"] is None and none["promoted"] is None
    assert none["reason"] == "not enough data: n = 5, below the minimum of 30"


def test_minimum_n_is_a_parameter_and_validated() -> None:
    con = cohort_warehouse()
    none = (
        outcomes(con, Filters(as_of=AS_OF), min_n=5).frame.filter(cohort="no_completion").row(0, named=True)
    )
    assert none["retained_rate"] == 1.0 and none["promoted_rate"] == 0.0
    with pytest.raises(MetricsError, match="min_n"):
        outcomes(con, Filters(as_of=AS_OF), min_n=0)


def test_date_to_moves_the_window_end() -> None:
    frame = outcomes(cohort_warehouse(), Filters(as_of=AS_OF, date_to=date(2023, 12, 31))).frame
    assert frame.filter(cohort="micro_credentials_and_certifications")["n"].item() == 0
