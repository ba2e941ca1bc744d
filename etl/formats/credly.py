"""Credly exports: the organisation analytics CSV and the bulk-issue CSV template."""

from __future__ import annotations

import polars as pl

from etl.formats.base import SourceFormat
from etl.readers import RawTable


def combine_name_parts(table: RawTable, parts: tuple[str, ...], target: str = "Full Name") -> RawTable:
    """Add one name column from first/middle/last parts, so learning rows keep who the file named."""
    present = [c for c in table.columns if c.strip().lower() in parts]
    if not present or target in table.columns:
        return table
    ordered = sorted(present, key=lambda c: parts.index(c.strip().lower()))
    full = pl.concat_str([pl.col(c).fill_null("") for c in ordered], separator=" ").str.replace_all(
        r"\s+", " "
    ).str.strip_chars()
    frame = table.frame.with_columns(pl.when(full == "").then(None).otherwise(full).alias(target))
    return RawTable(
        file_name=table.file_name,
        part=table.part,
        columns=[*table.columns, target],
        frame=frame,
        source_rows=table.source_rows,
        meta=table.meta,
        documents=table.documents,
    )


def _analytics_names(table: RawTable) -> RawTable:
    return combine_name_parts(
        table, ("issued to first name", "issued to middle name", "issued to last name")
    )


def _bulk_names(table: RawTable) -> RawTable:
    return combine_name_parts(table, ("first name", "last name"))


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
    },
    defaults={"program_type": "micro_credential"},
    record_namespace="credly",
    prepare=_analytics_names,
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
    },
    defaults={"program_type": "micro_credential", "status": "completed", "provider": "Credly"},
    prepare=_bulk_names,
)
