"""Missing-value spellings, booleans, multi-valued cells and `Skill:level` items."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import polars as pl

from etl.parse import CellProblem, Parsed

MISSING = {"", "na", "n/a", "n.a.", "-", "--", "null", "none", "nan", "#n/a", "(blank)"}

# Whitespace that spreadsheets and HR exports leave around values: Unicode spaces, NBSP, narrow NBSP,
# zero-width space and the byte-order mark (which is not whitespace to Python or polars).
BLANKS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"

TRUE_WORDS = {"yes", "y", "true", "t", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "f", "0"}

_SPLIT = re.compile(r"[;|\r\n]")
_LEVEL_COLON = re.compile(r"^(?P<name>.*?)\s*:\s*(?P<level>.*)$", re.S)
_LEVEL_PAREN = re.compile(r"^(?P<name>.*?)\s*\(\s*(?P<level>[Ll]?\s*[-+]?\d+(?:[.,]\d+)?)\s*\)$")
_LEVEL_DASH = re.compile(r"^(?P<name>.*?)\s+[-\u2013]\s*(?:[Ll]|[Ll]evel\s*)(?P<level>[-+]?\d+(?:[.,]\d+)?)$")


def _case_spellings(word: str) -> set[str]:
    """Every text whose lower case (Unicode, as polars lowers it) is `word`, for an ASCII `word`.

    Only the ASCII capitals and the Kelvin sign (U+212A, lower case "k") lower-case to ASCII letters;
    tests/test_parse_values.py checks that against every code point.
    """
    spellings = [""]
    for ch in word:
        options = {ch, ch.upper()} | ({"\u212a"} if ch == "k" else set())
        spellings = [s + o for s in spellings for o in sorted(options)]
    return set(spellings)


# Every case spelling of every missing word: a plain `is_in` finds them without lower-casing every cell.
MISSING_SPELLINGS: tuple[str, ...] = tuple(sorted(set().union(*(_case_spellings(m) for m in MISSING))))


def _changes(cell: pl.Expr) -> pl.Expr:
    """True where `normalize_missing` changes the cell: a blank at either end, or a missing spelling.

    Comparing lengths costs about one strip, and the stripped cells are dropped at once, not kept.
    """
    return (cell.str.strip_chars(BLANKS).str.len_bytes() != cell.str.len_bytes()) | cell.is_in(
        MISSING_SPELLINGS
    )


def normalize_missing(s: pl.Series) -> pl.Series:
    """Strip blanks (NBSP, BOM included) and turn every missing spelling into null, keeping the name.

    A column with nothing to change is returned as it is: no copy of a million cells.
    """
    return normalize_missing_columns(s.to_frame(), [s.name]).to_series()


# A column that repeats a few values (badge names, statuses, dates) is worked on once per distinct value:
# a sample of this many rows with at most a tenth of them distinct says so. Only speed depends on it.
SAMPLE_ROWS = 10_000


def few_distinct(values: pl.Series) -> bool:
    """A cheap guess that `values` repeats a few values, so that working per distinct value pays."""
    sample = values.head(SAMPLE_ROWS)
    return values.len() > SAMPLE_ROWS and sample.n_unique() * 10 <= sample.len()


def normalize_missing_columns(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    """`normalize_missing` of several columns of `frame`, as a frame of those columns (see `clean_columns`)."""
    return clean_columns(frame, columns).frame


@dataclass(frozen=True)
class CleanColumns:
    """Columns through `normalize_missing`, and each repeating column's distinct non-missing values after
    it: steps that work per distinct value (staging's vocabulary and text checks) start from those rather
    than finding them again, a pass over every row each."""

    frame: pl.DataFrame
    distinct: dict[str, pl.Series]


def clean_columns(frame: pl.DataFrame, columns: list[str]) -> CleanColumns:
    """`normalize_missing` of several columns of `frame`: first which columns have a cell to change (per
    distinct value where values repeat, else in one parallel pass), then the changes. The other columns stay
    the very columns of `frame`: no copy of a million cells."""
    # Lazy: an eager select would also copy every unchanged column into one chunk.
    frame = frame.lazy().select(pl.col(c).cast(pl.String) for c in columns).collect()
    if not columns or frame.height == 0:
        return CleanColumns(frame, {})
    repetitive = [c for c in columns if few_distinct(frame.get_column(c))]
    rest = [c for c in columns if c not in repetitive]
    distinct: dict[str, pl.Series] = {}

    def repetitive_dirty() -> dict[str, bool]:
        # One `unique` per column, one after another: a single plan of them all took twice as long.
        dirty = {}
        for c in repetitive:
            values = frame.get_column(c).unique()
            dirty[c] = values.to_frame().select(_changes(pl.col(c)).any()).item()
            distinct[c] = (_cleaned(values).unique() if dirty[c] else values).drop_nulls()
        return dirty

    dirty: dict[str, bool] = {}
    # The two tests run side by side (polars releases the GIL): on a million rows each takes ~0.06 s.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="missing-values") as pool:
        by_value = pool.submit(repetitive_dirty) if repetitive and rest else None
        if rest:
            dirty.update(
                zip(
                    rest,
                    # Streaming: the stripped copies behind the test exist a morsel at a time, not whole.
                    frame.lazy()
                    .select(_changes(pl.col(c)).any().alias(c) for c in rest)
                    .collect(engine="streaming")
                    .row(0),
                    strict=True,
                )
            )
        dirty.update(by_value.result() if by_value is not None else repetitive_dirty())
    changed = [c for c in columns if dirty[c]]
    if changed:
        frame = frame.lazy().with_columns(_cleaning(pl.col(c)).alias(c) for c in changed).collect()
    return CleanColumns(frame, distinct)


def _cleaning(cell: pl.Expr) -> pl.Expr:
    stripped = cell.str.strip_chars(BLANKS)
    return pl.when(stripped.is_in(MISSING_SPELLINGS)).then(None).otherwise(stripped)


def _cleaned(values: pl.Series) -> pl.Series:
    return values.to_frame().select(_cleaning(pl.col(values.name))).to_series()


def problems_where(raw: pl.Series, bad: pl.Series, reason: Callable[[int, str], str]) -> list[CellProblem]:
    """One CellProblem per True in `bad`; the Python loop runs over the bad cells only."""
    bad = bad.fill_null(False)
    positions = bad.arg_true().to_list()
    if not positions:
        return []
    texts = raw.gather(positions).to_list()
    return [
        CellProblem(i, t if t is not None else "", reason(i, t or ""))
        for i, t in zip(positions, texts, strict=True)
    ]


def problems_from(raw: pl.Series, reasons: pl.Series) -> list[CellProblem]:
    """One CellProblem per non-null reason; reasons are computed vectorised, the loop touches bad cells only."""
    positions = reasons.is_not_null().arg_true().to_list()
    if not positions:
        return []
    texts = raw.gather(positions).to_list()
    why = reasons.gather(positions).to_list()
    return [
        CellProblem(i, t if t is not None else "", r) for i, t, r in zip(positions, texts, why, strict=True)
    ]


def parse_bool(s: pl.Series) -> Parsed:
    """Yes/No, Y/N, TRUE/FALSE, T/F, 1/0 and a lone x (ticked) — boolean words only, not statuses."""
    clean = normalize_missing(s)
    low = clean.str.to_lowercase()
    values = pl.select(
        pl.when(low.is_in(list(TRUE_WORDS)))
        .then(True)
        .when(low.is_in(list(FALSE_WORDS)))
        .then(False)
        .otherwise(None)
        .cast(pl.Boolean)
        .alias(s.name)
    ).to_series()
    bad = clean.is_not_null() & values.is_null()
    problems = problems_where(
        s, bad, lambda _i, t: f"'{t.strip()}' is not a yes/no value (use Yes/No, Y/N, True/False, 1/0 or x)"
    )
    return Parsed(values, problems, "booleans read from Yes/No, Y/N, True/False, T/F, 1/0 and x (= yes)")


def split_multi(value: str) -> list[str]:
    """Split a multi-valued cell on `;`, `|` or line breaks (never commas: names contain them)."""
    return [part.strip(BLANKS) for part in _SPLIT.split(value) if part.strip(BLANKS)]


def _level(text: str, item: str) -> int | None:
    raw = text.strip(BLANKS)
    if raw == "":
        return None
    digits = raw[1:].strip() if raw[:1] in ("L", "l") else raw
    if not re.fullmatch(r"[-+]?\d+", digits):
        raise ValueError(f"skill level '{raw}' in '{item}' is not a whole number from 0 to 5")
    level = int(digits)
    if not 0 <= level <= 5:
        raise ValueError(f"skill level {level} in '{item}' is outside 0 to 5")
    return level


def parse_skill_items(value: str) -> list[tuple[str, int | None]]:
    """Read `Python:3; SQL | Data Viz (2)` items; a level may be written `:3`, `(3)` or `- L3`.

    Parenthesised text that is not a number stays part of the name, e.g. `Amazon Web Services (AWS)`.
    Raises ValueError naming the item when a level is not a whole number from 0 to 5 or a name is empty.
    """
    items: list[tuple[str, int | None]] = []
    for item in split_multi(value):
        name, level = item, None
        for pattern in (_LEVEL_COLON, _LEVEL_PAREN, _LEVEL_DASH):
            match = pattern.match(item)
            if match:
                name = match.group("name").strip(BLANKS)
                level = _level(match.group("level"), item)
                break
        if not name:
            raise ValueError(f"skill item '{item}' has a level but no skill name")
        items.append((name, level))
    return items
