"""Decide what a table is (kind and vendor format) and which column holds each canonical field.

Detection reads headers only; it is cheap, explainable (each candidate has a score and reasons), and can
always be overridden: `--kind`/`--format` and `--map field=Column` on the CLI, the mapping editor on the
upload page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache

from etl.formats.base import Field, SourceFormat, normalize_header
from etl.formats.canonical import FIELDS_BY_KIND
from etl.formats.registry import ALL_FORMATS, format_by_name
from etl.readers import RawTable

FUZZY_CUTOFF = 0.86


@dataclass(frozen=True)
class Detection:
    format: SourceFormat
    confidence: float  # 0..1
    mapping: dict[str, str]  # canonical field -> source column
    missing_required: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    candidates: tuple[tuple[str, float], ...] = field(default_factory=tuple)

    @property
    def kind(self) -> str:
        return self.format.kind


def fields_for(kind: str) -> tuple[Field, ...]:
    return FIELDS_BY_KIND[kind]


def _synonyms(fmt: SourceFormat, fld: Field) -> tuple[str, ...]:
    return _synonyms_cached(fmt.name, fld.name, fmt.columns.get(fld.name, ()), fld.synonyms)


@cache
def _synonyms_cached(_fmt: str, name: str, own: tuple[str, ...], common: tuple[str, ...]) -> tuple[str, ...]:
    ordered = (
        [normalize_header(s) for s in own] + [normalize_header(name)] + [normalize_header(s) for s in common]
    )
    return tuple(dict.fromkeys(ordered))


def map_columns(
    columns: list[str], fmt: SourceFormat, overrides: dict[str, str] | None = None, *, fuzzy: bool = True
) -> tuple[dict[str, str], list[str]]:
    """Map canonical fields to source columns: overrides, then exact synonyms, then close spellings.

    Returns the mapping and notes on every fuzzy match, so nothing is mapped silently by guesswork.
    """
    overrides = overrides or {}
    normalized = {normalize_header(c): c for c in columns}
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    notes: list[str] = []
    fields = fields_for(fmt.kind)
    for name, column in overrides.items():
        if column in columns:
            mapping[name] = column
            taken.add(column)
    # Exact synonyms in priority order: the format's own spellings, then the field's.
    for fld in fields:
        if fld.name in mapping:
            continue
        for syn in _synonyms(fmt, fld):
            column = normalized.get(syn)
            if column is not None and column not in taken:
                mapping[fld.name] = column
                taken.add(column)
                break
    # Close spellings ("Employe ID", "Job-Titel") for what is still unmapped.
    for fld in fields:
        if not fuzzy or fld.name in mapping:
            continue
        free = {n: c for n, c in normalized.items() if c not in taken}
        best: tuple[float, str] | None = None
        for syn in _synonyms(fmt, fld):
            for match in difflib.get_close_matches(syn, list(free), n=1, cutoff=FUZZY_CUTOFF):
                score = difflib.SequenceMatcher(None, syn, match).ratio()
                if best is None or score > best[0]:
                    best = (score, free[match])
        if best is not None:
            mapping[fld.name] = best[1]
            taken.add(best[1])
            notes.append(f"column {best[1]!r} read as {fld.name} (close spelling, {best[0]:.0%} alike)")
    return mapping, notes


def _missing_required(fmt: SourceFormat, mapping: dict[str, str]) -> tuple[str, ...]:
    missing = []
    for fld in fields_for(fmt.kind):
        if fld.required and fld.name not in mapping and fld.name not in fmt.defaults:
            if fmt.kind == "roster" and fld.name == "full_name":
                continue
            missing.append(fld.name)
    if fmt.kind == "learning" and not {"employee_id", "external_id", "email"} & set(mapping):
        missing.append("employee_id or email")
    # An id and a name alone do not make a roster (a JSON object with "id" and "name" is not a person).
    if fmt.kind == "roster" and not {"email", "role", "department", "team"} & set(mapping):
        missing.append("one of email, role, department or team")
    return tuple(missing)


def _score(table: RawTable, fmt: SourceFormat) -> tuple[float, dict[str, str], tuple[str, ...], list[str]]:
    if fmt.matches_document is not None and not fmt.matches_document(table):
        return 0.0, {}, ("not this document shape",), []
    prepared = fmt.prepare(table) if fmt.prepare else table
    mapping, notes = map_columns(prepared.columns, fmt, fuzzy=False)
    missing = _missing_required(fmt, mapping)
    headers = {normalize_header(c) for c in table.columns}
    if fmt.signature:
        hits = sum(1 for s in fmt.signature if s in headers)
        if hits < len(fmt.signature):
            return 0.5 * hits / len(fmt.signature), mapping, missing, notes
        score = 0.9 + 0.1 * (0 if missing else 1)
    else:
        fields = fields_for(fmt.kind)
        required = [f for f in fields if f.required]
        got_required = sum(1 for f in required if f.name in mapping)
        got_optional = sum(1 for f in fields if not f.required and f.name in mapping)
        score = 0.6 * got_required / len(required) + 0.3 * min(got_optional, 5) / 5
        score -= 0.15 * len(missing)
        if fmt.kind == "roles" and "required_level" not in mapping:
            score -= 0.2
    return max(score, 0.0), mapping, missing, notes


SAMPLE_ROWS = 1000


def _sample(table: RawTable) -> RawTable:
    if table.frame.height <= SAMPLE_ROWS:
        return table
    return RawTable(
        file_name=table.file_name,
        part=table.part,
        columns=table.columns,
        frame=table.frame.head(SAMPLE_ROWS),
        source_rows=table.source_rows[:SAMPLE_ROWS],
        meta=table.meta,
        documents=None if table.documents is None else table.documents[:SAMPLE_ROWS],
    )


def detect(
    table: RawTable,
    *,
    kind: str = "auto",
    format_name: str | None = None,
    overrides: dict[str, str] | None = None,
) -> Detection:
    """Pick the best-scoring format (within `kind` when given) and map its columns."""
    if format_name:
        candidates = [format_by_name(format_name)]
    else:
        candidates = [f for f in ALL_FORMATS if kind in ("auto", f.kind)]
    # Detection reads headers and a sample: preparing every candidate layout over a million rows would cost
    # more than loading them. Staging prepares the chosen layout once, over the whole table.
    sample = _sample(table)
    scored = []
    for fmt in candidates:
        score, mapping, missing, notes = _score(sample, fmt)
        scored.append((score, fmt, mapping, missing, notes))
    scored.sort(key=lambda s: s[0], reverse=True)
    score, fmt, _mapping, _missing, _notes = scored[0]
    prepared = fmt.prepare(sample) if fmt.prepare else sample
    mapping, notes = map_columns(prepared.columns, fmt, overrides)
    missing = _missing_required(fmt, mapping)
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    confidence = round(max(0.0, min(1.0, score - 0.5 * max(0.0, runner_up - 0.5))), 2)
    reasons = [f"looks like {fmt.label} (score {score:.2f})", *notes]
    return Detection(
        format=fmt,
        confidence=confidence,
        mapping=mapping,
        missing_required=missing,
        reasons=tuple(reasons),
        candidates=tuple((s[1].name, round(s[0], 2)) for s in scored[:4]),
    )
