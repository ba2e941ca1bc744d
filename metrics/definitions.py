"""What every metric returns: the numbers, and the plain-words account of how they were computed.

A figure nobody can explain is not trusted, so each result carries its formula, the filters in force, how
many people or records it rests on, what was left out and why, and any caveat (small n, imputed costs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class Definition:
    """The "how is this computed?" text behind one metric result."""

    name: str
    formula: str
    filters_applied: list[str]
    n: int
    excluded: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    n_label: str = "people"

    def as_markdown(self) -> str:
        lines = [f"**{self.name}**", "", f"*Formula:* {self.formula}", ""]
        lines.append(f"*Based on:* {self.n} {self.n_label}")
        lines.append("")
        lines.append("*Filters:* " + ("; ".join(self.filters_applied) if self.filters_applied else "none"))
        if self.excluded:
            lines += ["", "*Excluded:*"] + [f"- {item}" for item in self.excluded]
        if self.notes:
            lines += ["", "*Notes:*"] + [f"- {item}" for item in self.notes]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class MetricResult:
    """A metric's rows plus its Definition; suppressed_groups counts groups hidden for being too small.

    total_rows is set by a metric that returns only the first rows of a longer list: the list's full length.
    """

    frame: pl.DataFrame
    definition: Definition
    suppressed_groups: int = 0
    total_rows: int | None = None


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 person' / '3 people': definitions are read by people, not parsers."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
