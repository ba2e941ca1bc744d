"""The benchmark reports each contender's own peak memory, whatever the size of the process that runs it."""

from __future__ import annotations

from pathlib import Path

from benchmarks import child

PARENT_GROWTH_MB = 400


def test_a_contenders_peak_is_its_own_not_the_runners(tmp_path: Path) -> None:
    # The runner grows first (as it does when it builds a cached warehouse in-process). wait4's ru_maxrss
    # would report at least this much for any child started now.
    ballast = b"x" * (PARENT_GROWTH_MB * 1024 * 1024)  # written, so resident
    csv = tmp_path / "tiny.csv"
    csv.write_text("a,b\n1,x\n2,y\n")
    result = child.run_child("duckdb_csv", {"db": str(tmp_path / "t.duckdb"), "file": str(csv)})
    assert result["rows"] == 2
    assert result["rusage_maxrss_mb"] >= PARENT_GROWTH_MB  # the inherited figure the suite no longer uses
    assert 0 < result["peak_rss_mb"] < PARENT_GROWTH_MB / 2
    assert result["peak_rss_mb"] == result["vmhwm_mb"]
    del ballast
