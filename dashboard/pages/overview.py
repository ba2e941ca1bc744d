"""Overview: the headline figures for the current selection and how learning moves month by month."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, components, data, labels, minicharts, state


def _headline(f) -> None:
    result = components.guarded(lambda: data.metric("overview.overview", f), what="the overview")
    if result is None:
        return
    row = result.frame.row(0, named=True) if result.frame.height else {}
    expiring_col = next((c for c in result.frame.columns if c.startswith("credentials_expiring")), None)
    people, records = row.get("people") or 0, row.get("records") or 0
    first, second = st.columns(4), st.columns(3)
    first[0].metric(
        "People",
        components.fmt_number(row.get("people")),
        help=f"Everyone in the selection employed on {f.as_of}: n = {people:,}.",
    )
    first[1].metric(
        "Teams", components.fmt_number(row.get("teams")), help="Distinct teams among those people."
    )
    first[2].metric(
        "Learning records",
        components.fmt_number(row.get("records")),
        help="Matched learning records of people in the selection, dated on or before the as-of date "
        f"(leavers' records included): n = {records:,}.",
    )
    first[3].metric(
        "Completions",
        components.fmt_number(row.get("completions")),
        help=f"Records with status *completed*, out of {records:,} records.",
    )
    second[0].metric(
        "Spend",
        components.fmt_compact(row.get("spend")),
        help="Sum over records of the record's cost, else the catalogue list cost: "
        f"{components.fmt_number(row.get('spend'))} over {records:,} records (in the currency of the files).",
    )
    second[1].metric(
        "Target achievement",
        components.fmt_percent(row.get("org_target_achievement")),
        help="Requirements met at the required level ÷ requirements with a required level, over the "
        f"{people:,} people in the selection.",
    )
    second[2].metric(
        "Credentials expiring in 90 days",
        components.fmt_number(row.get(expiring_col) if expiring_col else None),
        help="Valid completions of people employed now whose expiry date falls in the next 90 days.",
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
        labelled = frame.with_columns(pl.col("program_type").replace(labels.PROGRAM_TYPE_LABELS))
        left, right = st.columns(2)
        with left:
            components.chart(
                charts.stacked_months,
                labelled,
                key="overview_trend_completions",
                x="month",
                y="completions",
                color="program_type",
                title="Completions per month, by program type",
                y_title="Completions",
            )
        with right:
            components.chart(
                charts.stacked_months,
                labelled,
                key="overview_trend_spend",
                x="month",
                y="spend",
                color="program_type",
                fmt="money",
                title="Spend per month, by program type",
                y_title="Spend",
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
            frame.sort("rate", descending=True),
            key="overview_target_by_team",
            x="team",
            y="rate",
            horizontal=True,
            percent=True,
            title="Share of skill requirements met, by team",
            x_title="Requirements met at the required level",
            y_title="Team",
        )
    components.result_table(
        result,
        key="overview_target",
        file_stem="target_achievement_by_team",
        min_group_size=f.min_group_size,
        empty="No team in the current selection has skill requirements (or every team is below the minimum group size).",
    )


def _recent(f) -> None:
    """Two mini charts of the last 12 months, drawn on the server so they need no chart library."""
    result = components.guarded(lambda: data.metric("overview.recent_months", f), what="the last 12 months")
    if result is None:
        return
    frame = result.frame
    months = frame.get_column("month").to_list()
    left, right = st.columns(2)
    for column, field, title in (
        (left, "completions", "Completions per month, last 12 months"),
        (right, "spend", "Spend per month, last 12 months"),
    ):
        chart = minicharts.month_columns(
            months,
            frame.get_column(field).to_list(),
            title=title,
            fmt=components.fmt_compact,
            colour=labels.ACCENT,
        )
        with column:
            components.mini_chart(chart)
    components.explain(result.definition, label="How are the last 12 months computed?")


def render() -> None:
    st.title("Overview")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    # Sections keep their reading order (headline, last 12 months, trends, teams) but are computed in the
    # order that puts something on screen soonest: the server-drawn mini charts (one cheap query, drawn by
    # the markdown renderer the title already loaded), then the headline figures, then the plotly charts.
    # On a cold start the browser holds new elements back until the components they need have loaded, and
    # plotly's 4.7 MB bundle is the slowest of those (docs/DASHBOARD.md, "Cold start").
    headline, recent, trends, by_team = st.container(), st.container(), st.container(), st.container()
    with recent:
        _recent(f)
    with headline:
        _headline(f)
    with trends:
        _trends(f)
    with by_team:
        _target_by_team(f)


render()
