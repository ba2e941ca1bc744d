"""The real app in a real browser: `make run`'s server on a demo warehouse, driven by headless Chromium.

AppTest runs pages in-process; this checks what it cannot: the server starts with the repository's
.streamlit/config.toml, every page renders in a browser without an exception or error box, every chart is
drawn, a click on a coverage heatmap cell selects that team and skill for the drill-down, and a file goes
through the upload widget, preview, commit and load history.
Screenshots of every page are saved in the test's tmp directory.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_fixtures import ROOT, UPLOAD_FIXTURES, demo_db_path

__all__ = ["demo_db_path"]

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60
SETTLE_TIMEOUT_MS = 60_000
RUNNING = '[data-testid="stStatusWidget"]'
EXCEPTION = '[data-testid="stException"]'
ERROR_ALERT = '[data-testid="stAlertContentError"]'


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: `make test` installs Chromium for the browser test"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with {proc.returncode} before answering:\n{log.read_text()[-3000:]}"
            )
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer on {url} within {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def server(demo_db_path: Path, tmp_path: Path) -> Iterator[str]:
    """The app on a private copy of the demo warehouse, in local mode, on a free port."""
    _require_chromium()
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db_path, db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLGRID_")}
    env["UPSKILL_DB"] = str(db)
    port = _free_port()
    log = tmp_path / "streamlit.log"
    command = [  # as `make run` starts it: streamlit run streamlit_app.py, with the warm-up thread
        sys.executable,
        "-m",
        "dashboard.serve",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        # No developer secrets file: the test is about local mode.
        "--secrets.files",
        str(tmp_path / "no-secrets.toml"),
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def _settle(page, title: str) -> None:
    """Wait for the page's title, then until nothing has been running or stale for a moment."""
    page.locator("h1", has_text=title).first.wait_for(timeout=SETTLE_TIMEOUT_MS)
    deadline = time.monotonic() + SETTLE_TIMEOUT_MS / 1000
    quiet = 0
    while time.monotonic() < deadline:
        busy = page.locator(RUNNING).count() + page.locator('[data-stale="true"]').count()
        quiet = quiet + 1 if busy == 0 else 0
        if quiet >= 4:
            return
        page.wait_for_timeout(250)
    status = page.locator(RUNNING).all_inner_texts()
    pytest.fail(
        f"the {title!r} page was still running after {SETTLE_TIMEOUT_MS / 1000:.0f} s (status: {status})"
    )


def _assert_clean(page, title: str) -> None:
    exceptions = page.locator(EXCEPTION).all_inner_texts()
    assert not exceptions, f"{title}: {exceptions}"
    errors = page.locator(ERROR_ALERT).all_inner_texts()
    assert not errors, f"{title}: {errors}"


def _shot(page, folder: Path, index: int, title: str) -> Path:
    slug = "".join(c if c.isalnum() else "_" for c in title.lower()).strip("_")
    path = folder / f"{index:02d}_{slug}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _charts_drawn(page, title: str) -> None:
    """Every plotly chart on the page has drawn its SVG (the machine may be busy: allow 30 s)."""
    charts = page.locator(".js-plotly-plot")
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for(timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == page.locator('[data-testid="stPlotlyChart"]').count(), (
        title
    )


# Where heatmap cell ``i`` (a point of the clickable marker trace) is on screen, and its team and skill.
_CELL_JS = """
(i) => {
  const g = document.querySelector('.js-plotly-plot');
  const xa = g._fullLayout.xaxis, ya = g._fullLayout.yaxis;
  const box = g.querySelector('.nsewdrag').getBoundingClientRect();
  const x = g.data[1].x[i], y = g.data[1].y[i];
  return {left: box.left + xa.l2p(xa.d2l(x)), top: box.top + ya.l2p(ya.d2l(y)), team: x, skill: y};
}
"""


def _click_heatmap_cell(page) -> tuple[str, str]:
    """Click a cell near the top of the heatmap (not the first row or column) and return its team, skill."""
    index = page.evaluate(
        """() => {
      const g = document.querySelector('.js-plotly-plot');
      const xa = g._fullLayout.xaxis, ya = g._fullLayout.yaxis, d = g.data[1];
      for (let i = 0; i < d.x.length; i++) {
        if (ya.d2l(d.y[i]) >= 1 && ya.d2l(d.y[i]) <= 6 && xa.d2l(d.x[i]) >= 1) return i;
      }
      return 0;
    }"""
    )
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    cell = page.evaluate(_CELL_JS, index)
    page.mouse.move(cell["left"], cell["top"])
    page.wait_for_timeout(300)
    page.mouse.click(cell["left"], cell["top"])
    return html.unescape(cell["team"]), html.unescape(cell["skill"])  # plotly labels are HTML-escaped


def _selected(page, label: str) -> str:
    """The value shown in the main area's selectbox labelled ``label``."""
    return page.locator(
        f'[data-testid="stMain"] [data-testid="stSelectbox"] input[aria-label="{label}"]'
    ).first.input_value()


def _nav(page, title: str):
    return page.locator('[data-testid="stSidebarNav"] a', has_text=title).first


def _upload(page, csv: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(csv))
    page.get_by_text("Rows to load").first.wait_for(timeout=SETTLE_TIMEOUT_MS)
    _settle(page, "Upload")
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    metrics = dict(zip(labels, values, strict=True))
    assert metrics["Detected kind"] == "roster" and metrics["Rows to load"] == "3", metrics
    page.get_by_role("button", name="Commit").click()
    page.get_by_text("Committed 1 file(s).").wait_for(timeout=SETTLE_TIMEOUT_MS)
    _settle(page, "Upload")


def test_every_page_in_a_real_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    shots = tmp_path / "screenshots"
    shots.mkdir()
    csv = tmp_path / "browser_roster.csv"
    shutil.copyfile(UPLOAD_FIXTURES / "roster_small.csv", csv)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(server)
            _settle(page, "Overview")
            assert "Local mode: no sign-in" in page.locator('[data-testid="stSidebar"]').inner_text()
            links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
            titles = [text.splitlines()[-1].strip() for text in links]
            assert titles == [
                "Overview",
                "Skill coverage",
                "Skill gaps",
                "Credential ROI",
                "Credentials",
                "People",
                "Upload",
                "Data & definitions",
            ]
            for index, title in enumerate(titles):
                _nav(page, title).click()
                _settle(page, title)
                _assert_clean(page, title)
                if title == "Overview":
                    people = page.locator('[data-testid="stMetricValue"]').first.inner_text()
                    assert people.replace(",", "").isdigit() and int(people.replace(",", "")) > 0
                    # The server-drawn mini charts decode and draw as images (a broken SVG has no size).
                    minis = page.locator('[data-testid="stMain"] img[src^="data:image/svg+xml"]')
                    assert minis.count() == 2
                    for i in range(2):
                        assert minis.nth(i).evaluate("img => img.complete && img.naturalWidth") == 480
                        assert minis.nth(i).get_attribute("alt").startswith(("Completions per", "Spend per"))
                _charts_drawn(page, title)
                if title == "Skill coverage":
                    # A tiled heatmap, plus one invisible clickable marker per filled cell.
                    cells = page.evaluate("document.querySelector('.js-plotly-plot').data[1].x.length")
                    assert page.locator(".js-plotly-plot .heatmaplayer image").count() == 1
                    assert page.locator(".js-plotly-plot .scatterlayer .point").count() == cells > 0
                    clickmode = page.evaluate(
                        "document.querySelector('.js-plotly-plot')._fullLayout.clickmode"
                    )
                    assert clickmode == "event+select"
                    before = (_selected(page, "Team"), _selected(page, "Skill"))
                    team, skill = _click_heatmap_cell(page)
                    assert (team, skill) != before, "pick a cell the drill-down is not already showing"
                    page.get_by_text(f"{team} · {skill}").first.wait_for(timeout=SETTLE_TIMEOUT_MS)
                    _settle(page, title)
                    assert (_selected(page, "Team"), _selected(page, "Skill")) == (team, skill)
                    _assert_clean(page, f"{title} after a click")
                _shot(page, shots, index, title)

            _nav(page, "Upload").click()
            _settle(page, "Upload")
            _upload(page, csv)
            _assert_clean(page, "Upload after commit")
            history = page.locator('[data-testid="stMain"]').inner_text()
            assert "browser_roster.csv (roster, 3 rows, " in history
            _shot(page, shots, len(titles), "upload committed")
        finally:
            browser.close()
