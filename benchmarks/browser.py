"""Cold start to the first chart in a real browser: `make run`'s server (`python -m dashboard.serve`, i.e.
`streamlit run streamlit_app.py` with a warm-up) to a visible chart.

Headless Debian Chromium (Playwright cannot download browsers here) is started first, as a user's browser
would already be open; the clock starts when the streamlit process is spawned and stops when the first chart
on the default page is visible: a server-drawn SVG chart (the overview's mini charts, an `<img>` of SVG, see
dashboard/minicharts.py) or a Plotly chart that has drawn its SVG. The clock then runs on to the first drawn
Plotly chart, reported beside it as the first interactive chart.

When a chart became visible is recorded by the page itself (`_PAINT_OBSERVER`): a MutationObserver sees the
element arrive and an animation-frame loop notes the first frame it has a size, with the browser's own clock.
Playwright's `wait_for` is only the synchronisation point: it polls at growing intervals (up to 0.5 s apart),
so its own time said more about its polling than about the page.

Each run also records, on the same clock, where the time went (diagnostics only; they do not change what is
measured): when the page's websocket opened (the browser has loaded Streamlit's own bundle and the first
script run starts), when the browser asked for Streamlit's plotly bundle (it does so as soon as the first
chart's data arrives) and when that 4.7 MB file had arrived; the rest, up to the visible chart, is the
browser running plotly.js and drawing. Requests that failed are listed (an app that is meant to work
offline should make none to other hosts).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.child import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_CHART = 'img[src^="data:image/svg+xml"]'
PLOTLY_CHART = ".js-plotly-plot .main-svg"
CHART = f"{SERVER_CHART}, {PLOTLY_CHART}"
TIMEOUT_S = 120.0
# Diagnostic marks, seconds on the same clock (see the module docstring).
PHASES = ("websocket_open", "plotly_bundle_requested", "plotly_bundle_loaded", "playwright_saw_chart")
# Runs in the page before Streamlit's scripts: the wall-clock time (ms since the epoch) at which the first
# element matching each selector had a non-empty box, i.e. was visible in Playwright's sense.
_PAINT_OBSERVER = """
(() => {
  const selectors = { chart: %(chart)s, plotly: %(plotly)s };
  const seen = (window.__skillgridPainted = {});
  const now = () => performance.timeOrigin + performance.now();
  let polling = false;
  const check = () => {
    let pending = false;
    for (const [name, selector] of Object.entries(selectors)) {
      if (seen[name]) continue;
      const el = document.querySelector(selector);
      if (!el) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) seen[name] = now();
      else pending = true;
    }
    polling = pending;
    if (pending) requestAnimationFrame(check);
  };
  new MutationObserver(() => { if (!polling) check(); })
    .observe(document, { childList: true, subtree: true, attributes: true });
})();
"""
PLOTLY_BUNDLE = "/static/js/PlotlyChart."  # Streamlit's lazily loaded chunk that holds plotly.js


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cold_start(db: Path, *, rounds: int, log=print) -> dict[str, Any]:
    """Median over `rounds` fresh server processes of the time to the first visible chart."""
    if not Path(CHROMIUM).exists():
        return {"skipped": f"{CHROMIUM} is not installed (make browser installs it)"}
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for round_no in range(1, rounds + 1):
                result = _one_start(browser, db)
                runs.append(result)
                phases = result["phases"]
                log(
                    f"  round {round_no}  server up {result['server_up_seconds']:6.2f} s, "
                    f"first chart {result['first_chart_seconds']:6.2f} s, "
                    f"first interactive chart {result['first_plotly_seconds']:6.2f} s  ("
                    + ", ".join(f"{name} {seconds:.2f}" for name, seconds in phases.items())
                    + ")"
                    + (
                        f"  failed requests: {', '.join(result['failed_requests'])}"
                        if result["failed_requests"]
                        else ""
                    )
                )
        finally:
            browser.close()
    return {
        "db": str(db),
        "rounds": rounds,
        "runs": runs,
        "median": {
            "server_up_seconds": statistics.median(r["server_up_seconds"] for r in runs),
            "first_chart_seconds": statistics.median(r["first_chart_seconds"] for r in runs),
            "first_plotly_seconds": statistics.median(r["first_plotly_seconds"] for r in runs),
            "phases": {
                name: statistics.median(r["phases"][name] for r in runs if name in r["phases"])
                for name in PHASES
                if any(name in r["phases"] for r in runs)
            },
        },
    }


def _one_start(browser, db: Path) -> dict[str, Any]:
    port = free_port()
    command = [  # what `make run` starts: `streamlit run streamlit_app.py` with the warm-up (dashboard/serve.py)
        sys.executable,
        "-m",
        "dashboard.serve",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = {**os.environ, "UPSKILL_DB": str(db)}
    start = time.perf_counter()
    start_wall = time.time()
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    page = browser.new_page()
    page.add_init_script(_PAINT_OBSERVER % {"chart": json.dumps(CHART), "plotly": json.dumps(PLOTLY_CHART)})
    phases: dict[str, float] = {}
    failed: list[str] = []

    def mark(name: str) -> None:
        phases.setdefault(name, time.perf_counter() - start)

    page.on("websocket", lambda _ws: mark("websocket_open"))
    page.on("request", lambda r: mark("plotly_bundle_requested") if PLOTLY_BUNDLE in r.url else None)
    page.on("requestfinished", lambda r: mark("plotly_bundle_loaded") if PLOTLY_BUNDLE in r.url else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.url[:100]} ({r.failure})"))
    try:
        server_up = _wait_until_listening(port, start, server)
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.locator(CHART).first.wait_for(state="visible", timeout=TIMEOUT_S * 1000)
        mark("playwright_saw_chart")
        page.locator(PLOTLY_CHART).first.wait_for(state="visible", timeout=TIMEOUT_S * 1000)
        painted = page.evaluate("window.__skillgridPainted")
        first_chart = painted["chart"] / 1000 - start_wall
        first_plotly = painted["plotly"] / 1000 - start_wall
    finally:
        page.close()
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return {
        "server_up_seconds": server_up,
        "first_chart_seconds": first_chart,
        "first_plotly_seconds": first_plotly,
        "phases": {name: phases[name] for name in PHASES if name in phases},
        "failed_requests": failed,
    }


def _wait_until_listening(port: int, start: float, server: subprocess.Popen) -> float:
    while time.perf_counter() - start < TIMEOUT_S:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode} before listening")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"streamlit did not listen on port {port} within {TIMEOUT_S:.0f} s")
