"""Sign-in decisions and privacy settings (dashboard/auth.py): every role, every refusal, every bad setting."""

from __future__ import annotations

import pytest

from dashboard.auth import (
    DEFAULT_MIN_GROUP_SIZE,
    LOCAL_MODE_LABEL,
    Access,
    AuthConfigError,
    PrivacySettings,
    analysts,
    auth_provider,
    normalise_email,
    privacy_settings,
    resolve_access,
)

ROSTER = {"mo@corp.example": "E7", "twin@corp.example": None}
CONFIG = {"analysts": ["Ana@Corp.example", "  bo@corp.example "], "managers_from_roster": True}
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "s3cret-s3cret-s3cret",
    "client_id": "skillgrid",
    "client_secret": "shh",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}


class Lookup:
    """A roster lookup that records what it was asked, so tests can tell when it is (not) consulted."""

    def __init__(self, table: dict[str, str | None]) -> None:
        self.table = table
        self.asked: list[str] = []

    def __call__(self, email: str) -> str | None:
        self.asked.append(email)
        return self.table.get(email)


def _resolve(
    email: str | None, *, config: dict | None = None, logged_in: bool = True
) -> tuple[Access, Lookup]:
    lookup = Lookup(ROSTER)
    access = resolve_access(True, logged_in, email, CONFIG if config is None else config, lookup)
    return access, lookup


def test_no_auth_section_is_local_mode_whatever_the_user_says():
    lookup = Lookup(ROSTER)
    access = resolve_access(False, True, "mo@corp.example", CONFIG, lookup)
    assert access == Access("local", None, LOCAL_MODE_LABEL)
    assert "anyone who can open this address sees everything" in access.reason
    assert access.allowed and access.sees_everything and access.can_write
    assert lookup.asked == []


def test_signed_out_user_must_sign_in():
    access, lookup = _resolve("ana@corp.example", logged_in=False)
    assert access.role == "signed_out"
    assert not access.allowed and not access.can_write
    assert lookup.asked == []


def test_analyst_by_email_case_and_spaces_ignored():
    access, lookup = _resolve("  ANA@corp.EXAMPLE ")
    assert access.role == "analyst" and access.employee_id is None
    assert access.sees_everything and access.can_write
    assert "ana@corp.example" in access.reason
    assert lookup.asked == [], "an analyst needs no roster lookup"
    assert _resolve("bo@corp.example")[0].role == "analyst"


def test_analyst_wins_over_roster_manager():
    config = {"analysts": ["mo@corp.example"], "managers_from_roster": True}
    assert _resolve("mo@corp.example", config=config)[0].role == "analyst"


def test_manager_from_roster_gets_their_employee_id():
    access, lookup = _resolve("Mo@Corp.Example")
    assert access == Access("manager", "E7", access.reason)
    assert "E7" in access.reason
    assert access.allowed and not access.sees_everything and not access.can_write
    assert lookup.asked == ["mo@corp.example"], "the lookup gets the normalised email"


def test_unknown_or_ambiguous_email_is_denied_with_a_reason():
    for email in ("stranger@corp.example", "twin@corp.example"):
        access, _ = _resolve(email)
        assert access.role == "denied" and access.employee_id is None
        assert email in access.reason and "roster" in access.reason
        assert not access.allowed and not access.can_write


def test_roster_managers_off_means_only_analysts_get_in():
    config = {"analysts": ["ana@corp.example"], "managers_from_roster": False}
    access, lookup = _resolve("mo@corp.example", config=config)
    assert access.role == "denied" and "not listed as an analyst" in access.reason
    assert lookup.asked == []
    access, _ = _resolve("mo@corp.example", config={})
    assert access.role == "denied"


def test_signed_in_without_email_is_denied():
    for email in (None, "", "   "):
        access, lookup = _resolve(email)
        assert access.role == "denied" and "email" in access.reason
        assert lookup.asked == []


def test_lookup_returning_empty_string_is_not_a_manager():
    access = resolve_access(True, True, "x@corp.example", {"managers_from_roster": True}, lambda _: "")
    assert access.role == "denied"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"analysts": "ana@corp.example"}, "must be a list of emails"),
        ({"analysts": [42]}, "not an email address"),
        ({"analysts": ["not-an-email"]}, "not an email address"),
        ({"analysts": [], "managers_from_roster": "maybe"}, "managers_from_roster must be true or false"),
    ],
)
def test_bad_skillgrid_settings_are_refused_naming_the_setting(config, message):
    with pytest.raises(AuthConfigError, match=message):
        resolve_access(True, True, "someone@corp.example", config, Lookup(ROSTER))


def test_analysts_normalised_and_blank_entries_rejected():
    assert analysts({"analysts": ["A@B.c", "a@b.c "]}) == frozenset({"a@b.c"})
    assert analysts({}) == frozenset()
    with pytest.raises(AuthConfigError):
        analysts({"analysts": [""]})


def test_normalise_email():
    assert normalise_email("  Ana@Corp.Example ") == "ana@corp.example"
    assert normalise_email("") is None and normalise_email(None) is None and normalise_email("  ") is None


def test_auth_provider_absent_complete_and_named():
    assert auth_provider(None) == (False, None)
    assert auth_provider({}) == (False, None)
    assert auth_provider(AUTH) == (True, None)
    shared = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    named = {**shared, "entra": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}}
    assert auth_provider(named) == (True, "entra")


def test_incomplete_auth_section_is_an_error_not_local_mode():
    broken = {k: v for k, v in AUTH.items() if k != "client_secret"}
    with pytest.raises(AuthConfigError, match="missing client_secret"):
        auth_provider(broken)
    with pytest.raises(AuthConfigError, match="cookie_secret"):
        auth_provider({**AUTH, "cookie_secret": "  "})
    shared = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    with pytest.raises(AuthConfigError, match="entra.server_metadata_url"):
        auth_provider({**shared, "entra": {"client_id": "a", "client_secret": "b"}})
    with pytest.raises(AuthConfigError, match="several providers"):
        auth_provider({**shared, "a": dict(AUTH), "b": dict(AUTH)})
    with pytest.raises(AuthConfigError, match="must be a table"):
        auth_provider(["redirect_uri"])  # type: ignore[arg-type]


def test_privacy_defaults():
    assert privacy_settings({}, {}) == PrivacySettings(False, DEFAULT_MIN_GROUP_SIZE)


def test_pseudonymise_forced_by_either_source():
    assert privacy_settings({"pseudonymise": True}, {}).pseudonymise_forced
    for text in ("1", "true", "YES", " on "):
        assert privacy_settings({}, {"SKILLGRID_PSEUDONYMISE": text}).pseudonymise_forced
    for text in ("0", "false", "", "off"):
        assert not privacy_settings({}, {"SKILLGRID_PSEUDONYMISE": text}).pseudonymise_forced
    # The environment cannot switch off what the secrets file switched on.
    assert privacy_settings({"pseudonymise": True}, {"SKILLGRID_PSEUDONYMISE": "0"}).pseudonymise_forced
    assert privacy_settings({"pseudonymise": False}, {"SKILLGRID_PSEUDONYMISE": "1"}).pseudonymise_forced


def test_min_group_size_from_either_source_larger_wins():
    assert privacy_settings({"min_group_size": 8}, {}).min_group_size == 8
    assert privacy_settings({}, {"SKILLGRID_MIN_GROUP_SIZE": " 12 "}).min_group_size == 12
    assert privacy_settings({"min_group_size": 8}, {"SKILLGRID_MIN_GROUP_SIZE": "3"}).min_group_size == 8
    assert privacy_settings({"min_group_size": 3}, {"SKILLGRID_MIN_GROUP_SIZE": "9"}).min_group_size == 9
    assert privacy_settings({}, {"SKILLGRID_MIN_GROUP_SIZE": ""}).min_group_size == DEFAULT_MIN_GROUP_SIZE


@pytest.mark.parametrize(
    ("config", "env", "message"),
    [
        ({"min_group_size": 0}, {}, r"\[skillgrid\] min_group_size"),
        ({"min_group_size": True}, {}, r"\[skillgrid\] min_group_size"),
        ({"min_group_size": "five"}, {}, r"\[skillgrid\] min_group_size"),
        ({"min_group_size": 5.5}, {}, r"\[skillgrid\] min_group_size"),
        ({}, {"SKILLGRID_MIN_GROUP_SIZE": "-1"}, "SKILLGRID_MIN_GROUP_SIZE"),
        ({}, {"SKILLGRID_MIN_GROUP_SIZE": "100000"}, "SKILLGRID_MIN_GROUP_SIZE"),
        ({"pseudonymise": "sometimes"}, {}, r"\[skillgrid\] pseudonymise"),
        ({}, {"SKILLGRID_PSEUDONYMISE": "2"}, "SKILLGRID_PSEUDONYMISE"),
    ],
)
def test_bad_privacy_settings_are_refused_naming_the_setting(config, env, message):
    with pytest.raises(AuthConfigError, match=message):
        privacy_settings(config, env)
