"""Data & definitions: what the warehouse holds, how every figure is computed, and the records that need a
person's attention (unmatched identities, rejected rows)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import components, data, state
from etl.admin import AdminError, map_identity
from etl.warehouse import WarehouseBusy
from metrics.filters import Filters

MAP_OPEN_KEY = "data_map_open"  # the identity-mapping expander: open or not

# Every metric the dashboard shows, with the arguments it needs beyond (con, filters).
DEFINED_METRICS: tuple[tuple[str, tuple], ...] = (
    ("overview.overview", ()),
    ("overview.trends", ()),
    ("overview.recent_months", ()),
    ("coverage.coverage", ()),
    ("coverage.target_achievement", ()),
    ("coverage.org_target_achievement", ()),
    ("coverage.bus_factor", ()),
    ("gaps.gaps", ()),
    ("gaps.gap_summary", ()),
    ("gaps.gap_summary_by_team", ()),
    ("gaps.fund_next", ()),
    ("economics.economics", ("type_group",)),
    ("economics.program_type_economics", ()),
    ("economics.program_economics", ()),
    ("economics.provider_economics", ()),
    ("roi.roi", ()),
    ("roi.roi_by_program", ()),
    ("outcomes.outcomes", ()),
    ("credentials.credentials_catalogue", ()),
    ("credentials.expiry_tracker", ()),
    ("people.people", ()),
)
UNFILTERED_METRICS = (
    "catalogue.table_counts",
    "catalogue.unmatched_records",
    "catalogue.rejected_rows",
    "catalogue.load_history",
)


def _counts() -> None:
    st.subheader("Rows per table")
    result = components.guarded(lambda: data.metric("catalogue.table_counts"), what="table counts")
    if result is None:
        return
    counts = dict(result.frame.select("table_name", "row_count").iter_rows())
    cols = st.columns(4)
    for col, name in zip(
        cols, ("employees", "learning_records", "role_requirements", "programs"), strict=True
    ):
        col.metric(name.replace("_", " ").capitalize(), f"{int(counts.get(name, 0)):,}")
    components.result_table(result, key="data_counts", file_stem="table_counts")


def _definitions(f: Filters) -> None:
    st.subheader("Metric definitions")
    st.caption(
        "How every figure on every page is computed, for the filters in force. Each definition states its n "
        "and exclusions, so showing them all computes every metric once (seconds on a large warehouse); "
        "the formulas without figures are in docs/METRICS.md."
    )
    if not st.toggle("Show every metric's definition with its current figures", key="data_show_definitions"):
        return
    for name in UNFILTERED_METRICS:
        result = components.guarded(lambda name=name: data.metric(name), what=name)
        if result is not None:
            components.explain(result.definition, label=result.definition.name)
    for name, extra in DEFINED_METRICS:
        result = components.guarded(lambda name=name, extra=extra: data.metric(name, f, *extra), what=name)
        if result is not None:
            components.explain(result.definition, label=result.definition.name)


def _map_identity(form_key: str, identities: dict[str, list[str]], people: dict[str, str]) -> None:
    """``people`` maps the employee ids the picker offers to their labels (components.person_labels)."""
    hide = state.pseudonymised()
    with st.form(form_key, clear_on_submit=False):
        st.markdown("**Map an identity to a person**")
        if hide:
            st.caption("Pseudonymised mode: the queue's emails are hidden; type the identity to map.")
        kind = st.radio("Identity type", ["email", "external_id"], horizontal=True, key="data_map_type")
        known = [] if hide else sorted({*identities["email"], *identities["external_id"]})
        value = st.selectbox(
            "Email or external id (pick from the queue or type one)",
            known,
            index=None,
            accept_new_options=True,
            key="data_map_value",
        )
        employee = st.selectbox(
            "Employee",
            list(people),
            index=None,
            format_func=people.__getitem__,
            key="data_map_employee",
            placeholder="Choose the employee" if people else "Nobody matches the search",
        )
        submitted = st.form_submit_button("Map")
    if not submitted:
        return
    if not value or not employee:
        st.error("Choose both the identity and the employee to map it to.")
        return
    data.release()
    try:
        matched = map_identity(data.db_path(), kind, value, employee)
    except (AdminError, WarehouseBusy) as exc:
        st.error(str(exc))
        return
    st.success(
        f"Mapped {kind} {value!r} to {employee}: {matched} learning record(s) now match them through a mapping."
    )


def _unmatched(f: Filters) -> None:
    st.subheader("Unmatched learning records")
    result = components.guarded(lambda: data.metric("catalogue.unmatched_records"), what="unmatched records")
    if result is None:
        return
    frame = result.frame
    st.metric("Unmatched records", f"{frame.height:,}")
    components.result_table(
        result, key="data_unmatched", file_stem="unmatched_records", empty="Every learning record is matched."
    )
    if frame.is_empty():
        return
    # The form and its employee list only when asked for: everyone's names cost ~0.045 s of every run of the
    # page at 100,000 employees, for an action taken now and then.
    with components.lazy_expander("Map an identity to a person", key=MAP_OPEN_KEY) as shown:
        if shown:
            _mapping(frame, f)


def _mapping(frame: pl.DataFrame, f: Filters) -> None:
    identities = {
        "email": [v for v in frame.get_column("source_email").drop_nulls().unique().to_list() if v],
        "external_id": [
            v for v in frame.get_column("source_external_id").drop_nulls().unique().to_list() if v
        ]
        + [v for v in frame.get_column("source_employee_id").drop_nulls().unique().to_list() if v],
    }
    everyone = components.guarded(
        lambda: data.metric("people.people_names", Filters(as_of=f.as_of)), what="people"
    )
    if everyone is None or everyone.frame.is_empty():
        st.info("Load a roster first: identities can only be mapped to people on it.")
        return
    _map_identity("data_map_form", identities, _employee_choices(everyone.frame))


def _employee_choices(everyone: pl.DataFrame) -> dict[str, str]:
    """The mapping form's employee picker: the people a search box (outside the form, so typing narrows the
    list at once) finds, at most components.PICKER_LIMIT of them, with their labels. Offering all 102,000
    people of a 100k-employee roster sent every label to the browser on every run of the page."""
    hide = state.pseudonymised()
    query = components.people_search_box(
        "Find the employee to map to",
        key="data_map_search",
        hide=hide,
        narrows="the Employee list in the form below",
    )
    shown, found = components.picker_people(
        everyone, query, hide=hide, current=st.session_state.get("data_map_employee")
    )
    components.picker_caption(found, everyone.height, query, list_name="The Employee list")
    # labels for all offered at once: a label function per option took ~0.5 s a run at 100k employees
    return components.person_labels(shown, hide=hide, team=False)


def _rejected() -> None:
    st.subheader("Rejected rows")
    result = components.guarded(lambda: data.metric("catalogue.rejected_rows"), what="rejected rows")
    if result is None:
        return
    components.result_table(
        result, key="data_rejected", file_stem="rejected_rows", empty="No rows were rejected."
    )


def render() -> None:
    st.title("Data & definitions")
    f = state.current()
    if not state.access().sees_everything:
        # Unmatched and rejected rows belong to no subtree (or to anyone's), so a manager sees neither.
        _counts()
        st.caption(
            "Unmatched learning records, rejected rows and identity mapping are for analysts: "
            "they hold people from the whole organisation."
        )
        _definitions(f)
        return
    st.caption(f"Warehouse: {data.db_path()}")
    _counts()
    if not data.has_data():
        components.no_data_state()
    _unmatched(f)
    _rejected()
    _definitions(f)


render()
