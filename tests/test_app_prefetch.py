"""A page may start metric calls early on background threads (dashboard.data.prefetch).

The page's own call with the same arguments must then take that result rather than compute it again, and a
background call that fails must not hide the error: the page's call raises it where the page shows it.
"""

from __future__ import annotations

import threading
import time

import pytest
from app_fixtures import demo_db, demo_db_path, metrics_by_label, run_page

import metrics.coverage
from dashboard import data
from metrics.errors import MetricsError
from metrics.filters import Filters

__all__ = ["demo_db", "demo_db_path"]


@pytest.fixture
def counted_bus_factor(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """metrics.coverage.bus_factor, slowed a little (so the page's call meets it running) and counted by
    the thread that ran it."""
    threads: list[str] = []
    real = metrics.coverage.bus_factor

    def slow(con, f):
        threads.append(threading.current_thread().name)
        time.sleep(0.2)
        return real(con, f)

    monkeypatch.setattr(metrics.coverage, "bus_factor", slow)
    data.clear_caches()
    yield threads
    data.clear_caches()


def test_a_prefetched_call_is_computed_once_and_taken_by_the_caller(demo_db, counted_bus_factor) -> None:
    f = Filters()
    data.prefetch(("coverage.bus_factor", (f,)))
    deadline = time.monotonic() + 10
    while not counted_bus_factor and time.monotonic() < deadline:  # until the background call has started
        time.sleep(0.01)
    result = data.metric("coverage.bus_factor", f)
    assert counted_bus_factor and len(counted_bus_factor) == 1, counted_bus_factor
    assert counted_bus_factor[0].startswith("skillgrid-prefetch")
    data.clear_caches()
    fresh = data.metric("coverage.bus_factor", f)
    assert fresh.frame.equals(result.frame)


def test_a_failed_prefetch_raises_in_the_callers_call(demo_db, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    started = threading.Event()

    def broken(con, f):
        calls.append(threading.current_thread().name)
        started.set()
        time.sleep(0.1)  # still failing when the caller asks
        raise MetricsError("the bus factor broke")

    monkeypatch.setattr(metrics.coverage, "bus_factor", broken)
    data.clear_caches()
    f = Filters()
    data.prefetch(("coverage.bus_factor", (f,)))
    assert started.wait(10)
    with pytest.raises(MetricsError, match="the bus factor broke"):
        data.metric("coverage.bus_factor", f)
    # a failure is not cached: the caller waited for the background call, then computed it again itself
    assert len(calls) == 2, calls
    assert calls[0].startswith("skillgrid-prefetch")
    assert not calls[1].startswith("skillgrid-prefetch")
    data.clear_caches()


def test_the_coverage_page_computes_the_bus_factor_once(demo_db, counted_bus_factor) -> None:
    at = run_page("coverage")
    assert len(counted_bus_factor) == 1, counted_bus_factor
    assert counted_bus_factor[0].startswith("skillgrid-prefetch")
    assert (
        metrics_by_label(at)["Skills held by ≤ 2 people"]
        == f"{data.metric('coverage.bus_factor', Filters()).frame.height}"
    )


def test_the_coverage_page_shows_a_failing_bus_factor(demo_db, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(con, f):
        raise MetricsError("the bus factor broke")

    monkeypatch.setattr(metrics.coverage, "bus_factor", broken)
    data.clear_caches()
    at = run_page("coverage")
    assert any("Could not compute the bus factor: the bus factor broke" in e.value for e in at.error)
    assert at.get("plotly_chart"), "the rest of the page still draws"
    data.clear_caches()


def test_the_bus_factor_shows_when_the_coverage_fails(demo_db, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bus factor started beside the coverage is still drawn (and so still waited for) when the coverage
    itself fails."""

    def broken(con, f):
        raise MetricsError("the coverage broke")

    monkeypatch.setattr(metrics.coverage, "coverage", broken)
    data.clear_caches()
    at = run_page("coverage")
    assert any("Could not compute skill coverage: the coverage broke" in e.value for e in at.error)
    assert not at.get("plotly_chart")
    bus = data.metric("coverage.bus_factor", Filters())
    assert metrics_by_label(at)["Skills held by ≤ 2 people"] == f"{bus.frame.height}"
    data.clear_caches()
