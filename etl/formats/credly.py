"""Credly exports: the organisation analytics CSV and the bulk-issue CSV template."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import polars as pl

from etl.formats.base import SourceFormat
from etl.formats.reshape import (
    add_program_type,
    as_list,
    column,
    dig,
    documents_of,
    first,
    from_records,
    is_prepared,
    skills_cell,
    stripped_text,
    text,
    with_columns,
)
from etl.formats.vocab import credential_program_type
from etl.readers import RawTable


def combine_name_parts(table: RawTable, parts: tuple[str, ...], target: str = "Full Name") -> RawTable:
    """Add one name column from first/middle/last parts, so learning rows keep who the file named."""
    present = [c for c in table.columns if c.strip().lower() in parts]
    if not present or target in table.columns:
        return table
    ordered = sorted(present, key=lambda c: parts.index(c.strip().lower()))
    joined = (
        table.frame.lazy()
        .select(pl.concat_str([pl.col(c).fill_null("") for c in ordered], separator=" ").alias(target))
        .collect()
        .to_series()
    )
    # Runs of blanks become one space, and the ends are stripped. Whether the joined cells can hold either is
    # told by each part's distinct values (a file repeats a few thousand first and last names over a million
    # rows), so the regex and the strip, each a pass over every joined cell, run only when they can change one.
    collapse, strip = _name_cleanup(table.frame, ordered)
    if collapse and joined.str.contains(r"\s\s|[^\S ]").any():
        joined = joined.str.replace_all(r"\s+", " ")
    if strip:
        joined = joined.str.strip_chars().replace("", None)
    frame = table.frame.with_columns(joined)
    return RawTable(
        file_name=table.file_name,
        part=table.part,
        columns=[*table.columns, target],
        frame=frame,
        source_rows=table.source_rows,
        meta=table.meta,
        documents=table.documents,
    )


# A part value that can put a run of blanks, or a blank other than a space, into a joined name; or a blank
# at one of its ends (next to the joining space, or at an end of the joined name).
_NAME_PART_BLANKS = r"\s\s|[^\S ]|^\s|\s$"


def _name_cleanup(frame: pl.DataFrame, ordered: list[str]) -> tuple[bool, bool]:
    """(collapse, strip): whether joining `ordered` with single spaces can give a cell with a run of blanks (or
    a blank other than a space), and one with a blank at an end or nothing in it.

    An empty or missing part leaves its joining spaces side by side ("Ada" + "" + "Lee" is "Ada  Lee") or at
    an end; any other run of blanks or outer blank comes from a part value itself.
    """
    gaps = False
    edged = False
    for name in ordered:
        cells = frame.get_column(name).cast(pl.String)
        distinct = cells.drop_nulls().unique()
        gaps = gaps or cells.null_count() > 0 or bool((distinct == "").any())
        edged = edged or bool(distinct.str.contains(_NAME_PART_BLANKS).any())
    return (edged or (gaps and len(ordered) > 2)), (edged or gaps)


def _typed_by_badge_name(table: RawTable, *name_columns: str) -> RawTable:
    """Badges are micro-credentials unless their name says certification or degree (vocab rule)."""
    found = column(table, *name_columns)
    if found is None:
        return table
    cells = table.frame.get_column(found).cast(pl.String)
    # A file repeats a few dozen badge names over many rows: classify each distinct cell once, read as
    # `text_series` reads a cell (stripped, blank as missing), and give every row its cell's answer.
    distinct = cells.drop_nulls().unique()
    names = stripped_text(distinct).to_list()
    typed = {
        cell: credential_program_type(name) for cell, name in zip(distinct.to_list(), names, strict=True)
    }
    types = cells.replace_strict(typed, default=None, return_dtype=pl.String)
    return add_program_type(table, types, any_told=any(typed.values()))


def _is_csv(table: RawTable) -> bool:
    """The analytics and bulk-issue layouts are spreadsheets; API JSON flattens to look-alike headers
    (`badge_template.id`, `recipient_email`, `issued_at_date`) and must go to the API layout instead."""
    return table.documents is None


def _names_and_types(table: RawTable, parts: tuple[str, ...]) -> RawTable:
    """`combine_name_parts` and `_typed_by_badge_name`, side by side: each reads only columns of the file and
    runs inside polars, which releases the GIL, so on a million rows the pair took ~0.2 s instead of ~0.3 s."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="credly-names") as pool:
        named = pool.submit(combine_name_parts, table, parts)
        typed = _typed_by_badge_name(table, "badge name")
        table = named.result()
    added = [c for c in typed.columns if c not in table.columns]
    return with_columns(table, {c: typed.frame.get_column(c) for c in added}) if added else table


def _analytics_names(table: RawTable) -> RawTable:
    return _names_and_types(table, ("issued to first name", "issued to middle name", "issued to last name"))


def _bulk_names(table: RawTable) -> RawTable:
    return _names_and_types(table, ("first name", "last name"))


CREDLY_ANALYTICS = SourceFormat(
    name="credly_analytics_csv",
    kind="learning",
    label="Credly organisation analytics export (CSV)",
    signature=("badge name", "earner badge id", "issued to email", "issued by", "issue date"),
    columns={
        "program_name": ("badge name",),
        "provider": ("issued by",),
        "external_id": ("issuer earner id",),
        "email": ("issued to email",),
        "completed_on": ("issue date",),
        "expires_on": ("expiration date", "expires at", "expiry date"),
        "record_id": ("earner badge id",),
        "credential_url": ("badge url",),
        "status": ("status",),
        "full_name": ("full name",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "micro_credential"},
    record_namespace="credly",
    prepare=_analytics_names,
    matches_document=_is_csv,
)

CREDLY_BULK_ISSUE = SourceFormat(
    name="credly_bulk_issue_csv",
    kind="learning",
    label="Credly bulk-issue CSV",
    signature=("badge template id", "recipient email", "issued at date"),
    columns={
        "program_name": ("badge template id", "badge name"),
        "email": ("recipient email",),
        "external_id": ("issuer earner id",),
        "completed_on": ("issued at date",),
        "expires_on": ("expiration date",),
        "full_name": ("full name",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "micro_credential", "status": "completed", "provider": "Credly"},
    prepare=_bulk_names,
    matches_document=_is_csv,
)


def _is_credly_badge(doc: dict) -> bool:
    return isinstance(doc.get("badge_template"), dict) and ("issued_at" in doc or "issued_at_date" in doc)


def _looks_like_credly_api(table: RawTable) -> bool:
    docs = documents_of(table)
    return bool(docs) and sum(_is_credly_badge(d) for d in docs) * 2 > len(docs)


def _issuer_name(badge: dict) -> object:
    """The issuing organisation: the primary issuer entity, else the first one, else the issuer summary."""
    entities = [e for e in as_list(dig(badge, "issuer", "entities")) if isinstance(e, dict)]
    primary = [e for e in entities if e.get("primary")] or entities
    for entity in primary:
        name = dig(entity, "entity", "name")
        if name:
            return name
    return None


def _api_badge_row(badge: dict) -> dict[str, object]:
    template = badge.get("badge_template") if isinstance(badge.get("badge_template"), dict) else {}
    user = badge.get("user") if isinstance(badge.get("user"), dict) else {}
    first_name = first(badge.get("issued_to_first_name"), user.get("first_name"))
    last_name = first(badge.get("issued_to_last_name"), user.get("last_name"))
    joined = " ".join(str(p).strip() for p in (first_name, last_name) if p)
    name = template.get("name")
    skills = [s.get("name") if isinstance(s, dict) else s for s in as_list(template.get("skills"))]
    return {
        "Badge Name": name,
        "Issued By": _issuer_name(badge),
        "Issued To Email": first(badge.get("recipient_email"), user.get("email")),
        "Issuer Earner ID": badge.get("issuer_earner_id"),
        "Full Name": first(badge.get("issued_to"), joined),
        "Issue Date": first(badge.get("issued_at_date"), badge.get("issued_at")),
        "Expiration Date": first(badge.get("expires_at_date"), badge.get("expires_at")),
        "Earner Badge ID": badge.get("id"),
        "Badge URL": first(badge.get("badge_url"), badge.get("url")),
        "Status": badge.get("state"),
        "Cost": template.get("cost"),
        "Skills": skills_cell(skills),
        "Program Type": credential_program_type(text(name), text(template.get("type_category"))),
    }


def _explode_api_badges(table: RawTable) -> RawTable:
    """One row per badge of a Credly API page, template skills joined into one `Skills` cell."""
    if is_prepared(table) or not _looks_like_credly_api(table):
        return table
    rows, source_rows = [], []
    for doc, row in zip(table.documents or [], table.source_rows, strict=False):
        if isinstance(doc, dict) and _is_credly_badge(doc):
            rows.append(_api_badge_row(doc))
            source_rows.append(row)
    return from_records(table, rows, source_rows, prepared_by="credly_api_json", columns=API_COLUMNS)


API_COLUMNS = (
    "Badge Name",
    "Issued By",
    "Issued To Email",
    "Issuer Earner ID",
    "Full Name",
    "Issue Date",
    "Expiration Date",
    "Earner Badge ID",
    "Badge URL",
    "Status",
    "Cost",
    "Skills",
    "Program Type",
)

CREDLY_API = SourceFormat(
    name="credly_api_json",
    kind="learning",
    label="Credly API badges (JSON, paged `data[]`, e.g. GET /organizations/{id}/badges)",
    columns={
        "program_name": ("badge name",),
        "provider": ("issued by",),
        "external_id": ("issuer earner id",),
        "email": ("issued to email",),
        "full_name": ("full name",),
        "completed_on": ("issue date",),
        "expires_on": ("expiration date",),
        "record_id": ("earner badge id",),
        "credential_url": ("badge url",),
        "status": ("status",),
        "cost": ("cost",),
        "skills": ("skills",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "micro_credential"},
    record_namespace="credly",
    prepare=_explode_api_badges,
    matches_document=_looks_like_credly_api,
)
