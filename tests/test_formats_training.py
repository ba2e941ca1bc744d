"""Traditional training records: run-together or spaced headers, days -> hours, outcomes, cost."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, core_rows, fixture, formats_loaded, load, load_roster

from etl.load import FileInput


def test_public_sample_layout_lands(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("training", "training_and_development.csv"))
    assert formats_loaded(db)[-1] == ("training_and_development.csv", "training_records_csv", 4, 4, 0)
    assert core_rows(db) == [
        (
            2,
            "Customer Service",
            None,
            "traditional_course",
            "failed",
            "Failed",
            dt.date(2022, 9, 21),
            None,
            32.0,
            510.83,
            "E001",
            None,
            None,
            None,
            "E001",
            "employee_id",
        ),
        (
            3,
            "Leadership Development",
            None,
            "traditional_course",
            "completed",
            "Passed",
            dt.date(2023, 7, 19),
            dt.date(2023, 7, 19),
            16.0,
            582.37,
            "E002",
            None,
            None,
            None,
            "E002",
            "employee_id",
        ),
        (
            4,
            "Negotiation",
            None,
            "traditional_course",
            "completed",
            "Completed",
            dt.date(2023, 1, 5),
            dt.date(2023, 1, 5),
            8.0,
            95.0,
            "E003",
            None,
            None,
            None,
            "E003",
            "employee_id",
        ),
        (
            5,
            "Project Management",
            None,
            "traditional_course",
            "failed",
            "Incomplete",
            dt.date(2023, 11, 30),
            None,
            24.0,
            1200.0,
            "E001",
            None,
            None,
            None,
            "E001",
            "employee_id",
        ),
    ]


def test_spaced_headers_and_the_type_column_wins(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("training", "tuition_records.csv"))
    # "Master of …" would read as a degree, but the file's own Training Type (External) is what counts.
    assert core_rows(db) == [
        (
            2,
            "Master of Business Administration",
            None,
            "traditional_course",
            "completed",
            "Passed",
            dt.date(2024, 1, 8),
            dt.date(2024, 1, 8),
            240.0,
            12000.0,
            "E002",
            None,
            None,
            None,
            "E002",
            "employee_id",
        ),
    ]


def test_missing_employee_column_is_refused(tmp_path):
    body = b"TrainingDate,TrainingProgramName,TrainingType,TrainingOutcome\n9/21/2022,Customer Service,Internal,Failed\n"
    message = assert_refused(
        tmp_path / "w.duckdb",
        FileInput("training.csv", body),
        "training.csv",
        "employee_id or email",
        "'TrainingProgramName'",
    )
    assert "Columns found" in message
