"""ESCO occupation–skill relations as role requirements: essential -> level 3 / importance 4, optional -> 2 / 2;
multi-valued skill cells (newline or ` | `) become one requirement each. Fixture: ESCO labels (attribution in
tests/fixtures/formats/esco/ATTRIBUTION.md)."""

from __future__ import annotations

from formats_testkit import assert_refused, fixture, formats_loaded, load, query, requirements

from etl.formats.esco import ESCO_OCCUPATION_SKILLS
from etl.load import FileInput, prepare_file


def test_analyst_join_with_multi_valued_cells_lands(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("esco", "occupation_skills.csv"))
    # 5 source rows, 9 requirements: a newline-separated cell of 2, a ` | ` cell of 2 and one of 3.
    assert formats_loaded(db) == [("occupation_skills.csv", "esco_occupation_skills", 9, 9, 0)]
    assert requirements(db) == [
        ("data analyst", "data analyst", "manage-quantitative-data", 3, 4.0),
        ("data analyst", "data analyst", "use-databases", 3, 4.0),
        ("data analyst", "data analyst", "use-spreadsheets-software", 3, 4.0),
        ("sales account manager", "sales account manager", "negotiate-compromise", 3, 4.0),
        ("sales account manager", "sales account manager", "use-presentation-software", 2, 2.0),
        ("software developer", "software developer", "computer-programming", 3, 4.0),
        ("software developer", "software developer", "solve-technical-problems", 2, 2.0),
        ("software developer", "software developer", "use-databases", 3, 4.0),
        ("software developer", "software developer", "work-in-teams", 2, 2.0),
    ]


def test_each_requirement_points_at_its_source_row():
    (part,) = prepare_file(fixture("esco", "occupation_skills.csv")).parts
    assert part.detection.format is ESCO_OCCUPATION_SKILLS
    prepared = ESCO_OCCUPATION_SKILLS.prepare(part.table)
    assert prepared.source_rows == [2, 2, 3, 3, 4, 4, 4, 5, 6]  # the header is row 1
    # Source columns stay mappable by hand, except the URIs (ids, never names).
    assert prepared.columns == [
        "preferredLabel",
        "relationType",
        "skillType",
        "skillLabel",
        "ESCO Occupation",
        "ESCO Skill",
        "ESCO Required Level",
        "ESCO Importance",
    ]
    assert prepared.frame.select("ESCO Occupation", "ESCO Skill").rows()[:2] == [
        ("software developer", "computer programming"),
        ("software developer", "use databases"),
    ]


def test_release_1_2_relations_with_labels_and_an_own_level_column(tmp_path):
    """ESCO 1.2 ships occupationLabel/skillLabel in the relations file; a Required Level column the analyst
    added replaces the essential/optional assumption, importance still comes from the relation."""
    body = (
        b"occupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel,Required Level\n"
        b"http://data.europa.eu/esco/occupation/o1,data analyst,essential,skill/competence,"
        b"http://data.europa.eu/esco/skill/s1,use databases,5\n"
        b"http://data.europa.eu/esco/occupation/o1,data analyst,optional,knowledge,"
        b"http://data.europa.eu/esco/skill/s2,statistics,1\n"
    )
    db = tmp_path / "w.duckdb"
    load(db, FileInput("occupationSkillRelations_en.csv", body))
    assert requirements(db) == [
        ("data analyst", "data analyst", "statistics", 1, 2.0),
        ("data analyst", "data analyst", "use-databases", 5, 4.0),
    ]


def test_unknown_relation_type_rejects_only_that_row(tmp_path):
    body = (
        b"preferredLabel,relationType,skillLabel\n"
        b"data analyst,essential,use databases\n"
        b"data analyst,sometimes,statistics\n"
        b"data analyst,optional,work in teams\n"
    )
    db = tmp_path / "w.duckdb"
    load(db, FileInput("esco.csv", body))
    assert [r[2:] for r in requirements(db)] == [("use-databases", 3, 4.0), ("work-in-teams", 2, 2.0)]
    rejected = query(db, "SELECT row_number, column_name, value FROM rejected_rows")
    assert rejected == [(3, "ESCO Required Level", "sometimes")]


def test_relations_of_bare_uris_are_refused_naming_the_missing_labels(tmp_path):
    """occupationSkillRelations before release 1.2 holds URIs only: join the labels first."""
    body = (
        b"occupationUri,relationType,skillType,skillUri\n"
        b"http://data.europa.eu/esco/occupation/o1,essential,skill/competence,http://data.europa.eu/esco/skill/s1\n"
    )
    assert_refused(
        tmp_path / "w.duckdb",
        FileInput("occupationSkillRelations.csv", body),
        "occupationSkillRelations.csv",
        "ESCO occupation",
        "no column for role, skill",
        "'occupationUri', 'relationType', 'skillType', 'skillUri'",
    )
