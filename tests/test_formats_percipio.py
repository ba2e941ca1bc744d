"""Skillsoft Percipio learner activity: status words, duration in seconds, userId as id or email."""

from __future__ import annotations

import datetime as dt

from formats_testkit import core_rows, fixture, formats_loaded, load, load_roster


def test_learner_activity_lands(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("percipio", "learner_activity.csv"))
    assert formats_loaded(db)[-1] == ("learner_activity.csv", "percipio_activity_csv", 3, 3, 0)
    assert core_rows(db) == [
        (
            2,
            "Python Programming Fundamentals",
            "Skillsoft Percipio",
            "traditional_course",
            "completed",
            "Completed",
            dt.date(2024, 2, 1),
            dt.date(2024, 2, 10),
            1.5,
            None,
            "E001",
            None,
            None,
            "Ada Okafor",
            "E001",
            "employee_id",
        ),
        (
            3,
            "The Challenger Sale",
            "Skillsoft Percipio",
            "traditional_course",
            "completed",
            "Read",
            dt.date(2024, 2, 20),
            dt.date(2024, 3, 1),
            2.0,
            None,
            None,
            None,
            "chen.li@example.com",
            "Chen Li",
            "E003",
            "email",
        ),
        (
            4,
            "AWS Cloud Practitioner Prep",
            "Skillsoft Percipio",
            "traditional_course",
            "in_progress",
            "Started",
            dt.date(2024, 3, 5),
            None,
            0.5,
            None,
            "E002",
            None,
            None,
            "Ben Carter",
            "E002",
            "employee_id",
        ),
    ]
