"""Staging: rename, cast and validate one table into the canonical columns of its kind. Nothing else.

The rule for bad input (docs/FORMATS.md, "Reject the row or refuse the file"):
- a problem with the file as a whole refuses it: unreadable, no data rows, a required field with no column,
  a date column whose format cannot be decided, or more than half of the rows rejected (a wrong mapping
  is far likelier than a file that bad);
- a problem with one row rejects that row, with the column and the reason, and the rest loads.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import polars as pl

from etl.detect import Detection, fields_for
from etl.formats.base import (
    DATE,
    EMAIL,
    HOURS,
    IMPORTANCE,
    INTEGER,
    LEVEL,
    MONEY,
    PROGRAM_TYPE,
    SKILLS,
    STATUS,
    TEXT,
    normalize_key,
    program_key_expr,
)
from etl.formats.vocab import PROGRAM_TYPE_WORDS, STATUS_WORDS
from etl.parse import AmbiguousColumn, Parsed
from etl.parse.dates import DateColumn, day_first_evidence, parse_dates
from etl.parse.numbers import parse_duration_hours, parse_integer, parse_number
from etl.parse.values import clean_columns, few_distinct, parse_skill_items
from etl.readers import RawTable

MAX_REJECTED_SHARE = 0.5
MAX_TEXT_LENGTH = 4000
EMAIL_RE = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# C0/C1 control characters (tab, line breaks, vertical tab and form feed excepted: spreadsheets put those in
# cells) and the bidirectional overrides that make text show in another order than it is stored. They are
# corruption or an attack (terminal escapes, spoofed names), never a person's name or a course title.
CONTROL_RE = r"[\x00-\x08\x0e-\x1f\x7f-\x9f\x{202A}-\x{202E}\x{2066}-\x{2069}]"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# EMAIL_RE without control characters: a cell matches it exactly when it matches EMAIL_RE and CONTROL_RE finds
# nothing in it (the three classes are EMAIL_RE's minus CONTROL_RE's; '@' and '.' are not control characters),
# so one pass over a million emails answers both, and only the cells it refuses are tested again for why.
_NO_CONTROL = CONTROL_RE[1:-1]
CLEAN_EMAIL_RE = rf"^[^@\s{_NO_CONTROL}]+@[^@\s{_NO_CONTROL}]+\.[^@\s{_NO_CONTROL}]+$"
# "Last, First" is flipped only when both sides are name-like: a formula such as =HYPERLINK("a","b") is not.
_LAST_FIRST = r"^\s*([\p{L}\p{M}\p{N}'’.\- ]+?)\s*,\s*([\p{L}\p{M}\p{N}'’.\- ]+?)\s*$"


class Refused(Exception):
    """The whole file is refused; nothing of the invocation is written."""

    def __init__(self, file_name: str, reason: str, *, row: int | None = None, column: str | None = None):
        self.file_name = file_name
        self.reason = reason
        self.row = row
        self.column = column
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        place = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{file_name}{place}: {reason}")


@dataclass(frozen=True)
class Reject:
    row: int  # source row number as the analyst sees it
    column: str | None
    value: str | None
    reason: str


@dataclass
class StagedTable:
    file_name: str
    kind: str
    format_name: str
    frame: pl.DataFrame  # canonical typed columns + `_row` (source row number)
    rejects: list[Reject]
    rows_read: int
    mapping: dict[str, str]
    notes: list[str] = field(default_factory=list)
    record_namespace: str | None = None


class _Problems:
    """Collects row problems by frame index; a row with any problem is rejected."""

    def __init__(self, table: RawTable):
        self.table = table
        self.items: dict[int, list[tuple[str | None, str | None, str]]] = {}

    def add(self, index: int, column: str | None, value: str | None, reason: str) -> None:
        self.items.setdefault(index, []).append((column, value, reason))

    def add_mask(self, mask: pl.Series, column: str | None, values: pl.Series | None, reason: str) -> None:
        for index in mask.arg_true().to_list():
            value = None if values is None else values[index]
            self.add(index, column, None if value is None else str(value), reason)

    def rejects(self) -> list[Reject]:
        out = []
        for index in sorted(self.items):
            for column, value, reason in self.items[index]:
                out.append(Reject(self.table.source_rows[index], column, value, reason))
        return out


def _distinct(values: pl.Series, known: dict[str, pl.Series]) -> pl.Series:
    """The column's distinct non-missing values: as cleaning found them, else found now."""
    found = known.get(values.name)
    return found if found is not None else values.drop_nulls().unique()


def _vocabulary_lookup(distinct: pl.Series, table: dict[str, tuple[str, ...]]) -> dict[str, str | None]:
    """Each distinct cell -> its canonical word (None when unknown): a column repeats a few words."""
    lookup = {normalize_key(w): canonical for canonical, words in table.items() for w in words}
    keys = distinct.str.to_lowercase().str.replace_all(r"[_\s]+", " ").str.strip_chars()
    mapped = keys.replace_strict(lookup, default=None, return_dtype=pl.String)
    return dict(zip(distinct.to_list(), mapped.to_list(), strict=True))


def _fail(problems: _Problems, parsed_problems, column: str) -> None:
    for p in parsed_problems:
        problems.add(p.index, column, p.value, p.reason)


_UNKNOWN_STATUS = (
    "unknown status word (known: completed, passed, accepted, in progress, enrolled, failed, revoked …)"
)
_UNKNOWN_PROGRAM_TYPE = (
    "unknown program type (use micro_credential, certification, traditional_course or degree)"
)


def _checks(
    clean: pl.DataFrame, fields: dict, mapping: dict[str, str], distinct: dict[str, pl.Series]
) -> dict[str, pl.Series | None]:
    """The vectorised checks and derived values of the text, email, status and program-type fields, in
    one plan over the cleaned columns: `{field}:bad` and `{field}:control` masks (None: no row) and
    `{field}:value` columns. `distinct`: the distinct non-missing values of repeating columns, where known."""
    exprs: list[pl.Expr] = []
    out: dict[str, pl.Series | None] = {}
    emails: list[tuple[str, str]] = []
    for name, fld in fields.items():
        column = mapping.get(name)
        if column is None:
            continue
        cell = pl.col(column)
        control = cell.str.contains(CONTROL_RE).fill_null(False)
        if fld.type in (TEXT, SKILLS):
            values = clean.get_column(column)
            if few_distinct(values):
                found = _distinct(values, distinct)
                for key, bad in (
                    ("bad", found.filter(found.str.len_chars() > MAX_TEXT_LENGTH)),
                    ("control", found.filter(found.str.contains(CONTROL_RE))),
                ):
                    out[f"{name}:{key}"] = values.is_in(bad.to_list()).fill_null(False) if bad.len() else None
                continue
            too_long = (cell.str.len_chars() > MAX_TEXT_LENGTH).fill_null(False)
            exprs += [too_long.alias(f"{name}:bad"), control.alias(f"{name}:control")]
        elif fld.type == EMAIL:
            # Lower-casing never makes, removes or changes an '@', a '.' or a blank, nor empties a character
            # (tests/test_staging_checks.py checks every code point), so the cell as given is tested: the
            # two expressions then share nothing and run in parallel.
            exprs += [
                cell.str.to_lowercase().alias(f"{name}:value"),
                cell.str.contains(CLEAN_EMAIL_RE).alias(f"{name}:clean"),
            ]
            emails.append((name, column))
        elif fld.type in (STATUS, PROGRAM_TYPE):
            words = STATUS_WORDS if fld.type == STATUS else PROGRAM_TYPE_WORDS
            lookup = _vocabulary_lookup(_distinct(clean.get_column(column), distinct), words)
            exprs.append(
                cell.replace_strict(lookup, default=None, return_dtype=pl.String).alias(f"{name}:value")
            )
            unknown = [word for word, canonical in lookup.items() if canonical is None]
            out[f"{name}:bad"] = clean.get_column(column).is_in(unknown) if unknown else None
    if exprs:
        out.update(clean.lazy().select(exprs).collect().to_dict())
    for name, column in emails:
        out[f"{name}:bad"], out[f"{name}:control"] = _email_problems(
            clean.get_column(column), out.pop(f"{name}:clean")
        )
    return out


def _email_problems(cells: pl.Series, clean: pl.Series) -> tuple[pl.Series | None, pl.Series | None]:
    """The `bad` (not an email address) and `control` masks of an email column, from CLEAN_EMAIL_RE's verdict:
    only the cells it refused are tested again (None, None: no cell has either problem)."""
    refused = (~clean).fill_null(False)  # an empty cell is neither
    if not refused.any():
        return None, None
    rows = refused.arg_true()
    suspects = cells.gather(rows)
    bad = pl.repeat(False, cells.len(), eager=True).scatter(rows, ~suspects.str.contains(EMAIL_RE))
    control = pl.repeat(False, cells.len(), eager=True).scatter(rows, suspects.str.contains(CONTROL_RE))
    return bad, control


def _parse_date_columns(
    clean: pl.DataFrame, date_fields: list[str], mapping: dict[str, str], day_first: bool | None
) -> dict[str, Parsed | AmbiguousColumn]:
    """Each date field's parsed column, in field order, up to the first whose format cannot be decided
    (its AmbiguousColumn, which `stage` raises where it raised before). The day/month order, when not
    given, comes from the evidence of every date column of the file."""
    columns = {name: DateColumn(clean.get_column(mapping[name])) for name in date_fields}
    if day_first is None and date_fields:
        day_first = day_first_evidence(columns.values())
    out: dict[str, Parsed | AmbiguousColumn] = {}
    for name in date_fields:
        column = mapping[name]
        try:
            out[name] = parse_dates(columns[name], day_first=day_first, column=column)
        except AmbiguousColumn as exc:
            out[name] = exc
            break
    return out


def _add_where(
    problems: _Problems, mask: pl.Series | None, column: str, values: pl.Series, reason: str
) -> None:
    if mask is not None and mask.any():
        problems.add_mask(mask, column, values, reason)


def stage(
    table: RawTable,
    detection: Detection,
    *,
    day_first: bool | None = None,
) -> StagedTable:
    """Cast every mapped column of `table` to its canonical type; reject bad rows, refuse a bad file."""
    fmt = detection.format
    if detection.missing_required:
        found = ", ".join(repr(c) for c in table.columns) or "none"
        raise Refused(
            table.file_name,
            f"cannot load as {fmt.label}: no column for {', '.join(detection.missing_required)}. "
            f"Columns found: {found}. Name the column with --map FIELD=COLUMN (CLI) or in the upload mapping.",
        )
    source = fmt.prepare(table) if fmt.prepare else table
    n = source.frame.height
    if n == 0:
        raise Refused(table.file_name, "the file has a header but no data rows")
    mapping = detection.mapping
    problems = _Problems(source)
    notes: list[str] = []
    out: dict[str, pl.Series] = {}

    fields = {f.name: f for f in fields_for(fmt.kind)}
    cleaned = clean_columns(source.frame, list(dict.fromkeys(mapping[f] for f in fields if f in mapping)))
    clean = cleaned.frame
    date_fields = [name for name, f in fields.items() if f.type == DATE and name in mapping]
    # The date columns are read beside the checks of the others: both run inside polars, which releases
    # the GIL, and the date rules work per distinct value, mostly on one core.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="stage-dates") as pool:
        dates = pool.submit(_parse_date_columns, clean, date_fields, mapping, day_first)
        checks = _checks(clean, fields, mapping, cleaned.distinct)
        dated = dates.result()

    for name, fld in fields.items():
        column = mapping.get(name)
        if column is None:
            # program_type's default applies last, after the catalogue (etl/load.py)
            default = fmt.defaults.get(name) if name != "program_type" else None
            out[name] = pl.repeat(default, n, dtype=pl.String, eager=True).alias(name)
            if fld.type == STATUS:
                out["source_status"] = pl.repeat(None, n, dtype=pl.String, eager=True).alias("source_status")
            continue
        raw = clean.get_column(column)
        if fld.type in (TEXT, SKILLS):
            too_long = checks[f"{name}:bad"]
            if too_long is not None and too_long.any():
                problems.add_mask(
                    too_long, column, raw.str.slice(0, 40), "value longer than 4,000 characters"
                )
            _reject_controls(problems, raw, column, checks[f"{name}:control"])
            out[name] = raw
        elif fld.type == EMAIL:
            bad, control = checks[f"{name}:bad"], checks[f"{name}:control"]
            _add_where(problems, bad, column, raw, "not an email address")
            _reject_controls(problems, raw, column, None if control is None else control & ~bad)
            out[name] = checks[f"{name}:value"]
        elif fld.type == DATE:
            parsed = dated[name]
            if isinstance(parsed, AmbiguousColumn):
                raise Refused(table.file_name, str(parsed), column=column) from parsed
            _fail(problems, parsed.problems, column)
            if parsed.note:
                notes.append(f"{column}: {parsed.note}")
            out[name] = parsed.values
        elif fld.type == MONEY:
            parsed = parse_number(raw, decimal=source.meta.get("decimal"))
            _fail(problems, parsed.problems, column)
            problems.add_mask((parsed.values < 0).fill_null(False), column, raw, "negative amount")
            out[name] = parsed.values
        elif fld.type == HOURS:
            parsed = parse_duration_hours(raw)
            _fail(problems, parsed.problems, column)
            problems.add_mask((parsed.values < 0).fill_null(False), column, raw, "negative duration")
            if parsed.note:
                notes.append(f"{column}: {parsed.note}")
            out[name] = parsed.values
        elif fld.type in (LEVEL, IMPORTANCE, INTEGER):
            lo, hi = {LEVEL: (0, 5), IMPORTANCE: (0, 5), INTEGER: (0, 1200)}[fld.type]
            parsed = parse_integer(raw, lo=lo, hi=hi) if fld.type != IMPORTANCE else parse_number(raw)
            _fail(problems, parsed.problems, column)
            if fld.type == IMPORTANCE:
                bad = ((parsed.values < 0) | (parsed.values > 5)).fill_null(False)
                problems.add_mask(bad, column, raw, "importance must be between 0 and 5")
            out[name] = parsed.values
        elif fld.type in (STATUS, PROGRAM_TYPE):
            reason = _UNKNOWN_STATUS if fld.type == STATUS else _UNKNOWN_PROGRAM_TYPE
            _add_where(problems, checks[f"{name}:bad"], column, raw, reason)
            out[name] = checks[f"{name}:value"]
            if fld.type == STATUS:
                out["source_status"] = raw
        else:  # pragma: no cover - every field type is handled above
            raise AssertionError(f"unhandled field type {fld.type}")
    del clean, checks

    frame = pl.DataFrame(out).with_columns(pl.Series("_row", source.source_rows, dtype=pl.Int64))
    del out
    frame = _validate_kind(fmt.kind, frame, mapping, problems, notes, fmt.record_namespace)
    rejected_idx = sorted(problems.items)
    if len(rejected_idx) > MAX_REJECTED_SHARE * n:
        first = problems.rejects()[0]
        raise Refused(
            table.file_name,
            f"{len(rejected_idx)} of {n} rows have problems, more than half, so the file is refused as a whole "
            f"(is the mapping right?). First problem: {first.reason}"
            + (f" — value {first.value!r}" if first.value else ""),
            row=first.row,
            column=first.column,
        )
    if rejected_idx:
        keep = pl.repeat(True, n, eager=True).scatter(rejected_idx, False)
        frame = frame.filter(keep)
    return StagedTable(
        file_name=table.file_name,
        kind=fmt.kind,
        format_name=fmt.name,
        frame=frame,
        rejects=problems.rejects(),
        rows_read=n,
        mapping=dict(mapping),
        notes=notes,
        record_namespace=fmt.record_namespace,
    )


def _reject_controls(problems: _Problems, raw: pl.Series, column: str, bad: pl.Series | None) -> None:
    """Reject cells holding a control character, naming it (U+001B) and showing the value with it escaped."""
    for index in [] if bad is None else bad.arg_true().to_list():
        value = raw[index]
        first = _CONTROL.search(value)
        code = f"U+{ord(first.group(0)):04X}" if first else "a control character"
        shown = _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value[:200])
        problems.add(index, column, shown, f"control character {code} in the value")


def _required(frame: pl.DataFrame, name: str, mapping: dict[str, str], problems: _Problems) -> None:
    """Reject rows with no value for a required field, unless the cell was already rejected as unreadable."""
    column = mapping.get(name)
    for index in frame.get_column(name).is_null().arg_true().to_list():
        if not any(c == column for c, _, _ in problems.items.get(index, [])):
            problems.add(index, column, None, f"{name} is empty")


def _duplicates(
    frame: pl.DataFrame, key: str | list[str], problems: _Problems, what: str, column: str | None
) -> None:
    keys = [key] if isinstance(key, str) else key
    selected = pl.DataFrame([frame.get_column(k) for k in keys])  # no copy (an eager select would rechunk)
    if any(selected.null_count().row(0)):
        selected = selected.filter(pl.all_horizontal(pl.col(keys).is_not_null()))
    # The usual case: no two keys share even a 64-bit hash, so none are equal (one pass over small ints).
    hashes = selected.hash_rows() if len(keys) > 1 else selected.to_series().hash()
    if hashes.n_unique() == hashes.len():
        return
    indexed = frame.select(keys).with_row_index("_i").filter(pl.all_horizontal(pl.col(keys).is_not_null()))
    firsts = indexed.group_by(keys, maintain_order=True).agg(pl.col("_i").first().alias("_first"))
    dups = indexed.join(firsts, on=keys).filter(pl.col("_i") != pl.col("_first"))
    rows = frame.get_column("_row")
    for i, first in dups.select("_i", "_first").iter_rows():
        problems.add(i, column, None, f"same {what} as row {rows[first]}")


def _flip_last_first(names: pl.Series) -> pl.Series:
    """'Doe, Jane M' -> 'Jane M Doe'. One comma and name-like parts only, so 'Smith, Jr., John' and a formula
    such as =HYPERLINK("http://x","Click") stay as given (payloads load as text; exports neutralise them)."""
    flipped = names.str.replace(_LAST_FIRST, "$2 $1")
    return flipped.alias(names.name)


def _validate_kind(
    kind: str,
    frame: pl.DataFrame,
    mapping: dict[str, str],
    problems: _Problems,
    notes: list[str],
    namespace: str | None,
) -> pl.DataFrame:
    if kind == "roster":
        _required(frame, "employee_id", mapping, problems)
        _duplicates(frame, "employee_id", problems, "employee_id", mapping.get("employee_id"))
        full = frame.get_column("full_name")
        if "full_name" in mapping:
            full = _flip_last_first(full)
        parts = pl.concat_str(
            [frame.get_column("first_name").fill_null(""), frame.get_column("last_name").fill_null("")],
            separator=" ",
        ).str.strip_chars()
        parts = pl.select(pl.when(parts == "").then(None).otherwise(parts)).to_series()
        frame = frame.with_columns(full.fill_null(parts).alias("full_name"))
        bad = _earlier(frame.get_column("termination_date"), frame.get_column("hire_date"))
        problems.add_mask(
            bad,
            mapping.get("termination_date"),
            frame.get_column("termination_date"),
            "termination date is before the hire date",
        )
        self_managed = (frame.get_column("manager_id") == frame.get_column("employee_id")).fill_null(False)
        problems.add_mask(
            self_managed,
            mapping.get("manager_id"),
            frame.get_column("manager_id"),
            "a person cannot be their own manager",
        )
        return frame
    if kind == "learning":
        no_identity = frame.select(
            pl.col("employee_id").is_null() & pl.col("external_id").is_null() & pl.col("email").is_null()
        ).to_series()
        problems.add_mask(
            no_identity, None, None, "no employee id, external id or email: the record names nobody"
        )
        _required(frame, "program_name", mapping, problems)
        _required(frame, "status", mapping, problems)
        started, completed, expires = (
            frame.get_column(c) for c in ("started_on", "completed_on", "expires_on")
        )
        problems.add_mask(
            _earlier(completed, started),
            mapping.get("completed_on"),
            completed,
            "completed before it started",
        )
        problems.add_mask(
            _earlier(expires, completed),
            mapping.get("expires_on"),
            expires,
            "expires before it was completed",
        )
        skills = frame.get_column("skills")
        # Files repeat a few skill lists over many rows (or have none): parse each distinct text once.
        encoded: dict[str, str | None] = {}
        failed: dict[str, str] = {}
        for value in skills.drop_nulls().unique().to_list():
            try:
                encoded[value] = _skills_json(parse_skill_items(value))
            except ValueError as exc:
                failed[value] = str(exc)
        if failed:
            bad = skills.is_in(list(failed))
            for i, value in zip(bad.arg_true().to_list(), skills.filter(bad).to_list(), strict=True):
                problems.add(i, mapping.get("skills"), value, failed[value])
        texts = skills.replace_strict(encoded, default=None, return_dtype=pl.String)
        frame = frame.with_columns(texts.alias("skills"))
        frame = frame.with_columns(_record_keys(frame, namespace))
        what = "learning record (same person, program and dates)"
        _duplicates(frame, "record_key", problems, what, None)
        if namespace:  # the rows keyed by the source's own id (their record_key is null)
            _duplicates(frame, "record_id", problems, what, None)
        return frame
    if kind == "roles":
        _required(frame, "role", mapping, problems)
        _required(frame, "skill", mapping, problems)
        _required(frame, "required_level", mapping, problems)
        zero = (frame.get_column("required_level") == 0).fill_null(False)
        skipped = int(zero.sum())
        if skipped:
            notes.append(
                f"{skipped} rows with required level 0 mean 'not required' and were not loaded as requirements"
            )
        frame = frame.with_columns(pl.Series("_not_required", zero))
        keys = frame.select(
            pl.col("role").str.to_lowercase().str.strip_chars().alias("_r"),
            pl.col("skill").str.to_lowercase().str.strip_chars().alias("_s"),
        )
        _duplicates(
            keys.with_columns(frame.get_column("_row")),
            ["_r", "_s"],
            problems,
            "role and skill",
            mapping.get("skill"),
        )
        return frame
    if kind == "catalogue":
        _required(frame, "program_name", mapping, problems)
        _required(frame, "program_type", mapping, problems)
        skills = frame.get_column("skills").to_list()
        out = []
        for i, value in enumerate(skills):
            try:
                out.append(_skills_json(parse_skill_items(value)) if value else None)
            except ValueError as exc:
                problems.add(i, mapping.get("skills"), value, str(exc))
                out.append(None)
        frame = frame.with_columns(pl.Series("skills", out, dtype=pl.String))
        keys = frame.select(
            program_key_expr().alias("_k"),
        ).with_columns(frame.get_column("_row"))
        _duplicates(keys, "_k", problems, "program and provider", mapping.get("program_name"))
        return frame
    raise AssertionError(f"unknown kind {kind}")


def _earlier(a: pl.Series, b: pl.Series) -> pl.Series:
    """Where date `a` is before date `b` (False where either is missing).

    A date field the file does not carry is an all-null text column; comparing a million dates with it
    parses every null as a date (~0.2 s), and no row can be earlier than nothing.
    """
    if a.null_count() == a.len() or b.null_count() == b.len():
        return pl.repeat(False, a.len(), dtype=pl.Boolean, eager=True)
    return (a < b).fill_null(False)


def _skills_json(items: list[tuple[str, int | None]] | None) -> str | None:
    if not items:
        return None
    return "\n".join(f"{name}\t{'' if level is None else level}" for name, level in items)


def _record_keys(frame: pl.DataFrame, namespace: str | None) -> pl.Series:
    """The natural key of a learning attempt, so the same attempt in a later file updates, not duplicates:
    person + program + start date.

    Null where the format names its records (`namespace`, e.g. Credly's Earner Badge ID) and the row has its
    id: the key is then `namespace:record_id`, which the load writes (etl/sql/load/staged_learning.sql). A
    million badge rows' keys built here were a 41 MB copy of their ids, held through the load's highest
    points in memory.
    """
    if namespace and frame.get_column("record_id").null_count() == 0:
        # Every row has the source's own id: the natural key would be built for nothing.
        return pl.repeat(None, frame.height, dtype=pl.String, eager=True).alias("record_key")
    # The ids as staged: normalize_missing_columns has stripped BLANKS, which hold every character
    # str.strip_chars() strips, and lower-casing makes no blank (tests/test_staging_checks.py checks both over
    # every code point). Stripping again copied a million ids at staging's highest point in memory.
    identity = pl.coalesce(
        pl.col("employee_id").str.to_lowercase(),
        pl.col("external_id").str.to_lowercase(),
        pl.col("email"),
    )
    program = program_key_expr()
    when = pl.coalesce(pl.col("started_on"), pl.col("completed_on")).cast(pl.String).fill_null("")
    natural = pl.concat_str([identity.fill_null(""), program, when], separator="|")
    if namespace:
        natural = pl.when(pl.col("record_id").is_null()).then(natural)
    return frame.select(natural.alias("record_key")).to_series()


def parse_skills_column(value: str | None) -> list[tuple[str, int | None]]:
    """Inverse of the staged `skills` encoding (name TAB level per line)."""
    if not value:
        return []
    items = []
    for line in value.split("\n"):
        name, _, level = line.partition("\t")
        items.append((name, int(level) if level else None))
    return items
