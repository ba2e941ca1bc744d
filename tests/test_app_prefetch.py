"""A page may start metric calls early on background threads (dashboard.data.prefetch).

The page's own call with the same arguments must then take that result rather than compute it again, and a
background call that fails must not hide the error: the page's call raises it where the page shows it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from app_fixtures import demo_db, demo_db_path, metrics_by_label, run_page

import metrics.coverage
import metrics.outcomes
from dashboard import data
from metrics.errors import MetricsError
from metrics.filters import Filters

__all__ = ["demo_db", "demo_db_path"]


def _counted(monkeypatch: pytest.MonkeyPatch, module, name: str) -> Iterator[list[str]]:
    """``module.name``, slowed a little (so the page's call meets it running) and counted by the thread that
    ran it."""
    threads: list[str] = []
    real = getattr(module, name)

    def slow(con, f):
        threads.append(threading.current_thread().name)
        time.sleep(0.2)
        return real(con, f)

    monkeypatch.setattr(module, name, slow)
    data.clear_caches()
    yield threads
    data.clear_caches()


@pytest.fixture
def counted_bus_factor(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    yield from _counted(monkeypatch, metrics.coverage, "bus_factor")


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


@pytest.mark.parametrize(
    ("broken_metric", "message"),
    [("bus_factor", "Could not compute the bus factor"), ("coverage", "Could not compute skill coverage")],
)
def test_one_failing_coverage_metric_leaves_the_other_drawn(
    demo_db, monkeypatch: pytest.MonkeyPatch, broken_metric: str, message: str
) -> None:
    """The bus factor runs beside the coverage: either failing shows its error where it is drawn, and the
    other is still drawn (so the started bus factor is always waited for)."""

    def broken(con, f):
        raise MetricsError("it broke")

    monkeypatch.setattr(metrics.coverage, broken_metric, broken)
    data.clear_caches()
    at = run_page("coverage")
    assert any(f"{message}: it broke" in e.value for e in at.error), [e.value for e in at.error]
    if broken_metric == "bus_factor":
        assert at.get("plotly_chart"), "the heatmap still draws"
    else:
        assert not at.get("plotly_chart")
        bus = data.metric("coverage.bus_factor", Filters())
        assert metrics_by_label(at)["Skills held by ≤ 2 people"] == f"{bus.frame.height}"
    data.clear_caches()


@pytest.fixture
def counted_outcomes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    yield from _counted(monkeypatch, metrics.outcomes, "outcomes")


def test_the_roi_page_computes_the_outcomes_once_beside_the_economics(demo_db, counted_outcomes) -> None:
    at = run_page("roi")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert len(counted_outcomes) == 1, counted_outcomes
    assert counted_outcomes[0].startswith("skillgrid-prefetch")
    assert len(at.get("plotly_chart")) == 2  # the side-by-side comparison and the outcomes


def test_failing_outcomes_leave_the_rest_of_the_roi_page_drawn(
    demo_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(con, f):
        raise MetricsError("it broke")

    monkeypatch.setattr(metrics.outcomes, "outcomes", broken)
    data.clear_caches()
    at = run_page("roi")
    assert [e.value for e in at.error] == ["Could not compute outcomes: it broke"]
    assert len(at.get("plotly_chart")) == 1, "the comparison still draws"
    data.clear_caches()
