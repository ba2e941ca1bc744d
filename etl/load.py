"""Load files into the warehouse: read → detect → stage every file first, then write them all in one
transaction, or nothing at all.

This is the one entry point the CLI, the upload page and `etl demo` share.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, reduce
from pathlib import Path

import duckdb
import polars as pl

from etl import sql_files
from etl.detect import Detection, detect
from etl.formats.base import normalize_key, program_key_expr
from etl.formats.registry import format_by_name
from etl.readers import RawTable, ReadError, read_file
from etl.staging import MAX_REJECTED_SHARE, Refused, Reject, StagedTable, parse_skills_column, stage
from etl.warehouse import ensure_warehouse, open_reader, write_transaction

# Files over this are refused before reading. The browser upload is capped lower by Streamlit itself
# (server.maxUploadSize, 200 MB); the CLI takes bigger exports, such as a million-row Credly CSV (~220 MB).
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
_DATE_IN_NAME = re.compile(r"(20\d\d|19\d\d)-(\d\d)-(\d\d)")


@contextmanager
def _refusing_unreadable(name: str, path: Path) -> Iterator[None]:
    """A file that is gone, a folder, or not ours to read becomes a refusal that names it."""
    try:
        yield
    except FileNotFoundError:
        raise Refused(name, f"file not found: {path}") from None
    except IsADirectoryError:
        raise Refused(name, f"{path} is a folder, not a file") from None
    except PermissionError:
        raise Refused(name, f"no permission to read {path}") from None


class FileInput:
    """One file to load: the bytes of an upload, or a path on disk.

    A path's bytes are read when a load parses the file (`read`) and are not kept: a 220 MB export held for
    the whole load added as much to its peak memory. Its sha256 is computed from the file in blocks, and a
    file that changes between being hashed and being read is refused rather than logged under another
    file's hash. `prefetch` starts that read in a thread, so that it runs beside the hashing.
    """

    def __init__(self, name: str, data: bytes | None = None, *, path: Path | None = None) -> None:
        if (data is None) == (path is None):
            raise ValueError("a FileInput has either bytes or a path")
        self.name = name
        self.path = path
        self._data = data
        self._hashed_signature: tuple[int, int] | None = None
        self._prefetch: tuple[threading.Thread, dict] | None = None

    def __repr__(self) -> str:
        held = f"path={str(self.path)!r}" if self.path is not None else f"{len(self._data or b'')} bytes"
        return f"FileInput({self.name!r}, {held})"

    @classmethod
    def from_path(cls, path: str | Path) -> FileInput:
        """Checked now (so a command line names a missing file before loading anything), read later."""
        p = Path(path)
        with _refusing_unreadable(p.name, p), open(p, "rb"):
            pass
        return cls(p.name, path=p)

    @property
    def size(self) -> int:
        if self._data is not None:
            return len(self._data)
        return self._signature()[0]

    @property
    def data(self) -> bytes:
        """The file's bytes; for a path, read afresh on each call (see `read`)."""
        return self.read()

    def read(self) -> bytes:
        if self._data is not None:
            return self._data
        assert self.path is not None
        if self._prefetch is not None:
            thread, result = self._prefetch
            self._prefetch = None
            thread.join()
            if "error" in result:
                raise result["error"]
            started, data, ended = result["read"]
            changed = started != ended
        else:
            with _refusing_unreadable(self.name, self.path):
                data = self.path.read_bytes()
            started, changed = None, False
        if self._hashed_signature is not None and (
            changed
            or started not in (None, self._hashed_signature)
            or self._signature() != self._hashed_signature
            or len(data) != self._hashed_signature[0]
        ):
            raise Refused(self.name, "the file changed while it was being loaded; load it again")
        return data

    def prefetch(self) -> None:
        """Start reading a path's bytes in a thread; the next `read` takes them.

        A load must hash a file before reading it (a re-load is refused by its hash, before any parsing),
        and hashing and reading a 220 MB export one after the other took ~0.4 s; side by side, ~0.2 s. The
        read notes the file's size and modification time before and after, so that `read` can still
        refuse a file that changed at any point between the hashing and the reading. A file over the load
        limit is not read at all (prepare_file refuses it by its size).
        """
        if self.path is None or self._prefetch is not None:
            return
        try:
            if self.size > MAX_UPLOAD_BYTES:
                return
        except Refused:
            return  # read() raises it where a refusal is expected
        result: dict = {}

        def read_in_background() -> None:
            try:
                started = self._signature()
                with _refusing_unreadable(self.name, self.path):
                    data = self.path.read_bytes()
                result["read"] = (started, data, self._signature())
            except BaseException as exc:  # handed to the caller of read()
                result["error"] = exc

        thread = threading.Thread(target=read_in_background, name=f"read-{self.name}", daemon=True)
        thread.start()
        self._prefetch = (thread, result)

    def discard_prefetch(self) -> None:
        """Drop bytes read ahead that no load will parse (the file was a duplicate), without waiting for the
        read to end: a re-load answers as soon as the hash is known."""
        self._prefetch = None

    def _signature(self) -> tuple[int, int]:
        """Size and modification time: what tells that a file on disk was rewritten."""
        assert self.path is not None
        with _refusing_unreadable(self.name, self.path):
            st = self.path.stat()
        return st.st_size, st.st_mtime_ns

    @cached_property
    def sha256(self) -> str:
        """Hashed once per file: a load asks for it several times, and 220 MB take ~0.15 s to hash."""
        if self._data is not None:
            return hashlib.sha256(self._data).hexdigest()
        assert self.path is not None
        before = self._signature()
        with _refusing_unreadable(self.name, self.path), open(self.path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        if self._signature() != before:
            raise Refused(self.name, "the file changed while it was being read; load it again")
        self._hashed_signature = before
        return digest


@dataclass(frozen=True)
class LoadOptions:
    kind: str = "auto"
    format_name: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # canonical field -> source column
    day_first: bool | None = None
    effective_date: dt.date | None = None


@dataclass
class PreparedPart:
    table: RawTable
    detection: Detection
    staged: StagedTable


@dataclass
class PreparedFile:
    file: FileInput
    parts: list[PreparedPart]
    effective_date: dt.date
    options: LoadOptions = field(default_factory=LoadOptions)

    @property
    def rows_read(self) -> int:
        return sum(p.staged.rows_read for p in self.parts)

    @property
    def rejects(self) -> list[Reject]:
        return [r for p in self.parts for r in p.staged.rejects]

    def release_rows(self) -> None:
        """Drop the cell data once written: a million-row file's frames would otherwise stay in memory
        while the marts are built. Counts, rejects, notes and the mapping stay."""
        for part in self.parts:
            part.table.frame = part.table.frame.clear()
            part.table.source_rows = []
            part.table.documents = None
            part.staged.frame = part.staged.frame.clear()


@dataclass
class FileOutcome:
    file_name: str
    sha256: str
    status: str  # loaded | loaded_with_rejects | duplicate
    kind: str | None = None
    source_format: str | None = None
    load_id: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    rows_unmatched: int = 0
    message: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestResult:
    batch_id: int | None
    outcomes: list[FileOutcome]

    @property
    def wrote(self) -> bool:
        return self.batch_id is not None


class IngestRefused(Exception):
    """One or more files of an invocation were refused; nothing was written."""

    def __init__(self, refusals: list[Refused]):
        self.refusals = refusals
        super().__init__("\n".join(str(r) for r in refusals))


def effective_date_for(file_name: str, given: dt.date | None) -> dt.date:
    """The date a file describes: given, else a YYYY-MM-DD in its name, else today."""
    if given is not None:
        return given
    match = _DATE_IN_NAME.search(file_name)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return dt.date.today()


def prepare_file(
    file: FileInput,
    options: LoadOptions = LoadOptions(),
    emails: list[str] | Callable[[], list[str]] | None = None,
) -> PreparedFile:
    """Read, detect and stage one file without touching any warehouse (the upload preview uses this).

    `emails` (roster emails, or a function that reads them: only asked for when a file needs them) lets
    formats that name people by a hash of their email (Open Badges) find them.
    """
    if file.size > MAX_UPLOAD_BYTES:
        raise Refused(
            file.name,
            f"the file is {file.size / 1e6:.0f} MB; the limit is {MAX_UPLOAD_BYTES / 1e6:.0f} MB",
        )
    try:
        # read() for a path: the bytes live only while they are parsed, not for the rest of the load
        tables = read_file(file.read(), file.name, max_bytes=MAX_UPLOAD_BYTES)
    except ReadError as exc:
        raise Refused(file.name, exc.reason, row=exc.row, column=exc.column) from exc
    if options.format_name:
        try:
            format_by_name(options.format_name)
        except KeyError as exc:
            raise Refused(file.name, str(exc.args[0])) from exc
    detections = [
        (t, detect(t, kind=options.kind, format_name=options.format_name, overrides=options.mapping))
        for t in tables
    ]
    usable = [(t, d) for t, d in detections if not d.missing_required and t.frame.height > 0]
    if not usable:
        if not detections:
            raise Refused(file.name, "the file holds no table")
        table, best = max(detections, key=lambda td: td[1].confidence)
        if table.frame.height == 0 and not best.missing_required:
            raise Refused(file.name, "the file has a header but no data rows")
        # stage() words the refusal: which field is missing and which columns were found.
        stage(table, best, day_first=options.day_first)
        raise Refused(file.name, "no sheet or table in the file could be read")  # pragma: no cover
    parts = []
    for table, detection in usable:
        if detection.format.resolve_identities is not None:
            known = emails() if callable(emails) else emails
            if known:
                table = detection.format.resolve_identities(table, known)
        staged = stage(table, detection, day_first=options.day_first)
        parts.append(PreparedPart(table, detection, staged))
    return PreparedFile(file, parts, effective_date_for(file.name, options.effective_date), options)


def loaded_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = con.execute(
        "SELECT sha256, max(load_id) FROM ingest_log WHERE status <> 'undone' GROUP BY sha256"
    ).fetchall()
    return {sha: load_id for sha, load_id in rows}


def known_emails(db_path: Path) -> list[str]:
    """Roster emails already in the warehouse (current and earlier versions)."""
    if not db_path.exists():
        return []
    con = open_reader(db_path)
    try:
        rows = con.execute(
            "SELECT email FROM employees WHERE email IS NOT NULL "
            "UNION SELECT email FROM employees_history WHERE email IS NOT NULL"
        ).fetchall()
        return [r[0] for r in rows]
    finally:
        con.close()


def _roster_emails(prepared: list[PreparedFile]) -> list[str]:
    emails: set[str] = set()
    for pf in prepared:
        for part in pf.parts:
            if part.staged.kind == "roster":
                emails.update(e for e in part.staged.frame["email"].to_list() if e)
    return sorted(emails)


def ingest(
    db_path: Path,
    files: list[FileInput],
    options: LoadOptions = LoadOptions(),
    *,
    file_options: Sequence[LoadOptions] | None = None,
) -> IngestResult:
    """Load every file of one invocation atomically. Raises IngestRefused (nothing written) when any is refused."""
    if file_options is not None and len(file_options) != len(files):
        raise ValueError("file_options needs one LoadOptions per file")
    # Each file may carry its own options (the upload page lets every file have its mapping); the whole
    # call still lands in one transaction.
    per_file = list(file_options) if file_options is not None else [options] * len(files)
    if db_path.exists():
        con = open_reader(db_path)
        try:
            known = loaded_hashes(con)
        finally:
            con.close()
    else:
        known = {}
    outcomes: list[FileOutcome] = []
    todo: list[tuple[FileInput, LoadOptions]] = []
    seen: dict[str, str] = {}
    if files:
        files[0].prefetch()  # read the first file while the hashes are computed (one file's bytes at most)
    for f, f_options in zip(files, per_file, strict=True):
        sha = f.sha256
        if sha in known or sha in seen:
            f.discard_prefetch()
        if sha in known:
            outcomes.append(
                FileOutcome(
                    f.name,
                    sha,
                    "duplicate",
                    load_id=known[sha],
                    message=f"already loaded as load {known[sha]}: same bytes, nothing added",
                )
            )
        elif sha in seen:
            outcomes.append(
                FileOutcome(
                    f.name,
                    sha,
                    "duplicate",
                    message=f"same bytes as {seen[sha]} in this invocation: loaded once",
                )
            )
        else:
            seen[sha] = f.name
            todo.append((f, f_options))
    return _prepare_and_write(db_path, todo, outcomes)


def _prepare_and_write(
    db_path: Path, todo: list[tuple[FileInput, LoadOptions]], outcomes: list[FileOutcome]
) -> IngestResult:
    """Read, detect and stage every file of `todo`, then write them all in one transaction (or refuse)."""
    prepared: list[PreparedFile] = []
    refusals: list[Refused] = []
    read_emails: list[list[str]] = []

    def emails() -> list[str]:
        """The warehouse's roster emails, read on first use: most formats never ask (0.2 s at 100k people)."""
        if not read_emails:
            read_emails.append(known_emails(db_path))
        return read_emails[0]

    for f, f_options in todo:
        try:
            prepared.append(prepare_file(f, f_options, emails))
        except Refused as exc:
            refusals.append(exc)
    # Rosters in this same call can identify hashed recipients in its other files: prepare those again.
    hashed = [
        i for i, pf in enumerate(prepared) if any(p.detection.format.resolve_identities for p in pf.parts)
    ]
    new_emails = sorted(set(_roster_emails(prepared)) - set(emails())) if hashed else []
    if new_emails:
        for i in hashed:
            try:
                prepared[i] = prepare_file(prepared[i].file, prepared[i].options, emails() + new_emails)
            except Refused as exc:
                refusals.append(exc)
    if refusals:
        raise IngestRefused(refusals)
    if not prepared:
        ensure_warehouse(db_path)
        return IngestResult(None, outcomes)
    # Catalogue and roles first, then rosters, then learning: records resolve against what they name.
    order = {"catalogue": 0, "roles": 1, "roster": 2, "learning": 3}
    prepared.sort(key=lambda p: (min(order[part.staged.kind] for part in p.parts), p.effective_date))
    changed: set[str] = set()  # base tables written, so only the marts reading them are rebuilt
    try:
        with write_transaction(db_path, changed=changed) as con:
            batch_id = apply_files(con, prepared, outcomes, changed)
    except Refused as exc:  # a refusal only the warehouse could reveal; the transaction was rolled back
        raise IngestRefused([exc]) from exc
    return IngestResult(batch_id, outcomes)


_ROSTER_TABLES = frozenset({"employees", "employees_history", "identity_aliases"})
# The base tables a load of each kind may write (what etl.marts.build_marts needs to know).
_WRITES: dict[str, frozenset[str]] = {
    "roster": frozenset({"employees", "employees_history"}),
    "learning": frozenset(
        {
            "learning_record_rows",
            "learning_identities",
            "learning_record_attributes",
            "learning_records_history",
            "learning_record_skills",
            "skills",
            "skill_aliases",
        }
    ),
    "roles": frozenset({"role_requirements", "role_requirements_history", "skills", "skill_aliases"}),
    "catalogue": frozenset({"programs", "programs_history", "program_skills", "skills", "skill_aliases"}),
}


def apply_files(
    con: duckdb.DuckDBPyConnection,
    prepared: list[PreparedFile],
    outcomes: list[FileOutcome],
    changed: set[str] | None = None,
) -> int:
    """Write prepared files on an open (transactional) connection; returns the batch id.

    `changed`, when given, collects the base tables written (see etl.warehouse.write_transaction).
    """
    batch_id = int(sql_files.scalar(con, "SELECT coalesce(max(batch_id), 0) + 1 FROM ingest_log"))
    for pf in prepared:
        for part in pf.parts:
            outcomes.append(_apply_part(con, pf, part, batch_id))
            if changed is not None:
                changed.update(_WRITES[part.staged.kind])
        pf.release_rows()
    # Matching depends on a record's own ids, the roster and the hand-made mappings. Learning rows were
    # matched as they were inserted, against the roster as it is now (rosters are written before learning
    # files): unless the roster (or an unknown set of tables) changed, no record can match differently.
    if changed is None or changed & _ROSTER_TABLES:
        rematched = 0
        for statement in sql_files.load("etl", "load/rematch_identities"):
            rematched += con.execute(statement).fetchall()[0][0]
        if rematched and changed is not None:
            changed.add("learning_identities")
    for outcome in outcomes:
        if outcome.load_id is not None and outcome.kind == "learning" and outcome.status != "duplicate":
            unmatched = sql_files.scalar(
                con,
                "SELECT count(*) FROM learning_records WHERE load_id = $load_id AND employee_id IS NULL",
                {"load_id": outcome.load_id},
            )
            outcome.rows_unmatched = unmatched
            con.execute(
                "UPDATE ingest_log SET rows_unmatched = $n WHERE load_id = $load_id",
                {"n": unmatched, "load_id": outcome.load_id},
            )
    return batch_id


def _next_id(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(sql_files.scalar(con, sql))


def _apply_part(
    con: duckdb.DuckDBPyConnection, pf: PreparedFile, part: PreparedPart, batch_id: int
) -> FileOutcome:
    staged = part.staged
    load_id = _next_id(con, "SELECT coalesce(max(load_id), 0) + 1 FROM ingest_log")
    name = (
        pf.file.name
        if part.table.part is None or len(pf.parts) == 1
        else f"{pf.file.name} [{part.table.part}]"
    )
    rejects = list(staged.rejects)
    notes: list[str] = []
    # Only rejected rows' raw cells are written (rejected_rows.raw_row); which rows those are is known now,
    # bar learning rows whose program type the catalogue must still resolve, so those are kept too, unless
    # the format's default type fills whatever the catalogue leaves (then no row can be refused for it).
    keep = {r.row for r in rejects}
    if staged.kind == "learning" and format_by_name(staged.format_name).defaults.get("program_type") is None:
        keep.update(staged.frame.filter(pl.col("program_type").is_null()).get_column("_row").to_list())
    _keep_raw_rows(part.table, keep)
    if staged.kind == "roster":
        loaded, unchanged = _apply_roster(con, staged, load_id, pf.effective_date)
        notes.extend(_unresolved_managers(con, load_id))
    elif staged.kind == "learning":
        loaded, unchanged, extra = _apply_learning(con, staged, load_id)
        rejects.extend(extra)
    elif staged.kind == "roles":
        loaded, unchanged = _apply_roles(con, staged, load_id)
    else:
        loaded, unchanged = _apply_catalogue(con, staged, load_id)
    rejected_rows = len({r.row for r in rejects})
    if rejected_rows > MAX_REJECTED_SHARE * staged.rows_read:
        first = rejects[0]
        raise Refused(
            pf.file.name,
            f"{rejected_rows} of {staged.rows_read} rows have problems, more than half, so the file is refused "
            f"as a whole. First problem: {first.reason}"
            + (f" — value {first.value!r}" if first.value else ""),
            row=first.row,
            column=first.column,
        )
    status = "loaded_with_rejects" if rejects else "loaded"
    message = f"{loaded} rows written, {unchanged} unchanged, {len(rejects)} rejected"
    con.execute(
        "INSERT INTO ingest_log VALUES ($load_id, $batch_id, $file_name, $sha, $kind, $fmt, $read, $loaded, "
        "$rejected, 0, $status, $message, $mapping, $effective, now()::TIMESTAMP, NULL)",
        {
            "load_id": load_id,
            "batch_id": batch_id,
            "file_name": name,
            "sha": pf.file.sha256,
            "kind": staged.kind,
            "fmt": staged.format_name,
            "read": staged.rows_read,
            "loaded": loaded + unchanged,
            "rejected": rejected_rows,
            "status": status,
            "message": message,
            "mapping": json.dumps(staged.mapping),
            "effective": pf.effective_date,
        },
    )
    if rejects:
        raw = part.table
        by_row = dict(zip(raw.source_rows, range(len(raw.source_rows)), strict=False))
        rows = []
        for r in rejects:
            index = by_row.get(r.row)
            raw_row = _raw_row_json(raw.frame.row(index, named=True)) if index is not None else None
            rows.append((load_id, name, r.row, r.column, r.value, r.reason, raw_row))
        con.executemany("INSERT INTO rejected_rows VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return FileOutcome(
        file_name=name,
        sha256=pf.file.sha256,
        status=status,
        kind=staged.kind,
        source_format=staged.format_name,
        load_id=load_id,
        rows_read=staged.rows_read,
        rows_loaded=loaded,
        rows_unchanged=unchanged,
        rows_rejected=rejected_rows,
        message=message,
        notes=[*part.detection.reasons, *staged.notes, *notes],
    )


def _keep_raw_rows(table: RawTable, rows: set[int]) -> None:
    """Drop the raw cells of every row of `table` but `rows` (source row numbers) before the write: a
    million-row file's text was otherwise held beside its staged frame and DuckDB's buffers for the whole
    insert (~200 MB of the 1M-row load's peak)."""
    if len(rows) >= len(table.source_rows):
        return
    numbers = pl.Series(table.source_rows, dtype=pl.Int64)
    index = numbers.is_in(sorted(rows)).arg_true()
    table.frame = table.frame[index]
    table.source_rows = numbers.gather(index).to_list()
    table.documents = None


class _ArrowStream:
    """A frame as an Arrow C stream (the Arrow PyCapsule interface), which DuckDB scans as it is.

    DuckDB reads a polars frame registered as it is through pyarrow (`to_arrow()`), so every load imported
    pyarrow and numpy (~0.15 s, held to the end: the 1M-row load's peak was ~50 MB higher). Each scan asks
    for a new stream, so a registered frame can be read by more than one statement.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        return self.frame.__arrow_c_stream__(requested_schema)


def _register(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    """Hand a frame to DuckDB without copying it: Arrow string views, which DuckDB reads as they are."""
    con.register(name, _ArrowStream(frame))


def _frame(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    """A query's result as a polars frame over the Arrow C stream: `.pl()` would import pyarrow (see
    `_ArrowStream`)."""
    return pl.DataFrame(relation)


RAW_CELL_LIMIT = 4000


def _raw_row_json(row: dict) -> str:
    """The rejected source row as JSON, each cell cut to 4,000 characters so a hostile cell cannot bloat the file."""
    capped = {
        k: (v[:RAW_CELL_LIMIT] + "…" if isinstance(v, str) and len(v) > RAW_CELL_LIMIT else v)
        for k, v in row.items()
    }
    return json.dumps(capped, default=str)


def _roster_fields(staged: StagedTable) -> dict[str, bool]:
    """Which roster fields this file carries: the others keep each existing person's current value."""
    mapped = set(staged.mapping) | {k for k, v in format_by_name(staged.format_name).defaults.items() if v}
    return {
        "has_full_name": bool({"full_name", "first_name", "last_name"} & mapped),
        "has_manager": bool({"manager_id", "manager_name"} & mapped),
        **{
            f"has_{name}": name in mapped
            for name in ("email", "department", "team", "role", "location", "hire_date", "termination_date")
        },
    }


def _unresolved_managers(con: duckdb.DuckDBPyConnection, load_id: int) -> list[str]:
    """Managers the file named but no single person on the roster has that name: kept as names, reported."""
    rows = con.execute(
        "SELECT manager_name, count(*) FROM employees WHERE load_id = $load_id AND manager_id IS NULL "
        "AND manager_name IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1",
        {"load_id": load_id},
    ).fetchall()
    if not rows:
        return []
    listed = "; ".join(f"{name!r} ({n} people)" for name, n in rows[:5]) + (" …" if len(rows) > 5 else "")
    return [
        f"{len(rows)} manager name(s) match no single person on the roster, so they are kept as names "
        f"without an id: {listed}"
    ]


def _apply_roster(con, staged: StagedTable, load_id: int, effective: dt.date) -> tuple[int, int]:
    frame = staged.frame.select(
        "employee_id",
        "full_name",
        "email",
        "department",
        "team",
        "role",
        "manager_id",
        "manager_name",
        "location",
        "hire_date",
        "termination_date",
    )
    _register(con, "staged_roster", frame)
    try:
        sql_files.run(
            con,
            "etl",
            "load/employees_upsert",
            load_id=load_id,
            valid_from=effective,
            **_roster_fields(staged),
        )
        sql_files.run(con, "etl", "load/employees_resolve_managers", load_id=load_id)
    finally:
        con.unregister("staged_roster")
    written = sql_files.scalar(con, "SELECT count(*) FROM roster_changes")
    return written, frame.height - written


def resolve_skills(con: duckdb.DuckDBPyConnection, names: list[str], load_id: int) -> dict[str, str]:
    """Map skill spellings to skill ids, creating skills for names never seen (aliases first)."""
    wanted = {normalize_key(n): n.strip() for n in names if n and n.strip()}
    if not wanted:
        return {}
    known = dict(
        con.execute(
            "SELECT alias, skill_id FROM skill_aliases WHERE alias IN (SELECT unnest($a))",
            {"a": list(wanted)},
        ).fetchall()
    )
    new_skills, new_aliases = [], []
    existing_ids = {r[0] for r in con.execute("SELECT skill_id FROM skills").fetchall()}
    for alias, name in wanted.items():
        if alias in known:
            continue
        skill_id = re.sub(r"[^a-z0-9]+", "-", alias).strip("-") or "skill"
        if skill_id not in existing_ids:
            new_skills.append((skill_id, name, load_id))
            existing_ids.add(skill_id)
        new_aliases.append((alias, skill_id, load_id))
        known[alias] = skill_id
    if new_skills:
        con.executemany("INSERT INTO skills VALUES (?, ?, ?)", new_skills)
    if new_aliases:
        con.executemany("INSERT INTO skill_aliases VALUES (?, ?, ?)", new_aliases)
    return {name: known[normalize_key(name)] for name in names if name and name.strip()}


def _skill_frame(
    keys: pl.Series, texts: pl.Series, ids: dict[str, str], key: str, key_type: type[pl.DataType] = pl.String
) -> pl.DataFrame:
    """The skill rows (`key`, skill_id, level) that each row's skills text gives its key: per key and skill the
    highest level given (an item without a level counts 1; a skill given only level 0 is left out), in order
    of first appearance.

    A file repeats a few distinct skill lists over many rows (200,000 course records: ~47): each is parsed
    once and joined back to its rows. A Python loop over the rows took ~0.09 s for 47,000 of them.
    """
    schema = {key: key_type, "skill_id": pl.String, "level": pl.Int32}
    given = pl.DataFrame({key: keys, "_text": texts}).filter(
        pl.col("_text").is_not_null() & (pl.col("_text") != "")
    )
    parsed = [
        (text, ids[name], 1 if level is None else level)
        for text in given.get_column("_text").unique(maintain_order=True).to_list()
        for name, level in parse_skills_column(text)
    ]
    if not parsed:
        return pl.DataFrame(schema=schema)
    items = pl.DataFrame(
        parsed, schema={"_text": pl.String, "skill_id": pl.String, "level": pl.Int32}, orient="row"
    ).with_row_index("_item")
    return (
        given.with_row_index("_order")
        .join(items, on="_text", how="inner")
        .sort("_order", "_item")
        .group_by(key, "skill_id", maintain_order=True)
        .agg(pl.col("level").max())
        .filter(pl.col("level") > 0)
        .select(pl.col(key).cast(key_type), "skill_id", "level")
    )


def _skills_text(frame: pl.DataFrame, key: str, skills: pl.DataFrame) -> pl.Series:
    """Per row of `frame`, its skills (`_skill_frame` rows) as `skill_id:level` sorted by skill id and joined
    by `;` (None: none)."""
    if skills.is_empty():
        return pl.repeat(None, frame.height, dtype=pl.String, eager=True).alias("skills_text")
    texts = (
        skills.sort(key, "skill_id")
        .group_by(key, maintain_order=True)
        .agg(pl.format("{}:{}", "skill_id", "level").str.join(";").alias("skills_text"))
    )
    return frame.select(key).join(texts, on=key, how="left", maintain_order="left").get_column("skills_text")


def _record_skills(skills: pl.DataFrame, staged: pl.DataFrame) -> pl.DataFrame:
    """The skill rows (`_skill_frame` by staged row, `_row`) with the record id each row was given: an insert
    joining them to every staged row instead read all of a million records to find none when a file names
    no skills (0.1 s)."""
    if skills.is_empty():
        return skills.with_columns(pl.lit(None, pl.Int64).alias("record_id"))
    rows = staged.select(pl.col("source_row").cast(pl.Int64).alias("_row"), "record_id")
    return skills.join(rows, on="_row", how="inner")


def _all_skill_names(texts: list[str | None]) -> list[str]:
    return sorted({name for t in texts if t for name, _ in parse_skills_column(t)})


def _distinct_rows(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """The distinct rows of `frame` (in order of first appearance) and, for each row, its position among them.

    A file repeats a few values over many rows (a million badge rows name ~100k people and a few dozen
    programs), so work per distinct row and gather the answers back by position. Rows are grouped by a
    64-bit hash of their values rather than by joining strings, and every row is checked to equal the first
    row with its hash; should two distinct rows ever share a hash (odds ~3e-10 for 100k distinct rows),
    they are grouped by their values instead.
    """
    hashes = _row_hash(frame).alias("_hash")
    first = hashes.is_first_distinct()
    distinct = frame.filter(first).rechunk()  # one chunk: gathering across chunks cost ~5x more
    firsts = hashes.filter(first).to_frame().with_row_index("_position")
    positions = (
        hashes.to_frame()
        .join(firsts, on=hashes.name, how="left", maintain_order="left")
        .get_column("_position")
    )
    if all(
        distinct.get_column(c).gather(positions).eq_missing(frame.get_column(c)).all() for c in frame.columns
    ):
        return distinct, positions
    distinct = frame.unique(maintain_order=True)
    positions = frame.join(
        distinct.with_row_index("_position"),
        on=frame.columns,
        how="left",
        nulls_equal=True,
        maintain_order="left",
    ).get_column("_position")
    return distinct, positions


def _row_hash(frame: pl.DataFrame) -> pl.Series:
    """A 64-bit hash of each row's values (tests replace it to force collisions).

    Each column is hashed with its own seed and the hashes combined by XOR, so equal values in different
    columns do not cancel out. `DataFrame.hash_rows` on the four identity columns of a million rows took
    ~60 MB at the load's highest point in memory; column by column, ~25 MB.
    """
    return reduce(
        operator.xor, (frame.get_column(name).hash(seed) for seed, name in enumerate(frame.columns))
    )


def _program_types(
    con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, default_type: str | None
) -> pl.DataFrame:
    """The type of each distinct (program_name, provider) among the rows without a type of their own: the
    catalogue's (name + provider, then a unique name), then the format's default (None: unresolved).

    One row per pair, which is joined to the rows' distinct attribute combinations
    (etl/sql/load/staged_attributes.sql): a file names a few dozen programs, and writing the answer back at
    each of a million rows here cost ~0.07 s and ~60 MB at the load's highest point in memory.
    """
    pairs = frame.select("program_name", "provider")
    untyped = frame.get_column("program_type").null_count()
    if untyped == 0:  # every row has its own type: nothing to look up in the catalogue
        return pairs.clear().with_columns(pl.lit(None, pl.String).alias("program_type"))
    if untyped < frame.height:
        pairs = pairs.filter(frame.get_column("program_type").is_null())
    catalogue = _frame(
        con.sql("SELECT program_key, lower(trim(program_name)) AS name_key, program_type FROM programs")
    )
    unique_names = (
        catalogue.group_by("name_key")
        .agg(pl.len().alias("n"), pl.col("program_type").first())
        .filter(pl.col("n") == 1)
    )
    return (
        pairs.unique(maintain_order=True)
        .with_columns(
            program_key_expr().alias("_program_key"),
            pl.col("program_name").str.to_lowercase().str.strip_chars().alias("_name_key"),
        )
        .join(
            catalogue.select(
                pl.col("program_key").alias("_program_key"), pl.col("program_type").alias("_cat_type")
            ),
            on="_program_key",
            how="left",
        )
        .join(
            unique_names.select(
                pl.col("name_key").alias("_name_key"), pl.col("program_type").alias("_name_type")
            ),
            on="_name_key",
            how="left",
        )
        .select(
            "program_name",
            "provider",
            pl.coalesce(pl.col("_cat_type"), pl.col("_name_type"), pl.lit(default_type, pl.String)).alias(
                "program_type"
            ),
        )
    )


# A staged learning row's learner, as learning_identities names the columns (staged field -> column).
_IDENTITY_COLUMNS = {
    "employee_id": "source_employee_id",
    "external_id": "source_external_id",
    "email": "source_email",
    "full_name": "source_name",
}


def _match_identities(
    con: duckdb.DuckDBPyConnection, distinct: pl.DataFrame, positions: pl.Series
) -> pl.Series:
    """`identity_id` for each row, given its position among the `distinct` identities (`_distinct_rows` of the
    rows' `_IDENTITY_COLUMNS` values): the learning_identities row with the same four values, written and
    matched to a person first when the warehouse has none (etl/sql/load/staged_identity_matches.sql; matching
    rules: match_identities.sql).

    A file names each person in many rows (the million-row badge file: ~100k distinct identities), and
    joining every row to the roster six times at insert cost ~1.3 CPU-s: the rules run once per distinct
    identity instead, and each row gathers its answer.
    """
    _register(con, "staged_identities", distinct.with_row_index("_position"))
    try:
        matched = _frame(sql_files.query(con, "etl", "load/staged_identity_matches"))
    finally:
        con.unregister("staged_identities")
    return matched.get_column("identity_id").gather(positions)


# What a learning record names and how it stands, stored once per distinct combination (learning_record_attributes).
_ATTRIBUTE_COLUMNS = ("program_name", "provider", "program_type", "status", "source_status")


def _attribute_ids(
    con: duckdb.DuckDBPyConnection, distinct: pl.DataFrame, positions: pl.Series, types: pl.DataFrame
) -> pl.Series:
    """`attributes_id` for each row, given its position among the `distinct` combinations of its
    `_ATTRIBUTE_COLUMNS` (`_distinct_rows`): each combination's program type is resolved (`types`, from
    `_program_types`) and the combination found or added once (etl/sql/load/staged_attributes.sql,
    record_attributes.sql). A million badge rows hold a few hundred combinations; writing the five text
    columns into every row was about half of the insert (BENCHMARKS.md, Changes 37)."""
    _register(con, "staged_attributes", distinct.with_row_index("_position"))
    _register(con, "staged_program_types", types)
    try:
        sql_files.run(con, "etl", "load/staged_attributes")
        sql_files.run(con, "etl", "load/record_attributes")
        ids = _frame(con.sql("SELECT attributes_id FROM attribute_ids ORDER BY _position"))
    finally:
        con.execute("DROP VIEW IF EXISTS attribute_candidates")
        con.unregister("staged_attributes")
        con.unregister("staged_program_types")
    return ids.get_column("attributes_id").gather(positions)


def _apply_learning(con, staged: StagedTable, load_id: int) -> tuple[int, int, list[Reject]]:
    frame = staged.frame
    fmt = format_by_name(staged.format_name)
    types = _program_types(con, frame, fmt.defaults.get("program_type"))
    extra: list[Reject] = []
    keyed = frame
    unknown = types.filter(pl.col("program_type").is_null())
    if unknown.height:  # filtering keeps a copy of every row: only when needed
        unresolved = frame.filter(pl.col("program_type").is_null()).join(
            unknown.select("program_name", "provider"),
            on=["program_name", "provider"],
            how="semi",
            nulls_equal=True,
        )
        extra = [
            Reject(
                row,
                None,
                name,
                "program type unknown: not in the file, not in the catalogue, no default for this format",
            )
            for row, name in unresolved.select("_row", "program_name").iter_rows()
        ]
        keyed = frame.filter(~pl.col("_row").is_in(unresolved.get_column("_row").implode()))
        types = types.filter(pl.col("program_type").is_not_null())
    start = _next_id(
        con,
        "SELECT coalesce(max(record_id), 0) + 1 FROM "
        "(SELECT record_id FROM learning_record_rows UNION ALL SELECT record_id FROM learning_records_history)",
    )
    # Skills are keyed by the staged row (`_row`): a record's key may be written only by the insert.
    with_skills = keyed.select("_row", "skills").filter(pl.col("skills").is_not_null())
    ids = resolve_skills(con, _all_skill_names(with_skills.get_column("skills").unique().to_list()), load_id)
    skills = _skill_frame(
        with_skills.get_column("_row"), with_skills.get_column("skills"), ids, "_row", pl.Int64
    )
    # Into an empty table every row is new: insert straight away, without comparing with what is there.
    first_load = bool(sql_files.scalar(con, "SELECT NOT EXISTS (SELECT 1 FROM learning_record_rows)"))
    identities = _distinct_rows(
        keyed.select(pl.col(field).alias(column) for field, column in _IDENTITY_COLUMNS.items())
    )
    # The rows' distinct attribute combinations are found while DuckDB matches the learners, which leaves a
    # core idle (polars releases the GIL; the thread touches no connection). Found beside the learners'
    # distinct values instead, the two slowed each other down and the idle core stayed idle.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="record-attributes") as pool:
        attributes = pool.submit(_distinct_rows, keyed.select(_ATTRIBUTE_COLUMNS))
        identity_ids = _match_identities(con, *identities)
        attribute_ids = _attribute_ids(con, *attributes.result(), types)
    out = keyed.select(
        pl.int_range(start, start + keyed.height, dtype=pl.Int64).alias("record_id"),
        "record_key",
        pl.col("record_id").alias("own_record_id"),
        identity_ids.alias("identity_id"),
        attribute_ids.alias("attributes_id"),
        "started_on",
        "completed_on",
        "expires_on",
        "cost",
        "hours",
        "credential_url",
        pl.col("_row").cast(pl.Int32).alias("source_row"),
    ).with_columns(_skills_text(keyed, "_row", skills))
    # `out` holds every column the insert needs: the staged frame's other columns (the file's own record ids,
    # emails, names) are freed now, while DuckDB writes, rather than when the marts are built after it.
    del frame, keyed, with_skills
    staged.frame = staged.frame.clear()
    _register(con, "staged_learning_rows", out)
    _register(
        con,
        "staged_record_namespace",
        pl.DataFrame({"record_namespace": [staged.record_namespace]}, schema={"record_namespace": pl.String}),
    )
    _register(con, "staged_record_skills", _record_skills(skills, out))
    try:
        sql_files.run(con, "etl", "load/staged_learning")
        sql_files.run(
            con, "etl", "load/learning_insert" if first_load else "load/learning_upsert", load_id=load_id
        )
    finally:
        con.execute("DROP VIEW IF EXISTS staged_learning")
        con.unregister("staged_learning_rows")
        con.unregister("staged_record_namespace")
        con.unregister("staged_record_skills")
    written = out.height if first_load else sql_files.scalar(con, "SELECT count(*) FROM learning_changes")
    return written, out.height - written, extra


def _apply_roles(con, staged: StagedTable, load_id: int) -> tuple[int, int]:
    frame = staged.frame.filter(~pl.col("_not_required"))
    ids = resolve_skills(con, frame["skill"].unique().to_list(), load_id)
    out = frame.select(
        pl.col("role").str.strip_chars().alias("role"),
        pl.col("role").str.to_lowercase().str.strip_chars().str.replace_all(r"\s+", " ").alias("role_key"),
        pl.col("skill").replace_strict(ids, return_dtype=pl.String).alias("skill_id"),
        pl.col("required_level").cast(pl.Int32),
        pl.col("importance").cast(pl.Float64),
    ).unique(subset=["role_key", "skill_id"], keep="first", maintain_order=True)
    _register(con, "staged_roles", out)
    try:
        sql_files.run(con, "etl", "load/roles_replace", load_id=load_id)
    finally:
        con.unregister("staged_roles")
    written = sql_files.scalar(
        con, "SELECT count(*) FROM role_requirements WHERE load_id = $load_id", {"load_id": load_id}
    )
    return written, out.height - written


def _apply_catalogue(con, staged: StagedTable, load_id: int) -> tuple[int, int]:
    frame = staged.frame.with_columns(program_key_expr().alias("program_key"))
    ids = resolve_skills(con, _all_skill_names(frame["skills"].unique().to_list()), load_id)
    skills = _skill_frame(frame.get_column("program_key"), frame.get_column("skills"), ids, "program_key")
    out = frame.select(
        "program_key",
        pl.col("program_name").str.strip_chars(),
        pl.col("provider").str.strip_chars(),
        "program_type",
        pl.col("cost").alias("list_cost"),
        pl.col("hours").alias("list_hours"),
        pl.col("validity_months").cast(pl.Int32),
    ).with_columns(_skills_text(frame, "program_key", skills))
    _register(con, "staged_programs", out)
    _register(con, "staged_program_skills", skills)
    try:
        sql_files.run(con, "etl", "load/programs_upsert", load_id=load_id)
    finally:
        con.unregister("staged_programs")
        con.unregister("staged_program_skills")
    written = sql_files.scalar(con, "SELECT count(*) FROM program_changes")
    return written, out.height - written
