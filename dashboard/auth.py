"""Who may see what: the sign-in decision and the privacy settings, as pure functions of the configuration.

Kept free of streamlit so every branch can be unit-tested; the frame (streamlit_app.py) feeds it
``st.secrets``, ``st.user`` and an employee lookup, and draws what it decides.

The rule: with no ``[auth]`` section the app runs in local single-user mode (whoever can open the address
sees everything). With one, a user must sign in; analysts (listed by email under ``[skillgrid]``) see and
load everything; a manager (a signed-in email that matches a current roster email, when
``managers_from_roster = true``) sees only their own subtree; anyone else is refused. A half-written
``[auth]`` section is an error, never a silent fallback to local mode.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["local", "analyst", "manager", "denied", "signed_out"]

# Settings every provider needs, and the ones that may sit in [auth] or in one [auth.<provider>] table.
SHARED_AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_AUTH_KEYS = ("client_id", "client_secret", "server_metadata_url")
DEFAULT_MIN_GROUP_SIZE = 5
MAX_MIN_GROUP_SIZE = 1000
LOCAL_MODE_LABEL = "Local mode: no sign-in; anyone who can open this address sees everything."
_TRUE_TEXT = ("1", "true", "yes", "on")
_FALSE_TEXT = ("", "0", "false", "no", "off")


class AuthConfigError(Exception):
    """The sign-in or privacy configuration cannot be used as written; the message names the setting."""


@dataclass(frozen=True)
class Access:
    """The outcome of sign-in: a role, the manager's own employee id, and a sentence saying why."""

    role: Role
    employee_id: str | None = None
    reason: str = ""

    @property
    def allowed(self) -> bool:
        """Whether this user may see any data at all."""
        return self.role in ("local", "analyst", "manager")

    @property
    def sees_everything(self) -> bool:
        """Analysts and the local user see the whole organisation; a manager only their subtree."""
        return self.role in ("local", "analyst")

    @property
    def can_write(self) -> bool:
        """Uploads, undo, identity mapping and profiles change the warehouse for everyone."""
        return self.sees_everything


@dataclass(frozen=True)
class PrivacySettings:
    """Privacy defaults an operator sets in secrets or the environment; the stricter source wins."""

    pseudonymise_forced: bool = False
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE


def normalise_email(email: str | None) -> str | None:
    """Emails compare case-insensitively and without surrounding spaces; blank means none."""
    if email is None:
        return None
    cleaned = str(email).strip().lower()  # the same folding as the roster lookup (SQL lower)
    return cleaned or None


def auth_provider(auth_section: Mapping[str, Any] | None) -> tuple[bool, str | None]:
    """Whether sign-in is configured, and the named provider to pass to ``st.login`` (None = default).

    Raises AuthConfigError when an ``[auth]`` section exists but lacks a setting ``st.login`` needs: the
    operator meant to turn sign-in on, so running open would be the wrong way to fail.
    """
    if not auth_section:
        return False, None
    if not isinstance(auth_section, Mapping):
        raise AuthConfigError("[auth] in .streamlit/secrets.toml must be a table of settings")
    missing = [key for key in SHARED_AUTH_KEYS if not _text(auth_section.get(key))]
    providers = {k: v for k, v in auth_section.items() if isinstance(v, Mapping)}
    if all(_text(auth_section.get(key)) for key in PROVIDER_AUTH_KEYS):
        provider = None
    elif len(providers) == 1:
        provider, table = next(iter(providers.items()))
        missing += [f"{provider}.{key}" for key in PROVIDER_AUTH_KEYS if not _text(table.get(key))]
    elif len(providers) > 1:
        raise AuthConfigError(
            f"[auth] in .streamlit/secrets.toml names several providers ({', '.join(sorted(providers))}); "
            "Skillgrid signs in through exactly one: keep one [auth.<provider>] table"
        )
    else:
        missing += [key for key in PROVIDER_AUTH_KEYS if not _text(auth_section.get(key))]
    if missing:
        raise AuthConfigError(
            "[auth] in .streamlit/secrets.toml is incomplete: missing "
            + ", ".join(missing)
            + " (see .streamlit/secrets.example.toml and docs/SECURITY.md)"
        )
    return True, provider


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def analysts(config: Mapping[str, Any]) -> frozenset[str]:
    """The ``[skillgrid] analysts`` emails, normalised; a wrong type is refused with the setting named."""
    raw = config.get("analysts", [])
    if isinstance(raw, str) or not isinstance(raw, list | tuple):
        raise AuthConfigError(
            f'[skillgrid] analysts must be a list of emails, e.g. analysts = ["ana@corp.example"]; got {raw!r}'
        )
    bad = [v for v in raw if not isinstance(v, str) or "@" not in v]
    if bad:
        raise AuthConfigError(f"[skillgrid] analysts holds {bad[0]!r}, which is not an email address")
    return frozenset(e for e in (normalise_email(v) for v in raw) if e)


def _flag(value: object, setting: str) -> bool:
    """A boolean setting from TOML (a bool) or the environment (text such as 1/true/yes)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().casefold()
        if text in _TRUE_TEXT:
            return True
        if text in _FALSE_TEXT:
            return False
    raise AuthConfigError(f"{setting} must be true or false, got {value!r}")


def _group_size(value: object, setting: str) -> int:
    if isinstance(value, bool):
        raise AuthConfigError(
            f"{setting} must be a whole number from 1 to {MAX_MIN_GROUP_SIZE}, got {value!r}"
        )
    try:
        number = int(str(value).strip()) if isinstance(value, str) else value
    except ValueError:
        number = None
    if not isinstance(number, int) or not 1 <= number <= MAX_MIN_GROUP_SIZE:
        raise AuthConfigError(
            f"{setting} must be a whole number from 1 to {MAX_MIN_GROUP_SIZE}, got {value!r}"
        )
    return number


def privacy_settings(config: Mapping[str, Any], env: Mapping[str, str]) -> PrivacySettings:
    """Pseudonymisation is forced when either source asks; the larger minimum group size wins."""
    forced = False
    sizes = []
    if "pseudonymise" in config:
        forced = _flag(config["pseudonymise"], "[skillgrid] pseudonymise")
    if env.get("SKILLGRID_PSEUDONYMISE") is not None:
        forced = _flag(env["SKILLGRID_PSEUDONYMISE"], "SKILLGRID_PSEUDONYMISE") or forced
    if "min_group_size" in config:
        sizes.append(_group_size(config["min_group_size"], "[skillgrid] min_group_size"))
    if env.get("SKILLGRID_MIN_GROUP_SIZE") not in (None, ""):
        sizes.append(_group_size(env["SKILLGRID_MIN_GROUP_SIZE"], "SKILLGRID_MIN_GROUP_SIZE"))
    return PrivacySettings(
        pseudonymise_forced=forced, min_group_size=max(sizes) if sizes else DEFAULT_MIN_GROUP_SIZE
    )


def resolve_access(
    auth_configured: bool,
    is_logged_in: bool,
    email: str | None,
    config: Mapping[str, Any],
    employee_lookup: Callable[[str], str | None],
) -> Access:
    """Decide what this session may see. ``employee_lookup`` maps a normalised email to a current
    employee id (None when nobody, or more than one person, holds it); it is only called when needed."""
    if not auth_configured:
        return Access("local", None, LOCAL_MODE_LABEL)
    if not is_logged_in:
        return Access("signed_out", None, "Sign in to see Skillgrid.")
    who = normalise_email(email)
    if who is None:
        return Access(
            "denied",
            None,
            "Your sign-in did not include an email address, so Skillgrid cannot tell who you are. "
            "Ask the administrator to request the 'email' scope from the identity provider.",
        )
    if who in analysts(config):
        return Access("analyst", None, f"{who} is listed as an analyst.")
    if _flag(config.get("managers_from_roster", False), "[skillgrid] managers_from_roster"):
        employee_id = employee_lookup(who)
        if employee_id:
            return Access("manager", employee_id, f"{who} is employee {employee_id} on the roster.")
        return Access(
            "denied",
            None,
            f"{who} is not an analyst and does not match exactly one current employee's email on the roster.",
        )
    return Access("denied", None, f"{who} is not listed as an analyst.")
