"""People: one person's role, which of its requirements they meet or miss, and the evidence for each."""

from __future__ import annotations

import streamlit as st

from dashboard import components, data, state
from metrics.errors import MetricsError

PERSON_KEY = "people_person"
SEARCH_KEY = "people_search"
PARAM = "person"
LIST_ROWS_SHOWN = 2_000  # rows of the people list on screen; its downloads hold everyone


def _choose(result) -> str | None:
    frame = result.frame
    hide = state.pseudonymised()
    wanted = state.page_param(PARAM)
    known = wanted is not None and (frame.get_column("employee_id") == wanted).any()
    if PERSON_KEY not in st.session_state and known:
        st.session_state[PERSON_KEY] = wanted
    query = components.people_search_box("Find a person", key=SEARCH_KEY, hide=hide, narrows="the list below")
    current = st.session_state.get(PERSON_KEY)
    shown, found = components.picker_people(frame, query, hide=hide, current=current)
    ids = shown.get_column("employee_id").to_list()
    if current is not None and current not in ids:  # no longer in the selection
        st.session_state[PERSON_KEY] = None
    # every option's label in one pass; format_func then only looks it up (see components.person_labels)
    labels = components.person_labels(shown, hide=hide)
    chosen = st.selectbox(
        "Person",
        ids,
        index=None,
        key=PERSON_KEY,
        placeholder="Choose a person" if ids else "Nobody matches the search",
        format_func=labels.__getitem__,
    )
    components.picker_caption(found, frame.height, query, list_name="The list")
    state.set_page_param(PARAM, chosen)
    return chosen


def _profile(employee_id: str, f) -> None:
    try:
        profile = data.call("people.person_profile", employee_id, f)
    except MetricsError as exc:
        st.error(str(exc))
        return
    person = profile.person
    hide = state.pseudonymised()
    st.header(components.md_escape(employee_id if hide else person.get("full_name") or employee_id))
    facts = [
        ("Employee id", person.get("employee_id")),
        ("Role", person.get("role")),
        ("Team", person.get("team")),
        ("Department", person.get("department")),
        ("Location", person.get("location")),
        (
            "Manager",
            person.get("manager_id") if hide else person.get("manager_name") or person.get("manager_id"),
        ),
        ("Email", None if hide else person.get("email")),
        ("Hired", person.get("hire_date")),
        ("Left", person.get("termination_date")),
    ]
    st.markdown("  \n".join(f"**{k}:** {components.md_escape(v)}" for k, v in facts if v is not None))
    requirements = profile.requirements
    frame = requirements.frame
    if frame.height:
        met = int(frame.get_column("met").sum())
        a, b = st.columns(2)
        a.metric(
            "Requirements met",
            f"{met} of {frame.height}",
            help="Skills their role requires that they hold at the required level through valid evidence.",
        )
        b.metric(
            "Missing", f"{frame.height - met}", help="Required skills with no valid evidence at the level."
        )
    st.subheader("Requirements")
    components.result_table(
        requirements,
        key="people_requirements",
        file_stem=f"requirements_{employee_id}",
        empty="No skill requirements apply to this person as of the as-of date.",
    )
    st.subheader("Evidence")
    components.result_table(
        profile.evidence,
        key="people_evidence",
        file_stem=f"evidence_{employee_id}",
        empty="No learning records for this person.",
    )


def render() -> None:
    st.title("People")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    # The picker needs only ids, names and teams; everyone's figures (people.people, the costliest query of
    # the page: 0.17 s at 100,000 employees) are computed when the list that shows them is opened.
    names = components.guarded(lambda: data.metric("people.people_names", f), what="the people list")
    if names is None:
        return
    if names.frame.is_empty():
        st.info("Nobody employed as of the as-of date matches the current filters.")
        components.explain(names.definition)
        return
    with components.lazy_expander(
        f"Everyone in the selection ({names.frame.height})", key="people_list_open"
    ) as shown:
        if shown:
            result = components.guarded(lambda: data.metric("people.people", f), what="the people list")
            if result is not None:
                # the first rows on screen (sending 100,000 rows to the browser costs ~0.2 s a run);
                # downloads hold all
                components.table(
                    result.frame, key="people_list", file_stem="people", max_rows=LIST_ROWS_SHOWN
                )
                components.explain(result.definition)
    chosen = _choose(names)
    if chosen is None:
        st.info("Choose a person to see their requirements and evidence.")
        return
    _profile(chosen, f)


render()
