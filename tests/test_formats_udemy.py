"""Udemy Business: course activity (`% Marked Completed`, video minutes, cp1252 + semicolons + DD.MM.YYYY)
and the user report, a roster whose `Role` is the Udemy role, not a job title."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, core_rows, employees, fixture, formats_loaded, load, load_roster

from etl.load import FileInput, LoadOptions, ingest, prepare_file


def test_course_activity_lands(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("udemy", "course_activity.csv"))
    assert formats_loaded(db)[-1] == ("course_activity.csv", "udemy_activity_csv", 3, 3, 0)
    assert core_rows(db) == [
        (
            2,
            "The Complete SQL Bootcamp",
            "Udemy",
            "traditional_course",
            "completed",
            "completed",
            dt.date(2024, 1, 3),
            dt.date(2024, 1, 28),
            9.0,
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
            "Kubernetes for Absolute Beginners",
            "Udemy",
            "traditional_course",
            "in_progress",
            "in progress",
            dt.date(2024, 2, 6),
            None,
            1.5,
            None,
            None,
            None,
            "ben.carter@example.com",
            "Ben Carter",
            "E002",
            "email",
        ),
        # "MBA in a Box" is a course title, not a degree.
        (
            4,
            "MBA in a Box",
            "Udemy",
            "traditional_course",
            "in_progress",
            "in progress",
            None,
            None,
            0.0,
            None,
            None,
            None,
            "chen.li@example.com",
            "Chen Li",
            "E003",
            "email",
        ),
    ]


# --- user report (roster) ---------------------------------------------------------------------------------


def test_user_report_lands_as_a_roster_with_group_as_team_and_no_job_title(tmp_path):
    db = tmp_path / "w.duckdb"
    load(db, fixture("udemy", "user_report.csv"))
    assert formats_loaded(db) == [("user_report.csv", "udemy_user_report_csv", 4, 4, 0)]
    # Role (Group Admin / Student / Admin) is Udemy's and Joined date is when they joined Udemy: neither
    # lands as role or hire_date. Name + Surname are joined; emails are trimmed and lower-cased.
    assert employees(db) == [
        (
            "E001",
            "Ada Okafor",
            "ada.okafor@example.com",
            None,
            "Engineering",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        (
            "E002",
            "Ben Carter",
            "ben.carter@example.com",
            None,
            "Engineering",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        ("E003", "Chen Li", "chen.li@example.com", None, "Sales", None, None, None, None, None, None),
        ("E004", "Dana Ruiz", "dana.ruiz@example.com", None, "Sales", None, None, None, None, None, None),
    ]


def test_user_report_mapping_keeps_udemy_role_and_joined_date_apart():
    (part,) = prepare_file(fixture("udemy", "user_report.csv")).parts
    assert part.detection.format.name == "udemy_user_report_csv"
    assert part.detection.mapping == {
        "employee_id": "External ID",
        "full_name": "Full Name",
        "last_name": "Surname",
        "email": "Email",
        "team": "Group",
    }
    # Still shown in the mapping editor, under names no synonym claims.
    prepared = part.detection.format.prepare(part.table)
    assert prepared.columns == [
        "Name",
        "Surname",
        "Email",
        "External ID",
        "LMS User ID",
        "Group",
        "Udemy Role",
        "Status",
        "License type",
        "Udemy Joined Date",
        "Full Name",
    ]


def test_user_report_udemy_role_can_still_be_mapped_by_hand(tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(db, [fixture("udemy", "user_report.csv")], LoadOptions(mapping={"role": "Udemy Role"}))
    assert [(e[0], e[5]) for e in employees(db)] == [
        ("E001", "Group Admin"),
        ("E002", "Student"),
        ("E003", "Admin"),
        ("E004", "Student"),
    ]


def test_user_report_without_an_id_column_is_refused(tmp_path):
    body = (
        b"Name,Surname,Email,Group,Role,Status,License type,Joined date\n"
        b"Ada,Okafor,ada.okafor@example.com,Engineering,Student,Active,Enterprise,2023-01-09\n"
    )
    assert_refused(
        tmp_path / "w.duckdb",
        FileInput("users.csv", body),
        "users.csv",
        "Udemy Business user report",
        "no column for employee_id",
        "'Surname'",
        "'License type'",
    )
