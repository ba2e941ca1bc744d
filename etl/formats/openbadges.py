"""Open Badges and their Verifiable Credential successors, one learning row per awarded credential.

Shapes read, in any mix within one file (an object, an array, or a wrapper around an array):
- Open Badges 2.0 Assertions with the BadgeClass embedded, or linked by IRI to a BadgeClass elsewhere in
  the same file (Skillgrid never fetches URLs: a badge linked to nothing in the file keeps its IRI as name);
- Open Badges 3.0 OpenBadgeCredential / AchievementCredential in the VC 1.1 shape (issuanceDate,
  expirationDate) or the VC 2.0 shape (validFrom, validUntil), also as a compact JWT (`vc` claim or the
  payload itself), with `iss`/`nbf`/`exp`/`jti`/`sub` claims filling what the credential leaves out;
- CLR 2.0 ClrCredential: each credential in `credentialSubject.verifiableCredential[]` is one record, and
  inherits the CLR's recipient and issuer when it names none.

Recipients are often hashed (`sha256$<hex>` of email + salt, or md5, salt optional). A hash cannot be
reversed, so such a row keeps `Recipient Hash`/`Recipient Salt` and no email, and only the roster can
name it: `resolve_hashed_recipients` fills the email where hashing a roster email gives the identity.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator

import polars as pl

from etl.formats.base import SourceFormat
from etl.formats.reshape import (
    as_list,
    dig,
    documents_of,
    first,
    from_records,
    is_prepared,
    skills_cell,
    text,
)
from etl.formats.vocab import credential_program_type, map_status
from etl.readers import RawTable

FORMAT_NAME = "openbadges_json"
EMAIL_COLUMN = "Recipient Email"
HASH_COLUMN = "Recipient Hash"
SALT_COLUMN = "Recipient Salt"
TYPE_COLUMN = "Recipient Type"
COLUMNS = (
    "Badge Name",
    "Issued By",
    EMAIL_COLUMN,
    "Recipient ID",
    HASH_COLUMN,
    SALT_COLUMN,
    TYPE_COLUMN,
    "Start Date",
    "Issued On",
    "Expires",
    "Status",
    "Credential ID",
    "Credential URL",
    "Skills",
    "Program Type",
)
HASH_ALGORITHMS = {"sha256": hashlib.sha256, "md5": hashlib.md5}
_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_CREDENTIAL_TYPES = {"openbadgecredential", "achievementcredential", "verifiablecredential"}
_EMAIL_TYPES = {"email", "emailaddress"}


# ---------------------------------------------------------------------------------------------------------
# Shapes


def _types(obj: dict) -> set[str]:
    return {str(t).lower() for t in as_list(obj.get("type") or obj.get("@type"))}


def decode_jwt(token: str) -> dict | None:
    """The credential inside a compact JWT, or None when the text is not one (the signature is not checked:
    Skillgrid reports what was awarded, it does not verify it)."""
    token = token.strip()
    if not _JWT.match(token):
        return None
    try:
        header = json.loads(_b64url(token.split(".")[0]))
        payload = json.loads(_b64url(token.split(".")[1]))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(header, dict) or "alg" not in header or not isinstance(payload, dict):
        return None
    credential = dict(payload["vc"]) if isinstance(payload.get("vc"), dict) else dict(payload)
    # VC-JWT 1.1 moves these into registered claims; put them back where the credential reader looks.
    if not credential.get("issuer") and payload.get("iss"):
        credential["issuer"] = payload["iss"]
    if not first(credential.get("validFrom"), credential.get("issuanceDate")) and payload.get("nbf"):
        credential["issuanceDate"] = _epoch_date(payload["nbf"])
    if not first(credential.get("validUntil"), credential.get("expirationDate")) and payload.get("exp"):
        credential["expirationDate"] = _epoch_date(payload["exp"])
    if not credential.get("id") and payload.get("jti"):
        credential["id"] = payload["jti"]
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict) and not subject.get("id") and payload.get("sub"):
        credential["credentialSubject"] = {**subject, "id": payload["sub"]}
    return credential


def _b64url(part: str) -> str:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8")


def _epoch_date(value: object) -> str | None:
    try:
        return dt.datetime.fromtimestamp(float(value), tz=dt.UTC).date().isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _expand(value: object) -> object:
    """A JWT string becomes the credential it carries; anything else is returned as is."""
    if isinstance(value, str):
        decoded = decode_jwt(value)
        return decoded if decoded is not None else value
    return value


def _is_assertion(obj: dict) -> bool:
    return "assertion" in _types(obj) or ("recipient" in obj and "badge" in obj)


def _is_clr(obj: dict) -> bool:
    return "clrcredential" in _types(obj)


def _is_credential(obj: dict) -> bool:
    return bool(_types(obj) & _CREDENTIAL_TYPES) and isinstance(obj.get("credentialSubject"), dict)


def _objects(doc: object) -> Iterator[dict]:
    """Every top-level object of a document: itself, JWT strings decoded, and wrapper arrays opened."""
    doc = _expand(doc)
    if isinstance(doc, list):
        for item in doc:
            yield from _objects(item)
        return
    if not isinstance(doc, dict):
        return
    if _is_assertion(doc) or _is_credential(doc) or _types(doc) & {"badgeclass", "issuer", "profile"}:
        yield doc
        return
    # A wrapper: {"credential": "<jwt>"}, {"assertions": [...], "badgeClasses": [...]}, …
    for value in doc.values():
        if isinstance(value, list | dict | str):
            yield from _objects(value)


def _awards(docs: Iterable[object]) -> Iterator[tuple[int, dict, dict | None]]:
    """(document index, award, enclosing CLR) for every assertion or credential, CLRs opened."""
    for index, doc in enumerate(docs):
        for obj in _objects(doc):
            if _is_clr(obj):
                inner = as_list(dig(obj, "credentialSubject", "verifiableCredential"))
                for item in inner:
                    item = _expand(item)
                    if isinstance(item, dict):
                        yield index, item, obj
            elif _is_assertion(obj) or _is_credential(obj):
                yield index, obj, None


def _directory(docs: Iterable[object]) -> dict[str, dict]:
    """BadgeClasses and issuer profiles found anywhere in the file, by id, so linked IRIs resolve."""
    found: dict[str, dict] = {}

    def walk(value: object) -> None:
        value = _expand(value)
        if isinstance(value, dict):
            if value.get("id") and _types(value) & {"badgeclass", "issuer", "profile", "achievement"}:
                found.setdefault(str(value["id"]), value)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for doc in docs:
        walk(doc)
    return found


_CONTEXTS = ("w3id.org/openbadges", "purl.imsglobal.org/spec/ob", "purl.imsglobal.org/spec/clr")


def _looks_like_open_badges(table: RawTable) -> bool:
    """Any award, or any Open Badges document at all: a lone BadgeClass or Issuer profile is then refused
    as holding no awards rather than read as some other kind of table."""
    docs = documents_of(table)
    if any(True for _ in _awards(docs)):
        return True
    return any(any(c in str(d.get("@context", "")) for c in _CONTEXTS) for d in docs)


# ---------------------------------------------------------------------------------------------------------
# One row per award


def _named(value: object, directory: dict[str, dict]) -> dict | None:
    """An embedded object, or the object a linked IRI names elsewhere in the file."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return directory.get(value)
    return None


def _issuer_name(value: object, directory: dict[str, dict]) -> object:
    issuer = _named(value, directory)
    return issuer.get("name") if issuer else None


def _alignment_names(obj: dict | None) -> list[object]:
    if not obj:
        return []
    return [a.get("targetName") for a in as_list(obj.get("alignment")) if isinstance(a, dict)]


def _recipient(identity: object, hashed: object, salt: object, kind: object) -> dict[str, object]:
    """Identity columns: plain email, plain other id, or the hash and its salt for the roster to resolve."""
    value = text(identity)
    kind_text = (text(kind) or "email").lower()
    if value is None:
        return {}
    # `hashed` may be left out; then only a value written `<algorithm>$<hex>` counts as a hash.
    is_hashed = hashed is True or str(hashed).lower() == "true"
    if hashed is None and "$" in value:
        is_hashed = _parse_hash(value) is not None
    if is_hashed:
        return {HASH_COLUMN: value, SALT_COLUMN: text(salt), TYPE_COLUMN: kind_text}
    if value.lower().startswith("mailto:"):
        return {EMAIL_COLUMN: value[len("mailto:") :], TYPE_COLUMN: "email"}
    if kind_text in _EMAIL_TYPES or (kind_text == "email" and "@" in value):
        return {EMAIL_COLUMN: value, TYPE_COLUMN: "email"}
    return {"Recipient ID": value, TYPE_COLUMN: kind_text}


def _subject_identity(subject: object) -> dict[str, object]:
    """OB 3.0 subject: the first email identifier (plain or hashed), else another identifier, else `id`."""
    if not isinstance(subject, dict):
        return {}
    identifiers = [i for i in as_list(subject.get("identifier")) if isinstance(i, dict)]
    emails = [i for i in identifiers if str(i.get("identityType", "")).lower() in _EMAIL_TYPES]
    for ident in emails or identifiers:
        found = _recipient(
            ident.get("identityHash"), ident.get("hashed"), ident.get("salt"), ident.get("identityType")
        )
        if found:
            return found
    subject_id = text(subject.get("id"))
    if subject_id and subject_id.lower().startswith("mailto:"):
        return _recipient(subject_id, False, None, "email")
    return {}


def _revoked(obj: dict) -> bool:
    """OB 2.0 `revoked: true`, or a credentialStatus that says revoked (status lists are never fetched)."""
    if obj.get("revoked") is True or str(obj.get("revoked")).lower() == "true":
        return True
    for status in as_list(obj.get("credentialStatus")):
        if not isinstance(status, dict):
            continue
        if status.get("revoked") is True or str(status.get("revoked")).lower() == "true":
            return True
        if map_status(text(first(status.get("status"), status.get("statusValue")))) == "revoked":
            return True
    return False


def _url(value: object) -> str | None:
    found = text(value)
    return found if found and found.lower().startswith(("http://", "https://")) else None


def _assertion_row(obj: dict, directory: dict[str, dict]) -> dict[str, object]:
    badge = _named(obj.get("badge"), directory)
    name = first(
        badge.get("name") if badge else None, obj.get("badge") if isinstance(obj.get("badge"), str) else None
    )
    recipient = obj.get("recipient") if isinstance(obj.get("recipient"), dict) else {}
    return {
        "Badge Name": name,
        "Issued By": _issuer_name(badge.get("issuer") if badge else None, directory),
        **_recipient(
            recipient.get("identity"), recipient.get("hashed"), recipient.get("salt"), recipient.get("type")
        ),
        "Issued On": obj.get("issuedOn"),
        "Expires": obj.get("expires"),
        "Status": "revoked" if _revoked(obj) else "completed",
        "Credential ID": obj.get("id"),
        "Credential URL": _url(obj.get("id")),
        "Skills": skills_cell(_alignment_names(badge)),
        "Program Type": credential_program_type(text(name)),
    }


def _credential_row(obj: dict, clr: dict | None, directory: dict[str, dict]) -> dict[str, object]:
    subject = obj.get("credentialSubject") if isinstance(obj.get("credentialSubject"), dict) else {}
    achievement = _named(subject.get("achievement"), directory) or {}
    name = first(achievement.get("name"), obj.get("name"))
    identity = _subject_identity(subject) or (_subject_identity(clr.get("credentialSubject")) if clr else {})
    issuer = first(
        _issuer_name(obj.get("issuer"), directory), _issuer_name(achievement.get("creator"), directory)
    )
    if issuer is None and clr is not None:
        issuer = _issuer_name(clr.get("issuer"), directory)
    return {
        "Badge Name": name,
        "Issued By": issuer,
        **identity,
        "Start Date": subject.get("activityStartDate"),
        "Issued On": first(obj.get("validFrom"), obj.get("issuanceDate"), obj.get("awardedDate")),
        "Expires": first(obj.get("validUntil"), obj.get("expirationDate"), obj.get("expires")),
        "Status": "revoked" if _revoked(obj) else "completed",
        "Credential ID": obj.get("id"),
        "Credential URL": _url(obj.get("id")),
        "Skills": skills_cell(_alignment_names(achievement)),
        "Program Type": credential_program_type(text(name), text(achievement.get("achievementType"))),
    }


def explode_awards(table: RawTable) -> RawTable:
    """One row per assertion or credential in the file's JSON documents."""
    if is_prepared(table):
        return table
    docs = list(table.documents or [])
    directory = _directory(docs)
    rows, source_rows = [], []
    for index, award, clr in _awards(docs):
        row = (
            _assertion_row(award, directory)
            if _is_assertion(award)
            else _credential_row(award, clr, directory)
        )
        rows.append(row)
        source_rows.append(table.source_rows[index] if index < len(table.source_rows) else index + 1)
    return from_records(table, rows, source_rows, prepared_by=FORMAT_NAME, columns=COLUMNS)


# ---------------------------------------------------------------------------------------------------------
# Hashed recipients


def _parse_hash(identity: str) -> tuple[str, str] | None:
    """('sha256', hex) from `sha256$hex`; a bare hex digest is read by its length (64 sha256, 32 md5)."""
    algo, sep, digest = identity.strip().partition("$")
    if sep and algo.lower() in HASH_ALGORITHMS and re.fullmatch(r"[0-9a-fA-F]+", digest):
        return algo.lower(), digest.lower()
    bare = identity.strip()
    if re.fullmatch(r"[0-9a-fA-F]{64}", bare):
        return "sha256", bare.lower()
    if re.fullmatch(r"[0-9a-fA-F]{32}", bare):
        return "md5", bare.lower()
    return None


def hash_identity(email: str, salt: str | None, algorithm: str = "sha256") -> str:
    """The Open Badges identity hash of an email: `<algorithm>$hex(<algorithm>(email + salt))`."""
    digest = HASH_ALGORITHMS[algorithm]((email + (salt or "")).encode("utf-8")).hexdigest()
    return f"{algorithm}${digest}"


def resolve_hashed_recipients(frame: pl.DataFrame, emails: list[str]) -> pl.DataFrame:
    """Fill `Recipient Email` where hashing a roster email (trimmed, lower-cased) with the row's salt gives
    the row's `Recipient Hash`. Rows that match no email, or more than one, keep an empty email."""
    if HASH_COLUMN not in frame.columns:
        return frame
    roster = sorted({e.strip().lower() for e in emails if e and e.strip()})
    hashes = frame[HASH_COLUMN].to_list()
    salts = frame[SALT_COLUMN].to_list() if SALT_COLUMN in frame.columns else [None] * frame.height
    kinds = frame[TYPE_COLUMN].to_list() if TYPE_COLUMN in frame.columns else [None] * frame.height
    current = frame[EMAIL_COLUMN].to_list() if EMAIL_COLUMN in frame.columns else [None] * frame.height
    tables: dict[tuple[str, str | None], dict[str, list[str]]] = {}
    filled = []
    for identity, salt, kind, email in zip(hashes, salts, kinds, current, strict=True):
        parsed = _parse_hash(identity) if identity else None
        if email or parsed is None or (kind or "email").lower() not in _EMAIL_TYPES:
            filled.append(email)
            continue
        algorithm, digest = parsed
        key = (algorithm, salt)
        if key not in tables:
            lookup: dict[str, list[str]] = {}
            for candidate in roster:
                lookup.setdefault(hash_identity(candidate, salt, algorithm).split("$", 1)[1], []).append(
                    candidate
                )
            tables[key] = lookup
        matches = tables[key].get(digest, [])
        filled.append(matches[0] if len(matches) == 1 else None)
    return frame.with_columns(pl.Series(EMAIL_COLUMN, filled, dtype=pl.String))


def resolve_table_recipients(table: RawTable, fmt: SourceFormat, emails: list[str]) -> RawTable:
    """The loader's hook: for an Open Badges table, prepare it and fill hashed recipients from the roster.

    Returns the table unchanged for any other format. The result is already prepared, so staging's own
    `prepare` call leaves it as it is.
    """
    if fmt.name != FORMAT_NAME:
        return table
    prepared = explode_awards(table)
    frame = resolve_hashed_recipients(prepared.frame, emails)
    return RawTable(
        file_name=prepared.file_name,
        part=prepared.part,
        columns=prepared.columns,
        frame=frame,
        source_rows=prepared.source_rows,
        meta=prepared.meta,
        documents=None,
    )


OPEN_BADGES = SourceFormat(
    name=FORMAT_NAME,
    kind="learning",
    label="Open Badges 2.0 assertions, Open Badges 3.0 / CLR 2.0 credentials (JSON or JWT)",
    columns={
        "program_name": ("badge name",),
        "provider": ("issued by",),
        "email": (EMAIL_COLUMN.lower(),),
        "external_id": ("recipient id",),
        "started_on": ("start date",),
        "completed_on": ("issued on",),
        "expires_on": ("expires",),
        "status": ("status",),
        "record_id": ("credential id",),
        "credential_url": ("credential url",),
        "skills": ("skills",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "micro_credential"},
    record_namespace="openbadges",
    prepare=explode_awards,
    matches_document=_looks_like_open_badges,
    resolve_identities=lambda table, emails: resolve_table_recipients(table, OPEN_BADGES, emails),
)
