"""The page benchmark takes the org sizes in turns and pools each page's runs (benchmarks/pages.py).

Measuring one size after the other let a machine that changed speed during the run move the growth from the
smallest to the largest org; these tests pin the alternating order and the pooling, without running pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import pages


def _pass(cold: list[float], warm: float, *, metrics: dict | None = None, error: str | None = None) -> dict:
    return {
        "first_run_seconds": warm * 10,
        "pages": {
            "overview": {
                "error": error,
                "cold_seconds": sorted(cold)[len(cold) // 2],
                "cold_runs": cold,
                "warm_seconds": warm,
                "metric_calls": 3,
                "metric_seconds_in_page": warm / 2,
            }
        },
        "metrics": metrics or {},
        "errors": {"overview": error} if error else {},
    }


def test_sizes_alternate_and_only_the_last_round_times_the_metrics(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int, int]] = []

    def fake_measure(db: Path, *, rounds: int, metric_rounds: int | None = None) -> dict:
        size = int(db.stem)
        seen.append((size, rounds, metric_rounds))
        return _pass([size / 1000] * rounds, 0.01, metrics={"m": {"seconds": 1.0}} if metric_rounds else None)

    monkeypatch.setattr(pages, "measure", fake_measure)
    dbs = {100: Path("100.duckdb"), 10: Path("10.duckdb"), 1: Path("1.duckdb")}
    by_size = pages.measure_interleaved(dbs, rounds=3, log=lambda *_: None)

    assert [size for size, _, _ in seen] == [1, 10, 100, 100, 10, 1, 1, 10, 100]
    assert all(runs == pages.RUNS_PER_PASS for _, runs, _ in seen)
    assert [metric for _, _, metric in seen] == [0, 0, 0, 0, 0, 0, 3, 3, 3]
    assert list(by_size) == ["1", "10", "100"]
    assert len(by_size["100"]["pages"]["overview"]["cold_runs"]) == 3 * pages.RUNS_PER_PASS
    assert by_size["100"]["metrics"] == {"m": {"seconds": 1.0}}


def test_combine_pools_the_cold_runs_and_keeps_errors() -> None:
    combined = pages.combine(
        [
            _pass([0.30, 0.50], 0.05),
            _pass([0.10, 0.20], 0.07, metrics={"m": {"seconds": 0.2}}),
            _pass([0.40, 0.60], 0.06, error="boom"),
        ]
    )
    page = combined["pages"]["overview"]
    assert page["cold_runs"] == [0.30, 0.50, 0.10, 0.20, 0.40, 0.60]
    assert page["cold_seconds"] == pytest.approx(0.35)  # the median of all six, not of the passes' medians
    assert page["warm_seconds"] == pytest.approx(0.06)
    assert page["error"] == "boom"
    assert combined["errors"] == {"overview": "boom"}
    assert combined["metrics"] == {"m": {"seconds": 0.2}}
    assert combined["passes"] == 3


def test_the_targets_name_the_slowest_page_and_the_page_that_grows_most() -> None:
    from benchmarks import report

    summary = {
        "smallest": 1000,
        "largest": 100000,
        "slowest_page": "gaps",
        "slowest_seconds": 0.37,
        "slowest_growth": 1.86,
        "worst_growth_page": "credentials",
        "worst_growth": 2.37,
    }
    rows = report._targets({"pages": {"summary": summary}})
    assert "| slowest page ≤ 2× its time at 1,000 (must ≤ 4×) | 1.86× | meets target |" in rows
    assert (
        "| every page ≤ 2× its time at 1,000 (stricter reading; must ≤ 4×) | 2.37× (credentials) "
        "| within limit, misses target |"
    ) in rows
