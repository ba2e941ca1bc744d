"""Server-side render time of every dashboard page, and of every metric those pages call, per org size.

For each size a demo warehouse is built through the normal path (`python -m etl demo --employees N`) and
cached under benchmarks/out/demo/. A child process per size drives the app with streamlit's AppTest:
after one warm-up run, each page is switched to and run `rounds` times with every cache cleared and the
reader reopened first ("cold": what the first view after a load costs, when nothing a connection computed
survives) and once more without clearing ("warm"). The metric calls a page makes are recorded as it renders
(by wrapping `dashboard.data.resolve`) and then timed on their own, each on a freshly opened reader, with the
very same arguments.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.child import ROOT, cached_is_current, run_child, stamp_built

PAGES = ("overview", "coverage", "gaps", "roi", "credentials", "people", "data", "upload")
APP = str(ROOT / "streamlit_app.py")


def demo_warehouse(employees: int, out_dir: Path, *, rebuild: bool = False, log=print) -> dict[str, Any]:
    """Build (or reuse) the demo warehouse of `employees` people; returns its path and build time. A cached
    one built by other code (benchmarks.child.cached_is_current) is rebuilt."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"demo_{employees}.duckdb"
    if not rebuild and cached_is_current(path):
        return {"path": str(path), "built_seconds": None}
    log(f"  building demo warehouse of {employees:,} employees ...")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "etl", "demo", "--employees", str(employees), "--db", str(path), "--replace"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp_built(path)
    return {"path": str(path), "built_seconds": time.perf_counter() - start}


def measure(db: Path, *, rounds: int) -> dict[str, Any]:
    """Render every page of the app on warehouse `db` in a child process (see module docstring)."""
    return run_child("pages", {"db": str(db), "rounds": rounds}, env={"UPSKILL_DB": str(db)})


# --- the child side ------------------------------------------------------------------------------------


def render_pages(args: dict[str, Any]) -> dict[str, Any]:
    """Child: time each page cold and warm, then each metric call it made on its own."""
    os.environ["UPSKILL_DB"] = args["db"]
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import data
    from etl.warehouse import open_reader, reader_cursor

    rounds = int(args["rounds"])
    calls: list[dict[str, Any]] = []
    original_resolve = data.resolve

    def recording_resolve(name: str):
        fn = original_resolve(name)

        def timed(cursor, *fn_args, **fn_kwargs):
            start = time.perf_counter()
            try:
                return fn(cursor, *fn_args, **fn_kwargs)
            finally:
                calls.append(
                    {
                        "name": name,
                        "fn": fn,
                        "args": fn_args,
                        "kwargs": fn_kwargs,
                        "seconds": time.perf_counter() - start,
                    }
                )

        return timed

    data.resolve = recording_resolve
    at = AppTest.from_file(APP, default_timeout=600)
    start = time.perf_counter()
    at.run()
    first_run = time.perf_counter() - start
    errors = {"first run": _errors(at)} if _errors(at) else {}

    pages: dict[str, dict[str, Any]] = {}
    page_calls: dict[str, list[dict[str, Any]]] = {}
    for page in PAGES:
        cold = []
        for _ in range(rounds):
            st.cache_data.clear()
            data.release()  # a new reader, as after a load: nothing the last connection computed survives
            calls.clear()
            at.switch_page(f"dashboard/pages/{page}.py")
            start = time.perf_counter()
            at.run()
            cold.append(time.perf_counter() - start)
            page_calls[page] = list(calls)
        at.switch_page(f"dashboard/pages/{page}.py")
        start = time.perf_counter()
        at.run()
        warm = time.perf_counter() - start
        if _errors(at):  # a broken page is reported, not timed as if it had rendered
            errors[page] = _errors(at)
        pages[page] = {
            "error": errors.get(page),
            "cold_seconds": statistics.median(cold),
            "cold_runs": cold,
            "warm_seconds": warm,
            "metric_calls": len(page_calls[page]),
            "metric_seconds_in_page": sum(c["seconds"] for c in page_calls[page]),
        }

    metrics: dict[str, dict[str, Any]] = {}
    for page, recorded in page_calls.items():
        for call in recorded:
            label = f"{page}: {call['name']}"
            if label in metrics:
                label = f"{label} #{sum(1 for k in metrics if k.startswith(label)) + 1}"
            times = []
            for _ in range(rounds):
                con = open_reader(Path(args["db"]))  # fresh each time: no work shared with other calls
                try:
                    cursor = reader_cursor(con)
                    start = time.perf_counter()
                    call["fn"](cursor, *call["args"], **call["kwargs"])
                    times.append(time.perf_counter() - start)
                    cursor.close()
                finally:
                    con.close()
            metrics[label] = {"page": page, "metric": call["name"], "seconds": statistics.median(times)}
    return {"first_run_seconds": first_run, "pages": pages, "metrics": metrics, "errors": errors}


def _errors(at) -> str | None:
    return "; ".join(str(e.value) for e in at.exception) if at.exception else None
