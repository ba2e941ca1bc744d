"""Credential ROI: micro-credentials and certifications against traditional courses and degrees."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, components, data, labels, state
from metrics.errors import MetricsError
from metrics.roi import RoiAssumptions

COMPARISONS = (
    charts.Measure("cost_per_completion", "Cost per completion", "money"),
    charts.Measure("hours_per_completion", "Hours per completion", "hours"),
    charts.Measure("median_days_to_complete", "Median days to complete", "days"),
    charts.Measure("completion_rate", "Completion rate", "percent"),
    charts.Measure("cost_per_requirement_met", "Cost per requirement met", "money"),
)
OUTCOMES = (
    charts.Measure("promoted_rate", "Promoted within 12 months", "percent", "promoted_low", "promoted_high"),
    charts.Measure("retained_rate", "Retained 12 months later", "percent", "retained_low", "retained_high"),
)


def _label_groups(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    return frame.with_columns(pl.col(column).replace(labels.GROUP_LABELS).alias(column))


def _comparison(f) -> None:
    st.subheader("Side by side")
    result = components.guarded(lambda: data.metric("economics.economics", f, "type_group"), what="economics")
    if result is None:
        return
    frame = _label_groups(result.frame, "group")
    if int(frame.get_column("records").sum() or 0) == 0:
        st.info("No learning records in the current selection.")
        components.explain(result.definition)
        return
    components.chart(
        charts.small_multiples,
        frame,
        key="roi_compare",
        category="group",
        measures=COMPARISONS,
        title="Micro-credentials and certifications against traditional courses and degrees",
    )
    components.result_table(result, key="roi_type_groups", file_stem="economics_by_type_group")
    with components.lazy_expander("By program type", key="roi_program_types_open") as shown:
        if shown:
            by_type = components.guarded(
                lambda: data.metric("economics.program_type_economics", f), what="economics"
            )
            if by_type is not None:
                components.result_table(
                    by_type, key="roi_program_types", file_stem="economics_by_program_type"
                )


def _assumptions() -> RoiAssumptions | None:
    st.subheader("Return on investment (Phillips)")
    st.caption(
        "The data hold costs, not money benefits. Enter what an outcome is worth to you and how confident you "
        "are in that figure; benefits are 0 until you do."
    )
    inputs = {}
    rows = (
        ("value_per_requirement_met", "requirement_met_confidence", "Value of one skill requirement met"),
        ("value_per_completion", "completion_confidence", "Value of one completion"),
        (
            "retention_value_per_retained_employee",
            "retention_confidence",
            "Value of keeping one completer employed",
        ),
    )
    for value_field, confidence_field, text in rows:
        left, right = st.columns([2, 1])
        inputs[value_field] = left.number_input(
            text, min_value=0.0, value=0.0, step=100.0, key=f"roi_{value_field}"
        )
        inputs[confidence_field] = (
            right.slider("Confidence", 0, 100, 100, step=5, format="%d%%", key=f"roi_{confidence_field}")
            / 100
        )
    inputs["benefit_period_months"] = int(
        st.number_input(
            "Benefits accrue over (months)", min_value=1, max_value=120, value=12, step=1, key="roi_period"
        )
    )
    try:
        assumptions = RoiAssumptions(**inputs)
    except MetricsError as exc:
        st.error(str(exc))
        return None
    if not assumptions.any_benefit:
        st.info("Benefits are 0 until assumptions are entered, so ROI reads −100% wherever there is cost.")
    return assumptions


def _roi(f, assumptions: RoiAssumptions) -> None:
    result = components.guarded(lambda: data.metric("roi.roi", f, assumptions), what="ROI")
    if result is None:
        return
    frame = _label_groups(result.frame, "group")
    cols = st.columns(max(frame.height, 1))
    for col, row in zip(cols, frame.iter_rows(named=True), strict=False):
        col.metric(
            f"ROI: {row['group']}",
            components.fmt_number(row["roi_pct"], digits=0, suffix="%"),
            help="(benefits − costs) ÷ costs. "
            f"Costs {components.fmt_number(row['costs'])}, benefits {components.fmt_number(row['benefits'])} "
            f"over {row['records']:,} records; benefit-cost ratio {components.fmt_number(row['bcr'], digits=2)}; "
            f"payback {components.fmt_number(row['payback_months'], digits=1)} months.",
        )
    components.result_table(result, key="roi_groups", file_stem="roi_by_type_group")
    with components.lazy_expander("ROI by program", key="roi_programs_open") as shown:
        if shown:
            by_program = components.guarded(
                lambda: data.metric("roi.roi_by_program", f, assumptions), what="ROI"
            )
            if by_program is not None:
                components.result_table(by_program, key="roi_programs", file_stem="roi_by_program")


def _outcomes(f) -> None:
    st.subheader("Outcomes: promotion and retention within 12 months")
    result = components.guarded(lambda: data.metric("outcomes.outcomes", f), what="outcomes")
    if result is None:
        return
    frame = _label_groups(result.frame, "cohort")
    rated = frame.filter(pl.col("promoted_rate").is_not_null() | pl.col("retained_rate").is_not_null())
    if rated.height:
        components.chart(
            charts.small_multiples,
            rated,
            key="roi_outcomes_chart",
            category="cohort",
            measures=OUTCOMES,
            title="Share of completers promoted and retained (bars: 95% interval)",
        )
    elif frame.height:
        st.info("Not enough people in any cohort to give a rate; the table says why for each.")
    components.result_table(result, key="roi_outcomes", file_stem="outcomes")


def _by_program_and_provider(f) -> None:
    st.subheader("By program and provider")
    # Computed once opened, and one breakdown at a time: either costs a query over every record in scope
    # (~0.3 s at 100,000 employees), and tabs would compute both on every run.
    with components.lazy_expander("Economics by program or provider", key="roi_breakdown_open") as shown:
        if shown:
            _breakdown(f)


def _breakdown(f) -> None:
    by = st.radio("Break down by", ["Program", "Provider"], horizontal=True, key="roi_breakdown")
    if by == "Program":
        result = components.guarded(lambda: data.metric("economics.program_economics", f), what="economics")
        if result is not None:
            components.result_table(result, key="roi_by_program_econ", file_stem="economics_by_program")
    else:
        result = components.guarded(lambda: data.metric("economics.provider_economics", f), what="economics")
        if result is not None:
            components.result_table(result, key="roi_by_provider_econ", file_stem="economics_by_provider")


def render() -> None:
    st.title("Credential ROI")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    # The outcomes depend on nothing above them: computed beside the economics (see data.prefetch), as the
    # page always draws them.
    data.prefetch(("outcomes.outcomes", (f,)))
    _comparison(f)
    assumptions = _assumptions()
    if assumptions is not None:
        _roi(f, assumptions)
    _outcomes(f)
    _by_program_and_provider(f)


render()
