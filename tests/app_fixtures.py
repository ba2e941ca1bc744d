"""Fixtures for the dashboard tests (tests/test_app_*.py): warehouses to point the app at, and AppTest runs.

The demo warehouse is built once per test session (through `etl.demo.build_demo`, the normal ingest path)
and shared read-only; tests that write get their own copy. Import the fixtures a test needs by name.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.demo import build_demo
from etl.warehouse import open_reader

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
UPLOAD_FIXTURES = Path(__file__).parent / "fixtures" / "upload"
TIMEOUT = 60

_DEMO: dict[str, Path] = {}


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the metrics the pages ask for (dashboard.data.metric), in order."""
    import dashboard.data

    names: list[str] = []
    real = dashboard.data.metric

    def recording(name: str, *args, **kwargs):
        names.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(dashboard.data, "metric", recording)
    return names


def page_path(name: str) -> str:
    return f"dashboard/pages/{name}.py"


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse, built once per session; treat as read-only."""
    if "path" not in _DEMO:
        path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
        build_demo(path)
        _DEMO["path"] = path
    return _DEMO["path"]


@pytest.fixture
def demo_db(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UPSKILL_DB", str(demo_db_path))
    return demo_db_path


@pytest.fixture
def writable_demo_db(demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo warehouse for tests that write."""
    path = tmp_path / "demo_copy.duckdb"
    shutil.copyfile(demo_db_path, path)
    monkeypatch.setenv("UPSKILL_DB", str(path))
    return path


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse path with nothing at it yet: the app must show its empty state."""
    path = tmp_path / "nothing_here.duckdb"
    monkeypatch.setenv("UPSKILL_DB", str(path))
    return path


@pytest.fixture
def reader() -> Iterator[callable]:
    """Open a warehouse read-only for computing expected values directly from the metrics layer."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def _open(path: Path) -> duckdb.DuckDBPyConnection:
        con = open_reader(path)
        opened.append(con)
        return con

    yield _open
    for con in opened:
        con.close()


def app(*, query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    """A fresh AppTest of the frame, not yet run."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    return at


def run_page(name: str, *, query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Run the frame, switch to page ``name`` and run it; fails on any uncaught exception."""
    at = app(query_params=query_params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if name != "overview":
        at.switch_page(page_path(name))
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics_by_label(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def assert_empty_state(at: AppTest) -> None:
    assert not at.exception
    assert any("warehouse is empty" in text for text in infos(at)), infos(at)
    assert any("python -m etl demo" in text for text in infos(at))


def spy_downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The frame each table's download buttons would write, by table key (built now, as a click would)."""
    from dashboard import components

    built: dict[str, object] = {}
    real = components._downloads

    def spy(frame, *, key: str, file_stem: str) -> None:
        built[key] = frame() if callable(frame) else frame
        real(frame, key=key, file_stem=file_stem)

    monkeypatch.setattr(components, "_downloads", spy)
    return built
