"""Skill gaps: where people fall short of their role, from the whole organisation down to each person,
and which catalogue programs would close the gaps."""

from __future__ import annotations

import functools

import polars as pl
import streamlit as st

from dashboard import charts, components, data, state

ALL_TEAMS = "All teams"
TOP_N = 20
# People table: the largest gaps on screen, every gap in the downloads (~500,000 rows at 100,000 employees).
PEOPLE_ROWS_SHOWN = 2_000


def _org(f) -> None:
    st.subheader("Organisation: gaps by skill")
    result = components.guarded(lambda: data.metric("gaps.gap_summary", f), what="gaps by skill")
    if result is None:
        return
    frame = result.frame
    with_gaps = frame.filter(pl.col("people_with_gap") > 0)
    if with_gaps.height:
        a, b = st.columns(2)
        a.metric(
            "Skills with gaps",
            f"{with_gaps.height}",
            help=f"Required skills that at least one person falls short of, out of {frame.height} required "
            "skills in the selection.",
        )
        b.metric(
            "People-skill gaps",
            f"{int(with_gaps.get_column('people_with_gap').sum()):,}",
            help="Σ over skills of the people whose current level is below their role's required level. "
            f"Based on {result.definition.n:,} {result.definition.n_label}.",
        )
        components.chart(
            charts.bar,
            with_gaps.head(TOP_N),
            key="gaps_by_skill_chart",
            x="skill",
            y="total_gap",
            horizontal=True,
            title=f"The {min(TOP_N, with_gaps.height)} skills with the largest total gap",
            x_title="Total gap (levels short, summed over people)",
            y_title="Skill",
        )
    elif frame.height:
        st.success("Everyone in the selection meets every requirement of their role.")
    components.result_table(
        result,
        key="gaps_by_skill",
        file_stem="gaps_by_skill",
        empty="No skill requirements in the selection.",
    )


def _teams(f) -> list[str]:
    st.subheader("Teams: gaps by team and skill")
    result = components.guarded(lambda: data.metric("gaps.gap_summary_by_team", f), what="gaps by team")
    if result is None:
        return []
    frame = result.frame.filter(pl.col("people_with_gap") > 0).sort("total_gap", descending=True)
    if frame.height:
        totals = (
            frame.group_by("team")
            .agg(pl.col("total_gap").sum(), pl.col("people_with_gap").sum())
            .sort("total_gap", descending=True)
        )
        components.chart(
            charts.bar,
            totals.head(TOP_N),
            key="gaps_team_chart",
            x="team",
            y="total_gap",
            horizontal=True,
            title="Total gap by team",
            x_title="Total gap (levels short, summed over people and skills)",
            y_title="Team",
        )
    components.table(
        frame,
        key="gaps_by_team",
        file_stem="gaps_by_team",
        empty="No team gaps to show (none, or every team is below the minimum group size).",
    )
    components.suppressed_note(result, f.min_group_size, what="teams")
    components.explain(result.definition)
    return sorted(result.frame.get_column("team").unique().to_list()) if result.frame.height else []


def _people(f, teams: list[str]) -> None:
    st.subheader("People: largest gaps first")
    choice = st.selectbox("Team", [ALL_TEAMS, *teams], key="gaps_team")
    team = None if choice == ALL_TEAMS else choice
    # Only the rows shown are fetched and sorted; the downloads build the full list when clicked.
    result = components.guarded(
        lambda: data.metric("gaps.largest_gaps", f, PEOPLE_ROWS_SHOWN, team), what="gaps per person"
    )
    if result is None:
        return
    if team is not None and result.frame.height:
        st.caption(f"{result.definition.n} people in this team have gaps.")
    components.table(
        result.frame,
        key="gaps_people",
        file_stem="gaps_by_person",
        empty="Nobody in this selection has a gap.",
        total_rows=result.total_rows,
        download=functools.partial(_all_gaps, f, team),
    )
    components.explain(result.definition)


def _all_gaps(f, team: str | None) -> pl.DataFrame:
    """Every gap of the selection (of one team, when one is chosen), in the table's order."""
    frame = data.metric("gaps.gaps", f).frame
    return frame if team is None else frame.filter(pl.col("team") == team)


def _fund_next(f) -> None:
    st.subheader("What to fund next")
    st.caption("Catalogue programs that teach a skill at a level that would close existing gaps.")
    result = components.guarded(lambda: data.metric("gaps.fund_next", f), what="what to fund next")
    if result is None:
        return
    components.result_table(
        result,
        key="gaps_fund_next",
        file_stem="fund_next",
        empty="No catalogue program teaches a skill at a level that closes a current gap.",
    )


def render() -> None:
    st.title("Skill gaps")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    _org(f)
    teams = _teams(f)
    _people(f, teams)
    _fund_next(f)


render()
