"""`make bench`: generate scale data, run every measurement, write BENCHMARKS.md and benchmarks/out/*.json.

python -m benchmarks.run                      # everything, 3 alternating rounds
python -m benchmarks.run --only ingest,reload # some sections
python -m benchmarks.run --quick              # 100k badge rows, orgs of 1k and 10k: a smoke run
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import browser, ingest, pages, report
from benchmarks.data import OUT_DIR, scale_data

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("ingest", "reload", "pages", "browser")


def _args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {SECTIONS}")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per contender (min 3)")
    parser.add_argument("--employees", type=int, default=100_000, help="org size of the ingest data")
    parser.add_argument("--badge-rows", type=int, default=1_000_000)
    parser.add_argument("--course-rows", type=int, default=200_000)
    parser.add_argument("--sizes", default="1000,10000,100000", help="org sizes for the page benchmark")
    parser.add_argument("--rebuild-demo", action="store_true", help="rebuild the cached demo warehouses")
    parser.add_argument("--quick", action="store_true", help="small data, for checking the suite itself")
    parser.add_argument("--no-markdown", action="store_true", help="write the JSON only")
    parser.add_argument(
        "--merge", type=Path, help="earlier results JSON whose other sections are kept (re-run one section)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.employees, args.badge_rows, args.course_rows, args.sizes = 10_000, 100_000, 20_000, "1000,10000"
    if args.rounds < 3 and not args.quick:
        parser.error("--rounds must be at least 3 (medians of fewer runs are noise)")
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def log(message: str) -> None:
    print(message, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _args(sys.argv[1:] if argv is None else argv)
    sections = args.only.split(",")
    sizes = [int(s) for s in args.sizes.split(",")]
    work = OUT_DIR / "work"
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    if args.merge:
        results.update(json.loads(args.merge.read_text(encoding="utf-8")))
    results.update(machine=report.machine(), args={k: str(v) for k, v in vars(args).items()})
    started = time.perf_counter()

    if {"ingest", "reload"} & set(sections):
        log(
            f"Scale data: {args.employees:,} employees, {args.badge_rows:,} badge rows, {args.course_rows:,} courses"
        )
        data = scale_data(args.employees, args.badge_rows, args.course_rows)
        base = ingest.base_warehouse(data, work)
        log(f"Ingest of {data.badges.name} ({args.rounds} rounds, A/B alternating)")
        results["ingest"] = ingest.compare(data.badges, base, work, rounds=args.rounds, log=log)
        _save(results, "partial.json")
        if "reload" in sections:
            log("Re-load of the unchanged badge file")
            results["reload"] = ingest.reload_unchanged(
                Path(results["ingest"]["loaded_db"]), data.badges, rounds=args.rounds, log=log
            )
        if "ingest" in sections:
            log(f"Ingest of {data.courses.name}")
            results["ingest_courses"] = ingest.compare(
                data.courses, base, work, rounds=args.rounds, contenders=("ingest", "duckdb_csv"), log=log
            )
        else:
            results.pop("ingest")
        for section in ("ingest", "ingest_courses"):  # the loaded warehouses are big; the figures are saved
            loaded = results.get(section, {}).get("loaded_db")
            if loaded:
                ingest.remove_db(Path(loaded))
        _save(results, "partial.json")

    demos: dict[int, Path] = {}
    if {"pages", "browser"} & set(sections):
        for size in sizes:
            built = pages.demo_warehouse(size, OUT_DIR / "demo", rebuild=args.rebuild_demo, log=log)
            demos[size] = Path(built["path"])

    if "pages" in sections:
        log("Pages on the demo warehouses, the sizes alternating round by round")
        by_size = pages.measure_interleaved(demos, rounds=args.rounds, log=log)
        for size in sizes:
            for page, figures in by_size[str(size)]["pages"].items():
                log(
                    f"  {size:>7,} {page:>12}: cold {figures['cold_seconds']:6.2f} s, "
                    f"warm {figures['warm_seconds']:6.2f} s"
                )
        results["pages"] = {"sizes": sizes, "by_size": by_size, "summary": _page_summary(sizes, by_size)}
        _save(results, "partial.json")

    if "browser" in sections:
        results["browser"] = {}
        for label, size in (("smallest", sizes[0]), ("largest", sizes[-1])):
            log(f"Cold start to first chart, {size:,}-employee warehouse")
            results["browser"][label] = browser.cold_start(demos[size], rounds=args.rounds, log=log)

    results["total_seconds"] = time.perf_counter() - started
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for name in (f"results-{stamp}.json", "latest.json"):
        _save(results, name)
    if not args.no_markdown:
        report.write_markdown(ROOT / "BENCHMARKS.md", results)
    log(report.render(results))
    return 0


def _save(results: dict[str, Any], name: str) -> None:
    """Write results so far, so a failure in a later section does not lose the earlier ones."""
    (OUT_DIR / name).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


def _page_summary(sizes: list[int], by_size: dict[str, Any]) -> dict[str, Any]:
    low, high = by_size[str(sizes[0])]["pages"], by_size[str(sizes[-1])]["pages"]
    timed = {p: v for p, v in high.items() if not v.get("error")}
    slowest = max(timed, key=lambda p: timed[p]["cold_seconds"])
    growth = {p: timed[p]["cold_seconds"] / low[p]["cold_seconds"] for p in timed if low[p]["cold_seconds"]}
    worst_growth = max(growth, key=growth.get)
    return {
        "smallest": sizes[0],
        "largest": sizes[-1],
        "slowest_page": slowest,
        "slowest_seconds": timed[slowest]["cold_seconds"],
        "slowest_growth": growth[slowest],
        "worst_growth_page": worst_growth,
        "worst_growth": growth[worst_growth],
    }


if __name__ == "__main__":
    raise SystemExit(main())
