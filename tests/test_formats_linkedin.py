"""LinkedIn Learning learner detail: status from Percent Complete, Hours Viewed as H:MM:SS."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, core_rows, fixture, load, load_roster

from etl.load import FileInput


def test_learner_detail_lands(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("linkedin", "learner_detail.csv"))
    rows = core_rows(db)
    assert [r[:8] + r[9:] for r in rows] == [
        (
            2,
            "Learning Python",
            "LinkedIn",
            "traditional_course",
            "completed",
            "completed",
            dt.date(2024, 3, 1),
            dt.date(2024, 3, 15),
            None,
            None,
            "E001",
            "ada.okafor@example.com",
            "Ada Okafor",
            "E001",
            "external_id",
        ),
        (
            3,
            "Agile Foundations",
            "LinkedIn",
            "traditional_course",
            "in_progress",
            "in progress",
            dt.date(2024, 3, 20),
            None,
            None,
            None,
            None,
            "ben.carter@example.com",
            "Ben Carter",
            "E002",
            "email",
        ),
        (
            4,
            "Negotiation Skills",
            "LinkedIn",
            "traditional_course",
            "in_progress",
            "in progress",
            dt.date(2024, 4, 2),
            None,
            None,
            None,
            None,
            "chen.li@example.com",
            "Li, Chen",
            "E003",
            "email",
        ),
    ]
    assert [round(r[8], 4) for r in rows] == [2.2583, 0.45, 1.0]


def test_percent_that_is_not_a_number_rejects_only_that_row(tmp_path):
    body = (
        b"Email,Content Title,Percent Complete\n"
        b"a@example.com,Course A,100%\nb@example.com,Course B,lots\nc@example.com,Course C,10%\n"
    )
    db = tmp_path / "w.duckdb"
    load(db, FileInput("ll.csv", body))
    from formats_testkit import query

    assert query(db, "SELECT program_name, status FROM learning_records ORDER BY source_row") == [
        ("Course A", "completed"),
        ("Course C", "in_progress"),
    ]
    assert query(db, "SELECT row_number, reason FROM rejected_rows") == [(3, "status is empty")]


def test_report_without_content_title_is_refused(tmp_path):
    body = b"Email,Course Views,Percent Complete\na@example.com,3,100%\n"
    assert_refused(tmp_path / "w.duckdb", FileInput("summary.csv", body), "summary.csv", "program_name")
