"""`python -m etl`: parses arguments and prints. The work lives in etl.load, etl.admin and metrics.

Exit codes: 0 done; 1 input refused or request impossible (message names file, row, column); 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from etl import admin, profiles
from etl.formats.canonical import FIELDS_BY_KIND
from etl.formats.registry import ALL_FORMATS
from etl.load import FileInput, IngestRefused, IngestResult, LoadOptions, ingest
from etl.staging import Refused
from etl.warehouse import NotAWarehouse, WarehouseBusy, open_reader, resolve_db_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None


def _mapping(pairs: list[str] | None) -> dict[str, str]:
    known = {f.name for fields in FIELDS_BY_KIND.values() for f in fields}
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, column = pair.partition("=")
        name = name.strip()
        if not sep or not name or not column:
            raise UsageError(f"--map takes FIELD=COLUMN, got {pair!r}")
        if name not in known:
            raise UsageError(f"--map: unknown field {name!r}; fields are: {', '.join(sorted(known))}")
        out[name] = column
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="Skillgrid warehouse: load HR and learning exports, inspect and report.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="warehouse file (default: $UPSKILL_DB, else data/skillgrid.duckdb)")
        return p

    p = add("demo", "Build the demo warehouse from sample_data/ (or a generated org of --employees people).")
    p.add_argument("--employees", type=int, default=500, help="size of the generated org (default 500)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--replace", action="store_true", help="replace an existing warehouse file")

    p = add("ingest", "Load files; all files of one call land together or not at all.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--kind", default="auto", choices=["auto", "roster", "learning", "roles", "catalogue"])
    p.add_argument("--format", dest="format_name", help="force a source format (see `formats`)")
    p.add_argument(
        "--map", action="append", metavar="FIELD=COLUMN", help="map a field to a column (repeatable)"
    )
    days = p.add_mutually_exclusive_group()
    days.add_argument("--day-first", action="store_true", help="read ambiguous dates as D/M/Y")
    days.add_argument("--month-first", action="store_true", help="read ambiguous dates as M/D/Y")
    p.add_argument(
        "--effective-date",
        type=_date,
        help="date the files describe (default: a date in the file name, else today)",
    )
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.add_argument("--profile", help="apply a saved mapping profile (see `profiles`)")
    p.add_argument(
        "--save-profile", metavar="NAME", help="save this call's kind, format, mapping and date order"
    )

    p = add("profiles", "List saved mapping profiles.")
    p.add_argument("--delete", metavar="NAME", help="delete this profile")

    p = add("status", "Row counts of the warehouse.")
    p.add_argument("--json", action="store_true")

    p = add("report", "Coverage, target achievement, gaps and program-type economics.")
    p.add_argument("--as-of", type=_date, default=None, help="YYYY-MM-DD (default today)")
    p.add_argument("--json", action="store_true")

    p = add("history", "Recent loads.")
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--json", action="store_true")

    p = add("undo", "Undo one load by its id, restoring what it replaced.")
    p.add_argument("load_id", type=int)

    p = add("rejects", "Rows that loads rejected, with the reason.")
    p.add_argument("--load", type=int, dest="load_id", help="only this load")
    p.add_argument("--json", action="store_true")

    p = add("unmatched", "Learning records that match no employee.")
    p.add_argument("--json", action="store_true")

    p = add("map-identity", "Map an email or external id to an employee so its records match.")
    p.add_argument("identity", help="the email or external id as it appears in the learning file")
    p.add_argument("employee_id")
    p.add_argument("--type", dest="identity_type", default="email", choices=["email", "external_id"])

    p = add("forget", "Erase a person from every table and rewrite the file without their data.")
    p.add_argument("--employee", required=True, metavar="ID", help="the employee id to erase")

    add(
        "upgrade",
        "Bring a warehouse written by an earlier Skillgrid up to this version (every row reads as before).",
    )

    sub.add_parser("formats", help="List the file formats Skillgrid recognises.")
    return parser


def _print_ingest(result: IngestResult, db_path: Path, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {"batch_id": result.batch_id, "files": [o.__dict__ for o in result.outcomes]}, default=str
            )
        )
        return
    for o in result.outcomes:
        if o.status == "duplicate":
            print(f"{o.file_name}: {o.message}")
            continue
        print(
            f"{o.file_name}: load {o.load_id} ({o.kind}, {o.source_format}) — {o.rows_read} rows read, "
            f"{o.rows_loaded} written, {o.rows_unchanged} unchanged, {o.rows_rejected} rejected"
            + (f", {o.rows_unmatched} unmatched to a person" if o.kind == "learning" else "")
        )
        for note in o.notes:
            print(f"    {note}")
        if o.rows_rejected:
            print(f"    see the rejected rows: python -m etl rejects --db {db_path} --load {o.load_id}")
        if o.rows_unmatched:
            print(f"    see unmatched records: python -m etl unmatched --db {db_path}")
    if not result.wrote:
        print("Nothing new to load: the warehouse is unchanged.")


def _rows(db_path: Path, sql: str, params: dict | None = None) -> tuple[list[str], list[tuple]]:
    con = open_reader(db_path)
    try:
        rel = con.sql(sql, params=params or {})
        return rel.columns, rel.fetchall()
    finally:
        con.close()


def _printable(value: object) -> str:
    """Cell text safe for a terminal: control characters (escape sequences) shown as \\uXXXX."""
    text = "" if value is None else str(value)
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _print_table(columns: list[str], rows: list[tuple]) -> None:
    cells = [[_printable(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))


def run(args: argparse.Namespace) -> int:
    if args.command == "formats":
        for fmt in ALL_FORMATS:
            print(f"{fmt.name:28} {fmt.kind:10} {fmt.label}")
        return EXIT_OK
    db_path = resolve_db_path(args.db)
    if args.command == "demo":
        from etl.demo import build_demo

        summary = build_demo(db_path, employees=args.employees, seed=args.seed, replace=args.replace)
        print(summary)
        return EXIT_OK
    if args.command == "ingest":
        day_first = True if args.day_first else False if args.month_first else None
        if args.profile:
            options = profiles.get_profile(db_path, args.profile).options(
                kind=None if args.kind == "auto" else args.kind,
                format_name=args.format_name,
                mapping=_mapping(args.map),
                day_first=day_first,
                effective_date=args.effective_date,
            )
        else:
            options = LoadOptions(
                kind=args.kind,
                format_name=args.format_name,
                mapping=_mapping(args.map),
                day_first=day_first,
                effective_date=args.effective_date,
            )
        files = [FileInput.from_path(f) for f in args.files]
        result = ingest(db_path, files, options)
        _print_ingest(result, db_path, args.json)
        if args.save_profile:
            profiles.save_profile(
                db_path,
                profiles.Profile(
                    args.save_profile, options.kind, options.format_name, options.mapping, options.day_first
                ),
            )
            if not args.json:
                print(
                    f"Saved mapping profile {args.save_profile!r}: use --profile {args.save_profile!r} next time."
                )
        return EXIT_OK
    if args.command == "profiles":
        if args.delete:
            profiles.delete_profile(db_path, args.delete)
            print(f"Deleted mapping profile {args.delete!r}.")
            return EXIT_OK
        saved = profiles.list_profiles(db_path)
        if not saved:
            print("No mapping profiles saved yet (ingest --save-profile NAME saves one).")
        for p in saved:
            order = {True: "day first", False: "month first", None: "dates decided from the data"}[
                p.day_first
            ]
            print(
                f"{p.name}: kind {p.kind}, format {p.format_name or 'detected'}, {order}, mapping {p.mapping}"
            )
        return EXIT_OK
    if args.command == "status":
        figures = admin.status(db_path)
        if args.json:
            print(json.dumps(figures, default=str))
        else:
            print(f"warehouse: {db_path}")
            for key, value in figures.items():
                print(f"  {key:28} {value}")
        return EXIT_OK
    if args.command == "report":
        from metrics.report import build_report, render_report_text

        con = open_reader(db_path)
        try:
            report = build_report(con, args.as_of or dt.date.today())
        finally:
            con.close()
        print(json.dumps(report, default=str) if args.json else render_report_text(report))
        return EXIT_OK
    if args.command == "history":
        rows = admin.load_history(db_path, args.limit)
        if args.json:
            print(json.dumps(rows, default=str))
        elif rows:
            _print_table(list(rows[0]), [tuple(r.values()) for r in rows])
        else:
            print("No loads yet.")
        return EXIT_OK
    if args.command == "undo":
        result = admin.undo_load(db_path, args.load_id)
        print(
            f"Undid load {result.load_id} ({result.file_name}); restored {result.restored_versions} earlier versions."
        )
        return EXIT_OK
    if args.command in ("rejects", "unmatched"):
        if args.command == "rejects":
            sql = (
                "SELECT load_id, file_name, row_number, column_name, value, reason FROM rejected_rows "
                "WHERE $load_id IS NULL OR load_id = $load_id ORDER BY load_id, row_number"
            )
            columns, rows = _rows(db_path, sql, {"load_id": args.load_id})
        else:
            sql = (
                "SELECT record_id, load_id, source_format, source_row, source_employee_id, source_external_id, "
                "source_email, source_name, program_name FROM learning_records WHERE employee_id IS NULL "
                "ORDER BY load_id, source_row"
            )
            columns, rows = _rows(db_path, sql)
        if args.json:
            print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str))
        elif rows:
            _print_table(columns, rows)
        else:
            print("None.")
        return EXIT_OK
    if args.command == "map-identity":
        n = admin.map_identity(db_path, args.identity_type, args.identity, args.employee_id)
        print(
            f"Mapped {args.identity_type} {args.identity!r} to {args.employee_id}: {n} records now match through mappings."
        )
        return EXIT_OK
    if args.command == "forget":
        removed = admin.forget_employee(db_path, args.employee)
        print(f"Erased employee {args.employee!r} from {db_path}:")
        for what, n in removed.items():
            verb = "cleared" if what.startswith("manager_links") else "removed"
            print(f"  {what:28} {n} {verb}")
        print("The warehouse file was rewritten, so the erased rows leave no trace in it. Source files that")
        print("named this person are still wherever you keep them; loading them again would bring them back.")
        return EXIT_OK
    if args.command == "upgrade":
        reasons = admin.upgrade(db_path)
        if not reasons:
            print(f"{db_path} is up to date.")
        else:
            print(f"Upgraded {db_path}: " + "; ".join(reasons) + ".")
        return EXIT_OK
    raise UsageError(f"unknown command {args.command}")  # pragma: no cover - argparse rejects it first


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except IngestRefused as exc:
        for refusal in exc.refusals:
            print(f"refused: {refusal}", file=sys.stderr)
        print("Nothing was written: every file of one call loads together or not at all.", file=sys.stderr)
        return EXIT_REFUSED
    except Refused as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except (admin.AdminError, profiles.ProfileError, WarehouseBusy, NotAWarehouse) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: keep the trace for the report
        if os.environ.get("SKILLGRID_DEBUG"):
            traceback.print_exc()
        print(
            f"internal error ({type(exc).__name__}): {exc}. Set SKILLGRID_DEBUG=1 for details.",
            file=sys.stderr,
        )
        return 3
