"""Accredible wallet / API JSON: `{"credentials": [...]}`, one learning row per credential."""

from __future__ import annotations

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
from etl.formats.vocab import credential_program_type
from etl.readers import RawTable

COLUMNS = (
    "Credential Name",
    "Issued By",
    "Recipient Email",
    "Full Name",
    "Issued On",
    "Expires",
    "Status",
    "Credential ID",
    "Credential URL",
    "Skills",
    "Program Type",
)


def _is_accredible(doc: dict) -> bool:
    return isinstance(doc.get("recipient"), dict) and "issued_on" in doc and "badge" not in doc


def _looks_like_accredible(table: RawTable) -> bool:
    docs = documents_of(table)
    return bool(docs) and sum(_is_accredible(d) for d in docs) * 2 > len(docs)


def _status(doc: dict) -> str:
    """Accredible's `complete` flag; a credential without it was issued, so it counts as completed."""
    if doc.get("revoked") is True:
        return "revoked"
    complete = doc.get("complete")
    if complete is False or str(complete).lower() == "false":
        return "in progress"
    return "completed"


def _row(doc: dict) -> dict[str, object]:
    group = doc.get("group") if isinstance(doc.get("group"), dict) else {}
    name = first(doc.get("name"), group.get("course_name"), group.get("name"))
    skills = as_list(first(doc.get("skills"), group.get("skills")))
    return {
        "Credential Name": name,
        "Issued By": first(dig(doc, "issuer", "name"), group.get("issuer_name")),
        "Recipient Email": dig(doc, "recipient", "email"),
        "Full Name": dig(doc, "recipient", "name"),
        "Issued On": doc.get("issued_on"),
        "Expires": first(doc.get("expired_on"), doc.get("expires_on")),
        "Status": _status(doc),
        "Credential ID": doc.get("id"),
        "Credential URL": first(doc.get("url"), doc.get("credential_url")),
        "Skills": skills_cell(s.get("name") if isinstance(s, dict) else s for s in skills),
        "Program Type": credential_program_type(text(name)),
    }


def _explode(table: RawTable) -> RawTable:
    if is_prepared(table) or not _looks_like_accredible(table):
        return table
    pairs = [
        (d, r) for d, r in zip(table.documents or [], table.source_rows, strict=False) if _is_accredible(d)
    ]
    return from_records(
        table,
        [_row(d) for d, _ in pairs],
        [r for _, r in pairs],
        prepared_by="accredible_json",
        columns=COLUMNS,
    )


ACCREDIBLE = SourceFormat(
    name="accredible_json",
    kind="learning",
    label="Accredible credentials (wallet or API JSON)",
    columns={
        "program_name": ("credential name",),
        "provider": ("issued by",),
        "email": ("recipient email",),
        "full_name": ("full name",),
        "completed_on": ("issued on",),
        "expires_on": ("expires",),
        "status": ("status",),
        "record_id": ("credential id",),
        "credential_url": ("credential url",),
        "skills": ("skills",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "micro_credential"},
    record_namespace="accredible",
    prepare=_explode,
    matches_document=_looks_like_accredible,
)
