"""Sign-in wiring in the app: local mode, signed out, analyst, manager (subtree forced everywhere), no access,
and a broken [auth] section. AppTest injects the user (``at.user``) and the secrets (``at.secrets``)."""

from __future__ import annotations

import pytest
from app_fixtures import app, demo_db, demo_db_path, metrics_by_label, page_path, reader

from metrics.filters import Filters
from metrics.overview import overview
from metrics.people import people, person_profile

__all__ = ["demo_db", "demo_db_path", "reader"]

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-some-length",
    "client_id": "skillgrid",
    "client_secret": "shh",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}
ANALYST = "ana@corp.example"
LOCAL_LABEL = "Local mode: no sign-in; anyone who can open this address sees everything"


def _signed_in(email: str | None, *, logged_in: bool = True, skillgrid: dict | None = None, **kwargs):
    at = app(**kwargs)
    at.secrets["auth"] = dict(AUTH)
    at.secrets["skillgrid"] = skillgrid or {"analysts": [ANALYST], "managers_from_roster": True}
    at.user = {"is_logged_in": logged_in, **({"email": email} if email else {})}
    return at


def _a_manager(con) -> tuple[str, str, str]:
    """A middle manager (has a manager and reports) with their email, and the top of the organisation."""
    frame = people(con, Filters()).frame
    counts = frame.group_by("manager_id").len().drop_nulls("manager_id").sort(["len", "manager_id"])
    with_boss = set(frame.drop_nulls("manager_id")["employee_id"])
    manager_id = next(m for m in reversed(counts["manager_id"].to_list()) if m in with_boss)
    root = next(e for e in frame["employee_id"] if e not in with_boss)
    email = person_profile(con, manager_id, Filters()).person["email"]
    return manager_id, email, root


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_local_mode_is_labelled_and_has_every_page(demo_db):
    at = _ok(app().run())
    assert any(LOCAL_LABEL in w.value for w in at.sidebar.warning)
    assert not any(b.key == "auth_sign_out" for b in at.sidebar.button)
    assert at.sidebar.selectbox(key="flt_manager_id").value is None
    _ok(at.switch_page(page_path("upload")).run())
    assert [t.value for t in at.title] == ["Upload"]


def test_signed_out_sees_only_the_sign_in_page(demo_db):
    at = _ok(_signed_in(None, logged_in=False).run())
    assert [t.value for t in at.title] == ["Skillgrid"]
    assert at.button(key="auth_sign_in").label == "Sign in"
    assert not at.metric and not at.dataframe and not at.sidebar.selectbox
    # A page's address does not get past sign-in either.
    try:
        at.switch_page(page_path("people"))
    except ValueError:
        return
    _ok(at.run())
    assert [t.value for t in at.title] == ["Skillgrid"] and not at.metric and not at.dataframe


def test_analyst_sees_everything_and_can_upload(demo_db, reader):
    expected = overview(reader(demo_db), Filters()).frame.row(0, named=True)
    at = _ok(_signed_in("  Ana@Corp.Example").run())
    assert metrics_by_label(at)["People"] == f"{expected['people']:,}"
    assert any("Signed in as" in m.value for m in at.sidebar.markdown)
    assert at.sidebar.button(key="auth_sign_out").label == "Sign out"
    assert not any(LOCAL_LABEL in w.value for w in at.sidebar.warning)
    assert at.sidebar.selectbox(key="flt_manager_id").value is None
    _ok(at.switch_page(page_path("upload")).run())
    assert [t.value for t in at.title] == ["Upload"]
    assert at.file_uploader


def test_manager_sees_only_their_subtree_and_cannot_widen_it(demo_db, reader):
    con = reader(demo_db)
    manager_id, email, root = _a_manager(con)
    mine = Filters(manager_id=manager_id)
    expected = overview(con, mine).frame.row(0, named=True)
    everyone = overview(con, Filters()).frame.row(0, named=True)
    assert expected["people"] < everyone["people"], "the fixture manager must not see the whole organisation"

    # A link asking for the whole organisation (the top manager) and tiny groups does not widen the view.
    at = _ok(_signed_in(email.upper(), query_params={"mgr": root, "min": "1"}).run())
    assert metrics_by_label(at)["People"] == f"{expected['people']:,}"
    assert not any(s.key == "flt_manager_id" for s in at.sidebar.selectbox)
    assert any("Manager view" in c.value and manager_id in c.value for c in at.sidebar.caption)
    assert at.sidebar.number_input(key="flt_min_group_size").value == 5
    assert at.query_params.get("mgr") in (manager_id, [manager_id])

    _ok(at.switch_page(page_path("people")).run())
    subtree = set(people(con, mine).frame["employee_id"])
    options = at.selectbox(key="people_person").options
    assert len(options) == len(subtree)
    assert all(o.split(" · ")[1] in subtree for o in options), options[:3]

    _ok(at.switch_page(page_path("data")).run())
    assert not at.get("form"), "no identity-mapping form for a manager"
    assert "Unmatched records" not in metrics_by_label(at)
    assert any("for analysts" in c.value for c in at.caption)

    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page_path("upload"))


def test_someone_else_signed_in_gets_no_access(demo_db):
    at = _ok(_signed_in("stranger@elsewhere.example").run())
    assert [t.value for t in at.title] == ["No access"]
    assert any("stranger@elsewhere.example" in e.value for e in at.error)
    assert at.button(key="auth_sign_out_denied").label == "Sign out"
    assert not at.metric and not at.dataframe


def test_roster_email_without_managers_from_roster_is_no_access(demo_db, reader):
    _, email, _ = _a_manager(reader(demo_db))
    at = _ok(_signed_in(email, skillgrid={"analysts": [ANALYST]}).run())
    assert [t.value for t in at.title] == ["No access"]


def test_incomplete_auth_section_stops_with_a_message(demo_db):
    at = _signed_in(ANALYST)
    at.secrets["auth"] = {"redirect_uri": AUTH["redirect_uri"]}
    _ok(at.run())
    assert any("missing cookie_secret" in e.value for e in at.error)
    assert not at.metric and not at.sidebar.warning


def test_bad_skillgrid_setting_stops_with_a_message(demo_db):
    at = _ok(_signed_in(ANALYST, skillgrid={"analysts": ANALYST}).run())
    assert any("analysts must be a list" in e.value for e in at.error)
    assert not at.metric
