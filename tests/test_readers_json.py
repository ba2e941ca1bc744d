"""JSON documents, JSON Lines and compact JWTs: finding records, flattening, tolerant parsing, refusals."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import polars as pl
import pytest

from etl.readers import RawTable, ReadError, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
OPEN_BADGES_V2 = Path("/work/shared/realdata/openbadges_v2")


def read_one(name: str, as_name: str | None = None) -> RawTable:
    tables = read_file((FIXTURES / name).read_bytes(), as_name or name)
    assert len(tables) == 1
    table = tables[0]
    assert table.frame.columns == table.columns
    assert all(dtype == pl.String for dtype in table.frame.dtypes)
    assert table.documents is not None and len(table.documents) == table.frame.height
    return table


def refusal(data: bytes, name: str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_file(data, name)
    assert caught.value.file_name == name
    assert name in str(caught.value)
    return caught.value


def b64(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


# --- records and flattening -----------------------------------------------------------------------------


def test_top_level_array_flattened_with_dotted_paths():
    table = read_one("top_array.json")
    assert table.part is None
    assert table.columns == [
        "id",
        "name",
        "active",
        "score",
        "manager",
        "work.department.id",
        "work.department.name",
        "work.title",
        "skills",
        "courses",
        "tags",
        "joined",
        "extra",
    ]
    first = dict(zip(table.columns, table.frame.row(0), strict=True))
    assert first["active"] == "true"
    assert first["score"] == "4.5"
    assert first["manager"] is None
    assert first["work.department.name"] == "Finance"
    assert first["skills"] == "sql | excel"
    assert json.loads(first["courses"]) == [{"name": "SQL 101", "hours": 3}]
    assert first["tags"] is None
    assert first["joined"] == "/Date(1577485482000+0000)/"
    last = dict(zip(table.columns, table.frame.row(-1), strict=True))
    assert last["name"] == "Bob Roe"
    assert last["extra"] == "only here"
    assert last["work.title"] is None
    assert table.source_rows == [1, 2]
    assert table.documents[0]["courses"] == [{"name": "SQL 101", "hours": 3}]
    assert table.meta == {"encoding": "utf-8", "json": "strict"}


def test_workday_report_entry():
    table = read_one("workday.json")
    assert table.part == "Report_Entry"
    assert table.columns == [
        "Employee_ID",
        "Legal_Name",
        "Email_-_Work",
        "Supervisory_Organization",
        "Hire_Date",
        "Termination_Date",
    ]
    assert table.frame.row(0)[:2] == ("21001", "Logan McNeil")
    assert table.frame.row(-1) == (
        "21002",
        "Teresa Serrano",
        "tserrano@example.com",
        "Finance (Teresa Serrano)",
        "2001-03-15",
        None,
    )
    assert table.source_rows == [1, 2]


def test_odata_v2_d_results_keeps_date_strings_and_nested_result_arrays():
    table = read_one("odata_v2.json")
    assert table.part == "d.results"
    assert table.columns == [
        "__metadata.uri",
        "__metadata.type",
        "personIdExternal",
        "dateOfBirth",
        "personalInfoNav.results",
        "emailNav.results",
    ]
    assert table.frame.item(0, "dateOfBirth") == "/Date(315532800000)/"
    assert json.loads(table.frame.item(0, "personalInfoNav.results")) == [
        {"firstName": "Marcus", "lastName": "Hoff"}
    ]
    assert table.frame.row(-1)[2:] == ("1002", None, None, None)
    assert table.documents[0]["emailNav"]["results"][0]["isPrimary"] is True


def test_odata_v4_value():
    table = read_one("odata_v4.json")
    assert table.part == "value"
    assert table.columns == ["id", "displayName", "mail"]
    assert table.frame.rows() == [("u1", "Ann", "ANN@example.com"), ("u2", "Bob", None)]


def test_credly_data_with_paging_metadata():
    table = read_one("credly_page.json")
    assert table.part == "data"
    assert table.columns[:5] == ["id", "state", "issued_at", "issued_to", "recipient_email"]
    assert "metadata.count" not in table.columns
    assert table.frame.item(0, "issued_at") == "2022-02-04T15:20:32.000-05:00"
    assert table.frame.item(-1, "id") == "b2"
    assert table.frame.item(0, "badge_template.cost") is None
    assert table.documents[1]["badge_template"]["skills"][1]["name"] == "AWS"


def test_several_pages_concatenated_in_one_array():
    table = read_one("credly_pages.json")
    assert table.part == "[*].data"
    assert table.frame.get_column("id").to_list() == ["b1", "b2", "b3"]
    assert table.frame.item(-1, "issued_to") == "Cy Doe"
    assert table.source_rows == [1, 2, 3]


def test_hibob_employees():
    table = read_one("hibob.json")
    assert table.part == "employees"
    assert table.columns == [
        "id",
        "firstName",
        "surname",
        "email",
        "work.title",
        "work.department",
        "work.reportsTo.id",
        "work.startDate",
    ]
    assert table.frame.row(0)[0] == "3332883884017713238"


@pytest.mark.parametrize(
    "key", ["elements", "results", "items", "records", "employees", "credentials", "data"]
)
def test_other_envelope_keys(key):
    data = json.dumps({key: [{"a": 1}, {"a": 2, "b": "x"}], "paging": {"next": None}}).encode()
    (table,) = read_file(data, "export.json")
    assert table.part == key
    assert table.columns == ["a", "b"]
    assert table.frame.rows() == [("1", None), ("2", "x")]


def test_single_object_is_one_record_and_keeps_its_own_arrays():
    table = read_one("single_credential.json")
    assert table.part is None
    assert table.frame.height == 1
    assert table.frame.item(0, "type") == "VerifiableCredential | OpenBadgeCredential"
    assert table.frame.item(0, "credentialSubject.achievement.name") == "Teamwork Badge"
    assert (
        json.loads(table.frame.item(0, "credentialSubject.achievement.alignment"))[0]["targetName"]
        == "Teamwork"
    )
    assert table.source_rows == [1]


def test_object_with_an_empty_items_field_is_still_one_record():
    (table,) = read_file(json.dumps({"id": "x", "items": []}).encode(), "one.json")
    assert table.part is None
    assert table.frame.rows() == [("x", None)]


def test_array_of_scalars_becomes_a_value_column():
    (table,) = read_file(b'["a", 2, null]', "list.json")
    assert table.columns == ["value"]
    assert table.frame.rows() == [("a",), ("2",), (None,)]


def test_json_content_is_recognised_without_a_json_extension():
    (table,) = read_file((FIXTURES / "workday.json").read_bytes(), "report.txt")
    assert table.part == "Report_Entry"
    (table,) = read_file((FIXTURES / "odata_v4.json").read_bytes(), "download")
    assert table.part == "value"


# --- tolerant parsing -----------------------------------------------------------------------------------


def test_tolerant_pass_comments_trailing_commas_raw_newlines_tabs_and_bom():
    table = read_one("tolerant.json")
    assert table.meta == {"encoding": "utf-8-sig", "json": "tolerant"}
    assert table.columns == ["name", "note", "skills", "url"]
    assert table.frame.row(0) == ("Ann", "line one\nline two", "sql | excel", "https://example.com/a//b")
    assert table.frame.row(-1) == ("Bob", "tab\there", None, None)


def test_json_lines():
    table = read_one("lines.ndjson")
    assert table.meta["json"] == "ndjson"
    assert table.columns == ["id", "event", "course.name"]
    assert table.frame.row(0) == ("1", "completed", "SQL")
    assert table.frame.row(-1) == ("3", "completed", None)
    assert table.source_rows == [1, 2, 3]


def test_invalid_json_reports_line_and_column_of_the_strict_error():
    error = refusal((FIXTURES / "broken.json").read_bytes(), "broken.json")
    assert "line 3, column 12" in str(error)
    assert "Expecting ',' delimiter" in str(error)
    assert error.row == 3


def test_empty_record_list_is_refused():
    error = refusal((FIXTURES / "empty_list.json").read_bytes(), "empty_list.json")
    assert 'no records (the list under "data" is empty)' in str(error)


def test_bare_scalar_document_is_refused():
    error = refusal(b"42", "answer.json")
    assert "single value" in str(error)


def test_deeply_nested_json_is_refused_not_crashed():
    error = refusal(b"[" * 100_000 + b"]" * 100_000, "deep.json")
    assert "nested too deeply" in str(error)


# --- compact JWTs ---------------------------------------------------------------------------------------


def test_jwt_with_vc_claim_yields_the_credential():
    table = read_one("credential.jwt")
    assert table.part == "vc"
    assert table.meta["jwt"] == "unverified"
    assert table.columns == [
        "@context",
        "type",
        "issuer.id",
        "issuer.name",
        "issuanceDate",
        "credentialSubject.id",
        "credentialSubject.achievement.name",
        "credentialSubject.achievement.achievementType",
    ]
    assert table.frame.item(0, "credentialSubject.achievement.name") == "Data Literacy"
    assert "iss" not in table.columns
    assert table.documents[0]["issuer"]["name"] == "Example University"


def test_text_file_of_several_tokens_one_per_line():
    table = read_one("tokens.txt")
    assert table.meta["jwt"] == "unverified"
    assert table.frame.get_column("credentialSubject.achievement.name").to_list() == [
        "Data Literacy",
        "SQL Foundations",
    ]
    assert table.source_rows == [1, 2]


def test_jwt_without_vc_claim_uses_the_payload():
    table = read_one("plain_claims.jwt")
    assert table.part is None
    assert table.frame.rows() == [("E-001", "Ann Lee", "SQL")]


def test_jwt_registered_claims_fill_what_the_vc_claim_lacks():
    """VC-JWT 1.1: `jti` -> id, `nbf`/`exp` -> issuanceDate/expirationDate (UTC), `sub` -> subject id; what
    the credential states itself is never overwritten (its issuer here)."""
    claims = {
        "iss": "https://issuer.example/1",
        "jti": "urn:uuid:7f3c-0001",
        "nbf": 1698915600,
        "exp": 1793523600,
        "sub": "did:example:ben",
        "vc": {
            "type": ["VerifiableCredential"],
            "issuer": "https://issuer.example/own",
            "credentialSubject": {},
        },
    }
    (table,) = read_file(f"{b64({'alg': 'ES256'})}.{b64(claims)}.c2ln".encode(), "vc11.jwt")
    assert table.part == "vc"
    assert table.documents == [
        {
            "type": ["VerifiableCredential"],
            "issuer": "https://issuer.example/own",
            "credentialSubject": {"id": "did:example:ben"},
            "id": "urn:uuid:7f3c-0001",
            "issuanceDate": "2023-11-02T09:00:00Z",
            "expirationDate": "2026-11-01T09:00:00Z",
        }
    ]


def test_jwt_claims_fill_vc_2_0_dates_as_valid_from_and_until():
    claims = {
        "nbf": 1698915600,
        "vc": {"@context": ["https://www.w3.org/ns/credentials/v2"], "validUntil": "2030-01-01T00:00:00Z"},
    }
    (table,) = read_file(f"{b64({'alg': 'ES256'})}.{b64(claims)}.c2ln".encode(), "vc20.jwt")
    assert table.documents[0]["validFrom"] == "2023-11-02T09:00:00Z"
    assert table.documents[0]["validUntil"] == "2030-01-01T00:00:00Z"
    assert "issuanceDate" not in table.documents[0] and "expirationDate" not in table.documents[0]


def test_malformed_jwt_payload_is_refused():
    error = refusal((FIXTURES / "malformed.jwt").read_bytes(), "malformed.jwt")
    assert "not a valid JWT" in str(error)


def test_jwt_file_without_a_token_is_refused():
    error = refusal((FIXTURES / "not_a_jwt.jwt").read_bytes(), "not_a_jwt.jwt")
    assert "not a compact JWT" in str(error)


def test_second_token_broken_names_the_token():
    good = f"{b64({'alg': 'none'})}.{b64({'sub': 'a'})}."
    bad = f"{b64({'alg': 'none'})}.{b64([1, 2])}."
    error = refusal(f"{good}\n{bad}\n".encode(), "tokens.jwt")
    assert "token 2 is not a valid JWT" in str(error)
    assert error.row == 2


def test_dotted_words_in_a_text_file_are_not_taken_for_a_jwt():
    (table,) = read_file(b"version\nabcd.efgh.ijkl\n", "versions.txt")
    assert table.columns == ["version"]
    assert table.frame.rows() == [("abcd.efgh.ijkl",)]


# --- published Open Badges 2.0 examples (read-only shared folder) ---------------------------------------


@pytest.mark.skipif(not OPEN_BADGES_V2.is_dir(), reason="shared real-data folder not mounted")
@pytest.mark.parametrize(
    ("name", "mode"),
    [
        ("assertion_embedded_INVALID_trailing_comma.json", "tolerant"),
        ("badgeclass_with_alignment_RAW_newline_in_string.json", "tolerant"),
        ("badgeclass_criteria_alignment.json", "tolerant"),
        ("assertion_hosted.json", "strict"),
        ("issuer_profile.json", "strict"),
    ],
)
def test_real_open_badges_examples(name, mode):
    data = (OPEN_BADGES_V2 / name).read_bytes()
    (table,) = read_file(data, name)
    assert table.meta["json"] == mode
    assert table.frame.height == 1
    assert table.source_rows == [1]
    assert table.frame.item(0, "@context") == "https://w3id.org/openbadges/v2"


@pytest.mark.skipif(not OPEN_BADGES_V2.is_dir(), reason="shared real-data folder not mounted")
def test_real_open_badges_nested_fields():
    (assertion,) = read_file(
        (OPEN_BADGES_V2 / "assertion_embedded_INVALID_trailing_comma.json").read_bytes(), "assertion.json"
    )
    assert assertion.frame.item(0, "badge.issuer.email") == "steved@example.org"
    assert assertion.frame.item(0, "recipient.hashed") == "true"
    (badge,) = read_file(
        (OPEN_BADGES_V2 / "badgeclass_with_alignment_RAW_newline_in_string.json").read_bytes(), "badge.json"
    )
    assert badge.frame.item(0, "tags") == "robots | awesome"
    alignment = json.loads(badge.frame.item(0, "alignment"))
    assert [a["targetName"] for a in alignment] == ["CCSS.ELA-Literacy.RST.11-12.3", "Problem-Solving"]
    assert "\n" in alignment[0]["targetDescription"]


def test_csv_content_named_json_is_read_as_csv():
    (table,) = read_file(b"Employee ID,Name\n1,Ann\n", "export.json")
    assert table.meta["delimiter"] == ","
    assert table.frame.rows() == [("1", "Ann")]
    assert table.documents is None


def test_blank_json_file_is_empty():
    error = refusal(b"  \n\n", "blank.json")
    assert "the file is empty" in str(error)


def test_records_without_fields_are_refused():
    error = refusal(b"[{}, {}]", "blank_records.json")
    assert "have no fields" in str(error)
