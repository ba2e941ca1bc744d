"""Degreed completions: UserID as id or email, YYYYMMDD with the day optional, ContentType vocabulary."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, core_rows, fixture, load, load_roster

from etl.load import FileInput


def test_completions_land(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("degreed", "completions.csv"))
    assert core_rows(db) == [
        (
            2,
            "Kubernetes Fundamentals",
            "Pluralsight",
            "traditional_course",
            "completed",
            "completed",
            None,
            dt.date(2024, 1, 15),
            None,
            None,
            "E001",
            None,
            None,
            None,
            "E001",
            "employee_id",
        ),
        (
            3,
            "Leading Teams",
            "Harvard Business Review",
            "traditional_course",
            "completed",
            "completed",
            None,
            dt.date(2024, 2, 1),
            None,
            None,
            None,
            None,
            "ben.carter@example.com",
            None,
            "E002",
            "email",
        ),
        (
            4,
            "Sales Talk Weekly",
            "Spotify",
            "traditional_course",
            "completed",
            "completed",
            None,
            dt.date(2024, 3, 1),
            None,
            None,
            "E003",
            None,
            None,
            None,
            "E003",
            "employee_id",
        ),
    ]


def test_unknown_content_type_rejects_the_row(tmp_path):
    body = b"UserID,CourseID,CompletionDate,ContentType\nE1,C1,20240101,Course\nE2,C2,20240102,Hologram\nE3,C3,20240103,Video\n"
    db = tmp_path / "w.duckdb"
    load(db, FileInput("degreed.csv", body))
    from formats_testkit import query

    assert query(db, "SELECT row_number, column_name, value FROM rejected_rows") == [
        (3, "ContentType", "Hologram")
    ]


def test_all_rows_with_a_bad_date_refuse_the_file(tmp_path):
    body = b"UserID,CourseID,CompletionDate,ContentType\nE1,C1,2024-13-45,Course\nE2,C2,2024-14-01,Course\n"
    assert_refused(tmp_path / "w.duckdb", FileInput("degreed.csv", body), "degreed.csv", "more than half")
