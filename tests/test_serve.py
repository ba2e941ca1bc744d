"""`make run`'s server start (dashboard/serve.py): `streamlit run streamlit_app.py` with a warm-up that imports
the pages' modules and opens the reader once the server listens, and never fails the start."""

from __future__ import annotations

import sys
import time

import pytest
from app_fixtures import demo_db, demo_db_path  # noqa: F401 (fixtures)

from dashboard import data, serve


@pytest.fixture(autouse=True)
def _closed_reader():
    data.release()
    yield
    data.release()


def _held_reader():
    return data._reader().con


def test_warm_imports_the_pages_modules_and_opens_the_reader(demo_db) -> None:  # noqa: F811
    interval = sys.getswitchinterval()
    assert _held_reader() is None
    assert serve.warm(ready=lambda: True) is True
    assert all(name in sys.modules for name in serve.WARM_MODULES)
    con = _held_reader()
    assert con is not None
    assert data.connection() is con  # the first page reuses the reader the warm-up opened
    assert sys.getswitchinterval() == interval


def test_warm_waits_until_the_server_listens(demo_db) -> None:  # noqa: F811
    asked = []

    def ready() -> bool:
        asked.append(time.monotonic())
        return len(asked) >= 3

    assert serve.warm(ready=ready) is True
    assert len(asked) == 3 and _held_reader() is not None


def test_warm_gives_up_when_the_server_never_listens(demo_db) -> None:  # noqa: F811
    started = time.monotonic()
    assert serve.warm(timeout_s=0.1, ready=lambda: False) is False
    assert time.monotonic() - started < 5
    assert _held_reader() is None


def test_warm_on_a_file_that_is_not_a_warehouse_leaves_it_to_the_page(tmp_path, monkeypatch, caplog) -> None:
    bad = tmp_path / "not_a_warehouse.duckdb"
    bad.write_text("this is not a database")
    monkeypatch.setenv("UPSKILL_DB", str(bad))
    interval = sys.getswitchinterval()
    with caplog.at_level("INFO", logger="dashboard.serve"):
        assert serve.warm(ready=lambda: True) is False
    assert "not_a_warehouse.duckdb" in caplog.text
    assert sys.getswitchinterval() == interval
    with pytest.raises(data.WarehouseUnavailable, match="not_a_warehouse.duckdb"):
        data.connection()  # what the first page then meets, and shows


def test_main_runs_streamlit_on_the_app_with_the_options_given(monkeypatch) -> None:
    from streamlit.web import cli

    calls: dict = {}
    monkeypatch.setattr(cli, "main", lambda **kwargs: calls.update(kwargs))
    monkeypatch.setattr(serve, "warm", lambda: calls.setdefault("warmed", True))
    monkeypatch.setattr(serve, "skip_component_scan", lambda: calls.setdefault("skipped", True))
    serve.main(["--server.port", "8697", "--server.headless", "true"])
    assert calls["args"] == ["run", str(serve.APP), "--server.port", "8697", "--server.headless", "true"]
    assert serve.APP.name == "streamlit_app.py" and serve.APP.exists()
    for _ in range(100):  # the warm-up runs in its own thread
        if "warmed" in calls:
            break
        time.sleep(0.01)
    assert calls["warmed"] is True and calls["skipped"] is True


def test_main_skips_streamlits_search_for_custom_components(monkeypatch) -> None:
    """Streamlit reads every installed package's metadata for component manifests before it listens; the
    launcher turns that into a no-op, which registers nothing and leaves the runtime's start as it was."""
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.web import cli

    searched: list[bool] = []
    monkeypatch.setattr(
        BidiComponentManager, "discover_and_register_components", lambda self, **kw: searched.append(True)
    )
    monkeypatch.setattr(cli, "main", lambda **kwargs: None)
    monkeypatch.setattr(serve, "warm", lambda: None)
    serve.main(["--server.headless", "true"])
    manager = BidiComponentManager()
    manager.discover_and_register_components()
    manager.discover_and_register_components(start_file_watching=False)
    assert searched == []


def test_skipping_the_search_leaves_a_streamlit_without_it_alone(monkeypatch) -> None:
    from streamlit.components.v2 import component_manager

    monkeypatch.delattr(component_manager.BidiComponentManager, "discover_and_register_components")
    assert serve.skip_component_scan() is False
    assert not hasattr(component_manager.BidiComponentManager, "discover_and_register_components")


def test_the_dashboard_uses_no_custom_streamlit_components() -> None:
    """What makes skipping the search safe: no page declares or embeds a custom component. Adding one means
    removing `serve.skip_component_scan` from `main`."""
    root = serve.APP.parent
    sources = [serve.APP, *sorted((root / "dashboard").rglob("*.py"))]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for marker in ("components.v1", "components.v2", "declare_component", "st.components", "st.html("):
            assert marker not in text or path.name == "serve.py", f"{path.name} uses {marker}"


THEME_PROBE = """
import json, sys
deferred = sys.argv[1] == "deferred"
if deferred:
    from dashboard import serve
    serve.import_streamlit_cli()
else:
    from streamlit.web import cli  # noqa: F401
plotly_at_listen = "plotly" in sys.modules
import polars as pl
import streamlit as st
from dashboard import charts, components
import plotly.io as pio
theme_before_chart = "streamlit" in pio.templates
drawn = []
st.plotly_chart = lambda figure, **kwargs: drawn.append(figure)
components.chart(charts.bar, pl.DataFrame({"team": ["A", "B"], "n": [1, 2]}), key="probe", x="team", y="n")
print(json.dumps({
    "plotly_at_listen": plotly_at_listen,
    "theme_before_chart": theme_before_chart,
    "default": pio.templates.default,
    "template": pio.templates["streamlit"].to_plotly_json(),
    "figure_template": drawn[0].layout.template.to_plotly_json(),
}, sort_keys=True, default=str))
"""


def _theme_probe(mode: str) -> dict:
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", THEME_PROBE, mode],
        cwd=serve.APP.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_server_listens_without_plotly_and_charts_still_get_streamlits_theme() -> None:
    """make run imports Streamlit with plotly hidden (building its theme cost ~0.2 s before the server
    listened); the first chart drawn sets up the very theme Streamlit would have, before its figure is built."""
    deferred, usual = _theme_probe("deferred"), _theme_probe("usual")
    assert deferred["plotly_at_listen"] is False and deferred["theme_before_chart"] is False
    assert usual["plotly_at_listen"] is True and usual["theme_before_chart"] is True
    assert deferred["default"] == usual["default"] == "streamlit"
    assert deferred["template"] == usual["template"]
    assert deferred["figure_template"] == usual["figure_template"] == usual["template"]
    assert deferred["template"]["layout"]["colorway"]  # a real template, not an empty one on both sides


def test_hiding_plotly_leaves_an_already_imported_plotly_alone() -> None:
    import plotly

    serve.import_streamlit_cli()
    assert sys.modules["plotly"] is plotly


def test_warm_upgrades_a_warehouse_an_earlier_version_wrote_and_says_so_in_the_log(
    tmp_path, monkeypatch, capsys
) -> None:
    """Before anyone visits: the first visitor then finds the file up to date, and the terminal said why the
    start took longer."""
    from pathlib import Path

    import duckdb

    from etl.load import FileInput, ingest
    from etl.warehouse import open_reader, outdated

    db = tmp_path / "warehouse.duckdb"
    ingest_dir = Path(__file__).resolve().parent / "fixtures" / "ingest"
    ingest(db, [FileInput.from_path(ingest_dir / n) for n in ("roster.csv", "learning.csv")])
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM warehouse_meta WHERE starts_with(key, 'mart_definition:')")
    con.close()
    monkeypatch.setenv("UPSKILL_DB", str(db))
    assert serve.warm(ready=lambda: True) is True
    err = capsys.readouterr().err
    assert "upgrading the warehouse written by an earlier version" in err and "warehouse upgraded in" in err
    reader = open_reader(db)
    try:
        assert outdated(reader) == []
    finally:
        reader.close()
    assert serve.warm(ready=lambda: True) is True  # up to date: nothing to say
    assert "upgrad" not in capsys.readouterr().err


def test_warm_says_when_an_upgrade_fails_and_leaves_it_to_the_page(tmp_path, monkeypatch, capsys) -> None:
    from pathlib import Path

    import duckdb

    from etl.load import FileInput, ingest

    db = tmp_path / "warehouse.duckdb"
    ingest(db, [FileInput.from_path(Path(__file__).resolve().parent / "fixtures" / "ingest" / "roster.csv")])
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM warehouse_meta WHERE starts_with(key, 'mart_definition:')")
    con.close()
    monkeypatch.setenv("UPSKILL_DB", str(db))

    def busy(path):
        raise data.WarehouseUnavailable(f"{path} could not be upgraded here (busy)")

    monkeypatch.setattr(data, "_upgrade", busy)
    assert serve.warm(ready=lambda: True) is False
    err = capsys.readouterr().err
    assert "upgrading the warehouse" in err and "the upgrade did not complete" in err and "busy" in err
    assert "upgraded in" not in err
