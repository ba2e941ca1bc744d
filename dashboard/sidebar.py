"""The shared sidebar: who is signed in (or that this is local mode), privacy, and the filters, drawn by the
frame on every page so their state survives page switches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard import components, state
from dashboard.auth import Access, PrivacySettings
from dashboard.labels import program_type_label
from metrics.filters import PROGRAM_TYPES, Filters


def _keep_known(key: str, options: list[str]) -> None:
    """Drop selections the warehouse no longer offers (e.g. a team from an old link) before drawing."""
    chosen = st.session_state.get(key) or []
    allowed = set(options)
    kept = [v for v in chosen if v in allowed]
    if kept != chosen:
        st.session_state[key] = kept


def _reset() -> None:
    for f in state.FIELDS:
        st.session_state[f.key] = state.defaults()[f.name]


def _identity(managers: dict[str, str]) -> None:
    """Say who this is and what they can see; in local mode, say plainly that nothing is protected."""
    who = state.access()
    sidebar = st.sidebar
    if who.role == "local":
        sidebar.warning(who.reason, icon=":material/lock_open:")
    else:
        email = st.user.get("email")
        sidebar.markdown(f"Signed in as **{components.md_escape(email or 'unknown')}**")
        if who.role == "manager":
            sidebar.caption(
                "Manager view: you see your own organisation, "
                f"{components.md_escape(components.person_label(who.employee_id, managers.get(who.employee_id or '')))}"
                " and everyone under you."
            )
        else:
            sidebar.caption("Analyst: you see the whole organisation and can load data.")
        sidebar.button("Sign out", key="auth_sign_out", on_click=st.logout)
    settings = state.privacy()
    sidebar.toggle(
        "Pseudonymised mode",
        key=state.PSEUDONYMISE_KEY,
        disabled=settings.pseudonymise_forced,
        help="Show employee ids instead of names and emails in every table, chart, picker and download."
        + (" Turned on by the administrator." if settings.pseudonymise_forced else ""),
    )


class Options:
    """The warehouse's filter choices, queried on first use and then kept for the run.

    `resolve` needs them only to check choices already made (a link, an earlier run), so a plain first
    visit queries them after the page, when the sidebar is drawn.
    """

    def __init__(self, load: Callable[[], dict[str, Any]]):
        self._load = load
        self._value: dict[str, Any] | None = None

    def get(self) -> dict[str, Any]:
        if self._value is None:
            self._value = self._load()
        return self._value

    def choices(self, name: str) -> list[str]:
        return [str(v) for v in self.get().get(name) or []]

    def managers(self) -> dict[str, str]:
        return dict(self.get().get("managers") or {})


@dataclass(frozen=True)
class Resolved:
    """The filters settled for this run, and what the sidebar must say about them when it is drawn."""

    filters: Filters
    problems: tuple[str, ...]
    options: Options


def resolve(options: Options) -> Resolved:
    """Settle the filters in session state and publish them, before anything is drawn.

    The page runs between this and `draw`: the browser shows nothing of an update until every element type
    in it has loaded, and the sidebar's widgets are the slowest to load on a cold start, so drawing them
    after the page gets its first figures on screen ~0.5 s sooner. Widget state from the browser is already
    in session state when the script starts, so the filters are the same either way.
    """
    state.restore_from_url()
    who = state.access()
    settings = state.privacy()
    if settings.pseudonymise_forced:
        st.session_state[state.PSEUDONYMISE_KEY] = True
    for name in _CHOICE_FIELDS:
        key = state.FIELD_BY_NAME[name].key
        if st.session_state.get(key):
            _keep_known(key, options.choices(name))
    manager_key = state.FIELD_BY_NAME["manager_id"].key
    if who.role == "manager":
        st.session_state[manager_key] = who.employee_id
    elif (
        st.session_state.get(manager_key) is not None
        and st.session_state[manager_key] not in options.managers()
    ):
        st.session_state[manager_key] = None
    _keep_known(state.FIELD_BY_NAME["program_types"].key, list(PROGRAM_TYPES))
    as_of_key = state.FIELD_BY_NAME["as_of"].key
    if not isinstance(st.session_state.get(as_of_key), dt.date):
        st.session_state[as_of_key] = dt.date.today()
    size_key = state.FIELD_BY_NAME["min_group_size"].key
    size = st.session_state.get(size_key)
    if not isinstance(size, int) or not _size_floor(who, settings) <= size <= state.MAX_MIN_GROUP_SIZE:
        st.session_state[size_key] = max(_size_floor(who, settings), settings.min_group_size)

    values = state.enforce(state.widget_values(), who, settings)
    filters, problems = state.build_filters(values)
    state.publish(values)
    state.set_current(filters)
    return Resolved(filters, tuple(problems), options)


def draw(resolved: Resolved) -> None:
    """Draw the sidebar for filters `resolve` settled on this run (its widgets show and change them)."""
    who = state.access()
    settings = state.privacy()
    sidebar = st.sidebar
    options = resolved.options
    managers = options.managers()
    _identity(managers)
    sidebar.header("Filters")
    for message in state.link_warnings():
        sidebar.warning(message)
    for name in _CHOICE_FIELDS:
        key = state.FIELD_BY_NAME[name].key
        sidebar.multiselect(_CHOICE_FIELDS[name], options.choices(name), key=key, placeholder="All")

    manager_key = state.FIELD_BY_NAME["manager_id"].key
    hide = state.pseudonymised()
    if who.role == "manager":
        sidebar.caption("Manager (whole subtree): you and everyone under you")
    else:
        sidebar.selectbox(
            "Manager (whole subtree)",
            [None, *managers],
            key=manager_key,
            placeholder="Everyone",
            format_func=lambda v: (
                "Everyone" if v is None else components.person_label(v, managers.get(v), hide=hide)
            ),
        )
    sidebar.multiselect(
        "Program type",
        list(PROGRAM_TYPES),
        key=state.FIELD_BY_NAME["program_types"].key,
        format_func=program_type_label,
        placeholder="All",
    )
    sidebar.caption("Learning records dated (completed, else started)")
    left, right = sidebar.columns(2)
    left.date_input("From", value=None, key=state.FIELD_BY_NAME["date_from"].key, format="YYYY-MM-DD")
    right.date_input("To", value=None, key=state.FIELD_BY_NAME["date_to"].key, format="YYYY-MM-DD")
    sidebar.date_input(
        "As of",
        key=state.FIELD_BY_NAME["as_of"].key,
        format="YYYY-MM-DD",
        help="Who is employed and which credentials are valid.",
    )
    sidebar.number_input(
        "Min group size",
        min_value=_size_floor(who, settings),
        max_value=state.MAX_MIN_GROUP_SIZE,
        step=1,
        key=state.FIELD_BY_NAME["min_group_size"].key,
        help="Team-level figures for groups smaller than this are hidden to protect individuals. "
        f"The configured default is {settings.min_group_size}"
        + (" and you cannot go below it." if who.role == "manager" else "."),
    )
    sidebar.caption(f"Groups of fewer than {settings.min_group_size} people are hidden by default.")
    sidebar.button("Reset filters", on_click=_reset, key="flt_reset")
    for message in resolved.problems:
        sidebar.warning(message)
    sidebar.caption("The address bar holds these filters: copy it to share this view.")


_CHOICE_FIELDS = {"departments": "Department", "teams": "Team", "locations": "Location", "roles": "Role"}


def _size_floor(who: Access, settings: PrivacySettings) -> int:
    """Managers may not lower the minimum group size below the configured one; analysts may."""
    return settings.min_group_size if who.role == "manager" else 1
