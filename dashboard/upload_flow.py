"""The upload page's logic, kept out of the page so it can be tested without a browser.

Each uploaded file gets its own options (kind, column mapping, date order, effective date). `etl.load.ingest`
takes one LoadOptions per invocation, so files are committed in as few invocations as their options allow:
all files with the same options land in one atomic batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import streamlit as st

from etl import load
from etl.load import (
    FileInput,
    IngestRefused,
    IngestResult,
    LoadOptions,
    PreparedFile,
    ingest,
    prepare_file,
)
from etl.profiles import Profile
from etl.staging import Refused

UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "xls", "xlsm", "ods", "json", "jwt"]
# The browser upload limit: .streamlit/config.toml server.maxUploadSize says the same. The loader itself (and
# so the CLI) takes files up to etl.load.MAX_UPLOAD_BYTES, which is never below this.
MAX_UPLOAD_MB = 200
MAX_UPLOAD_BYTES = min(MAX_UPLOAD_MB * 1024 * 1024, load.MAX_UPLOAD_BYTES)
KIND_CHOICES = ["auto", "roster", "learning", "roles", "catalogue"]
DATE_ORDER_CHOICES = {"detect": None, "day_first": True, "month_first": False}
DATE_ORDER_LABELS = {
    "detect": "Detect from the data",
    "day_first": "Day first (31/12/2024)",
    "month_first": "Month first (12/31/2024)",
}


@dataclass
class FileChoices:
    """What the analyst set for one file on the page; turned into LoadOptions."""

    kind: str = "auto"
    mapping: dict[str, str] = field(default_factory=dict)
    date_order: str = "detect"
    effective_date: dt.date | None = None
    format_name: str | None = None
    profile: str | None = None  # the saved profile last applied, if any
    revision: int = 0  # bumped when a profile replaces the choices, so the widgets redraw from them

    def options(self) -> LoadOptions:
        return LoadOptions(
            kind=self.kind,
            format_name=self.format_name,
            mapping=dict(self.mapping),
            day_first=DATE_ORDER_CHOICES[self.date_order],
            effective_date=self.effective_date,
        )

    def apply_profile(self, profile: Profile) -> None:
        """Take a saved profile's kind, format, mapping and date order (the effective date stays)."""
        self.kind = profile.kind
        self.format_name = profile.format_name
        self.mapping = dict(profile.mapping)
        self.date_order = date_order_of(profile.day_first)
        self.profile = profile.name
        self.revision += 1


def date_order_of(day_first: bool | None) -> str:
    """The date-order choice for LoadOptions.day_first (None = detect)."""
    return next(name for name, value in DATE_ORDER_CHOICES.items() if value is day_first)


def too_large(size: int) -> bool:
    """Whether an upload is over the limit; checked from its size before a byte of it is read."""
    return size > MAX_UPLOAD_BYTES


def oversize_message(name: str, size: int) -> str:
    """The refusal for a file over the limit, naming it."""
    mib = 1024 * 1024
    return (
        f"{name} is {size / mib:,.1f} MB; the upload limit is {MAX_UPLOAD_BYTES / mib:,.0f} MB per file. "
        "It was not read: split it, or load it with `python -m etl ingest` "
        f"(up to {load.MAX_UPLOAD_BYTES / mib:,.0f} MB)."
    )


def profile_from(name: str, choices: FileChoices, prepared: PreparedFile | None) -> Profile:
    """What "Save this mapping as a profile" stores: the analyst's kind, format, mapping and date order.

    When kind or format were left to detection, the detected ones are stored, with the full mapping the
    file was read with, so the next export of the same shape reads the same way without detection.
    """
    part = prepared.parts[0] if prepared is not None and prepared.parts else None
    detection = part.detection if part is not None else None
    kind = choices.kind
    if kind == "auto" and detection is not None:
        kind = detection.kind
    format_name = choices.format_name or (detection.format.name if detection is not None else None)
    mapping = {**(detection.mapping if detection is not None else {}), **choices.mapping}
    return Profile(
        name=name.strip(),
        kind=kind,
        format_name=format_name,
        mapping=mapping,
        day_first=DATE_ORDER_CHOICES[choices.date_order],
    )


def options_key(options: LoadOptions) -> tuple:
    """A hashable identity for LoadOptions (files with equal keys can share one ingest call)."""
    return (
        options.kind,
        options.format_name,
        tuple(sorted(options.mapping.items())),
        options.day_first,
        options.effective_date,
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def _prepare_cached(name: str, sha256: str, key: tuple, _file: FileInput) -> PreparedFile:
    kind, format_name, mapping, day_first, effective_date = key
    options = LoadOptions(
        kind=kind,
        format_name=format_name,
        mapping=dict(mapping),
        day_first=day_first,
        effective_date=effective_date,
    )
    return prepare_file(_file, options)


def prepare(file: FileInput, options: LoadOptions) -> PreparedFile:
    """prepare_file, memoised on the file's bytes and the options (a rerun does not re-read the file)."""
    return _prepare_cached(file.name, file.sha256, options_key(options), file)


def rejects_frame(prepared: PreparedFile) -> pl.DataFrame:
    """The rows staging rejected: row as the analyst sees it, column, value, reason."""
    rows = [(r.row, r.column, r.value, r.reason) for r in prepared.rejects]
    return pl.DataFrame(
        rows,
        schema={"row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String},
        orient="row",
    )


def refusal_frame(refusals: list[Refused]) -> pl.DataFrame:
    rows = [(r.file_name, r.row, r.column, r.reason) for r in refusals]
    return pl.DataFrame(
        rows,
        schema={"file": pl.String, "row": pl.Int64, "column": pl.String, "reason": pl.String},
        orient="row",
    )


@dataclass
class CommitReport:
    """What a commit did: results of each ingest call, and refusals that stopped a group."""

    results: list[IngestResult] = field(default_factory=list)
    refusals: list[Refused] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outcomes_frame(self) -> pl.DataFrame:
        rows = [
            (
                o.file_name,
                o.status,
                o.kind,
                o.source_format,
                o.load_id,
                o.rows_read,
                o.rows_loaded,
                o.rows_unchanged,
                o.rows_rejected,
                o.rows_unmatched,
                o.message,
            )
            for r in self.results
            for o in r.outcomes
        ]
        return pl.DataFrame(
            rows,
            schema={
                "file": pl.String,
                "status": pl.String,
                "kind": pl.String,
                "format": pl.String,
                "load_id": pl.Int64,
                "rows_read": pl.Int64,
                "rows_loaded": pl.Int64,
                "rows_unchanged": pl.Int64,
                "rows_rejected": pl.Int64,
                "rows_unmatched": pl.Int64,
                "message": pl.String,
            },
            orient="row",
        )


def commit(db_path: Path, items: list[tuple[FileInput, LoadOptions]], progress=None) -> CommitReport:
    """Ingest every file in one call, each with its own options: all of them land together or none does."""
    from etl.warehouse import NotAWarehouse, WarehouseBusy

    report = CommitReport()
    names = ", ".join(f.name for f, _ in items)
    if progress is not None:
        progress(f"Writing {names}…")
    try:
        report.results.append(
            ingest(db_path, [f for f, _ in items], file_options=[options for _, options in items])
        )
    except IngestRefused as exc:
        report.refusals.extend(exc.refusals)
    except Refused as exc:
        report.refusals.append(exc)
    except (WarehouseBusy, NotAWarehouse, OSError) as exc:
        report.errors.append(f"{names}: {exc}")
    return report
