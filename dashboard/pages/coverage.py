"""Skill coverage: which teams have the skills their roles need, who meets each, and single points of failure."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, components, data, state

_SELECTION_SEEN = "coverage_selection_seen"
TEAM_KEY = "coverage_team"
SKILL_KEY = "coverage_skill"


def _selected_cell(event: object) -> int | None:
    """The row of the coverage frame whose heatmap cell was clicked (the marker trace is one point per row)."""
    selection = getattr(event, "selection", None)
    if selection is None and isinstance(event, dict):
        selection = event.get("selection")
    if not selection:
        return None
    points = selection.get("points", []) if isinstance(selection, dict) else getattr(selection, "points", [])
    for point in points or []:
        index = point.get("point_index", point.get("point_number"))
        if point.get("curve_number") == 1 and isinstance(index, int):
            return index
    return None


def _apply_chart_selection(event: object, frame: pl.DataFrame) -> None:
    """A clicked cell becomes the drill-down's team and skill (once per new click, so the boxes still work)."""
    index = _selected_cell(event)
    if index is None or not 0 <= index < frame.height:
        return
    row = frame.row(index, named=True)
    signature = (row["team"], row["skill_id"])
    if st.session_state.get(_SELECTION_SEEN) == signature:
        return
    st.session_state[_SELECTION_SEEN] = signature
    st.session_state[TEAM_KEY] = row["team"]
    st.session_state[SKILL_KEY] = row["skill_id"]
    st.toast(
        f"{components.md_escape(row['team'])} · {components.md_escape(row['skill'])}: "
        "see *Who meets it* below the heatmap.",
        icon=":material/arrow_downward:",
    )


def _heatmap(result, f) -> None:
    frame = result.frame
    st.subheader("Coverage by team and skill")
    st.caption(
        "Each cell: of the team's people whose role requires the skill, the share who meet the required level. "
        "Grey: no role in the team requires it. **Click a cell** to see who meets it below."
    )
    event = components.chart(
        charts.coverage_heatmap,
        frame,
        key="coverage_heatmap",
        plot={"on_select": "rerun", "selection_mode": ("points",), "width": "stretch"},
        title=f"Coverage of required skills: {frame.get_column('team').n_unique()} teams × "
        f"{frame.get_column('skill_id').n_unique()} skills",
    )
    _apply_chart_selection(event, frame)
    components.suppressed_note(result, f.min_group_size, what="teams")
    components.explain(result.definition)
    with components.lazy_expander("Coverage table", key="coverage_table_open") as shown:
        if shown:
            components.table(frame, key="coverage_table", file_stem="skill_coverage")


def _drilldown(frame: pl.DataFrame, f) -> None:
    st.subheader("Who meets it")
    teams = sorted(frame.get_column("team").unique().to_list())
    if st.session_state.get(TEAM_KEY) not in teams:
        st.session_state[TEAM_KEY] = teams[0]
    left, right = st.columns(2)
    team = left.selectbox("Team", teams, key=TEAM_KEY)
    skills = frame.filter(pl.col("team") == team).select("skill_id", "skill").unique().sort("skill")
    names = dict(skills.iter_rows())
    if st.session_state.get(SKILL_KEY) not in names:
        st.session_state[SKILL_KEY] = skills.get_column("skill_id")[0]
    skill_id = right.selectbox("Skill", list(names), key=SKILL_KEY, format_func=lambda s: names.get(s, s))
    result = components.guarded(
        lambda: data.metric("coverage.coverage_drilldown", f, team, skill_id), what="the drill-down"
    )
    if result is None:
        return
    rows = result.frame
    if rows.height:
        met = int(rows.get_column("met").sum())
        a, b = st.columns(2)
        a.metric(
            "Meet the requirement",
            f"{met} of {rows.height}",
            help=f"People in {components.md_escape(team)} whose role requires "
            f"{components.md_escape(names.get(skill_id, skill_id))} and who hold it at the required level "
            "through valid evidence.",
        )
        b.metric("Do not", f"{rows.height - met}")
    components.result_table(
        result,
        key="coverage_drilldown",
        file_stem="coverage_drilldown",
        min_group_size=f.min_group_size,
        empty="Nobody to list for this team and skill (the team may be below the minimum group size).",
        column_config={"met": st.column_config.CheckboxColumn("Meets it")},
    )


def _bus_factor(f) -> None:
    st.subheader("Bus factor")
    st.caption("Required skills that two people or fewer hold at the required level.")
    result = components.guarded(lambda: data.metric("coverage.bus_factor", f), what="the bus factor")
    if result is None:
        return
    frame = result.frame
    if frame.height:
        st.metric(
            "Skills held by ≤ 2 people",
            f"{frame.height}",
            help="Required skills that two people or fewer meet at the required level: losing one of them "
            f"loses the skill. Based on {result.definition.n:,} {result.definition.n_label}.",
        )
    components.result_table(
        result,
        key="coverage_bus_factor",
        file_stem="bus_factor",
        empty="Every required skill is held by 3+ people.",
    )


def render() -> None:
    st.title("Skill coverage")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    # The bus factor is computed beside the coverage and drawn last (see data.prefetch); it does not depend
    # on the coverage, so it is shown even when the coverage cannot be computed.
    data.prefetch(("coverage.bus_factor", (f,)))
    result = components.guarded(lambda: data.metric("coverage.coverage", f), what="skill coverage")
    if result is not None and result.frame.is_empty():
        components.suppressed_note(result, f.min_group_size, what="teams")
        st.info("No team in the current selection has skill requirements to cover.")
        components.explain(result.definition)
    elif result is not None:
        _heatmap(result, f)
        _drilldown(result.frame, f)
    _bus_factor(f)


render()
