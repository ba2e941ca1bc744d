"""Credly API badge JSON (paged `data[]`): one record per badge, template skills exploded, types inferred."""

from __future__ import annotations

import datetime as dt
import json

from formats_testkit import assert_refused, fixture, learning_rows, load, load_roster, query, record_skills

from etl.load import FileInput


def test_api_page_lands_one_record_per_badge(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    result = load(db, fixture("credly", "api_badges_page.json"))
    assert [o.source_format for o in result.outcomes] == ["credly_api_json"]
    assert learning_rows(db) == [
        (
            1,
            "AWS Certified Solutions Architect – Associate",
            "Example Corp",
            "certification",
            "completed",
            "accepted",
            None,
            dt.date(2023, 5, 10),
            dt.date(2026, 5, 10),
            150.0,
            None,
            None,
            None,
            "ada.okafor@example.com",
            "Ada Okafor",
            None,
            "E001",
            "email",
            "credly_api_json",
        ),
        (
            2,
            "Data Literacy Foundations",
            "Example Corp",
            "micro_credential",
            "completed",
            "pending",
            None,
            dt.date(2022, 2, 4),
            None,
            None,
            None,
            None,
            "E002",
            "b.carter@personal.example",
            "Ben Carter",
            None,
            "E002",
            "external_id",
            "credly_api_json",
        ),
        (
            3,
            "Python Essentials",
            "Example Corp",
            "micro_credential",
            "revoked",
            "revoked",
            None,
            dt.date(2021, 11, 30),
            None,
            None,
            None,
            None,
            None,
            "zed@other.example",
            "Zed Outsider",
            None,
            None,
            None,
            "credly_api_json",
        ),
    ]
    assert record_skills(db) == [
        ("AWS Certified Solutions Architect – Associate", "AWS - EC2", 1),
        ("AWS Certified Solutions Architect – Associate", "Cloud Architecture", 1),
        ("Data Literacy Foundations", "Data Literacy", 1),
        ("Data Literacy Foundations", "Statistics, Basics", 1),
    ]
    keys = query(db, "SELECT record_key FROM learning_records ORDER BY source_row")
    assert keys == [
        ("credly:7f1e2a9c-0001-4b8e-9d1a-credly000001",),
        ("credly:7f1e2a9c-0002-4b8e-9d1a-credly000002",),
        ("credly:7f1e2a9c-0003-4b8e-9d1a-credly000003",),
    ]


def test_analytics_csv_badge_name_says_certification(tmp_path):
    db = tmp_path / "w.duckdb"
    csv = (
        "Badge Name,Badge Template ID,Issued by,Earner Badge ID,Issuer Earner ID,Issued to First Name,"
        "Issued to Last Name,Issued to Email,Status,Issue Date\n"
        "Google Cloud Professional Data Engineer,t1,Google Cloud,b-1,E001,Ada,Okafor,ada.okafor@example.com,accepted,2024-01-05\n"
        "Team Player,t2,Example Corp,b-2,E002,Ben,Carter,ben.carter@example.com,accepted,2024-01-06\n"
    )
    load(db, FileInput("credly_analytics.csv", csv.encode()))
    assert query(
        db, "SELECT program_name, program_type, source_name FROM learning_records ORDER BY source_row"
    ) == [
        ("Google Cloud Professional Data Engineer", "certification", "Ada Okafor"),
        ("Team Player", "micro_credential", "Ben Carter"),
    ]


def test_badges_without_a_template_name_are_refused(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    page = json.loads(fixture("credly", "api_badges_page.json").data)
    for badge in page["data"]:
        badge["badge_template"].pop("name")
    message = assert_refused(
        db, FileInput("badges.json", json.dumps(page).encode()), "badges.json", "program_name is empty"
    )
    assert "more than half" in message


def test_names_and_types_are_added_alike_whichever_the_file_carries(tmp_path):
    """The name parts and the badge-name type rule run side by side; each column lands as if one ran after
    the other, and a file's own Program Type column still wins over the rule."""
    db = tmp_path / "w.duckdb"
    bulk = (
        "Badge Template ID,Badge Name,Recipient Email,Issued At Date,First Name,Last Name\n"
        "t1,AWS Certified Developer,ada.okafor@example.com,2024-02-01,Ada,Okafor\n"
        "t2,Kind Colleague,ben.carter@example.com,2024-02-02,Ben,\n"
    )
    own_type = (
        "Badge Name,Badge Template ID,Issued by,Earner Badge ID,Issued to First Name,Issued to Last Name,"
        "Issued to Email,Status,Issue Date,Program Type\n"
        "Team Player,t3,Example Corp,b-9,Cy,Diaz,cy.diaz@example.com,accepted,2024-03-01,degree\n"
    )
    result = load(
        db, FileInput("credly_bulk.csv", bulk.encode()), FileInput("credly_own_type.csv", own_type.encode())
    )
    assert [o.source_format for o in result.outcomes] == ["credly_bulk_issue_csv", "credly_analytics_csv"]
    assert query(
        db,
        "SELECT program_name, program_type, source_name FROM learning_records ORDER BY load_id, source_row",
    ) == [
        ("t1", "certification", "Ada Okafor"),
        ("t2", "micro_credential", "Ben"),
        ("Team Player", "degree", "Cy Diaz"),
    ]


def test_own_ids_key_their_records_and_rows_without_one_get_the_natural_key(tmp_path):
    """A badge's Earner Badge ID makes its key (`credly:` + id, written by the load); a row without one is
    keyed by person, program and date; a repeated id, or a repeated natural key, is rejected."""
    db = tmp_path / "w.duckdb"
    csv = (
        "Badge Name,Badge Template ID,Issued by,Earner Badge ID,Issuer Earner ID,Issued to First Name,"
        "Issued to Last Name,Issued to Email,Status,Issue Date\n"
        "Team Player,t1,Example Corp,b-1,E001,Ada,Okafor,ada.okafor@example.com,accepted,2024-01-05\n"
        "Team Player,t1,Example Corp,,E002,Ben,Carter,ben.carter@example.com,accepted,2024-01-06\n"
        "Kind Colleague,t2,Example Corp,b-1,E003,Cy,Diaz,cy.diaz@example.com,accepted,2024-01-07\n"
        "Team Player,t1,Example Corp,,E002,Ben,Carter,ben.carter@example.com,accepted,2024-01-06\n"
        "Kind Colleague,t2,Example Corp,b-3,E003,Cy,Diaz,cy.diaz@example.com,accepted,2024-01-08\n"
    )
    (outcome,) = load(db, FileInput("credly_analytics.csv", csv.encode())).outcomes
    assert (outcome.rows_loaded, outcome.rows_rejected) == (3, 2)
    assert query(db, "SELECT source_row, record_key FROM learning_records ORDER BY source_row") == [
        (2, "credly:b-1"),
        (3, "e002|team player|example corp|2024-01-06"),
        (6, "credly:b-3"),
    ]
    assert query(db, "SELECT row_number, reason FROM rejected_rows ORDER BY 1") == [
        (4, "same learning record (same person, program and dates) as row 2"),
        (5, "same learning record (same person, program and dates) as row 3"),
    ]


def test_badge_types_read_each_cell_stripped_and_add_no_column_when_no_name_tells():
    """Badge names are typed once per distinct cell, as the stripped text (blank as missing); a file where
    the rule tells no badge's type gets no Program Type column, so the catalogue and the default decide."""
    import polars as pl

    from etl.formats.credly import _typed_by_badge_name
    from etl.formats.reshape import INFERRED_TYPE_COLUMN, text_series
    from etl.formats.vocab import credential_program_type
    from etl.readers import RawTable

    cells = [" AWS Certified Developer ", "Team Player", "\u00a0", None, "BSc Computing\t", "Team Player"]
    frame = pl.DataFrame({"Badge Name": cells}, schema={"Badge Name": pl.String})
    table = RawTable("f.csv", None, ["Badge Name"], frame, list(range(2, 8)), {})
    typed = _typed_by_badge_name(table, "badge name")
    expected = [credential_program_type(v) for v in text_series(table, "Badge Name").to_list()]
    assert expected == ["certification", None, None, None, "degree", None]
    assert typed.frame[INFERRED_TYPE_COLUMN].to_list() == expected

    untold = RawTable("f.csv", None, ["Badge Name"], frame.slice(1, 3), [3, 4, 5], {})
    assert INFERRED_TYPE_COLUMN not in _typed_by_badge_name(untold, "badge name").columns
