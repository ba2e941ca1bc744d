"""Server-side render time of every dashboard page, and of every metric those pages call, per org size.

For each size a demo warehouse is built through the normal path (`python -m etl demo --employees N`) and
cached under benchmarks/out/demo/. A child process drives the app with streamlit's AppTest: after one
warm-up run of the app and one untimed run of each page (its first-time costs in a new process), each page
is switched to and run with every cache cleared and the reader reopened first ("cold": what the first view
after a load costs, when nothing a connection computed survives) and once more without clearing ("warm").
The sizes take turns (`measure_interleaved`): one child per size per round, in alternating order, each
running every page RUNS_PER_PASS times cold, and each page's cold runs pooled over the rounds. The metric
calls a page makes are recorded as it renders (by wrapping `dashboard.data.resolve`) and then, in the last
round, timed on their own, each on a freshly opened reader, with the very same arguments.
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

# Cold runs of each page in one pass (one child process): the first cold run after another page had run
# varied most (the credentials page at 100k: 0.30 or 0.41 s), a second one beside it halves that weight.
RUNS_PER_PASS = 2
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


def measure(db: Path, *, rounds: int, metric_rounds: int | None = None) -> dict[str, Any]:
    """Render every page of the app on warehouse `db` in a child process (see module docstring); its metric
    calls are timed `metric_rounds` times each (default `rounds`; 0: not at all)."""
    args = {
        "db": str(db),
        "rounds": rounds,
        "metric_rounds": rounds if metric_rounds is None else metric_rounds,
    }
    return run_child("pages", args, env={"UPSKILL_DB": str(db)})


def measure_interleaved(dbs: dict[int, Path], *, rounds: int, log=print) -> dict[str, dict[str, Any]]:
    """Every size measured once per round, in alternating order (small to large, then large to small), and
    the rounds pooled: the growth from the smallest to the largest org compares runs taken side by side,
    so a machine that slows down or speeds up during the run moves both sizes alike. Measuring one size
    after the other moved the growth of the same code between 1.8x and 2.4x from one run to the next.
    The metric calls are timed in each size's last pass."""
    sizes = sorted(dbs)
    passes: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    for round_index in range(rounds):
        final = round_index == rounds - 1
        for size in sizes if round_index % 2 == 0 else sizes[::-1]:
            log(f"  round {round_index + 1}/{rounds}: pages on the {size:,}-employee demo warehouse")
            passes[size].append(
                measure(dbs[size], rounds=RUNS_PER_PASS, metric_rounds=rounds if final else 0)
            )
    return {str(size): combine(passes[size]) for size in sizes}


def combine(passes: list[dict[str, Any]]) -> dict[str, Any]:
    """One size's passes as one result: each page's cold runs pooled (their median is its figure), the
    median warm run and time in metric calls, the metric timings of the pass that took them."""
    pages: dict[str, dict[str, Any]] = {}
    for page in passes[0]["pages"]:
        runs = [p["pages"][page] for p in passes]
        cold = [seconds for run in runs for seconds in run["cold_runs"]]
        errors = [run["error"] for run in runs if run.get("error")]
        pages[page] = {
            "error": "; ".join(errors) if errors else None,
            "cold_seconds": statistics.median(cold),
            "cold_runs": cold,
            "warm_seconds": statistics.median(run["warm_seconds"] for run in runs),
            "metric_calls": runs[-1]["metric_calls"],
            "metric_seconds_in_page": statistics.median(run["metric_seconds_in_page"] for run in runs),
        }
    errors = {key: value for p in passes for key, value in p.get("errors", {}).items()}
    return {
        "first_run_seconds": statistics.median(p["first_run_seconds"] for p in passes),
        "pages": pages,
        "metrics": next((p["metrics"] for p in reversed(passes) if p["metrics"]), {}),
        "errors": errors,
        "passes": len(passes),
    }


# --- the child side ------------------------------------------------------------------------------------


def render_pages(args: dict[str, Any]) -> dict[str, Any]:
    """Child: time each page cold and warm, then each metric call it made on its own."""
    os.environ["UPSKILL_DB"] = args["db"]
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import data
    from etl.warehouse import open_reader, reader_cursor

    rounds = int(args["rounds"])
    metric_rounds = int(args.get("metric_rounds", rounds))
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
        # One untimed run first: the page's own first-time costs in a new process (its imports, plotly's
        # figure classes) are not what a running server pays for the first view after a load.
        st.cache_data.clear()
        data.release()
        at.switch_page(f"dashboard/pages/{page}.py")
        at.run()
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
            for _ in range(metric_rounds):
                con = open_reader(Path(args["db"]))  # fresh each time: no work shared with other calls
                try:
                    cursor = reader_cursor(con)
                    start = time.perf_counter()
                    call["fn"](cursor, *call["args"], **call["kwargs"])
                    times.append(time.perf_counter() - start)
                    cursor.close()
                finally:
                    con.close()
            if times:
                metrics[label] = {"page": page, "metric": call["name"], "seconds": statistics.median(times)}
    return {"first_run_seconds": first_run, "pages": pages, "metrics": metrics, "errors": errors}


def _errors(at) -> str | None:
    return "; ".join(str(e.value) for e in at.exception) if at.exception else None
