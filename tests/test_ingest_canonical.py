"""Canonical file shapes land exactly as the golden files beside the fixtures say.

Regenerate the golden files after an intended change with: UPDATE_GOLDEN=1 pytest tests/test_ingest_canonical.py
(then read the diff before committing it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from etl import sql_files
from etl.admin import map_identity
from etl.load import FileInput, IngestRefused, LoadOptions, _distinct_rows, _row_hash, _skill_frame, ingest
from etl.warehouse import create_schema

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "ingest"
GOLDEN = HERE / "golden"

SNAPSHOT_QUERIES = {
    "employees": "SELECT * EXCLUDE (valid_from) FROM employees ORDER BY employee_id",
    "learning_records": (
        "SELECT record_key, employee_id, match_method, program_name, provider, program_type, status, source_status, "
        "started_on, completed_on, expires_on, cost, hours, source_employee_id, source_email, source_row, load_id "
        "FROM learning_records ORDER BY record_key"
    ),
    "learning_record_skills": (
        "SELECT r.record_key, k.skill_id, k.level FROM learning_record_skills AS k "
        "JOIN learning_records AS r USING (record_id) ORDER BY 1, 2"
    ),
    "role_requirements": "SELECT * FROM role_requirements ORDER BY role_key, skill_id",
    "skills": "SELECT * FROM skills ORDER BY skill_id",
    "programs": "SELECT * FROM programs ORDER BY program_key",
    "program_skills": "SELECT * FROM program_skills ORDER BY program_key, skill_id",
    "ingest_log": (
        "SELECT load_id, batch_id, file_name, kind, source_format, rows_read, rows_loaded, rows_rejected, "
        "rows_unmatched, status, message FROM ingest_log ORDER BY load_id"
    ),
}


def snapshot(db: Path) -> dict[str, list[dict]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for name, sql in SNAPSHOT_QUERIES.items():
            rel = con.sql(sql)
            out[name] = [
                {
                    k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in zip(rel.columns, row, strict=True)
                }
                for row in rel.fetchall()
            ]
        return out
    finally:
        con.close()


def load(db: Path, *names: str, **options) -> None:
    ingest(db, [FileInput.from_path(HERE / n) for n in names], LoadOptions(**options))


def check_golden(name: str, actual: dict) -> None:
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    for table in expected:
        assert actual[table] == expected[table], f"{table} differs from {path.name}"


def test_each_canonical_shape_lands_exactly(tmp_db: Path) -> None:
    for name in ("catalogue.csv", "roles.csv", "roster.csv", "learning.csv"):
        load(tmp_db, name)
    check_golden("one_file_per_call", snapshot(tmp_db))


def test_a_load_needs_no_pyarrow(tmp_db: Path) -> None:
    """Frames reach DuckDB, and results come back, over the Arrow C stream: a load that imported pyarrow and
    numpy held ~40-50 MB more at its peak. In a fresh interpreter where importing pyarrow fails, every kind
    of file lands exactly as the golden file says."""
    script = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from pathlib import Path\n"
        "from etl.load import FileInput, ingest\n"
        f"here = Path({str(HERE)!r})\n"
        "for name in ('catalogue.csv', 'roles.csv', 'roster.csv', 'learning.csv'):\n"
        f"    ingest(Path({str(tmp_db)!r}), [FileInput.from_path(here / name)])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    check_golden("one_file_per_call", snapshot(tmp_db))


def test_one_call_with_all_files_lands_the_same_rows(tmp_db: Path) -> None:
    """The loader orders files by kind, so giving them in any order gives the same warehouse."""
    load(tmp_db, "learning.csv", "roster.csv", "roles.csv", "catalogue.csv")
    snap = snapshot(tmp_db)
    assert {r["batch_id"] for r in snap["ingest_log"]} == {1}
    assert [r["kind"] for r in snap["ingest_log"]] == ["catalogue", "roles", "roster", "learning"]
    golden = json.loads((GOLDEN / "one_file_per_call.json").read_text(encoding="utf-8"))
    for table in ("employees", "role_requirements", "skills", "programs"):
        strip = [{k: v for k, v in r.items() if k != "load_id"} for r in snap[table]]
        assert strip == [{k: v for k, v in r.items() if k != "load_id"} for r in golden[table]]


def test_names_emails_and_levels_are_normalised(tmp_db: Path) -> None:
    load(tmp_db, "roster.csv", "roles.csv")
    snap = snapshot(tmp_db)
    people = {r["employee_id"]: r for r in snap["employees"]}
    assert people["E2"]["full_name"] == "Grace M Hopper"  # "Hopper, Grace M" turned round
    assert people["E1"]["email"] == "ada.lovelace@example.com"
    assert people["E3"]["email"] == "alan@example.com"  # surrounding spaces trimmed
    # "sql" and "SQL" are one skill; level 0 means not required and is not loaded
    assert {(r["role_key"], r["skill_id"]) for r in snap["role_requirements"]} == {
        ("software engineer", "aws"),
        ("software engineer", "sql"),
        ("data analyst", "sql"),
    }


def test_unmatched_learning_records_are_kept_and_counted(tmp_db: Path) -> None:
    load(tmp_db, "roster.csv", "learning.csv")
    snap = snapshot(tmp_db)
    unmatched = [r for r in snap["learning_records"] if r["employee_id"] is None]
    assert [r["source_employee_id"] for r in unmatched] == ["E9"]
    assert snap["ingest_log"][-1]["rows_unmatched"] == 1
    by_email = [r for r in snap["learning_records"] if r["match_method"] == "email"]
    assert [r["employee_id"] for r in by_email] == ["E3"]  # ALAN@example.com matched case-insensitively


def test_records_match_once_the_roster_arrives_later(tmp_db: Path) -> None:
    load(tmp_db, "learning.csv")
    assert all(r["employee_id"] is None for r in snapshot(tmp_db)["learning_records"])
    load(tmp_db, "roster.csv")
    matched = [r for r in snapshot(tmp_db)["learning_records"] if r["employee_id"]]
    assert len(matched) == 3


def test_a_learning_only_load_matches_its_own_records_and_a_roster_load_rematches_all(
    tmp_db: Path, tmp_path: Path
) -> None:
    load(tmp_db, "roster.csv", "learning.csv")
    # Break one earlier match by hand: only a roster (or mapping) change may re-match earlier records.
    con = duckdb.connect(str(tmp_db))
    con.execute(
        "UPDATE learning_identities SET employee_id = NULL, match_method = NULL WHERE source_employee_id = 'E2'"
    )
    con.close()
    later = tmp_path / "later_learning.csv"
    later.write_text(
        "Employee ID,Program,Provider,Program Type,Status,Completion Date\n"
        "E1,Kubernetes Basics,CNCF,certification,Completed,2025-05-01\n",
        encoding="utf-8",
    )
    ingest(tmp_db, [FileInput.from_path(later)])
    rows = {r["program_name"]: r for r in snapshot(tmp_db)["learning_records"]}
    assert rows["Kubernetes Basics"]["employee_id"] == "E1"
    assert rows["AWS Cloud Practitioner"]["employee_id"] is None  # untouched by a learning-only load
    load(tmp_db, "roster.csv")  # same bytes: a duplicate, nothing written, nothing re-matched
    assert {r["program_name"]: r for r in snapshot(tmp_db)["learning_records"]}["AWS Cloud Practitioner"][
        "employee_id"
    ] is None
    newer_roster = tmp_path / "roster_2.csv"
    newer_roster.write_bytes((HERE / "roster.csv").read_bytes() + b"\n")
    ingest(tmp_db, [FileInput.from_path(newer_roster)])
    rows = {r["program_name"]: r for r in snapshot(tmp_db)["learning_records"]}
    assert rows["AWS Cloud Practitioner"]["employee_id"] == "E2"
    assert rows["AWS Cloud Practitioner"]["match_method"] == "employee_id"


def test_distinct_rows_tell_apart_swapped_blank_and_missing_values() -> None:
    """Learners are grouped by a hash of their values (etl.load._distinct_rows): values swapped between
    columns, an empty text and a missing one must each stay their own learner, and hash apart (so the exact
    but slower fallback is not needed)."""
    frame = pl.DataFrame(
        {
            "a": ["x", "y", None, "", None, "x", "z", "z"],
            "b": ["y", "x", "", None, None, "y", "z", "z"],
        }
    )
    distinct, positions = _distinct_rows(frame)
    assert distinct.rows() == [("x", "y"), ("y", "x"), (None, ""), ("", None), (None, None), ("z", "z")]
    assert positions.to_list() == [0, 1, 2, 3, 4, 0, 5, 5]
    assert _row_hash(distinct).n_unique() == distinct.height


def test_skill_rows_keep_each_keys_highest_level_in_order_of_first_appearance() -> None:
    """etl.load._skill_frame parses each distinct skills text once and joins it back to its rows."""
    ids = {"Python": "python", "SQL": "sql", "Data Viz": "data-viz"}
    keys = pl.Series(["p1", "p2", "p1", "p3", "p4", "p5", "p2"])
    # staged skills: one `name TAB level` line per item (etl.staging._skills_json), the level empty when not given
    texts = pl.Series(
        ["SQL\t2\nPython\t", "Python\t4", "Python\t3\nSQL\t1", None, "", "Data Viz\t0", "Python\t4"]
    )
    frame = _skill_frame(keys, texts, ids, "program_key")
    assert frame.schema == {"program_key": pl.String, "skill_id": pl.String, "level": pl.Int32}
    assert frame.rows() == [
        ("p1", "sql", 2),  # a key's highest level over its rows
        ("p1", "python", 3),  # no level counts 1, below the 3 a later row gives
        ("p2", "python", 4),  # the same text twice: one row
    ]  # p3 and p4 give nothing, and level 0 (p5) is no evidence
    by_row = _skill_frame(
        pl.Series([7, 3], dtype=pl.Int64), pl.Series(["Data Viz\t2", None]), ids, "_row", pl.Int64
    )
    assert by_row.rows() == [(7, "data-viz", 2)] and by_row.schema["_row"] == pl.Int64
    nothing = _skill_frame(
        pl.Series([1], dtype=pl.Int64), pl.Series([None], dtype=pl.String), ids, "_row", pl.Int64
    )
    assert nothing.is_empty() and nothing.schema == {
        "_row": pl.Int64,
        "skill_id": pl.String,
        "level": pl.Int32,
    }


@pytest.mark.parametrize("hashes", ["real", "colliding"])
def test_records_matched_as_inserted_equal_a_full_rematch(
    tmp_db: Path, tmp_path: Path, hashes: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Learning loads match rows as they insert them (first load and upsert alike, once per distinct
    identity); every rule must give what re-matching all records (rematch_identities.sql, run after roster
    loads and mappings) gives. With every row hashed alike, the exact fallback must give the same."""
    if hashes == "colliding":
        monkeypatch.setattr(
            "etl.load._row_hash", lambda frame: pl.repeat(0, frame.height, dtype=pl.UInt64, eager=True)
        )
    load(tmp_db, "roster.csv")
    map_identity(tmp_db, "email", "ada.personal@example.net", "E1")
    map_identity(tmp_db, "external_id", "EXT-7", "E3")
    header = "Employee ID,External ID,Email,Program,Provider,Program Type,Status,Completion Date\n"
    first = tmp_path / "ids_1.csv"
    first.write_text(
        header
        + "E2,,,P1,X,certification,Completed,2025-01-01\n"  # employee id
        + ",E1,,P2,X,certification,Completed,2025-01-02\n"  # external id that is an employee id
        + ",Ext-7 ,,P3,X,certification,Completed,2025-01-03\n"  # external id mapped by hand
        + "EXT-7,,,P4,X,certification,Completed,2025-01-04\n"  # employee id mapped by hand
        + ",,Grace@Example.com,P5,X,certification,Completed,2025-01-05\n"  # roster email
        + ",,ada.personal@example.net,P6,X,certification,Completed,2025-01-06\n"  # email mapped by hand
        + "E9,x9,nobody@example.com,P7,X,certification,Completed,2025-01-07\n"  # nobody
        + ",,grace@example.com,P9,X,certification,Completed,2025-01-09\n"  # the same identity again
        + "E2,,,P10,X,certification,Completed,2025-01-10\n",  # and again
        encoding="utf-8",
    )
    ingest(tmp_db, [FileInput.from_path(first)])  # into an empty learning_records: learning_insert.sql
    second = tmp_path / "ids_2.csv"
    second.write_text(header + "E1,,,P8,X,certification,Completed,2025-02-01\n", encoding="utf-8")
    ingest(tmp_db, [FileInput.from_path(second)])  # into a filled one: learning_upsert.sql
    matches = {
        r["program_name"]: (r["employee_id"], r["match_method"]) for r in snapshot(tmp_db)["learning_records"]
    }
    assert matches == {
        "P1": ("E2", "employee_id"),
        "P2": ("E1", "external_id"),
        "P3": ("E3", "alias"),
        "P4": ("E3", "alias"),
        "P5": ("E2", "email"),
        "P6": ("E1", "alias"),
        "P7": (None, None),
        "P8": ("E1", "employee_id"),
        "P9": ("E2", "email"),
        "P10": ("E2", "employee_id"),
    }
    assert [r["rows_unmatched"] for r in snapshot(tmp_db)["ingest_log"]] == [0, 1, 0]
    con = duckdb.connect(str(tmp_db))
    try:
        create_schema(con)  # defines the matching macro on this connection
        con.execute("BEGIN TRANSACTION")
        (statement,) = sql_files.load("etl", "load/rematch_identities")
        assert con.execute(statement).fetchall()[0][0] == 0  # a full re-match changes no record
        con.execute("ROLLBACK")
    finally:
        con.close()


def test_bad_rows_are_rejected_with_row_column_and_reason(tmp_db: Path) -> None:
    load(tmp_db, "learning_bad_rows.csv")
    con = duckdb.connect(str(tmp_db), read_only=True)
    rejects = con.execute(
        "SELECT row_number, column_name, value, reason FROM rejected_rows ORDER BY row_number, column_name"
    ).fetchall()
    loaded = con.execute("SELECT count(*) FROM learning_records").fetchall()[0][0]
    con.close()
    assert loaded == 3
    assert [(r[0], r[1], r[2]) for r in rejects] == [
        (2, "Completion Date", "2025-02-30"),
        (3, "Cost", "-5"),
        (4, "Status", "Sort of"),
    ]
    assert "28 days" in rejects[0][3]
    assert "negative" in rejects[1][3]
    assert "unknown status" in rejects[2][3]


@pytest.mark.parametrize(
    ("fixture", "fragment"),
    [
        (
            "roster_missing_id.csv",
            "no column for employee_id. Columns found: 'Full Name', 'Work Email', 'Department'",
        ),
        ("not_a_table.csv", "PNG image"),
        ("learning_ambiguous_dates.csv", "column 'Completion Date'"),
    ],
)
def test_refused_files_leave_the_warehouse_unchanged(tmp_db: Path, fixture: str, fragment: str) -> None:
    load(tmp_db, "roster.csv")
    before = tmp_db.read_bytes()
    with pytest.raises(IngestRefused) as info:
        load(tmp_db, "learning.csv", fixture)  # a good file in the same call is not written either
    assert fixture in str(info.value)
    assert fragment in str(info.value)
    assert tmp_db.read_bytes() == before


def test_ambiguous_dates_load_when_the_order_is_given(tmp_db: Path) -> None:
    load(tmp_db, "catalogue.csv")
    load(tmp_db, "learning_ambiguous_dates.csv", day_first=True)
    dates = [r["completed_on"] for r in snapshot(tmp_db)["learning_records"]]
    assert sorted(dates) == ["2025-04-03", "2025-06-05"]


def test_a_file_whose_rows_mostly_fail_in_the_warehouse_is_refused(tmp_db: Path) -> None:
    """No program type in the file and no catalogue to say it: every row fails, so the file is refused."""
    with pytest.raises(IngestRefused) as info:
        load(tmp_db, "learning_ambiguous_dates.csv", day_first=True)
    assert "program type unknown" in str(info.value)
    assert "learning_ambiguous_dates.csv (row 2)" in str(info.value)


def test_program_type_comes_from_the_file_then_the_catalogue_else_the_row_is_rejected(
    tmp_db: Path, tmp_path: Path
) -> None:
    load(tmp_db, "catalogue.csv")
    learning = tmp_path / "types.csv"
    learning.write_text(
        "Employee ID,Program,Provider,Program Type,Status,Completion Date\n"
        "E1,SQL Basics,Coursera,degree,Completed,2025-01-01\n"  # the file's type wins
        "E1,SQL Basics,Coursera,,Completed,2025-01-02\n"  # catalogue: name + provider
        "E1,SQL BASICS,Udemy,,Completed,2025-01-03\n"  # catalogue: the only program of that name
        "E1,Leadership 101,,,Completed,2025-01-04\n"  # no provider: the name alone
        "E1,Mystery,X,,Completed,2025-01-05\n"  # nowhere: rejected
        "E1,Mystery,X,certification,Completed,2025-01-06\n"
        "E1,Mystery,,,Completed,2025-01-07\n"  # nowhere, and no provider: rejected
        "E1,Mystery,,certification,Completed,2025-01-08\n",
        encoding="utf-8",
    )
    (outcome,) = ingest(tmp_db, [FileInput.from_path(learning)]).outcomes
    assert outcome.status == "loaded_with_rejects" and outcome.rows_rejected == 2
    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT source_row, program_type, record_id FROM learning_records ORDER BY 1"
        ).fetchall()
        rejected = con.execute("SELECT row_number, reason FROM rejected_rows").fetchall()
        raw = json.loads(con.execute("SELECT raw_row FROM rejected_rows").fetchall()[0][0])
    finally:
        con.close()
    assert raw["Program"] == "Mystery" and raw["Completion Date"] == "2025-01-05"  # its own raw cells
    assert [(r[0], r[1]) for r in rows] == [
        (2, "degree"),
        (3, "micro_credential"),
        (4, "micro_credential"),
        (5, "traditional_course"),
        (7, "certification"),
        (9, "certification"),
    ]
    assert [r[2] for r in rows] == list(range(rows[0][2], rows[0][2] + 6))  # ids in file order, no gap
    unknown = "program type unknown: not in the file, not in the catalogue, no default for this format"
    assert rejected == [(6, unknown), (8, unknown)]
    # Into a warehouse that holds records already (learning_upsert.sql): the same resolution.
    later = tmp_path / "types_2.csv"
    later.write_text(
        "Employee ID,Program,Provider,Program Type,Status,Completion Date\n"
        "E1,SQL Basics,Coursera,,Completed,2025-01-02\n"  # the same record, the same type: unchanged
        "E2,Leadership 101,,,Completed,2025-03-01\n"  # new: the name alone
        "E2,SQL Basics,Coursera,,Completed,2025-03-02\n"  # new: name + provider
        "E2,Mystery,,,Completed,2025-03-03\n",  # nowhere: rejected
        encoding="utf-8",
    )
    (outcome,) = ingest(tmp_db, [FileInput.from_path(later)]).outcomes
    assert (outcome.rows_loaded, outcome.rows_unchanged, outcome.rows_rejected) == (2, 1, 1)
    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        added = con.execute(
            "SELECT source_row, program_name, program_type FROM learning_records WHERE load_id = ? ORDER BY 1",
            [outcome.load_id],
        ).fetchall()
        rejected = con.execute(
            "SELECT row_number, reason FROM rejected_rows WHERE load_id = ?", [outcome.load_id]
        ).fetchall()
    finally:
        con.close()
    assert added == [(3, "Leadership 101", "traditional_course"), (4, "SQL Basics", "micro_credential")]
    assert rejected == [(5, unknown)]


def test_same_bytes_twice_add_nothing(tmp_db: Path) -> None:
    load(tmp_db, "roster.csv", "learning.csv")
    before = tmp_db.read_bytes()
    result = ingest(tmp_db, [FileInput.from_path(HERE / "roster.csv")])
    assert not result.wrote
    assert result.outcomes[0].status == "duplicate"
    assert "already loaded as load" in result.outcomes[0].message
    assert tmp_db.read_bytes() == before


def test_same_records_in_a_new_file_update_instead_of_duplicating(tmp_db: Path, tmp_path: Path) -> None:
    load(tmp_db, "roster.csv", "learning.csv")
    changed = (
        (HERE / "learning.csv")
        .read_text()
        .replace(
            "E9,,Leadership 101,Internal Academy,course,Enrolled",
            "E9,,Leadership 101,Internal Academy,course,Completed",
        )
    )
    path = tmp_path / "learning_again.csv"
    path.write_text(changed)
    result = ingest(tmp_db, [FileInput.from_path(path)])
    outcome = result.outcomes[0]
    assert (outcome.rows_loaded, outcome.rows_unchanged) == (1, 3)
    con = duckdb.connect(str(tmp_db), read_only=True)
    assert con.execute("SELECT count(*) FROM learning_records").fetchall()[0][0] == 4
    assert con.execute("SELECT status FROM learning_records_history").fetchall() == [("in_progress",)]
    # The new version carries its skills; the unchanged records keep theirs.
    skills = con.execute(
        "SELECT r.program_name, r.status, s.name, k.level FROM learning_record_skills AS k "
        "JOIN learning_records AS r USING (record_id) JOIN skills AS s USING (skill_id) ORDER BY 1, 3"
    ).fetchall()
    con.close()
    assert skills == [
        ("AWS Cloud Practitioner", "completed", "AWS", 2),
        ("AWS Cloud Practitioner", "completed", "Cloud Fundamentals", 2),
        ("Leadership 101", "completed", "Leadership", 1),
        ("SQL Basics", "completed", "SQL", 2),
    ]


def test_managers_named_resolve_when_unique_and_are_reported_when_not(tmp_db: Path, tmp_path: Path) -> None:
    roster = tmp_path / "by_name.csv"
    roster.write_text(
        "Employee ID,Name,Email,Team,Title,Manager\n"
        'A1,"Okafor, Ada",ada@x.com,Apps,Lead,\n'
        'A2,Ben Carter,ben@x.com,Apps,Engineer,"Okafor, Ada"\n'
        "A3,Cy Dee,cy@x.com,Apps,Engineer,Zed Unknown\n"
    )
    result = ingest(tmp_db, [FileInput.from_path(roster)])
    assert any("'Zed Unknown' (1 people)" in note for note in result.outcomes[0].notes)
    con = duckdb.connect(str(tmp_db), read_only=True)
    got = con.execute("SELECT employee_id, manager_id, manager_name FROM employees ORDER BY 1").fetchall()
    con.close()
    assert got == [("A1", None, None), ("A2", "A1", "Okafor, Ada"), ("A3", None, "Zed Unknown")]


def test_a_partial_roster_keeps_the_fields_it_does_not_carry(tmp_db: Path, tmp_path: Path) -> None:
    """A learning platform's user list names people and teams but no job titles: titles must survive it."""
    load(tmp_db, "roster.csv")
    partial = tmp_path / "platform_users.csv"
    partial.write_text(
        "Employee ID,Email,Team\nE2,grace@example.com,Cloud\nE1,ada.lovelace@example.com,Platform\n"
    )
    result = ingest(tmp_db, [FileInput.from_path(partial)])
    assert (result.outcomes[0].rows_loaded, result.outcomes[0].rows_unchanged) == (1, 1)
    people = {r["employee_id"]: r for r in snapshot(tmp_db)["employees"]}
    assert people["E2"]["team"] == "Cloud"
    assert people["E2"]["role"] == "Software Engineer"  # not in the file: kept
    assert people["E2"]["full_name"] == "Grace M Hopper"
    assert people["E2"]["hire_date"] == "2020-07-15"
    assert people["E3"]["termination_date"] == "2026-02-28"  # not in the file at all: untouched


def test_files_with_their_own_options_land_in_one_transaction(tmp_db: Path) -> None:
    """The upload page gives each file its own options; a refusal of one still writes none of them."""
    roster = FileInput.from_path(HERE / "roster.csv")
    dates = FileInput.from_path(HERE / "learning_ambiguous_dates.csv")
    catalogue = FileInput.from_path(HERE / "catalogue.csv")
    with pytest.raises(IngestRefused):
        ingest(tmp_db, [roster, dates, catalogue], file_options=[LoadOptions(), LoadOptions(), LoadOptions()])
    assert not tmp_db.exists()
    result = ingest(
        tmp_db,
        [roster, dates, catalogue],
        file_options=[LoadOptions(), LoadOptions(day_first=True), LoadOptions()],
    )
    assert result.batch_id == 1 and len(result.outcomes) == 3
    assert sorted(r["completed_on"] for r in snapshot(tmp_db)["learning_records"]) == [
        "2025-04-03",
        "2025-06-05",
    ]
