"""Turn an uploaded file (bytes + its name) into text tables; no meaning is read into the cells here.

`read_file` decides by content (magic bytes, then what the text looks like) and only then by extension,
because uploads are often misnamed: a CSV saved as .xls, a workbook renamed .csv, JSON saved as .txt.
"""

from __future__ import annotations

import json

from etl.readers.errors import RawTable, ReadError
from etl.readers.excel import OLE2_MAGIC, ZIP_MAGIC, check_zip_workbook, named_excel, read_workbook, refusal
from etl.readers.jsonish import JSON_EXTENSIONS, looks_like_jwt, might_be_jwt, read_json, read_jwt
from etl.readers.text import MAX_COLUMNS, decode_text, plain_utf8_head, read_delimited, read_delimited_utf8

__all__ = ["MAX_COLUMNS", "RawTable", "ReadError", "read_file"]

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_DELIMITED_EXTENSIONS = (".csv", ".tsv", ".tab", ".txt", ".dat")
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"{\\rtf", "an RTF document"),
)


def read_file(data: bytes, file_name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[RawTable]:
    """Dispatch on content (magic bytes) first, extension second. Raises ReadError for unreadable files."""
    if len(data) > max_bytes:
        raise ReadError(file_name, f"it is {_size(len(data))}; the upload limit is {_size(max_bytes)}")
    if not data:
        raise ReadError(file_name, "the file is empty")
    if data.startswith(ZIP_MAGIC):
        return read_workbook(data, file_name, check_zip_workbook(data, file_name))
    if data.startswith(OLE2_MAGIC):
        return read_workbook(data, file_name, "xls")
    looks_like = _binary_kind(data)
    if looks_like:
        raise refusal(file_name, looks_like)
    if named_excel(file_name):
        raise _misnamed_workbook(data, file_name)
    head = plain_utf8_head(data)
    if head is not None and _delimited_by_head(head, file_name):
        table = read_delimited_utf8(data, head, file_name, delimiter_hint=_delimiter_hint(file_name))
        if table is not None:
            return [table]
    text, encoding = decode_text(data, file_name)
    # Plain UTF-8 bytes are the text's own encoding: the CSV parser can take them without a re-encoded copy.
    return [_read_text(text, file_name, encoding, raw=data if encoding == "utf-8" else None)]


def _delimited_by_head(head: str, file_name: str) -> bool:
    """True when `_read_text` would hand the text to `read_delimited`, decided from its head alone."""
    lowered = file_name.lower()
    start = head[:4096].lstrip()
    if _markup_kind(start) or lowered.endswith((".jwt", *JSON_EXTENSIONS)) or might_be_jwt(head):
        return False
    return start[:1] not in ("{", "[")


def _delimiter_hint(file_name: str) -> str | None:
    return "\t" if file_name.lower().endswith((".tsv", ".tab")) else None


def _misnamed_workbook(data: bytes, file_name: str) -> ReadError:
    try:
        head, _ = decode_text(data[:8192], file_name)
    except ReadError:
        return refusal(file_name, "a binary file")
    return refusal(file_name, _markup_kind(head.lstrip()) or "a text file")


def _size(n: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:,.1f} {unit}".replace(".0 ", " ")
    return f"{n:,} bytes"


def _binary_kind(data: bytes) -> str | None:
    for magic, what in _BINARY_SIGNATURES:
        if data.startswith(magic):
            return what
    if data[8:12] == b"DUCK":
        return "a DuckDB database"
    if data.startswith(b"MZ") and b"\x00" in data[:1024]:
        return "a Windows program"
    return None


def _read_text(text: str, file_name: str, encoding: str, *, raw: bytes | None = None) -> RawTable:
    lowered = file_name.lower()
    head = text[:4096].lstrip()  # a prefix only: uploads can be hundreds of megabytes
    start = head[:1]
    markup = _markup_kind(head)
    if markup:
        raise refusal(file_name, markup)
    if lowered.endswith(".jwt") or looks_like_jwt(text):
        return read_jwt(text, file_name, encoding)
    if lowered.endswith(JSON_EXTENSIONS) and (start in ("{", "[", "/") or _is_strict_json(text)):
        return read_json(text, file_name, encoding)
    if start in ("{", "["):
        if not lowered.endswith(_DELIMITED_EXTENSIONS):
            return read_json(text, file_name, encoding)
        try:
            return read_json(text, file_name, encoding)
        except ReadError:
            pass  # named as a delimited file and not JSON after all: read it as one
    return read_delimited(text, file_name, encoding, delimiter_hint=_delimiter_hint(file_name), raw=raw)


def _is_strict_json(text: str) -> bool:
    """A .json file that starts like neither object nor array: JSON scalar, or a misnamed CSV?"""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _markup_kind(head: str) -> str | None:
    head = head.lower()
    if not head.startswith("<"):
        return None
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "an Excel 2003 XML spreadsheet; open it in Excel and save it as .xlsx"
    if head.startswith(("<!doctype html", "<html")) or "<table" in head:
        return "an HTML page"
    return "an XML document"
