"""Open Badges 2.0 / 3.0 (JSON and JWT) and CLR 2.0 through the full ingest path; hashed recipients."""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl
import pytest
from formats_testkit import assert_refused, fixture, learning_rows, load, load_roster, query, record_skills

from etl.detect import detect
from etl.formats.openbadges import (
    OPEN_BADGES,
    hash_identity,
    resolve_hashed_recipients,
    resolve_table_recipients,
)
from etl.formats.registry import format_by_name
from etl.load import FileInput, ingest
from etl.readers import read_file
from etl.staging import stage

OB = "openbadges_json"


def test_ob2_embedded_linked_and_hashed_assertions(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    result = load(db, fixture("openbadges", "ob2_assertions.json"))
    assert [(o.source_format, o.rows_read, o.rows_loaded, o.rows_rejected) for o in result.outcomes] == [
        (OB, 3, 3, 0)
    ]
    assert learning_rows(db) == [
        (
            1,
            "Awesome Robotics Badge",
            "Example Badge Issuer",
            "micro_credential",
            "completed",
            "completed",
            None,
            dt.date(2023, 4, 1),
            dt.date(2025, 4, 1),
            None,
            None,
            None,
            None,
            "ada.okafor@example.com",
            None,
            "https://badges.example.org/assertions/1001",
            "E001",
            "email",
            OB,
        ),
        (
            2,
            "Certified Kubernetes Administrator",
            "Example Badge Issuer",
            "certification",
            "revoked",
            "revoked",
            None,
            dt.date(2022, 9, 15),
            None,
            None,
            None,
            None,
            None,
            "ben.carter@example.com",
            None,
            None,
            "E002",
            "email",
            OB,
        ),
        # The third assertion names its recipient only as a salted sha256 hash: the roster's emails,
        # hashed with that salt, find chen.li@example.com.
        (
            4,
            "Awesome Robotics Badge",
            "Example Badge Issuer",
            "micro_credential",
            "completed",
            "completed",
            None,
            dt.date(2024, 1, 20),
            None,
            None,
            None,
            None,
            None,
            "chen.li@example.com",
            None,
            "https://badges.example.org/assertions/1003",
            "E003",
            "email",
            OB,
        ),
    ]
    assert record_skills(db) == [
        ("Awesome Robotics Badge", "Basic Locomotion", 1),
        ("Awesome Robotics Badge", "Basic Locomotion", 1),
        ("Awesome Robotics Badge", "Object Manipulation", 1),
        ("Awesome Robotics Badge", "Object Manipulation", 1),
        ("Certified Kubernetes Administrator", "Kubernetes", 1),
    ]
    assert query(db, "SELECT row_number, column_name, reason FROM rejected_rows") == []


def test_hashed_recipients_match_a_roster_loaded_in_the_same_call(tmp_path):
    db = tmp_path / "w.duckdb"
    roster = fixture("roster.csv")
    result = ingest(db, [fixture("openbadges", "ob2_assertions.json"), roster])
    learning = [o for o in result.outcomes if o.kind == "learning"][0]
    assert (learning.rows_loaded, learning.rows_rejected, learning.rows_unmatched) == (3, 0, 0)


def test_ob3_vc2_credential_with_plain_email_identifier(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("openbadges", "ob3_credential.json"))
    assert learning_rows(db) == [
        (
            1,
            "Applied Data Science",
            "Example University",
            "micro_credential",
            "completed",
            "completed",
            dt.date(2024, 1, 15),
            dt.date(2024, 6, 1),
            dt.date(2027, 6, 1),
            None,
            None,
            None,
            None,
            "ada.okafor@example.com",
            None,
            "https://university.example.edu/credentials/3732",
            "E001",
            "email",
            OB,
        ),
    ]
    assert [s[1] for s in record_skills(db)] == ["Machine Learning", "Python"]


def test_ob3_vc11_as_compact_jwt(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("openbadges", "ob3_vc11.jwt"))
    # The vc claim has no id: the JWT's `jti` is kept as the credential id, so the record id is stable.
    assert query(db, "SELECT record_key FROM learning_records") == [
        ("openbadges:urn:uuid:0c5a4e4e-jwt-0001",)
    ]
    assert learning_rows(db) == [
        (
            1,
            "Example Cloud Professional Architect",
            "Example Cloud Academy",
            "certification",
            "completed",
            "completed",
            None,
            dt.date(2023, 11, 2),
            dt.date(2026, 11, 2),
            None,
            None,
            None,
            None,
            "ben.carter@example.com",
            None,
            None,
            "E002",
            "email",
            OB,
        ),
    ]


def test_clr_each_inner_credential_is_a_record_and_inherits_the_recipient(tmp_path):
    db = tmp_path / "w.duckdb"
    load_roster(db)
    load(db, fixture("openbadges", "clr_transcript.json"))
    assert query(
        db,
        "SELECT program_name, provider, program_type, status, completed_on, source_email, employee_id, record_key "
        "FROM learning_records ORDER BY program_name",
    ) == [
        (
            "Bachelor of Science in Economics",
            "Example College",
            "degree",
            "completed",
            dt.date(2021, 5, 15),
            "chen.li@example.com",
            "E003",
            "openbadges:urn:uuid:clr-inner-1",
        ),
        (
            "Statistics 101",
            "Example College",
            "traditional_course",
            "revoked",
            dt.date(2021, 5, 20),
            "chen.li@example.com",
            "E003",
            "openbadges:urn:uuid:clr-inner-2",
        ),
    ]


def _hash(email: str, salt: str, algo: str = "sha256") -> str:
    return f"{algo}$" + getattr(hashlib, algo)((email + salt).encode()).hexdigest()


def test_resolve_hashed_recipients_salted_unsalted_md5_and_misses():
    frame = pl.DataFrame(
        {
            "Recipient Email": [None, None, None, None, "kept@example.com", None],
            "Recipient Hash": [
                _hash("chen.li@example.com", "deadsea"),
                _hash("ben.carter@example.com", ""),
                _hash("ada.okafor@example.com", "s1", "md5"),
                _hash("nobody@example.com", "deadsea"),
                _hash("ben.carter@example.com", ""),
                "ABCDEF" + "0" * 58,
            ],
            "Recipient Salt": ["deadsea", None, "s1", "deadsea", None, None],
            "Recipient Type": ["email", "email", "email", "email", "email", "url"],
        }
    )
    roster = ["Ada.Okafor@Example.com ", "ben.carter@example.com", "chen.li@example.com", ""]
    out = resolve_hashed_recipients(frame, roster)
    assert out["Recipient Email"].to_list() == [
        "chen.li@example.com",
        "ben.carter@example.com",
        "ada.okafor@example.com",
        None,
        "kept@example.com",
        None,
    ]
    assert hash_identity("chen.li@example.com", "deadsea") == _hash("chen.li@example.com", "deadsea")
    assert resolve_hashed_recipients(pl.DataFrame({"x": ["1"]}), roster).to_dicts() == [{"x": "1"}]


def test_resolved_hashed_recipient_stages_with_its_email():
    data = fixture("openbadges", "ob2_assertions.json").data
    table = read_file(data, "ob2_assertions.json")[0]
    detection = detect(table)
    assert detection.format is OPEN_BADGES
    resolved = resolve_table_recipients(
        table, detection.format, ["chen.li@example.com", "ben.carter@example.com"]
    )
    staged = stage(resolved, detection)
    assert staged.rejects == []
    assert staged.frame.select("_row", "email", "program_name").rows() == [
        (1, "ada.okafor@example.com", "Awesome Robotics Badge"),
        (2, "ben.carter@example.com", "Certified Kubernetes Administrator"),
        (4, "chen.li@example.com", "Awesome Robotics Badge"),
    ]
    other = format_by_name("canonical_learning")
    assert resolve_table_recipients(table, other, ["chen.li@example.com"]) is table


@pytest.mark.parametrize(
    "body",
    [
        b'{"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "x", "name": "Only a class"}',
        b'{"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": "x", "name": "Only an issuer"}',
    ],
)
def test_a_file_without_any_award_is_refused(tmp_path, body):
    table = read_file(body, "class.json")[0]
    assert detect(table).format.name == OB
    assert_refused(tmp_path / "w.duckdb", FileInput("class.json", body), "class.json", "no data rows")
