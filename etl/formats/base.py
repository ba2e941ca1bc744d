"""What a source format is: the fields of each kind of file, and how one vendor's export names them.

Adding a vendor format is a local change: write one `SourceFormat` (and, when its rows need reshaping,
a `prepare` function) in its own module under etl/formats/ and list it in etl/formats/registry.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from etl.readers import RawTable

KINDS = ("roster", "learning", "roles", "catalogue")

# Field types tell staging how to cast a column.
TEXT, EMAIL, DATE, MONEY, HOURS, LEVEL, IMPORTANCE, SKILLS, STATUS, PROGRAM_TYPE, INTEGER = (
    "text",
    "email",
    "date",
    "money",
    "hours",
    "level",
    "importance",
    "skills",
    "status",
    "program_type",
    "integer",
)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class SourceFormat:
    """One recognisable layout of one kind of file."""

    name: str
    kind: str
    label: str
    # Extra header spellings for canonical fields, beyond the kind's own synonyms.
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Headers whose presence identifies this layout (normalised). Empty for the canonical layouts.
    signature: tuple[str, ...] = ()
    # Constant values for fields the layout does not carry (e.g. program_type for a badge export).
    defaults: dict[str, str] = field(default_factory=dict)
    # Namespace for the source's own record ids (learning): same namespace + id = same attempt.
    record_namespace: str | None = None
    # Reshape before mapping (explode nested JSON, combine name parts, wide -> long).
    prepare: Callable[[RawTable], RawTable] | None = None
    # True for layouts that only apply to JSON documents with a given shape.
    matches_document: Callable[[RawTable], bool] | None = None
    # For layouts that name people only by a hash of their email (Open Badges): given the known emails,
    # return the table prepared and with the email column filled where a hash matches.
    resolve_identities: Callable[[RawTable, list[str]], RawTable] | None = None


def normalize_header(text: str) -> str:
    """Compare headers the way an analyst reads them: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("#", " number ").replace("%", " percent ")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def normalize_key(text: str | None) -> str:
    """Keys for matching names (roles, programs, skills): case and surrounding/double spaces ignored."""
    if text is None:
        return ""
    return " ".join(text.strip().lower().split())


def program_key_expr() -> pl.Expr:
    """`programs.program_key` for rows with program_name and provider columns: lower(name)|lower(provider).

    The one definition staging, loading and the catalogue share, so a record finds its catalogue program.
    """
    return (
        pl.col("program_name").str.to_lowercase().str.strip_chars()
        + "|"
        + pl.col("provider").fill_null("").str.to_lowercase().str.strip_chars()
    )
