"""Ingest of a big file against DuckDB's own CSV reader and a pandas baseline, alternating A/B rounds.

Each round runs every contender once, in a fixed order (A B C A B C ...), each in a fresh child process on
a fresh database file: Skillgrid's on a copy of a warehouse that already holds the roster, catalogue and
role requirements; DuckDB's and pandas' on an empty file. Medians over the rounds are reported, and the
re-load of the unchanged file is timed on the warehouse the last Skillgrid round produced.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path
from typing import Any

from benchmarks.child import cached_is_current, run_child, stamp_built
from benchmarks.data import ScaleData

CONTENDER_ORDER = ("ingest", "duckdb_csv", "pandas_duckdb")


def base_warehouse(data: ScaleData, work: Path) -> Path:
    """The warehouse every Skillgrid round starts from (built once per data set and version of the code,
    through ingest)."""
    from etl.load import FileInput, ingest

    path = work / f"base-{data.directory.name}.duckdb"
    if not cached_is_current(path):
        remove_db(path)
        building = path.with_name(path.name + ".building")
        remove_db(building)
        ingest(building, [FileInput.from_path(p) for p in data.base_files])
        building.rename(path)
        building.with_name(building.name + ".lock").unlink(missing_ok=True)
        stamp_built(path)
    return path


def remove_db(path: Path) -> None:
    """A database file with its WAL, lock and any stale shadow copies."""
    for leftover in (path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".lock")):
        leftover.unlink(missing_ok=True)
    for stale in path.parent.glob(path.name + ".tmp-*"):
        stale.unlink(missing_ok=True)


def compare(
    file: Path,
    base: Path,
    work: Path,
    *,
    rounds: int,
    contenders: tuple[str, ...] = CONTENDER_ORDER,
    log=print,
) -> dict[str, Any]:
    """Alternate the contenders over `rounds` rounds on `file`; returns every run and the medians."""
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in contenders}
    last_ingest_db: Path | None = None
    for round_no in range(1, rounds + 1):
        for name in contenders:
            db = work / f"{file.stem}-{name}-{round_no}.duckdb"
            remove_db(db)
            args: dict[str, Any] = {"db": str(db), "file": str(file)}
            if name == "ingest":
                shutil.copyfile(base, db)
            result = run_child(name, args)
            runs[name].append(result)
            log(
                f"  round {round_no} {name:>14}: {result['seconds']:7.2f} s wall, "
                f"{result['child_cpu_seconds']:7.2f} s cpu, peak {result['peak_rss_mb']:7.0f} MB"
            )
            if name == "ingest":
                if last_ingest_db is not None:
                    remove_db(last_ingest_db)
                last_ingest_db = db
            else:
                remove_db(db)
    summary = {name: summarise(results) for name, results in runs.items()}
    ratios = {}
    if "ingest" in summary:
        for other in contenders:
            if other == "ingest":
                continue
            ratios[other] = {
                "time": summary["ingest"]["seconds"] / summary[other]["seconds"],
                "cpu": summary["ingest"]["child_cpu_seconds"] / summary[other]["child_cpu_seconds"],
                "peak_rss": summary["ingest"]["peak_rss_mb"] / summary[other]["peak_rss_mb"],
            }
    return {
        "file": str(file),
        "file_mb": file.stat().st_size / 1e6,
        "rounds": rounds,
        "runs": runs,
        "median": summary,
        "ingest_over": ratios,
        "loaded_db": str(last_ingest_db) if last_ingest_db else None,
    }


def summarise(results: list[dict[str, Any]]) -> dict[str, float]:
    """Medians of the numeric fields, plus rows per second from the median time."""
    keys = ("seconds", "cpu_seconds", "child_cpu_seconds", "process_seconds", "peak_rss_mb", "rss_before_mb")
    summary = {key: statistics.median(r[key] for r in results) for key in keys}
    summary["rows"] = results[0]["rows"]
    summary["rows_per_second"] = summary["rows"] / summary["seconds"] if summary["seconds"] else 0.0
    summary["min_seconds"] = min(r["seconds"] for r in results)
    summary["max_seconds"] = max(r["seconds"] for r in results)
    return summary


def reload_unchanged(loaded_db: Path, file: Path, *, rounds: int, log=print) -> dict[str, Any]:
    """Re-load the file the warehouse already holds: must be recognised by its sha256 and return at once."""
    results = []
    for round_no in range(1, rounds + 1):
        result = run_child("ingest", {"db": str(loaded_db), "file": str(file), "expect": "duplicate"})
        results.append(result)
        log(f"  round {round_no}         reload: {result['seconds']:7.2f} s wall")
    return {"file": str(file), "rounds": rounds, "runs": results, "median": summarise(results)}
