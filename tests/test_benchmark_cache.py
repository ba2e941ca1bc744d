"""The benchmark suite measures warehouses built by the code as it is, never a stale cached one."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import child


def test_a_cached_warehouse_is_reused_only_when_the_code_that_built_it_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "demo_1000.duckdb"
    assert not child.cached_is_current(db)  # nothing built yet
    db.write_bytes(b"built")
    assert not child.cached_is_current(db)  # built, but by unknown code (no stamp): rebuild
    child.stamp_built(db)
    assert child.cached_is_current(db)
    monkeypatch.setattr(child, "warehouse_code_fingerprint", lambda: "another version")
    assert not child.cached_is_current(db)


def test_the_fingerprint_covers_the_mart_sql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = child.warehouse_code_fingerprint()
    fake_root = tmp_path / "repo"
    marts = fake_root / "etl" / "sql" / "marts"
    marts.mkdir(parents=True)
    (marts / "mart_x.sql").write_text("SELECT 1")
    monkeypatch.setattr(child, "ROOT", fake_root)
    one = child.warehouse_code_fingerprint()
    (marts / "mart_x.sql").write_text("SELECT 2")
    assert child.warehouse_code_fingerprint() != one
    assert one != before
