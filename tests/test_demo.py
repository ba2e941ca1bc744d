"""`etl demo` builds the demo warehouse from the shipped files through the normal ingest path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from etl.admin import AdminError, status
from etl.demo import SAMPLE_DIR, SAMPLE_FILE_NAMES, build_demo

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "demo" / "status.json"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path)
    return path


def test_every_shipped_file_loads_without_rejects(demo_db: Path) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    log = con.execute("SELECT file_name, status, rows_rejected FROM ingest_log ORDER BY load_id").fetchall()
    con.close()
    assert sorted(name for name, _, _ in log) == sorted(SAMPLE_FILE_NAMES)
    assert all(state == "loaded" and rejected == 0 for _, state, rejected in log)


def test_demo_has_the_promised_size_and_variety(demo_db: Path) -> None:
    figures = status(demo_db)
    assert figures["employees"] >= 500
    assert figures["learning_records"] >= 4000
    assert figures["roles"] >= 20
    assert figures["skills"] >= 60
    assert 0 < figures["unmatched_learning_records"] < 0.05 * figures["learning_records"]
    con = duckdb.connect(str(demo_db), read_only=True)
    types = dict(con.execute("SELECT program_type, count(*) FROM learning_records GROUP BY 1").fetchall())
    statuses = dict(con.execute("SELECT status, count(*) FROM learning_records GROUP BY 1").fetchall())
    teams = con.execute("SELECT count(DISTINCT team), count(DISTINCT department) FROM employees").fetchall()[
        0
    ]
    changes = con.execute("SELECT count(*) FROM employees_history").fetchall()[0][0]
    con.close()
    assert set(types) == {"micro_credential", "certification", "traditional_course", "degree"}
    assert set(statuses) == {"completed", "in_progress", "failed", "revoked"}
    assert teams[0] >= 8 and teams[1] >= 4
    assert changes > 0  # the second roster snapshot changed people: history exists for outcomes


def test_demo_counts_match_the_golden_status(demo_db: Path) -> None:
    figures = {k: v for k, v in status(demo_db).items() if k not in ("last_load_at", "active_employees")}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    assert figures == json.loads(GOLDEN.read_text())


def test_demo_refuses_to_overwrite_without_replace(demo_db: Path) -> None:
    with pytest.raises(AdminError, match="already exists; pass --replace"):
        build_demo(demo_db)


def test_shipped_files_exist() -> None:
    for name in SAMPLE_FILE_NAMES:
        assert (SAMPLE_DIR / name).is_file(), name
