"""Every source format Skillgrid recognises. Vendor layouts first: they are more specific than canonical ones."""

from __future__ import annotations

from etl.formats.base import SourceFormat
from etl.formats.canonical import CANONICAL_FORMATS
from etl.formats.credly import CREDLY_ANALYTICS, CREDLY_BULK_ISSUE

VENDOR_FORMATS: tuple[SourceFormat, ...] = (
    CREDLY_ANALYTICS,
    CREDLY_BULK_ISSUE,
)

ALL_FORMATS: tuple[SourceFormat, ...] = VENDOR_FORMATS + CANONICAL_FORMATS


def format_by_name(name: str) -> SourceFormat:
    for fmt in ALL_FORMATS:
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in ALL_FORMATS)
    raise KeyError(f"unknown format {name!r}; known formats: {known}")
