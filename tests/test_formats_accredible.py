"""Accredible wallet JSON: one record per credential; `complete: false` is in progress."""

from __future__ import annotations

import datetime as dt

from formats_testkit import assert_refused, core_rows, fixture, formats_loaded, load, load_roster, query

from etl.load import FileInput


def test_wallet_credentials_land(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("accredible", "wallet.json"))
    assert formats_loaded(db)[-1] == ("wallet.json", "accredible_json", 2, 2, 0)
    assert core_rows(db) == [
        (
            1,
            "Certified Scrum Product Owner",
            "Scrum Alliance",
            "certification",
            "completed",
            "completed",
            None,
            dt.date(2023, 3, 3),
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
            2,
            "Design Thinking Sprint",
            "Example Academy",
            "micro_credential",
            "in_progress",
            "in progress",
            None,
            dt.date(2024, 2, 10),
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
    assert query(
        db, "SELECT expires_on, credential_url, record_key FROM learning_records ORDER BY source_row"
    ) == [
        (dt.date(2025, 3, 3), "https://www.credential.net/10442", "accredible:10442"),
        (None, "https://www.credential.net/10443", "accredible:10443"),
    ]


def test_credentials_without_recipients_are_refused(tmp_path):
    body = b'{"credentials": [{"id": 1, "name": "X", "issued_on": "2024-01-01", "recipient": {"name": "Nobody"}}]}'
    assert_refused(
        tmp_path / "w.duckdb",
        FileInput("wallet.json", body),
        "wallet.json",
        "no employee id, external id or email",
    )
