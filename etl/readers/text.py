"""Text files: encoding detection, delimiter and header sniffing, and CSV/TSV parsing into a RawTable.

Also home to the table-finishing helpers the Excel and JSON readers share (`build_table`, `header_index`),
because every reader ends the same way: stripped text cells, nulls for blanks, unique header names.

Row numbers: CSV `source_rows` are *record* numbers with the header record as 1. Blank records count (an
analyst who opens the file in a spreadsheet sees them as rows), but a quoted cell spanning several physical
lines is one record, so record numbers can be smaller than text-editor line numbers. `meta["header_line"]`
gives the physical line of the header for files with title lines above it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

import polars as pl

from etl.readers.errors import RawTable, ReadError

MAX_COLUMNS = 2000
DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_CHARS = 256 * 1024
# The csv module refuses cells over 128 KiB by default; uploads can carry multi-megabyte cells. Raised once,
# process-wide, because a per-call raise-and-restore would race between concurrent uploads.
csv.field_size_limit(2**31 - 1)
_DECIMAL_COMMA = re.compile(r"^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+$")
_DECIMAL_POINT = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_BARE_CR = re.compile(r"\r(?!\n)")
_NUMBER_DECORATION = re.compile(r"[\s%€$£]")


# ---------------------------------------------------------------------------------------------------------
# Decoding


def decode_text(data: bytes, file_name: str) -> tuple[str, str]:
    """Bytes to text plus the encoding used; BOMs first, then strict UTF-8, then UTF-8 with stray cp1252
    bytes (a file appended to by two programs), then cp1252, then Latin-1."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise ReadError(
                    file_name,
                    f"it starts with a {encoding.upper()} byte-order mark but is not valid {encoding} text",
                ) from exc
            _refuse_nul(text, file_name)
            return text, encoding
    bomless = _bomless_utf16(data)
    if bomless is not None:
        try:
            text = data.decode(bomless)
        except UnicodeDecodeError:
            pass
        else:
            _refuse_nul(text, file_name)
            return text, bomless
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise ReadError(
            file_name,
            f"it looks like a binary file (line {line} contains a NUL byte), not a text table",
            row=line,
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        # Rows appended by two programs: UTF-8 where the bytes are UTF-8, cp1252 for the stray bytes.
        return data.decode("utf-8", errors=_MIXED_ERRORS), "utf-8+cp1252"
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


_HEAD_BYTES = 1024 * 1024  # comfortably more than the sniffing sample (_SAMPLE_CHARS characters)


def plain_utf8_head(data: bytes) -> str | None:
    """The text of the first ~1 MiB of `data` when `decode_text` may read it as plain UTF-8 (no byte-order
    mark, not UTF-16, no NUL, a valid UTF-8 start) and it is larger than that; else None. Whether the rest
    is valid UTF-8 too, polars finds while it parses (`read_delimited_utf8`).
    """
    if len(data) <= _HEAD_BYTES or data.startswith(_BOMS) or _bomless_utf16(data) is not None:
        return None
    end = _char_start(data, _HEAD_BYTES)
    if end >= len(data) or b"\x00" in data:
        return None
    try:
        return data[:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _char_start(data: bytes, at: int) -> int:
    """The first offset from `at` that does not fall inside a UTF-8 character."""
    while at < len(data) and 0x80 <= data[at] < 0xC0:
        at += 1
    return at


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each byte UTF-8 rejected as cp1252 (Latin-1 for the five it leaves out)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start : exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), exc.start + 1


_MIXED_ERRORS = "skillgrid-cp1252-fallback"
codecs.register_error(_MIXED_ERRORS, _cp1252_fallback)
# A well-formed multi-byte UTF-8 character (2-4 bytes). A cp1252 file almost never holds one by accident
# (it would need e.g. "Ã" followed by "©"), so its presence beside invalid bytes means a mixed file.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of mostly-ASCII text."""
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _refuse_nul(text: str, file_name: str) -> None:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ReadError(
            file_name,
            f"it looks like a binary file (line {line} contains a NUL character), not a text table",
            row=line,
        )


# ---------------------------------------------------------------------------------------------------------
# Shared table finishing


def header_index(counts: list[int], width: int) -> int:
    """Position of the header among non-empty rows, given each row's count of non-empty cells.

    Title lines ("Training report, Q1") sit above the header with one to three cells while the rows below
    are much wider; the header is the first row that is not such a title.
    """
    need = min(2, max(width, 1))
    for i, count in enumerate(counts):
        if count < need:
            continue
        following = counts[i + 1 : i + 21]
        if following and count <= 3 and count < 0.5 * statistics.median(following):
            continue
        return i
    return 0


def needs_strip(column: str) -> pl.Expr:
    """Whether any cell of the column starts or ends with whitespace or is empty (comparing lengths costs
    about one strip, and the stripped cells are dropped at once, not kept)."""
    cell = pl.col(column)
    return (
        ((cell.str.strip_chars().str.len_bytes() != cell.str.len_bytes()) | (cell == "")).any().alias(column)
    )


def clean_header(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def build_table(
    *,
    file_name: str,
    part: str | None,
    headers: list[str | None],
    frame: pl.DataFrame,
    source_rows: Sequence[int],
    meta: dict[str, str],
    documents: list[dict] | None = None,
    drop_empty_rows: bool = True,
    may_hold_cr: bool = True,
) -> RawTable:
    """Strip cells, blank -> null, drop empty rows and unnamed empty columns, and name the columns uniquely.

    `frame` holds the raw cells in file order, one String column per entry of `headers`. `may_hold_cr`
    False (the file has no carriage return at all) skips looking for one in every cell.
    """
    positional = frame.columns
    # Strip and blank -> null, only in the columns with a cell to change: the others stay the parsed columns
    # themselves (a 200 MB file's cells are not copied). One expression per column: polars runs them in
    # parallel.
    if positional and frame.height:
        # Streaming: each column's stripped copy exists a morsel at a time, not whole (a 221 MB file's twelve
        # stripped columns held ~130 MB at once, and the streaming plan is also ~25 % faster).
        dirty = frame.lazy().select(needs_strip(c) for c in positional).collect(engine="streaming").row(0)
        changed = [c for c, flag in zip(positional, dirty, strict=True) if flag]
        frame = frame.with_columns(pl.col(c).str.strip_chars().replace("", None) for c in changed)
    if may_hold_cr and positional and frame.height:
        # One line-break convention inside cells, whatever the file's line endings were.
        has_cr = (
            frame.lazy()
            .select(pl.col(c).str.contains("\r", literal=True).any() for c in positional)
            .collect(engine="streaming")
            .row(0)
        )
        crlf = [c for c, flag in zip(positional, has_cr, strict=True) if flag]
        frame = frame.with_columns(pl.col(c).str.replace_all("\r\n?", "\n") for c in crlf)
    if drop_empty_rows and positional and frame.height:
        filled = frame.select(pl.any_horizontal(pl.col(c).is_not_null() for c in positional)).to_series()
        if not filled.all():
            frame = frame.filter(filled)
            source_rows = list(itertools.compress(source_rows, filled.to_list()))
    cleaned = [clean_header(h) for h in headers]
    null_counts = frame.null_count().row(0) if positional else ()
    keep = [i for i, name in enumerate(cleaned) if name or null_counts[i] < frame.height]
    if len(keep) > MAX_COLUMNS:
        raise ReadError(
            file_name,
            f"it has {len(keep):,} columns; Skillgrid reads at most {MAX_COLUMNS:,} columns per table",
        )
    names = unique_names([cleaned[i] or f"column_{i + 1}" for i in keep])
    frame = frame.select([pl.col(positional[i]).alias(name) for i, name in zip(keep, names, strict=True)])
    return RawTable(
        file_name=file_name,
        part=part,
        columns=names,
        frame=frame,
        source_rows=source_rows if isinstance(source_rows, range) else list(source_rows),
        meta=meta,
        documents=documents,
    )


def unique_names(names: list[str]) -> list[str]:
    """Make names unique ignoring case ("Date", "date" -> "Date", "date_2"): SQL engines fold case."""
    taken = {n.lower() for n in names}
    seen: set[str] = set()
    result = []
    for name in names:
        candidate = name
        if candidate.lower() in seen:
            n = 2
            while f"{name}_{n}".lower() in seen or f"{name}_{n}".lower() in taken:
                n += 1
            candidate = f"{name}_{n}"
        seen.add(candidate.lower())
        result.append(candidate)
    return result


# ---------------------------------------------------------------------------------------------------------
# Delimited text


def _reader(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)


def _nonempty(record: list[str]) -> int:
    return sum(1 for cell in record if cell.strip())


class _Layout:
    """What sniffing one delimiter over the sample found."""

    def __init__(self, delimiter: str, records: list[list[str]], sample: str):
        self.delimiter = delimiter
        self.sample = sample  # complete records only up to the header, so the header is read from here
        self.nonblank = [i for i, rec in enumerate(records) if _nonempty(rec)]
        widths = Counter(len(records[i]) for i in self.nonblank)
        self.width = max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0] if widths else 0
        counts = [_nonempty(records[i]) for i in self.nonblank]
        position = header_index(counts, self.width) if counts else 0
        self.header_record = self.nonblank[position] if self.nonblank else 0
        body = [len(records[i]) for i in self.nonblank[position:]]
        self.consistency = sum(1 for w in body if w == self.width) / len(body) if body else 0.0
        self.skipped = position
        self.records = records

    def score(self, hint: str | None) -> tuple:
        return (
            self.width >= 2,
            round(self.consistency, 1),
            self.delimiter == hint,
            -self.skipped,
            self.width,
        )


def _sample(text: str) -> tuple[str, bool]:
    """The first ~256 KiB, ending at a line end so that a long header line is never cut."""
    cut = text.find("\n", _SAMPLE_CHARS)
    if cut < 0 or cut + 1 >= len(text):
        return text, False
    return text[: cut + 1], True


def _sniff(text: str, hint: str | None) -> _Layout:
    sample, truncated = _sample(text)
    layout = _sniff_sample(sample, truncated, hint, text)
    assert layout is not None  # the whole text was given
    return layout


def _sniff_sample(sample: str, truncated: bool, hint: str | None, text: str | None) -> _Layout | None:
    """The layout from the sample; None when the header must be read from the whole `text` and that was
    not given (a first record longer than the sample)."""
    layouts = []
    for delimiter in DELIMITERS:
        records = list(_reader(sample, delimiter))
        complete = sample
        if truncated and len(records) > 1:
            records.pop()  # may end inside a cell the sample cut in two
        elif truncated:
            if text is None:
                return None
            complete = text  # one record longer than the sample: read the header from the whole text
        layouts.append(_Layout(delimiter, records, complete))
    best = max(layouts, key=lambda layout: layout.score(hint))
    if best.width < 2:  # one column: no delimiter to find, report the expected one
        return next(layout for layout in layouts if layout.delimiter == (hint or ","))
    return best


def _decimal_mark(layout: _Layout) -> str:
    """Decimal comma when numeric-looking cells use it: European Excel saves `;` files with `1234,5`.

    Only semicolon files qualify: in tab or pipe files `08,09` is more often a list than a number.
    """
    if layout.delimiter != ";":
        return "."
    commas = points = 0
    for rec in layout.records[layout.header_record + 1 :]:
        for cell in rec:
            value = _NUMBER_DECORATION.sub("", cell)
            if _DECIMAL_COMMA.match(value):
                commas += 1
            elif _DECIMAL_POINT.match(value):
                points += 1
    return "," if commas > points else "."


def _line_offset(text: str, lines: int) -> int:
    """Character offset just after the first `lines` physical lines (\\n, \\r\\n or \\r endings)."""
    offset = 0
    for i, line in enumerate(io.StringIO(text, newline="")):
        if i >= lines:
            break
        offset += len(line)
    return offset


def read_delimited(
    text: str,
    file_name: str,
    encoding: str,
    *,
    delimiter_hint: str | None = None,
    raw: bytes | None = None,
) -> RawTable:
    """Parse CSV/TSV/TXT text: polars for speed, the csv module when polars refuses the file's quirks.

    `raw`, when given, is exactly `text` encoded as UTF-8 (the file's own bytes): polars parses it in place
    of a re-encoded copy of the body, which for a 200 MB export saves two copies and a second of encoding.
    """
    if not text or text.isspace():
        raise ReadError(file_name, "the file is empty")
    try:
        return _read_delimited(text, file_name, encoding, delimiter_hint, raw)
    except csv.Error as exc:  # defensive: the lenient reader raises almost nothing, but never a traceback
        raise ReadError(file_name, f"it is not a readable delimited text file ({exc})") from exc


def _read_delimited(
    text: str, file_name: str, encoding: str, delimiter_hint: str | None, raw: bytes | None
) -> RawTable:
    layout = _sniff(text, delimiter_hint)
    return _read_layout(layout, file_name, encoding, raw, lambda: text)


def read_delimited_utf8(
    raw: bytes, head: str, file_name: str, *, delimiter_hint: str | None = None
) -> RawTable | None:
    """`read_delimited` for a large plain UTF-8 file given its bytes and the text of their first part
    (`head`, at least `_SAMPLE_CHARS` characters and not the whole file), without decoding the whole file
    into a Python string (for a 200 MB export that is ~0.4 GB and half a second). The whole text is decoded
    only on the rare paths that need it. None when the result could differ from `read_delimited` on the
    whole text: the caller then reads it that way.

    Whether the bytes are valid UTF-8 is not checked up front: polars' parser checks every cell it reads
    (the body; the header lines are in `head`, already decoded) and fails on an invalid sequence, and every
    other path decodes strictly. Either way the answer is None, and the caller decodes the file with its
    fallbacks. A separate pass cost a 221 MB file ~0.2–0.4 s on one core.
    """
    if head.isspace():
        return None
    cut = head.find("\n", _SAMPLE_CHARS)
    if cut < 0:
        return None  # the sample's line end lies beyond the head
    layout = _sniff_sample(head[: cut + 1], True, delimiter_hint, None)
    if layout is None:
        return None

    text: list[str] = []

    def whole() -> str:
        if not text:
            text.append(raw.decode("utf-8"))
        return text[0]

    try:
        return _read_layout(layout, file_name, "utf-8", raw, whole)
    except UnicodeDecodeError:
        return None  # not UTF-8 after all: read_delimited on the text decode_text gives
    except csv.Error as exc:  # as read_delimited
        raise ReadError(file_name, f"it is not a readable delimited text file ({exc})") from exc


def _read_layout(
    layout: _Layout, file_name: str, encoding: str, raw: bytes | None, whole: Callable[[], str]
) -> RawTable:
    """Parse the body below the sniffed header; `whole()` gives the whole text, only where needed."""
    delimiter = layout.delimiter
    reader = _reader(layout.sample, delimiter)
    header: list[str] = []
    header_start = 1
    for _ in range(layout.header_record + 1):
        header_start = reader.line_num + 1
        header = next(reader)
    width = len(header)
    named_width = max((i + 1 for i, cell in enumerate(header) if cell.strip()), default=0)
    if named_width > MAX_COLUMNS:  # refuse before parsing; trailing empty header cells do not count
        raise ReadError(
            file_name,
            f"the header has {named_width:,} columns; Skillgrid reads at most {MAX_COLUMNS:,} columns per table",
        )
    body_start = _line_offset(layout.sample, reader.line_num)
    meta = {
        "encoding": encoding,
        "delimiter": delimiter,
        "decimal": _decimal_mark(layout),
        "header_line": str(header_start),
    }
    if raw is not None:
        # The file's own UTF-8 bytes: CR and LF are single bytes there, never part of another character.
        has_cr = raw.find(b"\r") >= 0
        fast_bytes = not (has_cr and _BARE_CR_BYTES.search(raw))
    else:
        has_cr = "\r" in whole()
        fast_bytes = False
    if fast_bytes:
        body_byte = len(layout.sample[:body_start].encode("utf-8"))
        frame = _parse_fast_bytes(raw, reader.line_num, body_byte, delimiter, width)
    else:
        frame = _parse_fast(whole()[body_start:], delimiter, width)
    if frame is not None:
        meta["parser"] = "polars"
        source_rows: Sequence[int] = range(2, frame.height + 2)
    else:
        meta["parser"] = "csv"
        frame, source_rows = _parse_careful(whole()[body_start:], delimiter, width, file_name)
    return build_table(
        file_name=file_name,
        part=None,
        headers=list(header),
        frame=frame,
        source_rows=source_rows,
        meta=meta,
        may_hold_cr=has_cr,
    )


def _positional(width: int) -> list[str]:
    return [f"c{i}" for i in range(width)]


def _parse_fast(body: str, delimiter: str, width: int) -> pl.DataFrame | None:
    """polars parses well-formed files in a fraction of the time; None means "use the careful path".

    polars yields one row per record, blank lines included, so record numbers are row index + 2. It errors
    (and we fall back) on rows longer than the header, stray or unclosed quotes, and bare-CR line ends.
    """
    if not body or body.isspace():
        return pl.DataFrame(schema=dict.fromkeys(_positional(width), pl.String))
    if _BARE_CR.search(body):
        return None
    return _polars_csv(body.encode("utf-8"), delimiter, width)


def _polars_csv(data: bytes, delimiter: str, width: int, *, skip_lines: int = 0) -> pl.DataFrame | None:
    try:
        return pl.read_csv(
            data,
            skip_lines=skip_lines,
            has_header=False,
            separator=delimiter,
            quote_char='"',
            schema=dict.fromkeys(_positional(width), pl.String),
            truncate_ragged_lines=False,
            missing_columns="insert",
            raise_if_empty=False,
        )
    except Exception:
        return None
    except BaseException as exc:  # a Rust panic surfaces as BaseException; treat it like any refusal
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return None


_NON_BLANK = re.compile(r"\S")
_BARE_CR_BYTES = re.compile(rb"\r(?!\n)")
_SCAN_BYTES = 64 * 1024


def _parse_fast_bytes(
    raw: bytes, header_lines: int, body_byte: int, delimiter: str, width: int
) -> pl.DataFrame | None:
    """`_parse_fast` on the file's own UTF-8 bytes, skipping the `header_lines` physical lines before the body
    (which starts at byte `body_byte`).

    Only for text without bare CR line ends (polars and the csv module then agree on what a line is).
    """
    if not _has_non_blank(raw, body_byte):
        return pl.DataFrame(schema=dict.fromkeys(_positional(width), pl.String))
    return _polars_csv(raw, delimiter, width, skip_lines=header_lines)


def _has_non_blank(raw: bytes, start: int) -> bool:
    """`_NON_BLANK.search(text, ...)` from byte `start` of valid UTF-8, decoding a window at a time: the
    first non-blank character is almost always the first one."""
    while start < len(raw):
        end = min(start + _SCAN_BYTES, len(raw))
        while end < len(raw) and 0x80 <= raw[end] < 0xC0:  # never cut a character in two
            end += 1
        if _NON_BLANK.search(raw[start:end].decode("utf-8")):
            return True
        start = end
    return False


def _parse_careful(body: str, delimiter: str, width: int, file_name: str) -> tuple[pl.DataFrame, list[int]]:
    """The csv module path: pads short rows, refuses long ones by row number, finds unclosed quotes."""
    rows: list[list[str | None]] = []
    source_rows: list[int] = []
    reader = _reader(body, delimiter)
    record = 1
    consumed = 0
    last_start = last_record = 0
    with _no_gc():
        for fields in reader:
            record += 1
            last_start, last_record, consumed = consumed, record, reader.line_num
            if not "".join(fields).strip():
                continue
            if len(fields) != width:
                fields = _fit(fields, width, record, file_name)
            rows.append(fields)
            source_rows.append(record)
        if last_record and _ends_inside_quotes(body, last_start, reader.line_num, delimiter):
            raise ReadError(
                file_name, f"row {last_record} opens a quoted cell that is never closed", row=last_record
            )
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
        del rows
        frame = pl.DataFrame(
            {name: list(values) for name, values in zip(_positional(width), columns, strict=True)},
            schema=dict.fromkeys(_positional(width), pl.String),
        )
    return frame, source_rows


def _fit(fields: list, width: int, record: int, file_name: str) -> list:
    """Pad a short row with nulls; trim a long one whose extra fields are empty, else refuse it."""
    if len(fields) < width:
        return fields + [None] * (width - len(fields))
    if any(cell.strip() for cell in fields[width:]):
        raise ReadError(
            file_name, f"row {record} has {len(fields)} fields, the header has {width}", row=record
        )
    return fields[:width]


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of freshly built row lists make the cyclic collector rescan the heap over and over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _ends_inside_quotes(body: str, start_line: int, end_line: int, delimiter: str) -> bool:
    """True when the last record (physical lines start_line..end_line) runs to the end inside a quoted cell.

    The lenient reader swallows everything after an unmatched opening quote into one cell; a strict re-read
    of just that record tells "unexpected end of data" apart from ordinary quoting quirks.
    """
    if end_line - start_line <= 1:
        end = len(body)
        while end and body[end - 1] in "\r\n":
            end -= 1
        tail = body[max(body.rfind("\n", 0, end), body.rfind("\r", 0, end)) + 1 :]
    else:
        tail = body[_line_offset(body, start_line) :]
    if '"' not in tail:
        return False
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, quotechar='"', strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False
