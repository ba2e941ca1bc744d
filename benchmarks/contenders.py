"""Child-process entry point: `python -m benchmarks.contenders NAME ARGS_JSON` runs one contender once.

Each contender imports what it needs first, then times only the operation, and prints one JSON line:
seconds (wall), cpu_seconds (this process), rows, rss_before_mb (resident set before the operation) and
vmhwm_mb (the kernel's high-water mark of this process's own address space: the peak the parent reports,
see benchmarks/child.py).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _status_mb(field: str) -> float:
    """A /proc/self/status memory line (VmRSS, VmHWM) in MB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _timed(operation: Callable[[], int]) -> dict[str, Any]:
    rss_before = _status_mb("VmRSS")
    cpu = time.process_time()
    start = time.perf_counter()
    rows = operation()
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "rows": rows,
        "rss_before_mb": rss_before,
        "vmhwm_mb": _status_mb("VmHWM"),
    }


def ingest(args: dict[str, Any]) -> dict[str, Any]:
    """Skillgrid's own path: etl.load.ingest of one file into the warehouse at args['db']."""
    from etl.load import FileInput
    from etl.load import ingest as run_ingest

    db, file = Path(args["db"]), Path(args["file"])
    expect = args.get("expect", "loaded")
    outcome: dict[str, Any] = {}

    def operation() -> int:
        result = run_ingest(db, [FileInput.from_path(file)])
        outcome.update(
            status=[o.status for o in result.outcomes], rows=[o.rows_read for o in result.outcomes]
        )
        return sum(o.rows_loaded + o.rows_unchanged for o in result.outcomes)

    measured = _timed(operation)
    statuses = set(outcome["status"])
    if expect == "loaded" and not statuses <= {"loaded", "loaded_with_rejects"}:
        raise SystemExit(f"ingest of {file} did not load: {outcome}")
    if expect == "duplicate" and statuses != {"duplicate"}:
        raise SystemExit(f"re-load of {file} was not recognised as a duplicate: {outcome}")
    return {**measured, "statuses": sorted(statuses)}


def duckdb_csv(args: dict[str, Any]) -> dict[str, Any]:
    """DuckDB's own limit: CREATE TABLE AS SELECT * FROM read_csv(file) into a fresh database file."""
    import duckdb

    db, file = Path(args["db"]), Path(args["file"])

    def operation() -> int:
        con = duckdb.connect(str(db))
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(file)])
            rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
        finally:
            con.close()
        return rows

    return _timed(operation)


def pandas_duckdb(args: dict[str, Any]) -> dict[str, Any]:
    """The plain baseline: pandas.read_csv, then the DataFrame into a fresh DuckDB file."""
    import duckdb
    import pandas as pd

    db, file = Path(args["db"]), Path(args["file"])

    def operation() -> int:
        frame = pd.read_csv(file)
        con = duckdb.connect(str(db))
        try:
            con.execute("SET enable_progress_bar = false")
            con.register("frame", frame)
            con.execute("CREATE TABLE t AS SELECT * FROM frame")
            rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
        finally:
            con.close()
        return rows

    return _timed(operation)


def pages(args: dict[str, Any]) -> dict[str, Any]:
    """Every dashboard page rendered by AppTest on one warehouse (benchmarks.pages)."""
    from benchmarks.pages import render_pages

    return render_pages(args)


CONTENDERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "ingest": ingest,
    "duckdb_csv": duckdb_csv,
    "pandas_duckdb": pandas_duckdb,
    "pages": pages,
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in CONTENDERS:
        print(f"usage: python -m benchmarks.contenders {{{','.join(CONTENDERS)}}} ARGS_JSON", file=sys.stderr)
        return 2
    print(json.dumps(CONTENDERS[argv[0]](json.loads(argv[1]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
