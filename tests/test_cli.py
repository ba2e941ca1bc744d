"""The command-line contract: exit codes, messages that name the file, JSON shapes, UPSKILL_DB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.cli import main

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_ingest_then_status_json(tmp_db: Path, capsys: pytest.CaptureFixture) -> None:
    files = [str(INGEST / n) for n in ("catalogue.csv", "roles.csv", "roster.csv", "learning.csv")]
    assert main(["ingest", "--db", str(tmp_db), *files]) == 0
    out = capsys.readouterr().out
    assert "learning.csv: load 4 (learning, canonical_learning) — 4 rows read, 4 written" in out
    assert "1 unmatched to a person" in out
    assert f"python -m etl unmatched --db {tmp_db}" in out
    assert main(["status", "--db", str(tmp_db), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    for key in ("employees", "learning_records", "role_requirements", "loads", "unmatched_learning_records"):
        assert isinstance(status[key], int)
    assert (status["employees"], status["learning_records"], status["role_requirements"]) == (3, 4, 3)
    assert (status["loads"], status["unmatched_learning_records"]) == (4, 1)


def test_status_of_a_missing_warehouse_is_all_zero(tmp_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["status", "--db", str(tmp_db), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["employees"] == 0 and status["loads"] == 0


def test_refusal_exits_1_names_the_file_and_writes_nothing(tmp_db: Path) -> None:
    result = cli(
        "ingest", "--db", str(tmp_db), str(INGEST / "roster.csv"), str(INGEST / "roster_missing_id.csv")
    )
    assert result.returncode == 1
    assert "roster_missing_id.csv" in result.stderr
    assert "no column for employee_id" in result.stderr
    assert "Traceback" not in result.stderr
    assert not tmp_db.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],  # no file
        ["ingest", "--kind", "payroll", "x.csv"],
        ["ingest", "--map", "nonsense", "x.csv"],
        ["ingest", "--map", "favourite_colour=Colour", "x.csv"],
        ["report", "--as-of", "yesterday"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(tmp_db: Path, args: list[str]) -> None:
    result = cli(*args, "--db", str(tmp_db)) if args[0] != "frobnicate" else cli(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("does-not-exist.csv", "file not found"),
        (".", "is a folder"),
    ],
)
def test_unreadable_paths_are_refused_cleanly(tmp_db: Path, path: str, fragment: str) -> None:
    result = cli("ingest", "--db", str(tmp_db), path)
    assert result.returncode == 1
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_db_falls_back_to_upskill_db(tmp_path: Path) -> None:
    db = tmp_path / "env.duckdb"
    env = {**__import__("os").environ, "UPSKILL_DB": str(db)}
    result = cli("ingest", str(INGEST / "roster.csv"), env=env)
    assert result.returncode == 0, result.stderr
    assert db.exists()
    status = json.loads(cli("status", "--json", env=env).stdout)
    assert status["employees"] == 3


def test_reingest_says_nothing_new(tmp_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ingest", "--db", str(tmp_db), str(INGEST / "roster.csv")]) == 0
    capsys.readouterr()
    assert main(["ingest", "--db", str(tmp_db), str(INGEST / "roster.csv")]) == 0
    out = capsys.readouterr().out
    assert "already loaded as load 1" in out
    assert "Nothing new to load" in out


def test_rejects_and_history_commands(tmp_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["ingest", "--db", str(tmp_db), str(INGEST / "learning_bad_rows.csv")]) == 0
    capsys.readouterr()
    assert main(["rejects", "--db", str(tmp_db), "--json"]) == 0
    rejects = json.loads(capsys.readouterr().out)
    assert [(r["row_number"], r["column_name"]) for r in rejects] == [
        (2, "Completion Date"),
        (3, "Cost"),
        (4, "Status"),
    ]
    assert main(["history", "--db", str(tmp_db), "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert history[0]["status"] == "loaded_with_rejects" and history[0]["rows_rejected"] == 3


def test_map_identity_resolves_unmatched_records(tmp_db: Path, capsys: pytest.CaptureFixture) -> None:
    files = [str(INGEST / n) for n in ("roster.csv", "learning.csv")]
    assert main(["ingest", "--db", str(tmp_db), *files]) == 0
    assert main(["map-identity", "--db", str(tmp_db), "--type", "external_id", "E9", "E1"]) == 0
    capsys.readouterr()
    assert main(["unmatched", "--db", str(tmp_db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["map-identity", "--db", str(tmp_db), "x@example.com", "NOBODY"]) == 1
    assert "no employee 'NOBODY'" in capsys.readouterr().err


def test_formats_lists_known_formats(capsys: pytest.CaptureFixture) -> None:
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "canonical_roster" in out and "credly_analytics_csv" in out


def test_rejects_table_never_sends_control_characters_to_the_terminal(
    tmp_db: Path, tmp_path: Path, capsys
) -> None:
    bad = tmp_path / "esc.csv"
    bad.write_text(
        "Employee ID,Program,Program Type,Status,Cost\n"
        "E1,Rust,course,Completed,\x1b[31m12\n"
        "E2,Go,course,Completed,5\nE3,C,course,Completed,6\n"
    )
    assert main(["ingest", "--db", str(tmp_db), str(bad)]) == 0
    capsys.readouterr()
    assert main(["rejects", "--db", str(tmp_db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\\u001b[31m12" in out


def test_rejected_row_keeps_at_most_4000_characters_per_cell(tmp_db: Path, tmp_path: Path) -> None:
    import duckdb

    bad = tmp_path / "long.csv"
    bad.write_text(
        "Employee ID,Program,Program Type,Status,Cost\n"
        f"E1,{'x' * 10_000},course,Completed,-1\nE2,Go,course,Completed,5\nE3,C,course,Completed,6\n"
    )
    assert main(["ingest", "--db", str(tmp_db), str(bad)]) == 0
    con = duckdb.connect(str(tmp_db), read_only=True)
    raw = con.execute("SELECT raw_row FROM rejected_rows").fetchall()[0][0]
    con.close()
    assert len(json.loads(raw)["Program"]) == 4001
