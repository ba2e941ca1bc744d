"""Overview: the headline figures for the current selection and how learning moves month by month."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, components, data, state
from dashboard.sidebar import program_type_label


def _headline(f) -> None:
    result = components.guarded(lambda: data.metric("overview.overview", f), what="the overview")
    if result is None:
        return
    row = result.frame.row(0, named=True) if result.frame.height else {}
    expiring_col = next((c for c in result.frame.columns if c.startswith("credentials_expiring")), None)
    first, second = st.columns(4), st.columns(3)
    first[0].metric("People", components.fmt_number(row.get("people")))
    first[1].metric("Teams", components.fmt_number(row.get("teams")))
    first[2].metric("Learning records", components.fmt_number(row.get("records")))
    first[3].metric("Completions", components.fmt_number(row.get("completions")))
    second[0].metric("Spend", components.fmt_number(row.get("spend")))
    second[1].metric(
        "Target achievement",
        components.fmt_percent(row.get("org_target_achievement")),
        help="Requirements met at the required level ÷ requirements with a required level.",
    )
    second[2].metric(
        "Credentials expiring in 90 days",
        components.fmt_number(row.get(expiring_col) if expiring_col else None),
    )
    components.explain(result.definition)


def _trends(f) -> None:
    st.subheader("Trends")
    result = components.guarded(lambda: data.metric("overview.trends", f), what="trends")
    if result is None:
        return
    frame = result.frame
    if frame.is_empty():
        st.info("No dated learning records in the current selection.")
    else:
        labelled = frame.with_columns(
            frame.get_column("program_type").map_elements(program_type_label, return_dtype=str)
        )
        left, right = st.columns(2)
        with left:
            components.chart(
                charts.lines,
                labelled,
                key="overview_trend_completions",
                x="month",
                y="completions",
                color="program_type",
                title="Completions per month",
            )
        with right:
            components.chart(
                charts.lines,
                labelled,
                key="overview_trend_spend",
                x="month",
                y="spend",
                color="program_type",
                title="Spend per month",
            )
        with st.expander("Trend table"):
            components.table(frame, key="overview_trends", file_stem="trends")
    components.explain(result.definition)


def _target_by_team(f) -> None:
    st.subheader("Target achievement by team")
    result = components.guarded(
        lambda: data.metric("coverage.target_achievement", f), what="target achievement"
    )
    if result is None:
        return
    frame = result.frame
    if frame.height:
        components.chart(
            charts.bar,
            frame.sort("rate"),
            key="overview_target_by_team",
            x="team",
            y="rate",
            horizontal=True,
            percent=True,
        )
    components.result_table(
        result,
        key="overview_target",
        file_stem="target_achievement_by_team",
        min_group_size=f.min_group_size,
        empty="No team in the current selection has skill requirements (or every team is below the minimum group size).",
    )


def render() -> None:
    st.title("Overview")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    _headline(f)
    _trends(f)
    _target_by_team(f)


render()
