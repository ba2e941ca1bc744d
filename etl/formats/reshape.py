"""Helpers the vendor `prepare` functions share: build a text table from records, add derived columns.

Every vendor adapter ends the same way as a reader does: a RawTable of String cells whose headers the
canonical synonyms (or the format's `columns`) recognise, with each row still pointing at the source row
an analyst would look for. Keeping that in one place is what keeps the adapters short.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence

import polars as pl

from etl.formats.base import normalize_header
from etl.readers import RawTable
from etl.readers.text import needs_strip

# Marks a table a vendor adapter has already reshaped, so a second `prepare` call leaves it alone.
PREPARED_META = "prepared_by"
_SKILL_SEPARATORS = re.compile(r"\s*[;|\r\n]+\s*")


def text(value: object) -> str | None:
    """A JSON scalar as cell text: None and blank stay missing, booleans are `true`/`false`."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def dig(obj: object, *path: str) -> object:
    """`obj[a][b]…`, None as soon as a step is missing or not an object."""
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def first(*values: object) -> object:
    """The first value that is not None or blank text."""
    for value in values:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return value
    return None


def as_list(value: object) -> list:
    """JSON fields that are 'one or many': None -> [], a scalar or object -> [it], a list stays."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def skills_cell(names: Iterable[object]) -> str | None:
    """Skill names joined by `; ` for the skills column, each made safe for the `Skill:level` syntax.

    A vendor skill name is a name, never a level: separators inside it become commas and a colon
    becomes a dash, so "Cloud: AWS" does not read as a skill "Cloud" at level "AWS".
    """
    seen: dict[str, str] = {}
    for raw in names:
        name = text(raw)
        if not name:
            continue
        clean = _SKILL_SEPARATORS.sub(", ", name).replace(":", " -").strip(" ,")
        if clean and clean.lower() not in seen:
            seen[clean.lower()] = clean
    return "; ".join(seen.values()) or None


def is_prepared(table: RawTable) -> bool:
    return PREPARED_META in table.meta


def from_records(
    table: RawTable,
    records: Sequence[Mapping[str, object]],
    source_rows: Sequence[int],
    *,
    prepared_by: str,
    columns: Sequence[str] | None = None,
) -> RawTable:
    """A new RawTable from records (column -> value), all cells as text, in first-seen column order."""
    order: list[str] = list(columns or [])
    for record in records:
        for key in record:
            if key not in order:
                order.append(key)
    data = {c: [text(r.get(c)) for r in records] for c in order}
    frame = pl.DataFrame(data, schema={c: pl.String for c in order})
    return RawTable(
        file_name=table.file_name,
        part=table.part,
        columns=order,
        frame=frame,
        source_rows=list(source_rows),
        meta={**table.meta, PREPARED_META: prepared_by},
        documents=None,
    )


def with_columns(table: RawTable, added: Mapping[str, pl.Series | Sequence[str | None]]) -> RawTable:
    """The table plus derived text columns (replacing same-named ones), row numbers unchanged."""
    series = [
        (s if isinstance(s, pl.Series) else pl.Series(name, list(s), dtype=pl.String))
        .cast(pl.String)
        .alias(name)
        for name, s in added.items()
    ]
    frame = table.frame.with_columns(series)
    columns = [*table.columns, *(name for name in added if name not in table.columns)]
    if frame.columns != columns:  # a select of unevenly chunked columns copies them all
        frame = frame.select(columns)
    return RawTable(
        file_name=table.file_name,
        part=table.part,
        columns=columns,
        frame=frame,
        source_rows=table.source_rows,
        meta=table.meta,
        documents=table.documents,
    )


def column(table: RawTable, *spellings: str) -> str | None:
    """The table's column whose normalised header is one of `spellings` (first spelling wins)."""
    by_norm = {normalize_header(c): c for c in table.columns}
    for spelling in spellings:
        found = by_norm.get(normalize_header(spelling))
        if found is not None:
            return found
    return None


def has_columns(table: RawTable, *spellings: str) -> bool:
    return all(column(table, s) is not None for s in spellings)


def text_series(table: RawTable, name: str) -> pl.Series:
    """A column's cells as a String series, stripped, blanks as null: `values` without a Python loop."""
    return stripped_text(table.frame.get_column(name).cast(pl.String))


def stripped_text(cells: pl.Series) -> pl.Series:
    """String cells stripped, blanks as null: how `text_series` reads a cell, for any series of them."""
    if not cells.to_frame().select(needs_strip(cells.name)).item():
        return cells  # the usual case, as readers strip cells: no copy
    cell = pl.col(cells.name).str.strip_chars()
    return cells.to_frame().select(pl.when(cell != "").then(cell).alias(cells.name)).to_series()


def values(table: RawTable, name: str | None) -> list[str | None]:
    """A column's cells as text (None for a column the table lacks), blanks as None."""
    if name is None:
        return [None] * table.frame.height
    return [None if v is None or not str(v).strip() else str(v).strip() for v in table.frame[name].to_list()]


def documents_of(table: RawTable) -> list[dict]:
    """The JSON record objects behind a table, [] for tables that did not come from JSON."""
    return [d for d in (table.documents or []) if isinstance(d, dict)]


INFERRED_TYPE_COLUMN = "Program Type"


def own_column_for(table: RawTable, kind: str, field_name: str) -> str | None:
    """The file's own column for a canonical field (by the kind's synonyms), if it has one."""
    from etl.formats.canonical import FIELDS_BY_KIND

    for fld in FIELDS_BY_KIND[kind]:
        if fld.name == field_name:
            return column(table, fld.name, *fld.synonyms)
    raise KeyError(field_name)


def add_program_type(
    table: RawTable, types: pl.Series | Sequence[str | None], *, any_told: bool | None = None
) -> RawTable:
    """Add the per-row inferred program type, unless the file carries a program-type column of its own.

    The file's own column wins (it is what the person loading it sees and can correct); a row whose
    type the rule cannot tell stays empty, so the catalogue and then the format's default decide.
    `any_told`, from a caller that typed each distinct value, says whether the rule told any row's type
    (else every row is looked at: a million-row file's pass).
    """
    if own_column_for(table, "learning", "program_type") is not None:
        return table
    series = (
        types
        if isinstance(types, pl.Series)
        else pl.Series(INFERRED_TYPE_COLUMN, list(types), dtype=pl.String)
    )
    if any_told is None:
        any_told = not (series.fill_null("") == "").all()
    if not any_told:  # the rule could not tell any row's type
        return table
    return with_columns(table, {INFERRED_TYPE_COLUMN: series})


_PERCENT = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$")


def percents(cells: Sequence[str | None]) -> list[float | None]:
    """`45%`, `45`, `45,5 %` -> 45.0; a column whose every value is a fraction (0..1, no % sign) is scaled."""
    parsed: list[float | None] = []
    for cell in cells:
        match = _PERCENT.match(cell) if cell else None
        parsed.append(float(match.group(1).replace(",", ".")) if match else None)
    numbers = [p for p in parsed if p is not None]
    fractions = numbers and all(0 <= p <= 1 for p in numbers) and not any(c and "%" in c for c in cells)
    if fractions and any(0 < p < 1 for p in numbers):
        return [None if p is None else p * 100 for p in parsed]
    return parsed


def progress_status(pct: float | None, completed_on: str | None) -> str | None:
    """Status from percent complete: 100 (or a completion date) -> completed, anything less -> in progress."""
    if completed_on or (pct is not None and pct >= 100):
        return "completed"
    if pct is not None:
        return "in progress"
    return None


def split_user_ids(cells: Sequence[str | None]) -> tuple[list[str | None], list[str | None]]:
    """A platform's user id is an employee id, or the login email: (ids, emails), one of each per row."""
    ids = [None if c is None or "@" in c else c for c in cells]
    emails = [c if c is not None and "@" in c else None for c in cells]
    return ids, emails


def join_names(*parts: Sequence[str | None]) -> list[str | None]:
    """First and last name cells joined with one space, None when every part is blank."""
    out = []
    for cells in zip(*parts, strict=True):
        joined = " ".join(c.strip() for c in cells if c and c.strip())
        out.append(joined or None)
    return out


def is_yes(cell: str | None) -> bool:
    """Yes/Y/True/1/x, as the boolean parser reads them."""
    from etl.parse.values import TRUE_WORDS

    return cell is not None and cell.strip().lower() in TRUE_WORDS
