"""The two types every reader shares: the error that refuses a file, and the text table it yields.

They live together so that text.py, excel.py and jsonish.py can import them without importing each other
or the package's dispatcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

# A reason that already says "line 3" or "token 2" needs no "(row 3)" after it.
_ROW_WORDS = ("row", "line", "token", "record")


class ReadError(Exception):
    """The file cannot be read at all. str(e) is a full sentence naming the file (and row/column when known)."""

    def __init__(self, file_name: str, reason: str, *, row: int | None = None, column: str | None = None):
        self.file_name = file_name
        self.reason = reason
        self.row = row
        self.column = column
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        reason = self.reason.rstrip(". ")
        where = []
        if self.row is not None and not any(f"{word} {self.row}" in reason for word in _ROW_WORDS):
            where.append(f"row {self.row}")
        if self.column is not None and self.column not in reason:
            where.append(f'column "{self.column}"')
        suffix = f" ({', '.join(where)})" if where else ""
        return f"Cannot read {self.file_name}: {reason}{suffix}."

    def __str__(self) -> str:
        return self._sentence()

    def __reduce__(self):  # keyword-only arguments need help to survive pickling (worker processes)
        return (self.__class__, (self.file_name, self.reason), {"row": self.row, "column": self.column})


@dataclass
class RawTable:
    """One table of text cells, as the file holds it; meaning is left to the detect/format layers."""

    file_name: str
    # Sheet name for workbooks, JSON path for nested arrays ("data", "Report_Entry", "d.results"), None for CSV.
    part: str | None
    # Header texts, stripped, made unique ("Date", "Date_2"); an empty header becomes "column_<n>".
    columns: list[str]
    # Every column is String; empty cells are null; cell text is stripped of surrounding whitespace.
    frame: pl.DataFrame
    # Per frame row, the row number an analyst would look for: CSV = record number counting the header
    # as 1; XLSX = the sheet's own row number; JSON = 1-based index in the records array. A range when
    # they run on without a gap (a million-row CSV: ~0.1 s and ~50 MB less than a list of a million ints).
    source_rows: Sequence[int]
    meta: dict[str, str]
    # JSON only: the original record objects, in order, for vendor adapters that need the nesting.
    documents: list[dict] | None = None
