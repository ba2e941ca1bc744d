"""An empty warehouse answers every metric with empty frames (or null rates), never an exception."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from metrics_fixture import empty_warehouse

from metrics import catalogue, coverage, credentials, economics, gaps, outcomes, overview, people, roi
from metrics.definitions import MetricResult
from metrics.errors import UnknownEmployeeError
from metrics.filters import Filters

F = Filters(as_of=date(2025, 6, 30))

EMPTY_FRAMES = {
    "coverage": lambda c: coverage.coverage(c, F),
    "target_achievement": lambda c: coverage.target_achievement(c, F),
    "bus_factor": lambda c: coverage.bus_factor(c, F),
    "coverage_drilldown": lambda c: coverage.coverage_drilldown(c, F, "T", "python"),
    "gaps": lambda c: gaps.gaps(c, F),
    "gap_summary": lambda c: gaps.gap_summary(c, F),
    "gap_summary_by_team": lambda c: gaps.gap_summary_by_team(c, F),
    "fund_next": lambda c: gaps.fund_next(c, F),
    "program_type_economics": lambda c: economics.program_type_economics(c, F),
    "program_economics": lambda c: economics.program_economics(c, F),
    "provider_economics": lambda c: economics.provider_economics(c, F),
    "roi_by_program": lambda c: roi.roi_by_program(c, F),
    "trends": lambda c: overview.trends(c, F),
    "credentials_catalogue": lambda c: credentials.credentials_catalogue(c, F),
    "expiry_tracker": lambda c: credentials.expiry_tracker(c, F),
    "people": lambda c: people.people(c, F),
    "unmatched_records": catalogue.unmatched_records,
    "rejected_rows": catalogue.rejected_rows,
    "load_history": catalogue.load_history,
}


@pytest.mark.parametrize("name", list(EMPTY_FRAMES))
def test_empty_frame(name: str) -> None:
    result = EMPTY_FRAMES[name](empty_warehouse())
    assert isinstance(result, MetricResult)
    assert isinstance(result.frame, pl.DataFrame) and result.frame.is_empty() and result.frame.width > 0
    assert result.definition.as_markdown().startswith("**")


def test_one_row_summaries_are_zero_or_null() -> None:
    con = empty_warehouse()
    head = overview.overview(con, F).frame.row(0, named=True)
    assert head["people"] == 0 and head["spend"] == 0.0 and head["org_target_achievement"] is None
    groups = roi.roi(con, F).frame
    assert (
        groups.get_column("costs").to_list() == [0.0, 0.0] and groups.get_column("roi_pct").null_count() == 2
    )
    cohorts = outcomes.outcomes(con, F).frame
    assert cohorts.get_column("n").to_list() == [0, 0, 0]
    assert catalogue.table_counts(con).frame.get_column("row_count").sum() == 0
    recent = overview.recent_months(con, F).frame  # a fixed window: every month present, at zero
    assert recent.height == overview.RECENT_MONTHS and recent.get_column("spend").sum() == 0.0
    with pytest.raises(UnknownEmployeeError):
        people.person_profile(con, "E1", F)
