"""Value parsing: raw cell text (a polars String Series) to typed values plus per-row problems.

Every parser decides its reading over the whole column, never cell by cell, so that one file is read one
way; what was decided is returned in `Parsed.note` for the load report. Pure functions: stdlib and polars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class CellProblem:
    """A non-missing cell that could not be parsed; staging turns it into a rejected row."""

    index: int  # 0-based position in the Series
    value: str  # the raw text
    reason: str  # human sentence, e.g. "not a date in the column's format D/M/YYYY"


@dataclass(frozen=True)
class Parsed:
    """A typed column, the cells it could not read, and the decision it took (for the load report)."""

    values: pl.Series  # typed result; null where missing or unparseable
    problems: list[CellProblem]  # one per non-missing cell that could not be parsed
    note: str  # what was decided, e.g. "dates read as D/M/YYYY (day first: a value 23/04/2024 has day 23)"


class AmbiguousColumn(ValueError):
    """The whole column cannot be read without a hint from the person loading it.

    Raised instead of guessing, because a wrong day/month guess corrupts every row silently.
    """

    def __init__(self, column: str, detail: str, examples: Sequence[str]) -> None:
        self.column = column
        self.detail = detail
        self.examples = tuple(examples[:3])
        where = f"column '{column}'" if column else "this column"
        shown = ", ".join(repr(e) for e in self.examples) or "none"
        super().__init__(
            f"Cannot read the dates in {where}: {detail} (examples: {shown}). "
            "Say which order the file uses: run the CLI with --day-first or --month-first, "
            "or choose the date order in the column mapping on the upload page."
        )

    def __reduce__(self) -> tuple[type[AmbiguousColumn], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.column, self.detail, self.examples))


from etl.parse.dates import day_first_evidence, parse_dates  # noqa: E402
from etl.parse.numbers import (  # noqa: E402
    decimal_hint_from_text,
    parse_duration_hours,
    parse_integer,
    parse_number,
    parse_percent,
)
from etl.parse.values import (  # noqa: E402
    MISSING,
    normalize_missing,
    parse_bool,
    parse_skill_items,
    split_multi,
)

__all__ = [
    "MISSING",
    "AmbiguousColumn",
    "CellProblem",
    "Parsed",
    "day_first_evidence",
    "decimal_hint_from_text",
    "normalize_missing",
    "parse_bool",
    "parse_dates",
    "parse_duration_hours",
    "parse_integer",
    "parse_number",
    "parse_percent",
    "parse_skill_items",
    "split_multi",
]
