"""The shared filters: sidebar widget state ↔ URL query parameters ↔ one `metrics.filters.Filters`.

The URL is read once per session (so a shared link opens the same view) and rewritten on every run (so
the address bar always describes what is on screen, also after a page switch clears it). Values a link
carries that are not valid are dropped with a warning, never an exception.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from dashboard.auth import MAX_MIN_GROUP_SIZE, Access, PrivacySettings
from metrics.errors import FilterError
from metrics.filters import PROGRAM_TYPES, Filters

_RESTORED_FLAG = "_filters_restored_from_url"
_CURRENT = "_current_filters"
_WARNINGS = "_filter_warnings"
_ACCESS = "_access"
_PRIVACY = "_privacy_settings"
PSEUDONYMISE_KEY = "privacy_pseudonymise"


@dataclass(frozen=True)
class FilterField:
    """One Filters field: its widget key in session state and its query-parameter name in the URL."""

    name: str
    param: str
    kind: str  # "list" | "text" | "date" | "int"

    @property
    def key(self) -> str:
        return f"flt_{self.name}"


FIELDS: tuple[FilterField, ...] = (
    FilterField("departments", "dept", "list"),
    FilterField("teams", "team", "list"),
    FilterField("locations", "loc", "list"),
    FilterField("roles", "role", "list"),
    FilterField("manager_id", "mgr", "text"),
    FilterField("program_types", "ptype", "list"),
    FilterField("date_from", "from", "date"),
    FilterField("date_to", "to", "date"),
    FilterField("as_of", "asof", "date"),
    FilterField("min_group_size", "min", "int"),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}


def set_session_access(access: Access, settings: PrivacySettings) -> None:
    """Record, once per run, who is using this session and the privacy defaults in force."""
    st.session_state[_ACCESS] = access
    st.session_state[_PRIVACY] = settings


def access() -> Access:
    """This session's access; pages ask it before drawing anything that writes or leaves the subtree."""
    value = st.session_state.get(_ACCESS)
    return value if isinstance(value, Access) else Access("denied", None, "access was not resolved")


def privacy() -> PrivacySettings:
    value = st.session_state.get(_PRIVACY)
    return value if isinstance(value, PrivacySettings) else PrivacySettings()


def pseudonymised() -> bool:
    """Whether names and emails are replaced by employee ids: forced by configuration, else the toggle."""
    return privacy().pseudonymise_forced or bool(st.session_state.get(PSEUDONYMISE_KEY, False))


def enforce(values: Mapping[str, object], who: Access, settings: PrivacySettings) -> dict[str, object]:
    """The widget values with what this user may not change put back: a manager's own subtree, and for a
    manager the configured minimum group size as a floor (analysts may lower it for their own analysis)."""
    out = dict(values)
    if who.role == "manager":
        out["manager_id"] = who.employee_id
        size = out.get("min_group_size")
        if not isinstance(size, int) or size < settings.min_group_size:
            out["min_group_size"] = settings.min_group_size
    elif not who.sees_everything:
        out["manager_id"] = None
    return out


def defaults() -> dict[str, object]:
    """Widget values meaning "no filter" (as-of today, groups below the configured minimum hidden)."""
    return {
        "departments": [],
        "teams": [],
        "locations": [],
        "roles": [],
        "manager_id": None,
        "program_types": [],
        "date_from": None,
        "date_to": None,
        "as_of": dt.date.today(),
        "min_group_size": privacy().min_group_size,
    }


def parse_query_params(params: Mapping[str, list[str]]) -> tuple[dict[str, object], list[str]]:
    """Filter values from a URL's parameters (each given as the list of its values) and warnings for bad ones."""
    values: dict[str, object] = {}
    warnings: list[str] = []
    for f in FIELDS:
        raw = [v for v in params.get(f.param, []) if v is not None and v != ""]
        if not raw:
            continue
        if f.kind == "list":
            items = list(dict.fromkeys(raw))
            if f.name == "program_types":
                bad = [v for v in items if v not in PROGRAM_TYPES]
                if bad:
                    warnings.append(f"link parameter {f.param}={bad[0]!r} is not a program type; ignored")
                items = [v for v in items if v in PROGRAM_TYPES]
            values[f.name] = items
        elif f.kind == "text":
            values[f.name] = raw[-1]
        elif f.kind == "date":
            try:
                values[f.name] = dt.date.fromisoformat(raw[-1])
            except ValueError:
                warnings.append(f"link parameter {f.param}={raw[-1]!r} is not a date (YYYY-MM-DD); ignored")
        else:
            try:
                number = int(raw[-1])
            except ValueError:
                number = 0
            if not 1 <= number <= MAX_MIN_GROUP_SIZE:
                warnings.append(
                    f"link parameter {f.param}={raw[-1]!r} is not a whole number from 1 to {MAX_MIN_GROUP_SIZE}; ignored"
                )
            else:
                values[f.name] = number
    return values, warnings


def to_query_params(values: Mapping[str, object]) -> dict[str, list[str]]:
    """The URL parameters for filter values; values equal to the default are left out to keep links short."""
    base = defaults()
    out: dict[str, list[str]] = {}
    for f in FIELDS:
        value = values.get(f.name, base[f.name])
        if value == base[f.name] or value in (None, [], ()):
            continue
        if f.kind == "list":
            out[f.param] = [str(v) for v in value]  # type: ignore[union-attr]
        elif f.kind == "date":
            out[f.param] = [value.isoformat()]  # type: ignore[union-attr]
        else:
            out[f.param] = [str(value)]
    return out


def restore_from_url() -> None:
    """Seed the sidebar widgets from the URL, once per session (later runs keep what the user chose)."""
    if st.session_state.get(_RESTORED_FLAG):
        return
    st.session_state[_RESTORED_FLAG] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
    values, warnings = parse_query_params(params)
    base = defaults()
    for f in FIELDS:
        st.session_state.setdefault(f.key, values.get(f.name, base[f.name]))
    st.session_state[_WARNINGS] = warnings


def link_warnings() -> list[str]:
    return list(st.session_state.get(_WARNINGS, []))


def widget_values() -> dict[str, object]:
    """What the sidebar widgets hold right now, by Filters field name."""
    base = defaults()
    return {f.name: st.session_state.get(f.key, base[f.name]) for f in FIELDS}


def build_filters(values: Mapping[str, object]) -> tuple[Filters, list[str]]:
    """A Filters from widget values; a contradictory date range is dropped with a message, not raised."""
    problems: list[str] = []
    kwargs = {
        "as_of": values.get("as_of") or dt.date.today(),
        "departments": tuple(values.get("departments") or ()),
        "teams": tuple(values.get("teams") or ()),
        "locations": tuple(values.get("locations") or ()),
        "roles": tuple(values.get("roles") or ()),
        "manager_id": values.get("manager_id") or None,
        "program_types": tuple(values.get("program_types") or ()),
        "date_from": values.get("date_from"),
        "date_to": values.get("date_to"),
        "min_group_size": int(values.get("min_group_size") or privacy().min_group_size),
    }
    try:
        return Filters(**kwargs), problems  # type: ignore[arg-type]
    except FilterError as exc:
        problems.append(f"{exc}; the date range is ignored until it is fixed")
    kwargs["date_from"] = None
    kwargs["date_to"] = None
    try:
        return Filters(**kwargs), problems  # type: ignore[arg-type]
    except FilterError as exc:
        problems.append(f"{exc}; showing everything instead")
        return Filters(as_of=kwargs["as_of"]), problems  # type: ignore[arg-type]


def publish(values: Mapping[str, object]) -> None:
    """Mirror the filters into the URL, leaving page-specific parameters (e.g. the chosen person) alone."""
    wanted = to_query_params(values)
    for f in FIELDS:
        if f.param in wanted:
            if st.query_params.get_all(f.param) != wanted[f.param]:
                st.query_params[f.param] = wanted[f.param]
        elif f.param in st.query_params:
            del st.query_params[f.param]


def set_current(filters: Filters) -> None:
    st.session_state[_CURRENT] = filters


def current() -> Filters:
    """The filters the frame built on this run; pages call this instead of reading widgets."""
    filters = st.session_state.get(_CURRENT)
    return filters if isinstance(filters, Filters) else Filters()


def page_param(name: str) -> str | None:
    """A page's own URL parameter (e.g. ?person=E1), so a drill-down can be shared by link too."""
    value = st.query_params.get(name)
    return value if value else None


def set_page_param(name: str, value: str | None) -> None:
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]
