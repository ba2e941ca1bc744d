"""Malformed and hostile files through the CLI contract: a clear refusal or a clean load, never a traceback.

Every file in tests/corpus/hostile/ is a case (adding a file adds a case; tests/corpus/hostile/EXPECTED.json
must say what it expects). Each case runs `python -m etl ingest --json --db <copy> FILE` against its own copy
of a warehouse that already holds a small valid roster, then checks:

- refused: exit 1, "refused: FILE" and every `message_contains` in stderr, "row N" / the column when given,
  and the warehouse file byte-for-byte unchanged, with no temporary copy left behind;
- loaded: exit 0, rows loaded/rejected as expected, and `rejected_rows` naming each rejected row and column.

EXPECTED.json keys beyond the required six (outcome, message_contains, row, column, rows_loaded,
rows_rejected), all optional: `rejects` ([row, column] pairs that must all be in rejected_rows), `stored`
(employee id -> column -> the exact text that must be stored), `parts` (the kinds of the loaded parts, in
order, for workbooks), `times` (pass the file this many times in one call) and `duplicates` (how many of
those are reported as duplicates).

The cases run two or more at a time (subprocesses in a thread pool) to keep the file within ~2 minutes on
two cores. The big files (200,000 rows, a 2 MB cell, thousands of columns) are generated into tmp_path by
tests/corpus/make_corpus.py at run time instead of being checked in.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HOSTILE = CORPUS_DIR / "hostile"
EXPECTED: dict[str, dict] = json.loads((HOSTILE / "EXPECTED.json").read_text(encoding="utf-8"))
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_file() and p.name != "EXPECTED.json")
REQUIRED_KEYS = {"outcome", "message_contains", "row", "column", "rows_loaded", "rows_rejected"}
OPTIONAL_KEYS = {"rejects", "stored", "parts", "times", "duplicates"}
BASE_IDS = ("E1", "E2", "E3", "E4", "E5", "E6")
BASE_ROSTER = "Employee ID,Full Name,Work Email,Department,Job Title,Hire Date\n" + "".join(
    f"{eid},Person {eid},{eid.lower()}@example.com,Data,Analyst,2020-01-0{i}\n"
    for i, eid in enumerate(BASE_IDS, start=1)
)


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS_DIR / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _make_corpus()


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], capture_output=True, text=True, timeout=300, check=False
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Run:
    proc: subprocess.CompletedProcess
    db: Path
    before: str  # sha256 of the warehouse before the call


@pytest.fixture(scope="module")
def base_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("base")
    roster = folder / "roster.csv"
    roster.write_text(BASE_ROSTER, encoding="utf-8")
    db = folder / "w.duckdb"
    result = cli("ingest", "--db", str(db), str(roster))
    assert result.returncode == 0, result.stderr
    return db


def ingest_copy(base: Path, folder: Path, files: list[Path]) -> Run:
    """Ingest `files` into a fresh copy of the base warehouse in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "w.duckdb"
    shutil.copyfile(base, db)
    before = digest(db)
    return Run(cli("ingest", "--json", "--db", str(db), *map(str, files)), db, before)


@pytest.fixture(scope="module")
def corpus_runs(
    request: pytest.FixtureRequest, base_warehouse: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Run]:
    """Run every selected corpus case once, several at a time; the tests then only assert."""
    selected = set()
    for item in request.session.items:  # only the cases this session runs (e.g. with -k)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and item.path == Path(__file__).resolve():
            selected.add(callspec.params.get("name"))
    names = [n for n in CASES if n in EXPECTED and (n in selected or not selected)]
    root = tmp_path_factory.mktemp("corpus")

    def one(index_name: tuple[int, str]) -> tuple[str, Run]:
        index, name = index_name
        times = EXPECTED[name].get("times", 1)
        return name, ingest_copy(base_warehouse, root / f"case{index:03d}", [HOSTILE / name] * times)

    workers = max(2, min(4, os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(one, enumerate(names)))


def assert_no_crash(proc: subprocess.CompletedProcess) -> None:
    for stream in (proc.stdout, proc.stderr):
        assert "Traceback" not in stream, stream
        assert "internal error" not in stream, stream
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr)


def assert_refused(run: Run, name: str, expected: dict) -> None:
    proc = run.proc
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert f"refused: {name}" in proc.stderr, proc.stderr
    assert "Nothing was written" in proc.stderr
    for fragment in expected["message_contains"]:
        assert fragment in proc.stderr, (fragment, proc.stderr)
    if expected["row"] is not None:
        assert f"row {expected['row']}" in proc.stderr, proc.stderr
    if expected["column"] is not None:
        assert expected["column"] in proc.stderr, proc.stderr
    assert digest(run.db) == run.before, "a refused call changed the warehouse file"
    leftovers = [p.name for p in run.db.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == [], leftovers


def rejected_rows(db: Path, load_ids: list[int]) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT file_name, row_number, column_name, value, reason FROM rejected_rows "
            "WHERE list_contains($ids, load_id) ORDER BY row_number",
            {"ids": load_ids},
        ).fetchall()
    finally:
        con.close()


def stored_employees(db: Path, ids: list[str]) -> dict[str, dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rel = con.sql("SELECT * FROM employees WHERE list_contains($ids, employee_id)", params={"ids": ids})
        return {row[0]: dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()}
    finally:
        con.close()


def assert_loaded(run: Run, name: str, expected: dict) -> None:
    proc = run.proc
    assert proc.returncode == 0, proc.stderr
    outcomes = [o for o in json.loads(proc.stdout)["files"] if o["file_name"].startswith(name)]
    assert outcomes, proc.stdout
    duplicates = [o for o in outcomes if o["status"] == "duplicate"]
    loads = [o for o in outcomes if o["status"] != "duplicate"]
    assert len(duplicates) == expected.get("duplicates", 0), outcomes
    for dup in duplicates:
        assert "loaded once" in dup["message"], dup
    if "parts" in expected:
        assert [o["kind"] for o in loads] == expected["parts"], loads
    assert sum(o["rows_loaded"] + o["rows_unchanged"] for o in loads) == expected["rows_loaded"], loads
    assert sum(o["rows_rejected"] for o in loads) == expected["rows_rejected"], loads
    rejects = rejected_rows(run.db, [o["load_id"] for o in loads])
    assert len({r[1] for r in rejects}) == expected["rows_rejected"], rejects
    assert all(r[0].startswith(name) for r in rejects), rejects
    places = {(r[1], r[2]) for r in rejects}
    if expected["row"] is not None:
        assert (expected["row"], expected["column"]) in places, rejects
    for row, column in expected.get("rejects", []):
        assert (row, column) in places, (row, column, rejects)
    said = proc.stdout + "\n".join(f"{r[3]} {r[4]}" for r in rejects)
    for fragment in expected["message_contains"]:
        assert fragment in said, (fragment, said)
    stored = expected.get("stored", {})
    people = stored_employees(run.db, list(stored))
    for employee_id, columns in stored.items():
        assert employee_id in people, (employee_id, sorted(people))
        for column, text in columns.items():
            assert people[employee_id][column] == text, (employee_id, column, people[employee_id][column])
    base = stored_employees(run.db, list(BASE_IDS))
    assert sorted(base) == sorted(BASE_IDS), "the roster loaded before was damaged"


def test_every_corpus_file_has_an_expectation() -> None:
    assert len(CASES) >= 45
    assert sorted(EXPECTED) == CASES, set(EXPECTED) ^ set(CASES)
    for name, expected in EXPECTED.items():
        assert REQUIRED_KEYS <= set(expected) <= REQUIRED_KEYS | OPTIONAL_KEYS, name
        assert expected["outcome"] in ("refused", "loaded"), name
        assert isinstance(expected["message_contains"], list), name
        if expected["outcome"] == "loaded":
            assert isinstance(expected["rows_loaded"], int) and isinstance(expected["rows_rejected"], int)
        else:
            assert expected["message_contains"], f"{name}: a refusal must say something checkable"


def test_checked_in_corpus_matches_the_generator(tmp_path: Path) -> None:
    make_corpus.main(tmp_path)
    generated = sorted(p.name for p in tmp_path.iterdir())
    assert set(generated) <= set(CASES)
    for name in generated:
        assert (tmp_path / name).read_bytes() == (HOSTILE / name).read_bytes(), name
        assert (HOSTILE / name).stat().st_size < 1_000_000, name


@pytest.mark.parametrize("name", CASES)
def test_hostile_file(name: str, corpus_runs: dict[str, Run]) -> None:
    expected = EXPECTED.get(name)
    assert expected is not None, f"{name} has no entry in EXPECTED.json"
    run = corpus_runs[name]
    assert_no_crash(run.proc)
    if expected["outcome"] == "refused":
        assert_refused(run, name, expected)
    else:
        assert_loaded(run, name, expected)


# ---------------------------------------------------------------------------------------------------------
# Files too big to check in, generated at run time


@pytest.mark.slow
def test_200k_rows_with_one_bad_row_at_the_end(base_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "big_learning.csv"
    path.write_bytes(make_corpus.big_learning_file(200_000))
    run = ingest_copy(base_warehouse, tmp_path / "db", [path])
    assert_no_crash(run.proc)
    assert_loaded(
        run,
        path.name,
        {
            "message_contains": ["twelve", "not a number"],
            "row": 200_002,  # the header is row 1, so the 200,001st data row is row 200,002
            "column": "Cost",
            "rows_loaded": 200_000,
            "rows_rejected": 1,
        },
    )


def test_a_2mb_cell_rejects_its_row_and_keeps_the_rest(base_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "big_cell.csv"
    path.write_bytes(make_corpus.big_cell_roster(2 * 1024 * 1024))
    run = ingest_copy(base_warehouse, tmp_path / "db", [path])
    assert_no_crash(run.proc)
    expected = {
        "message_contains": ["longer than 4,000 characters"],
        "row": 3,
        "column": "Full Name",
        "rows_loaded": 2,
        "rows_rejected": 1,
    }
    assert_loaded(run, path.name, expected)
    [reject] = rejected_rows(run.db, [2])
    assert len(reject[3]) <= 40  # the shown value is a prefix, not the 2 MB


def test_2001_columns_are_refused_by_the_documented_limit(base_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "wide_2001.csv"
    path.write_bytes(make_corpus.wide_roster(2001))
    run = ingest_copy(base_warehouse, tmp_path / "db", [path])
    assert_no_crash(run.proc)
    assert_refused(
        run,
        path.name,
        {"message_contains": ["2,001 columns", "at most 2,000 columns"], "row": None, "column": None},
    )


def test_1500_columns_load(base_warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "wide_1500.csv"
    path.write_bytes(make_corpus.wide_roster(1500))
    run = ingest_copy(base_warehouse, tmp_path / "db", [path])
    assert_no_crash(run.proc)
    expected = {"message_contains": [], "row": None, "column": None, "rows_loaded": 3, "rows_rejected": 0}
    assert_loaded(run, path.name, {**expected, "stored": {"W2": {"full_name": "Wide Person 2"}}})
