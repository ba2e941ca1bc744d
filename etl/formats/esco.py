"""ESCO occupation–skill relations as role requirements.

ESCO (the European Commission's Skills, Competences, Qualifications and Occupations classification; reusable
with attribution) links each occupation to skills as `essential` or `optional` in occupationSkillRelations
(occupationUri, relationType, skillType, skillUri). Release 1.2 adds occupationLabel and skillLabel; with
older releases analysts join the URIs to the `preferredLabel` of occupations_en.csv and skills_en.csv. The
practical shape is therefore occupation label, skill label and relationType, often with several skills in
one cell (newline- or ` | `-separated, as ESCO's own multi-valued cells are), which becomes one row each.

ESCO has no proficiency levels, so the relation stands in for one: essential -> required level 3, importance
4; optional -> level 2, importance 2. A level or importance column of the file's own (Required Level,
Level, Proficiency, Importance, …) replaces the assumption, and any column can be mapped by hand: the
source columns (except URIs) are kept beside the derived ones.
"""

from __future__ import annotations

from etl.formats.base import SourceFormat, normalize_header
from etl.formats.reshape import column, from_records, is_prepared, own_column_for, values
from etl.parse.values import split_multi
from etl.readers import RawTable

# relationType -> (required level, importance) on Skillgrid's 1–5 scales.
RELATION_LEVELS: dict[str, tuple[int, int]] = {"essential": (3, 4), "optional": (2, 2)}

OCCUPATION_SPELLINGS = (
    "occupationLabel",
    "occupation label",
    "occupation preferredLabel",
    "preferredLabel_occupation",
    "occupation name",
    "occupation",
    "preferredLabel",
    "preferredLabel_x",
)
SKILL_SPELLINGS = (
    "skillLabel",
    "skill label",
    "skill preferredLabel",
    "preferredLabel_skill",
    "preferredLabel_y",
    "skill name",
    "skill",
    "skills",
)
RELATION_SPELLINGS = ("relationType", "relation type")

ROLE, SKILL, LEVEL, IMPORTANCE = "ESCO Occupation", "ESCO Skill", "ESCO Required Level", "ESCO Importance"


def _looks_like_esco(table: RawTable) -> bool:
    """A table (not JSON) with a relationType column holding ESCO's words. Label columns are not required
    here, so a relations file of bare URIs is refused as ESCO, naming the labels it lacks."""
    if table.documents is not None:
        return False
    relations = values(table, column(table, *RELATION_SPELLINGS))
    return any((r or "").lower() in RELATION_LEVELS for r in relations)


def _derived(relation: str | None) -> tuple[str | None, str | None]:
    """(level, importance) cells for a relationType; an unknown word goes on as given, to be rejected."""
    levels = RELATION_LEVELS.get((relation or "").strip().lower())
    if levels is None:
        return relation, None
    return str(levels[0]), str(levels[1])


def _explode(table: RawTable) -> RawTable:
    """One row per occupation × skill, the source row's other cells kept beside the derived ones."""
    if is_prepared(table) or not _looks_like_esco(table):
        return table
    occupation = column(table, *OCCUPATION_SPELLINGS)
    skill_column = column(table, *SKILL_SPELLINGS)
    skills = values(table, skill_column)
    relations = values(table, column(table, *RELATION_SPELLINGS))
    own_level = own_column_for(table, "roles", "required_level")
    own_importance = own_column_for(table, "roles", "importance")
    # Only what the file can feed is derived: a missing label column leaves its field unmapped (refused).
    derived = [
        name
        for name, present in (
            (ROLE, occupation is not None),
            (SKILL, skill_column is not None),
            (LEVEL, own_level is None),
            (IMPORTANCE, own_importance is None),
        )
        if present
    ]
    # URI columns are ids, never names: left out, so no close spelling ("occupationUri" ~ "occupation")
    # can make a URI a role.
    kept = [c for c in table.columns if not normalize_header(c).endswith("uri")]
    rows, source_rows = [], []
    for index, record in enumerate(table.frame.iter_rows(named=True)):
        level, importance = _derived(relations[index])
        # A blank skill cell still yields its row, so staging rejects it with the reason.
        for skill in split_multi(skills[index] or "") or [None]:
            row: dict[str, object] = {c: record[c] for c in kept}
            if occupation is not None:
                row[ROLE] = record[occupation]
            if skill_column is not None:
                row[SKILL] = skill
            if own_level is None:
                row[LEVEL] = level
            if own_importance is None:
                row[IMPORTANCE] = importance
            rows.append(row)
            source_rows.append(table.source_rows[index])
    return from_records(
        table, rows, source_rows, prepared_by="esco_occupation_skills", columns=[*kept, *derived]
    )


ESCO_OCCUPATION_SKILLS = SourceFormat(
    name="esco_occupation_skills",
    kind="roles",
    label="ESCO occupation–skill relations (occupation label, skill label, relationType essential/optional)",
    columns={
        "role": (ROLE,),
        "skill": (SKILL,),
        "required_level": (LEVEL,),
        "importance": (IMPORTANCE,),
    },
    # ESCO's own header; a file that spells it otherwise can still be loaded with --format.
    signature=("relationtype",),
    prepare=_explode,
    matches_document=_looks_like_esco,
)
