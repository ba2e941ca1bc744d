"""Skillgrid's frame: page config, who may see what (sign-in or local mode), the shared sidebar, navigation.

Pages live in dashboard/pages/ and stay thin: read the filters, call metrics, draw. The access decision is
made here on every run (dashboard/auth.py decides, this file only gathers its inputs and draws the result),
so a page never runs for someone who may not see it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import auth, data, sidebar, state

# An emoji icon becomes an inline favicon; a ":material/…:" one makes the browser fetch an SVG from Google's
# font servers, a request a local-first app should not make (and that fails or hangs offline).
st.set_page_config(page_title="Skillgrid", page_icon="🎓", layout="wide")

UPLOAD = st.Page("dashboard/pages/upload.py", title="Upload", icon=":material/upload:")
PAGES = [
    st.Page("dashboard/pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("dashboard/pages/coverage.py", title="Skill coverage", icon=":material/grid_on:"),
    st.Page("dashboard/pages/gaps.py", title="Skill gaps", icon=":material/trending_down:"),
    st.Page("dashboard/pages/roi.py", title="Credential ROI", icon=":material/payments:"),
    st.Page("dashboard/pages/credentials.py", title="Credentials", icon=":material/workspace_premium:"),
    st.Page("dashboard/pages/people.py", title="People", icon=":material/person:"),
    UPLOAD,
    st.Page("dashboard/pages/data.py", title="Data & definitions", icon=":material/table_chart:"),
]


def _secrets_section(name: str) -> dict[str, Any]:
    """One table of .streamlit/secrets.toml as a plain dict; {} when there is no secrets file at all.

    A secrets file that exists but cannot be read is an error, not local mode: the operator may have meant
    to turn sign-in on.
    """
    try:
        value = st.secrets.get(name)
    except FileNotFoundError as exc:
        if any(Path(p).exists() for p in st.get_option("secrets.files")):
            raise auth.AuthConfigError(str(exc)) from exc
        return {}
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise auth.AuthConfigError(f"[{name}] in .streamlit/secrets.toml must be a table, got {value!r}")
    return _plain(value)


def _plain(value: Any) -> Any:
    return {k: _plain(v) for k, v in value.items()} if isinstance(value, Mapping) else value


def _sign_in(provider: str | None) -> None:
    st.title("Skillgrid")
    st.write("Sign in with your organisation account to see workforce skills and learning.")
    if st.button("Sign in", type="primary", key="auth_sign_in", icon=":material/login:"):
        if provider:
            st.login(provider)
        else:
            st.login()


def _no_access(access: auth.Access) -> None:
    st.title("No access")
    st.error(access.reason)
    st.write(
        "Skillgrid shows people's skills and learning, so it is open only to analysts and to managers on "
        "the roster. Ask a Skillgrid analyst to add you, or sign out and use another account."
    )
    st.button("Sign out", key="auth_sign_out_denied", on_click=st.logout)


try:
    skillgrid_config = _secrets_section("skillgrid")
    auth_configured, provider = auth.auth_provider(_secrets_section("auth"))
    settings = auth.privacy_settings(skillgrid_config, os.environ)
    access = auth.resolve_access(
        auth_configured,
        bool(st.user.get("is_logged_in")),
        st.user.get("email") if auth_configured else None,  # type: ignore[arg-type]
        skillgrid_config,
        data.employee_for_email,
    )
except auth.AuthConfigError as exc:
    st.error(f"Skillgrid's configuration cannot be used: {exc}")
    st.stop()
except data.WarehouseUnavailable as exc:
    st.error(f"{exc}. Point $UPSKILL_DB at a Skillgrid warehouse, or build one with `python -m etl demo`.")
    st.stop()
state.set_session_access(access, settings)

if access.role == "signed_out":
    _sign_in(provider)
    st.stop()
if not access.allowed:
    _no_access(access)
    st.stop()

page = st.navigation([p for p in PAGES if access.can_write or p is not UPLOAD])
try:
    # A file that is not a warehouse is said here, before any page tries to read it; so is an upgrade.
    data.connection(upgrade_notice=data.announced_upgrade)
    # The filters are settled first (pages read them), the sidebar drawn after the page: see sidebar.resolve.
    resolved = sidebar.resolve(sidebar.Options(data.filter_options))
except data.WarehouseUnavailable as exc:
    st.error(f"{exc}. Point $UPSKILL_DB at a Skillgrid warehouse, or build one with `python -m etl demo`.")
    st.stop()
try:
    page.run()
finally:
    sidebar.draw(resolved)
