"""Named column-mapping profiles: an analyst corrects a mapping once and reuses it for the next export."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from etl import sql_files
from etl.formats.canonical import FIELDS_BY_KIND
from etl.formats.registry import format_by_name
from etl.load import LoadOptions
from etl.warehouse import open_reader, write_transaction

KINDS = ("auto", *FIELDS_BY_KIND)


class ProfileError(Exception):
    """A profile that cannot be saved or found; the message says why."""


@dataclass(frozen=True)
class Profile:
    name: str
    kind: str
    format_name: str | None
    mapping: dict[str, str]
    day_first: bool | None

    def options(self, **overrides: object) -> LoadOptions:
        """The load options this profile stands for; explicit overrides (e.g. --map) win."""
        mapping = {**self.mapping, **(overrides.pop("mapping", None) or {})}  # type: ignore[arg-type]
        base = {
            "kind": self.kind,
            "format_name": self.format_name,
            "mapping": mapping,
            "day_first": self.day_first,
        }
        base.update({k: v for k, v in overrides.items() if v is not None})
        return LoadOptions(**base)  # type: ignore[arg-type]


def _validate(profile: Profile) -> None:
    if not profile.name.strip():
        raise ProfileError("a profile needs a name")
    if len(profile.name) > 100:
        raise ProfileError("a profile name is at most 100 characters")
    if profile.kind not in KINDS:
        raise ProfileError(f"kind must be one of {', '.join(KINDS)}")
    if profile.format_name:
        try:
            format_by_name(profile.format_name)
        except KeyError as exc:
            raise ProfileError(str(exc.args[0])) from exc
    known = {f.name for fields in FIELDS_BY_KIND.values() for f in fields}
    unknown = sorted(set(profile.mapping) - known)
    if unknown:
        raise ProfileError(f"unknown field(s) in the mapping: {', '.join(unknown)}")


def save_profile(db_path: Path, profile: Profile) -> None:
    """Save (or replace) a profile by name."""
    _validate(profile)
    with write_transaction(db_path) as con:
        con.execute(
            "INSERT OR REPLACE INTO mapping_profiles VALUES ($name, $kind, $fmt, $mapping, $day_first, $now)",
            {
                "name": profile.name.strip(),
                "kind": profile.kind,
                "fmt": profile.format_name,
                "mapping": json.dumps(profile.mapping, sort_keys=True),
                "day_first": profile.day_first,
                "now": dt.datetime.now(),
            },
        )


def list_profiles(db_path: Path) -> list[Profile]:
    con = open_reader(db_path)
    try:
        rows = con.execute(
            "SELECT name, kind, format_name, mapping, day_first FROM mapping_profiles ORDER BY name"
        ).fetchall()
    finally:
        con.close()
    return [Profile(n, k, f, json.loads(m), d) for n, k, f, m, d in rows]


def get_profile(db_path: Path, name: str) -> Profile:
    for profile in list_profiles(db_path):
        if profile.name == name.strip():
            return profile
    names = ", ".join(p.name for p in list_profiles(db_path)) or "none saved yet"
    raise ProfileError(f"no mapping profile named {name!r} (profiles: {names})")


def delete_profile(db_path: Path, name: str) -> None:
    with write_transaction(db_path) as con:
        if not sql_files.scalar(con, "SELECT count(*) FROM mapping_profiles WHERE name = $n", {"n": name}):
            raise ProfileError(f"no mapping profile named {name!r}")
        con.execute("DELETE FROM mapping_profiles WHERE name = $n", {"n": name})
