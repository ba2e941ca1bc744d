"""The one filter object every metric takes, and how it becomes bound SQL parameters.

Filters never reach SQL as text: ``params()`` returns values that queries bind as ``$name``. Lists given by a
UI (e.g. a multiselect) are accepted and stored as tuples so a Filters stays hashable for caching.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from metrics.errors import FilterError

PROGRAM_TYPES: tuple[str, ...] = ("micro_credential", "certification", "traditional_course", "degree")

_LIST_FIELDS = ("departments", "teams", "locations", "roles", "program_types")


@dataclass(frozen=True)
class Filters:
    """What slice of the warehouse a metric looks at; every field is optional (empty tuple = no filter)."""

    as_of: date = field(default_factory=date.today)
    departments: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    manager_id: str | None = None  # whole subtree under this manager, manager included
    program_types: tuple[str, ...] = ()
    date_from: date | None = None  # learning records by completed_on (or started_on when not completed)
    date_to: date | None = None
    min_group_size: int = 5  # groups of fewer people are suppressed in aggregate views

    def __post_init__(self) -> None:
        for name in _LIST_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
                raise FilterError(f"filter {name!r} must be a list of strings, got {value!r}")
            items = tuple(value)
            bad = [v for v in items if not isinstance(v, str)]
            if bad:
                raise FilterError(f"filter {name!r} must hold strings only, got {bad[0]!r}")
            object.__setattr__(self, name, items)
        for name in ("as_of", "date_from", "date_to"):
            value = getattr(self, name)
            if value is None and name != "as_of":
                continue
            if isinstance(value, datetime) or not isinstance(value, date):
                raise FilterError(f"filter {name!r} must be a date, got {value!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(f"filter date_from ({self.date_from}) is after date_to ({self.date_to})")
        unknown = [t for t in self.program_types if t not in PROGRAM_TYPES]
        if unknown:
            raise FilterError(
                f"filter 'program_types' has unknown value {unknown[0]!r}; expected one of {', '.join(PROGRAM_TYPES)}"
            )
        if self.manager_id is not None and not isinstance(self.manager_id, str):
            raise FilterError(f"filter 'manager_id' must be a string, got {self.manager_id!r}")
        if isinstance(self.min_group_size, bool) or not isinstance(self.min_group_size, int):
            raise FilterError(f"filter 'min_group_size' must be a whole number, got {self.min_group_size!r}")
        if self.min_group_size < 1:
            raise FilterError(f"filter 'min_group_size' must be at least 1, got {self.min_group_size}")

    def params(self) -> dict[str, Any]:
        """Every filter as a bound-parameter value; queries pick the ones they reference."""
        return {
            "as_of": self.as_of,
            "departments": list(self.departments),
            "teams": list(self.teams),
            "locations": list(self.locations),
            "roles": list(self.roles),
            "manager_id": self.manager_id,
            "program_types": list(self.program_types),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "min_group_size": self.min_group_size,
        }

    def describe(self) -> list[str]:
        """Human-readable list of the filters in force, for a Definition's filters_applied."""
        out = [f"as of {self.as_of.isoformat()}"]
        labels = {
            "departments": "departments",
            "teams": "teams",
            "locations": "locations",
            "roles": "roles",
            "program_types": "program types",
        }
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in labels and value:
                out.append(f"{labels[f.name]}: {', '.join(value)}")
        if self.manager_id is not None:
            out.append(f"manager subtree: {self.manager_id} and everyone under them")
        if self.date_from is not None or self.date_to is not None:
            start = self.date_from.isoformat() if self.date_from else "the beginning"
            end = self.date_to.isoformat() if self.date_to else "the end"
            out.append(f"learning records dated {start} to {end} (completed_on, else started_on)")
        return out

    @property
    def restricts_records(self) -> bool:
        """True when program-type or date filters narrow which learning records count (also as evidence)."""
        return bool(self.program_types) or self.date_from is not None or self.date_to is not None
