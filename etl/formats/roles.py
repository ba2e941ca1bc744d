"""Role requirements in the two shapes people actually have: a hand-built wide matrix and O*NET.

- Wide matrix (Excel): the role in the first column, one column per skill, a level 0–5 or blank in each
  cell, often under a title row (the readers find the header below it). Reshaped to one row per role ×
  skill with a level; blank cells are not requirements, 0 means "not required" (staging skips those).
- O*NET Skills (CC BY 4.0): per occupation × skill, an Importance row (IM, 1–5) and a Level row (LV, 0–7).
  A skill is required when IM >= 3, at level round(LV / 7 × 5) (halves up) clipped to 1..5, importance IM.
  O*NET titles rarely equal a company's job titles, so an `Alternate Title`/`Job Title` column (O*NET's
  Alternate Titles joined on O*NET-SOC Code, or titles typed in by hand, `;`/`|` separated) adds the same
  requirements under each of those titles; a title claimed by two occupations keeps the first one.
"""

from __future__ import annotations

import math
import re

from etl.formats.base import SourceFormat, normalize_header
from etl.formats.canonical import ROLES_FIELDS
from etl.formats.reshape import column, from_records, is_prepared, text, values
from etl.parse.values import split_multi
from etl.readers import RawTable

IMPORTANCE_THRESHOLD = 3.0
_LEVEL_CELL = re.compile(r"^\s*[Ll]?\s*([0-5])(?:[.,]0+)?\s*$")
_ROLE_HEADERS = {normalize_header(s) for s in next(f for f in ROLES_FIELDS if f.name == "role").synonyms} | {
    "role"
}
_LONG_FORM_HEADERS = {
    normalize_header(s)
    for f in ROLES_FIELDS
    if f.name in ("skill", "required_level")
    for s in (f.name, *f.synonyms)
}


# ---------------------------------------------------------------------------------------------------------
# Wide matrix


def _is_wide_matrix(table: RawTable) -> bool:
    """Role header first, at least two skill columns, every filled skill cell a level 0–5 (or `L3`)."""
    if table.documents is not None or len(table.columns) < 3 or table.frame.height == 0:
        return False
    if normalize_header(table.columns[0]) not in _ROLE_HEADERS:
        return False
    skills = table.columns[1:]
    if any(normalize_header(c) in _LONG_FORM_HEADERS for c in skills):
        return False
    filled = 0
    for name in skills:
        for cell in table.frame[name].drop_nulls().to_list():
            if not _LEVEL_CELL.match(cell):
                return False
            filled += 1
    return filled > 0


def _melt_matrix(table: RawTable) -> RawTable:
    if is_prepared(table) or not _is_wide_matrix(table):
        return table
    role_column, skills = table.columns[0], table.columns[1:]
    rows, source_rows = [], []
    for index, role in enumerate(values(table, role_column)):
        for skill in skills:
            cell = table.frame[skill][index]
            if cell is None or not cell.strip():
                continue
            rows.append({"Role": role, "Skill": skill, "Required Level": _LEVEL_CELL.match(cell).group(1)})
            source_rows.append(table.source_rows[index])
    return from_records(
        table, rows, source_rows, prepared_by="role_matrix_wide", columns=("Role", "Skill", "Required Level")
    )


ROLE_MATRIX = SourceFormat(
    name="role_matrix_wide",
    kind="roles",
    label="Role × skill matrix (role in the first column, one column per skill, levels 0–5)",
    columns={"role": ("role",), "skill": ("skill",), "required_level": ("required level",)},
    prepare=_melt_matrix,
    matches_document=_is_wide_matrix,
)


# ---------------------------------------------------------------------------------------------------------
# O*NET


def onet_required_level(level: float) -> int:
    """O*NET Level (0–7) on Skillgrid's 1–5 scale: round(LV / 7 × 5), halves up, clipped to 1..5."""
    return min(5, max(1, math.floor(level / 7 * 5 + 0.5)))


def _number(cell: str | None) -> float | None:
    try:
        return None if cell is None else float(cell.replace(",", "."))
    except ValueError:
        return None


def _onet_rows(table: RawTable) -> tuple[list[dict[str, object]], list[int]]:
    soc = values(table, column(table, "o*net-soc code"))
    titles = values(table, column(table, "title"))
    skills = values(table, column(table, "element name"))
    scales = values(table, column(table, "scale id"))
    data = values(table, column(table, "data value"))
    not_relevant = values(table, column(table, "not relevant"))
    alternates = values(
        table, column(table, "alternate title", "alternate titles", "job title", "job titles")
    )
    # (soc, skill) -> importance, level, first source row; occupations keep their titles in file order.
    scores: dict[tuple[str, str], dict[str, object]] = {}
    occupation_titles: dict[str, list[str]] = {}
    for i, (code, title, skill, scale) in enumerate(zip(soc, titles, skills, scales, strict=True)):
        if not code or not skill or not scale:
            continue
        entry = scores.setdefault((code, skill), {"row": table.source_rows[i]})
        if scale.upper() == "IM":
            entry["im"] = _number(data[i])
        elif scale.upper() == "LV":
            entry["lv"] = None if (not_relevant[i] or "").upper() == "Y" else _number(data[i])
        names = occupation_titles.setdefault(code, [])
        for name in [title, *split_multi(alternates[i] or "")]:
            if name and name.strip() and name.strip() not in names:
                names.append(name.strip())
    owner: dict[str, str] = {}  # title key -> the first occupation that claimed it
    for code, names in occupation_titles.items():
        for name in names:
            owner.setdefault(name.lower(), code)
    rows, source_rows = [], []
    for (code, skill), entry in scores.items():
        im, lv = entry.get("im"), entry.get("lv")
        if not isinstance(im, float) or not isinstance(lv, float) or im < IMPORTANCE_THRESHOLD:
            continue
        for name in occupation_titles.get(code, []):
            if owner[name.lower()] != code:
                continue
            rows.append(
                {
                    "Role": name,
                    "Skill": skill,
                    "Required Level": str(onet_required_level(lv)),
                    "Importance": text(round(im, 2)),
                }
            )
            source_rows.append(int(entry["row"]))  # type: ignore[call-overload]
    return rows, source_rows


def _prepare_onet(table: RawTable) -> RawTable:
    if is_prepared(table) or column(table, "scale id") is None:
        return table
    rows, source_rows = _onet_rows(table)
    return from_records(
        table,
        rows,
        source_rows,
        prepared_by="onet_skills",
        columns=("Role", "Skill", "Required Level", "Importance"),
    )


ONET_SKILLS = SourceFormat(
    name="onet_skills",
    kind="roles",
    label="O*NET Skills (Importance/Level per occupation; Alternate Titles optional)",
    signature=("o net soc code", "element name", "scale id", "data value"),
    columns={
        "role": ("role",),
        "skill": ("skill",),
        "required_level": ("required level",),
        "importance": ("importance",),
    },
    prepare=_prepare_onet,
)
