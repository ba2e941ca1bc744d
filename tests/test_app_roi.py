"""Credential ROI page: benefits are 0 until assumptions are entered; entered ones flow into the ROI."""

from __future__ import annotations

from app_fixtures import (
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    infos,
    metrics_by_label,
    reader,
    run_page,
)

from metrics.filters import Filters
from metrics.roi import RoiAssumptions, roi

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]

LABEL = "ROI: Micro-credentials + certifications"


def _roi_pct(con, assumptions: RoiAssumptions) -> float:
    frame = roi(con, Filters(), assumptions).frame
    return frame.filter(frame["group"] == "micro_credentials_and_certifications")["roi_pct"][0]


def test_roi_defaults_to_zero_benefits(demo_db):
    at = run_page("roi")
    assert any("Benefits are 0 until assumptions are entered" in text for text in infos(at))
    assert metrics_by_label(at)[LABEL] == "-100%"
    assert len(at.dataframe) >= 3  # type groups, ROI, outcomes (breakdowns open on request)
    assert any("Outcomes" in s.value for s in at.subheader)


def test_roi_uses_entered_assumptions(demo_db, reader):
    at = run_page("roi")
    at.number_input(key="roi_value_per_completion").set_value(2000.0).run()
    at.slider(key="roi_completion_confidence").set_value(50).run()
    assert not at.exception
    expected = _roi_pct(
        reader(demo_db), RoiAssumptions(value_per_completion=2000.0, completion_confidence=0.5)
    )
    assert metrics_by_label(at)[LABEL] == f"{expected:,.0f}%"
    assert metrics_by_label(at)[LABEL] != "-100%"
    assert not any("Benefits are 0" in text for text in infos(at))


def test_roi_empty_warehouse(empty_db):
    assert_empty_state(run_page("roi"))


def test_breakdown_by_provider_on_request(demo_db, reader):
    from metrics.economics import provider_economics

    expected = provider_economics(reader(demo_db), Filters()).frame.height
    at = run_page("roi")
    at.session_state["roi_breakdown_open"] = True  # as opening the expander does
    at.run()
    at.radio(key="roi_breakdown").set_value("Provider").run()
    assert not at.exception
    assert any(df.value.shape[0] == expected for df in at.dataframe)
