"""Udemy Business course activity: `% Marked Completed`, video minutes, cp1252 + semicolons + DD.MM.YYYY."""

from __future__ import annotations

import datetime as dt

from formats_testkit import core_rows, fixture, formats_loaded, load, load_roster


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
