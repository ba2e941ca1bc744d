"""LinkedIn Learning: the learner detail CSV (Percent Complete, H:MM:SS) and the reporting API JSON."""

from __future__ import annotations

import datetime as dt
import json

from formats_testkit import assert_refused, core_rows, fixture, formats_loaded, load, load_roster, query

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
    assert query(db, "SELECT program_name, status FROM learning_records ORDER BY source_row") == [
        ("Course A", "completed"),
        ("Course C", "in_progress"),
    ]
    assert query(db, "SELECT row_number, reason FROM rejected_rows") == [(3, "status is empty")]


def test_report_without_content_title_is_refused(tmp_path):
    body = b"Email,Course Views,Percent Complete\na@example.com,3,100%\n"
    assert_refused(tmp_path / "w.duckdb", FileInput("summary.csv", body), "summary.csv", "program_name")


# --- reporting API (JSON) ---------------------------------------------------------------------------------


def test_api_activities_become_one_record_per_learner_and_content(tmp_path):
    """SECONDS_VIEWED / 3600 -> hours; COMPLETIONS >= 1 -> completed on its lastEngagedAt (UTC date);
    the earliest firstEngagedAt -> started_on; Ben's two elements on one video merge (1620 s + 1800 s)."""
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("linkedin", "api_learning_activity.json"))
    assert formats_loaded(db)[-1] == ("api_learning_activity.json", "linkedin_learning_api_json", 4, 4, 0)
    assert core_rows(db) == [
        (
            1,
            "Learning Python",
            "LinkedIn",
            "traditional_course",
            "completed",
            "completed",
            dt.date(2024, 3, 1),
            dt.date(2024, 3, 15),
            2.258333,
            None,
            None,
            "E001",
            "ada.okafor@example.com",
            "Ada Okafor",
            "E001",
            "external_id",
        ),
        (
            2,
            "Agile Foundations: Scrum in Five Minutes",
            "LinkedIn",
            "traditional_course",
            "in_progress",
            "in progress",
            dt.date(2024, 3, 20),
            None,
            0.95,
            None,
            None,
            None,
            "ben.carter@example.com",
            "Ben Carter",
            "E002",
            "email",
        ),
        # Completed at 23:30 UTC on 30 April: the UTC date, whatever the machine's time zone.
        (
            3,
            "Become a Sales Professional",
            "LinkedIn",
            "traditional_course",
            "completed",
            "completed",
            dt.date(2024, 4, 2),
            dt.date(2024, 4, 30),
            1.0,
            None,
            None,
            None,
            "chen.li@example.com",
            "Chen Li",
            "E003",
            "email",
        ),
        # Only DAYS_ACTIVE: engaged, no time viewed, no completion; not on the roster, so unmatched.
        (
            5,
            "Onboarding Checklist",
            "Example Corp",
            "traditional_course",
            "in_progress",
            "in progress",
            dt.date(2024, 5, 6),
            None,
            None,
            None,
            None,
            "C-778",
            "dana.ruiz@example.com",
            "Dana Ruiz",
            None,
            None,
        ),
    ]


def _element(email: str, title: str, first_engaged: object, seconds: object) -> dict:
    return {
        "learnerDetails": {"name": email.split("@")[0], "email": email, "entity": {}},
        "contentDetails": {"name": title, "contentUrn": f"urn:li:lyndaCourse:{title}", "assetType": "COURSE"},
        "activities": [
            {
                "engagementType": "SECONDS_VIEWED",
                "engagementValue": seconds,
                "engagementMetricQualifier": "TOTAL",
                "assetType": "COURSE",
                "firstEngagedAt": first_engaged,
                "lastEngagedAt": 1714000000000,
            }
        ],
    }


def test_api_unreadable_timestamp_or_seconds_rejects_only_that_row(tmp_path):
    body = {
        "elements": [
            _element("a@example.com", "Course A", 1709280720000, 7200),
            _element("b@example.com", "Course B", "last spring", 60),
            _element("c@example.com", "Course C", 1709280720000, "n/a seconds"),
            _element("d@example.com", "Course D", 1709280720000, 900),
            _element("e@example.com", "Course E", 1709280720000, 1800),
        ],
        "paging": {"count": 5, "start": 0},
    }
    db = tmp_path / "w.duckdb"
    load(db, FileInput("activity.json", json.dumps(body).encode()))
    assert query(db, "SELECT program_name, hours FROM learning_records ORDER BY source_row") == [
        ("Course A", 2.0),
        ("Course D", 0.25),
        ("Course E", 0.5),
    ]
    rejected = query(db, "SELECT row_number, column_name, value FROM rejected_rows ORDER BY row_number")
    assert rejected == [(2, "First Engaged", "last spring"), (3, "Hours Viewed", "n/a seconds")]


def test_api_learner_level_report_without_content_is_refused(tmp_path):
    """Aggregated by learner only, the report names no course: refused, naming program_name."""
    element = _element("a@example.com", "Course A", 1709280720000, 7200)
    del element["contentDetails"]
    body = json.dumps({"elements": [element], "paging": {"count": 1, "start": 0}}).encode()
    message = assert_refused(
        tmp_path / "w.duckdb",
        FileInput("learners.json", body),
        "learners.json",
        "no column for program_name",
        "'learnerDetails.email'",
        "'activities'",
    )
    assert "LinkedIn Learning reporting API" in message
