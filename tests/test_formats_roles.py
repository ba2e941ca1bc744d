"""Role requirements: a wide Excel matrix under a title row, and an O*NET Skills excerpt (CC BY 4.0)."""

from __future__ import annotations

import polars as pl
import pytest
from formats_testkit import assert_refused, fixture, formats_loaded, load, requirements

from etl.formats.roles import ONET_SKILLS, _prepare_onet, onet_required_level
from etl.load import FileInput
from etl.readers import RawTable


def test_wide_matrix_with_a_title_row_becomes_long_form(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("roles", "role_matrix.xlsx"))
    assert formats_loaded(db)[0][1:] == (
        "role_matrix_wide",
        8,
        7,
        0,
    )  # 8 filled cells, one of them 0 = not required
    assert requirements(db) == [
        ("Account Executive", "account executive", "negotiation", 5, None),
        ("Account Executive", "account executive", "stakeholder-management", 4, None),
        ("Data Engineer", "data engineer", "python", 4, None),
        ("Data Engineer", "data engineer", "sql", 5, None),
        ("Data Engineer", "data engineer", "stakeholder-management", 2, None),
        ("Software Engineer", "software engineer", "python", 3, None),
        ("Software Engineer", "software engineer", "sql", 2, None),
    ]


def test_onet_importance_and_level_with_alternate_titles(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("roles", "onet_skills_excerpt.txt"))
    expected_skills = [
        ("active-listening", 3.12),
        ("reading-comprehension", 3.12),
        ("speaking", 3.25),
        ("writing", 3.0),
    ]
    roles = ["Android Developer", "Application Architect", "Software Developers, Applications"]
    assert requirements(db) == [
        (role, role.lower(), skill, 3, importance) for role in roles for skill, importance in expected_skills
    ]


@pytest.mark.parametrize(
    ("level", "expected"), [(0.0, 1), (0.5, 1), (3.5, 3), (3.49, 2), (4.9, 4), (5.0, 4), (7.0, 5)]
)
def test_onet_level_scale(level, expected):
    assert onet_required_level(level) == expected


def _onet_table(rows: list[list[str]]) -> RawTable:
    columns = [
        "O*NET-SOC Code",
        "Title",
        "Element Name",
        "Scale ID",
        "Data Value",
        "Not Relevant",
        "Alternate Title",
    ]
    frame = pl.DataFrame(
        {c: [r[i] for r in rows] for i, c in enumerate(columns)}, schema=dict.fromkeys(columns, pl.String)
    )
    return RawTable("onet.txt", None, columns, frame, list(range(2, len(rows) + 2)), {})


def test_onet_shared_alternate_title_keeps_the_first_occupation_and_not_relevant_levels_drop():
    table = _onet_table(
        [
            ["11-1", "Chief Executives", "Speaking", "IM", "4.5", None, "Boss"],
            ["11-1", "Chief Executives", "Speaking", "LV", "6.0", "N", "Boss"],
            ["11-2", "Managers", "Speaking", "IM", "3.5", None, "Boss"],
            ["11-2", "Managers", "Speaking", "LV", "4.2", "N", "Boss"],
            ["11-2", "Managers", "Science", "IM", "3.0", None, None],
            ["11-2", "Managers", "Science", "LV", "2.0", "Y", None],
        ]
    )
    prepared = _prepare_onet(table)
    assert prepared.frame.rows() == [
        ("Chief Executives", "Speaking", "4", "4.5"),
        ("Boss", "Speaking", "4", "4.5"),
        ("Managers", "Speaking", "3", "3.5"),
    ]
    assert prepared.source_rows == [2, 2, 4]
    assert ONET_SKILLS.prepare is _prepare_onet


def test_matrix_with_a_word_in_a_level_cell_is_not_a_matrix_and_is_refused(tmp_path):
    body = b"Role,Python,SQL\nData Engineer,4,expert\n"
    assert_refused(
        tmp_path / "w.duckdb", FileInput("matrix.csv", body), "matrix.csv", "no column for", "'Python'"
    )
