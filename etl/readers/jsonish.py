"""JSON, JSON Lines and compact JWTs: find the records in the document and flatten them to text columns.

Parsing is strict first; only when that fails, a tolerant pass that accepts what hand-edited and published
examples contain (trailing commas, raw newlines or tabs inside strings, // and /* */ comments), then JSON
Lines. If none parses, the error names the line and column of the strict parser's complaint.

Nested objects become dotted columns (`work.department.name`); arrays of scalars are joined with " | ";
arrays of objects stay JSON text, and vendor adapters read the original objects from `documents`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from typing import Any

import polars as pl

from etl.readers.errors import RawTable, ReadError
from etl.readers.text import build_table

# Envelope keys that hold the records, in the order they are tried.
RECORD_KEYS = (
    "Report_Entry",
    "value",
    "data",
    "elements",
    "results",
    "items",
    "records",
    "employees",
    "credentials",
)
# Keys that may sit beside the records in a page envelope (paging, OData and API status fields).
_ENVELOPE_KEYS = {
    "metadata",
    "meta",
    "paging",
    "pagination",
    "links",
    "_links",
    "total",
    "count",
    "page",
    "per_page",
    "next",
    "previous",
    "next_page_url",
    "status",
    "success",
    "message",
    "errors",
    "__next",
    "__count",
    "odata.metadata",
    "@odata.context",
    "@odata.nextLink",
    "@odata.count",
    "odata.count",
    "odata.nextLink",
}
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_COMMENTS = re.compile(_STRING + r"|//[^\n\r]*|/\*.*?\*/", re.S)
_TRAILING_COMMA = re.compile(_STRING + r"|,(\s*[}\]])", re.S)
_CONTROL = re.compile(r"[\x00-\x1f]")
_JWT = re.compile(r"^[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*$")
JSON_EXTENSIONS = (".json", ".jsonl", ".ndjson", ".geojson", ".jsonld")


# ---------------------------------------------------------------------------------------------------------
# Parsing


def parse_json(text: str, file_name: str) -> tuple[Any, str]:
    """The document and how it was parsed ("strict", "tolerant" or "ndjson")."""
    try:
        return json.loads(text), "strict"
    except json.JSONDecodeError as exc:
        original = exc
    except RecursionError as exc:
        raise ReadError(file_name, "its JSON is nested too deeply to read") from exc
    try:
        return json.loads(_tolerant(text)), "tolerant"
    except (json.JSONDecodeError, RecursionError):
        pass
    lines = _json_lines(text)
    if lines is not None:
        return lines, "ndjson"
    raise ReadError(
        file_name,
        f"it is not valid JSON: {original.msg} at line {original.lineno}, column {original.colno}",
        row=original.lineno,
    )


def _tolerant(text: str) -> str:
    """Drop comments and trailing commas, and escape raw control characters inside strings."""

    def strings_and_comments(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith('"'):
            return _CONTROL.sub(lambda c: f"\\u{ord(c.group(0)):04x}", token)
        return " "

    def strings_and_commas(match: re.Match[str]) -> str:
        return match.group(1) if match.group(1) is not None else match.group(0)

    return _TRAILING_COMMA.sub(strings_and_commas, _COMMENTS.sub(strings_and_comments, text))


def _json_lines(text: str) -> list[Any] | None:
    """JSON Lines: every non-blank line one JSON value (at least two lines, or it would have parsed)."""
    values = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            values.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError):
            try:
                values.append(json.loads(_tolerant(line)))
            except (json.JSONDecodeError, RecursionError):
                return None
    return values if len(values) >= 2 else None


# ---------------------------------------------------------------------------------------------------------
# Compact JWTs


def might_be_jwt(text: str) -> bool:
    """The cheap first test of `jwt_tokens`: is the first line a compact JWT? Needs only `text[:8192]`."""
    first = text[:8192].lstrip().partition("\n")[0].strip()
    return bool(_JWT.match(first))


def jwt_tokens(text: str) -> list[str] | None:
    """The tokens when the whole text is compact JWTs, one per line; otherwise None."""
    if not might_be_jwt(text):
        return None  # cheap refusal before splitting a large file into lines
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not all(_JWT.match(line) for line in lines):
        return None
    return lines


def looks_like_jwt(text: str) -> bool:
    """Only claim a text file when its first token's header really is base64url JSON with an "alg"."""
    tokens = jwt_tokens(text)
    if not tokens:
        return False
    header = _b64_json(tokens[0].split(".")[0])
    return isinstance(header, dict) and "alg" in header


def _b64_json(segment: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return None


def read_jwt(text: str, file_name: str, encoding: str) -> RawTable:
    """Decode each token's payload (signatures are NOT checked); a `vc` claim is the credential itself."""
    tokens = jwt_tokens(text)
    if not tokens:
        raise ReadError(file_name, "it is not a compact JWT (expected header.payload.signature in base64url)")
    records: list[Any] = []
    from_vc = 0
    for number, token in enumerate(tokens, start=1):
        header_part, payload_part, _ = token.split(".")
        where, row = (f"token {number}", number) if len(tokens) > 1 else ("the token", None)
        if not isinstance(_b64_json(header_part), dict):
            raise ReadError(
                file_name, f"{where} is not a valid JWT: its header is not base64url-encoded JSON", row=row
            )
        payload = _b64_json(payload_part)
        if not isinstance(payload, dict):
            raise ReadError(
                file_name,
                f"{where} is not a valid JWT: its payload is not a base64url-encoded JSON object",
                row=row,
            )
        if isinstance(payload.get("vc"), dict):
            payload = _credential_from_vc(payload)
            from_vc += 1
        records.append(payload)
    meta = {"encoding": encoding, "json": "jwt", "jwt": "unverified"}
    return records_table(records, file_name, "vc" if from_vc == len(records) else None, meta)


def _credential_from_vc(payload: dict) -> dict:
    """The `vc` claim, with what VC-JWT 1.1 moves into registered claims put back where the credential lacks
    it: `jti` -> id, `iss` -> issuer, `nbf` -> issued, `exp` -> expiry, `sub` -> credentialSubject.id.
    Without `jti` a VC 1.1 JWT would have no id, so its record could not be recognised when loaded again."""
    credential = dict(payload["vc"])
    context = credential.get("@context")
    v2 = "https://www.w3.org/ns/credentials/v2" in (context if isinstance(context, list | str) else [])
    issued, expires = ("validFrom", "validUntil") if v2 else ("issuanceDate", "expirationDate")
    for claim, key, present in (
        ("jti", "id", ("id",)),
        ("iss", "issuer", ("issuer",)),
        ("nbf", issued, ("validFrom", "issuanceDate")),
        ("exp", expires, ("validUntil", "expirationDate")),
    ):
        if payload.get(claim) not in (None, "") and all(credential.get(k) in (None, "") for k in present):
            credential[key] = _numeric_date(payload[claim]) if claim in ("nbf", "exp") else payload[claim]
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict) and subject.get("id") in (None, "") and payload.get("sub") not in (None, ""):
        credential["credentialSubject"] = {**subject, "id": payload["sub"]}
    return credential


def _numeric_date(value: Any) -> Any:
    """A JWT NumericDate (seconds since the epoch) as ISO 8601 UTC; anything else as given."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    try:
        return dt.datetime.fromtimestamp(value, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return value


# ---------------------------------------------------------------------------------------------------------
# Records


def read_json(text: str, file_name: str, encoding: str) -> RawTable:
    document, mode = parse_json(text, file_name)
    records, part = find_records(document, file_name)
    return records_table(records, file_name, part, {"encoding": encoding, "json": mode})


def find_records(document: Any, file_name: str) -> tuple[list[Any], str | None]:
    """Where the records are: a top-level array, a known envelope key, pages of envelopes, or one object."""
    if isinstance(document, list):
        pages = _pages(document)
        if pages is not None:
            return pages
        return document, None
    if isinstance(document, dict):
        found = _envelope(document)
        if found is not None:
            return found
        return [document], None
    raise ReadError(file_name, "its JSON holds a single value, not records")


def _envelope(document: dict) -> tuple[list[Any], str] | None:
    d = document.get("d")
    if isinstance(d, dict) and isinstance(d.get("results"), list):
        return d["results"], "d.results"
    if isinstance(d, list):
        return d, "d"
    for key in RECORD_KEYS:
        value = document.get(key)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            return value, key
        if value == [] and set(document) - {key} <= _ENVELOPE_KEYS:
            return value, key
        if key == "data" and isinstance(value, dict) and set(document) <= _ENVELOPE_KEYS | {"data"}:
            return [value], key
    return None


def _pages(document: list) -> tuple[list[Any], str] | None:
    """Several API pages saved as one array: [{data: [...], metadata: {...}}, ...] -> all their records."""
    if not document or not all(isinstance(page, dict) for page in document):
        return None
    keys = set()
    for page in document:
        found = _envelope(page)
        if found is None or not set(page) - {found[1].split(".")[0]} <= _ENVELOPE_KEYS:
            return None
        keys.add(found[1])
    if len(keys) != 1:
        return None
    key = keys.pop()
    records = [record for page in document for record in _envelope(page)[0]]  # type: ignore[index]
    return records, f"[*].{key}"


def records_table(records: list[Any], file_name: str, part: str | None, meta: dict[str, str]) -> RawTable:
    """Flatten records (in order) into one String column per dotted path, in first-seen order."""
    where = f' under "{part}"' if part else ""
    if not records:
        raise ReadError(file_name, f"it holds no records (the list{where} is empty)")
    documents = [record if isinstance(record, dict) else {"value": record} for record in records]
    flat = [_flatten(document) for document in documents]
    paths: dict[str, None] = {}
    for row in flat:
        paths.update(dict.fromkeys(row))
    names = list(paths)
    if not names:
        raise ReadError(file_name, f"its records{where} have no fields")
    positional = [f"c{i}" for i in range(len(names))]
    frame = pl.DataFrame(
        {key: [row.get(path) for row in flat] for key, path in zip(positional, names, strict=True)},
        schema=dict.fromkeys(positional, pl.String),
    )
    return build_table(
        file_name=file_name,
        part=part,
        headers=list(names),
        frame=frame,
        source_rows=list(range(1, len(records) + 1)),
        meta=meta,
        documents=documents,
        drop_empty_rows=False,
    )


def _flatten(value: dict, prefix: str = "") -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key, item in value.items():
        path = f"{prefix}{key}"
        if isinstance(item, dict):
            nested = _flatten(item, f"{path}.")
            out.update(nested if nested else {path: None})
        elif isinstance(item, list):
            out[path] = _list_text(item)
        else:
            out[path] = _scalar_text(item)
    return out


def _list_text(items: list) -> str | None:
    if not items:
        return None
    if all(not isinstance(item, dict | list) for item in items):
        return " | ".join(text for item in items if (text := _scalar_text(item)) is not None)
    return json.dumps(items, ensure_ascii=False)


def _scalar_text(item: Any) -> str | None:
    if item is None:
        return None
    if isinstance(item, str):
        return item
    return json.dumps(item)
