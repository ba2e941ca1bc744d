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


def test_the_ingest_targets_give_the_figures_behind_each_ratio() -> None:
    """A ratio near its line reads differently when DuckDB's own peak moved by 100 MB between rounds: the
    Targets table gives both medians and DuckDB's range."""
    from benchmarks import report

    runs = {"duckdb_csv": [{"peak_rss_mb": p} for p in (487.0, 534.4, 495.5)]}
    ingest = {
        "runs": runs,
        "median": {
            "ingest": {"seconds": 2.731, "peak_rss_mb": 704.1},
            "duckdb_csv": {"seconds": 1.665, "peak_rss_mb": 495.5},
        },
        "ingest_over": {"duckdb_csv": {"time": 1.64, "cpu": 2.13, "peak_rss": 1.421}},
    }
    rows = report._targets({"ingest": ingest})
    assert (
        "| ingest 1M rows ≤ 1.3× DuckDB read_csv (must ≤ 2×) | 1.64× (2.73 / 1.67 s; cpu 2.13×) "
        "| within limit, misses target |"
    ) in rows
    assert (
        "| ingest peak memory ≤ 1.5× DuckDB's | 1.42× (704 / 496 MB; DuckDB's rounds 487–534 MB) "
        "| meets target |"
    ) in rows
