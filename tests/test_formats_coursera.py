"""Coursera for Business usage report (BOM, CRLF, ISO times) and membership report."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, core_rows, fixture, formats_loaded, load, load_roster

from etl.load import FileInput


def test_usage_report_status_type_and_matching(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("coursera", "usage_report.csv"))
    assert formats_loaded(db)[-1] == ("usage_report.csv", "coursera_usage_csv", 3, 3, 0)
    assert core_rows(db) == [
        # Completed with a course certificate: a micro-credential.
        (
            2,
            "Machine Learning",
            "Stanford University",
            "micro_credential",
            "completed",
            "Yes",
            dt.date(2023, 1, 10),
            dt.date(2023, 3, 1),
            61.0,
            None,
            None,
            "E001",
            "ada.okafor@example.com",
            "Ada Okafor",
            "E001",
            "external_id",
        ),
        # Removed from the program before completing.
        (
            3,
            "Python for Everybody",
            "University of Michigan",
            "traditional_course",
            "failed",
            "Removed",
            dt.date(2023, 2, 1),
            None,
            19.0,
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
            "SQL for Data Science",
            "UC Davis",
            "traditional_course",
            "in_progress",
            "No",
            dt.date(2023, 4, 5),
            None,
            14.0,
            None,
            None,
            None,
            "chen.li@example.com",
            "Chen Li",
            "E003",
            "email",
        ),
    ]


def test_membership_report(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("coursera", "membership_report.csv"))
    assert core_rows(db) == [
        (
            2,
            "Data Academy",
            "Coursera",
            "traditional_course",
            "completed",
            "completed",
            dt.date(2023, 1, 5),
            None,
            None,
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
            "Data Academy",
            "Coursera",
            "traditional_course",
            "in_progress",
            "in progress",
            dt.date(2023, 1, 20),
            None,
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
            "Data Academy",
            "Coursera",
            "traditional_course",
            "in_progress",
            "not started",
            dt.date(2023, 3, 30),
            None,
            None,
            None,
            None,
            None,
            "chen.li@example.com",
            "Chen Li",
            "E003",
            "email",
        ),
    ]


def test_usage_report_without_identity_columns_is_refused(tmp_path):
    body = b"Name,Course,Course Slug,Enrollment Time,Completed\nAda,ML,ml,2023-01-01,Yes\n"
    message = assert_refused(
        tmp_path / "w.duckdb", FileInput("usage.csv", body), "usage.csv", "no column for employee_id or email"
    )
    assert "'Course Slug'" in message and "Coursera for Business usage report" in message
