"""Owns every connection to the warehouse file: readers open it read-only, writers work on a shadow copy.

See docs/ARCHITECTURE.md, "The write protocol", for why a load never writes the live file in place.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from etl import sql_files

# 2: learning_records.record_id is no longer a declared PRIMARY KEY.
# 3: learning_records is a view over learning_record_rows and learning_identities (see _split_learning_records).
# 4: a record's program, provider, type and status are stored once per combination, in
#    learning_record_attributes (see _store_record_attributes).
SCHEMA_VERSION = "4"


def schema_sql() -> str:
    return resources.files("etl").joinpath("sql/schema.sql").read_text(encoding="utf-8")


def create_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Create every base table and view (idempotent), bring a warehouse made by an earlier version up to this
    one, and on this connection create the identity-matching macro that loads and re-matches use
    (etl/sql/load/match_identities.sql; a TEMP macro, nothing is stored in the file).

    True when base rows moved to a new shape, so every mart must be built again from them.
    """
    con.execute(schema_sql())
    sql_files.run(con, "etl", "load/match_identities")
    migrated = _split_learning_records(con)
    migrated = _store_record_attributes(con) or migrated
    sql_files.run(con, "etl", "views")
    con.execute(
        "INSERT INTO warehouse_meta VALUES ('schema_version', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION],
    )
    return migrated


def _split_learning_records(con: duckdb.DuckDBPyConnection) -> bool:
    """Move a version 1 or 2 learning_records table into learning_identities and a version 3 record table
    (learning_record_rows_v3, which `_store_record_attributes` then moves on).

    Once per warehouse, in one transaction: the rows move (etl/sql/migrations/learning_identities.sql), the old
    table is dropped so that the view of the same name can take its place, and every identity is matched again
    by today's rules. The key version 1 declared on record_id goes with the old table.
    """
    old = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = current_schema() AND table_name = 'learning_records'"
    ).fetchone()[0]
    if not old:
        return False
    with _all_or_nothing(con):
        sql_files.run(con, "etl", "migrations/learning_identities")
        con.execute("DROP TABLE learning_records")
        sql_files.run(con, "etl", "load/rematch_identities")
    return True


def _store_record_attributes(con: duckdb.DuckDBPyConnection) -> bool:
    """Move the program and status columns of a version 3 learning_record_rows into learning_record_attributes.

    Once per warehouse, in one transaction (etl/sql/migrations/record_attributes.sql): the version 3 table (or
    the one the version 1/2 step just filled, learning_record_rows_v3) is moved into the new table and dropped.
    Each combination is numbered by what loads and undo use to find or add one (load/record_attributes.sql).
    """
    columns = {
        (table, column)
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() "
            "AND schema_name = current_schema() AND table_name IN ('learning_record_rows', 'learning_record_rows_v3')"
        ).fetchall()
    }
    renamed = ("learning_record_rows", "program_name") in columns
    if not renamed and not any(table == "learning_record_rows_v3" for table, _ in columns):
        return False
    with _all_or_nothing(con):
        if renamed:
            con.execute("ALTER TABLE learning_record_rows RENAME TO learning_record_rows_v3")
            con.execute(schema_sql())  # learning_record_rows as this version declares it
        sql_files.run(con, "etl", "migrations/record_attributes")
        sql_files.run(con, "etl", "load/record_attributes")
        sql_files.run(con, "etl", "migrations/record_attributes_rows")
    return True


@contextmanager
def _all_or_nothing(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One migration step in a transaction of its own: committed whole, or rolled back on any error."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def outdated(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What a warehouse written by an earlier Skillgrid lacks for this one to read it (empty: nothing).

    An upgrade (etl.admin.upgrade, also what any load does) brings it up to date: the schema migrations of
    create_schema and the marts this version derives that the file does not have yet, has as the wrong
    kind of object (a table where this version has a view), or has as an earlier definition built them (its
    fingerprint in warehouse_meta differs from this version's SQL, or was never recorded). Every row reads
    as before.
    """
    from etl.marts import MART_ORDER, mart_kind, redefined_marts, relation_kinds, stored_definitions

    reasons = []
    version = con.execute("SELECT max(value) FROM warehouse_meta WHERE key = 'schema_version'").fetchone()[0]
    if version != SCHEMA_VERSION:
        reasons.append(f"schema version {version or 'unknown'} (this Skillgrid writes {SCHEMA_VERSION})")
    kinds = relation_kinds(con)
    stale = [name for name in MART_ORDER if kinds.get(name) != mart_kind(name)]
    if stale:
        reasons.append("marts missing or of an earlier shape: " + ", ".join(stale))
    stored = stored_definitions(con)
    redefined = [name for name in redefined_marts(stored) if name not in stale]
    if redefined and not stored:
        reasons.append(
            f"marts built before Skillgrid recorded their definitions ({len(redefined)} to rebuild)"
        )
    elif redefined:
        reasons.append("marts built by an earlier definition: " + ", ".join(redefined))
    return reasons


def memory_warehouse() -> duckdb.DuckDBPyConnection:
    """An empty in-memory warehouse with the full schema and (empty) marts: what tests build on."""
    from etl.marts import build_marts

    con = duckdb.connect(":memory:")
    create_schema(con)
    build_marts(con)
    return con


# --- where the warehouse lives -------------------------------------------------------------------

DEFAULT_DB = Path("data") / "skillgrid.duckdb"
LOCK_TIMEOUT_S = 60.0


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """--db, else $UPSKILL_DB, else data/skillgrid.duckdb (git-ignored)."""
    value = cli_value or os.environ.get("UPSKILL_DB") or DEFAULT_DB
    return Path(value).expanduser()


class WarehouseBusy(Exception):
    """Another load held the write lock for longer than we wait."""


class NotAWarehouse(Exception):
    """The path exists but is not a DuckDB warehouse we can read."""


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """Changes whenever a writer publishes a new version (new inode by os.replace)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


# The writer's DuckDB memory budget; the polars frames of the file being loaded come on top of it.
WRITER_MEMORY_LIMIT = "2GB"
READER_CATALOG = "wh"


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse; an in-memory empty one when there is none yet.

    The file is ATTACHed to a private in-memory database rather than opened with connect(path): DuckDB
    shares one instance per path inside a process, which would keep serving a file a writer has since
    replaced. Use `reader_cursor` for a thread's own cursor.
    """
    if not path.exists():
        return memory_warehouse()
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH ? AS {READER_CATALOG} (READ_ONLY)", [str(path)])
        con.execute(f"USE {READER_CATALOG}")
        con.execute("SELECT count(*) FROM warehouse_meta").fetchall()
    except duckdb.Error as exc:
        con.close()
        raise NotAWarehouse(f"{path} cannot be opened as a Skillgrid warehouse: {exc}") from exc
    return con


def reader_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for another thread, pointed at the attached warehouse (cursors do not inherit USE)."""
    cursor = con.cursor()
    attached = {row[0] for row in cursor.execute("SELECT database_name FROM duckdb_databases()").fetchall()}
    if READER_CATALOG in attached:
        cursor.execute(f"USE {READER_CATALOG}")
    return cursor


@contextmanager
def write_lock(path: Path, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Serialise writers (CLI, upload page, second upload) on <db>.lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WarehouseBusy(
                        f"another load has been writing {path} for over {timeout_s:.0f} s; try again later"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_stale_copies(path: Path) -> None:
    for stale in path.parent.glob(path.name + ".tmp-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                stale.unlink()


@contextmanager
def write_transaction(
    path: Path, *, compact: bool = False, changed: set[str] | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection on a private copy; publish it atomically only if the block succeeds.

    Readers keep the old file open and never see a half-written state; a kill at any point leaves the
    published file as it was. `compact` rewrites the copy table by table before publishing, so deleted
    rows leave no bytes behind (used when a person is erased). `changed`, when given, is a set the block
    fills with the base tables it wrote, so only the marts that read them are rebuilt (None: all of them).
    """
    from etl.marts import build_marts  # marts depend on the schema; imported late to keep layers simple

    with write_lock(path):
        _remove_stale_copies(path)
        shadow = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            existed = path.exists()
            if existed:
                shutil.copyfile(path, shadow)
            con = duckdb.connect(str(shadow))
            try:
                con.execute("SET enable_progress_bar = false")
                # DuckDB's default (80% of RAM) lets a big mart build take what it likes; above this it spills
                # to disk instead. 1 GB cost a 1M-row load ~4 s more; 2 GB ~0 s (docs/RELIABILITY.md, Limits).
                con.execute(f"SET memory_limit = '{WRITER_MEMORY_LIMIT}'")
                # The copy is private until published, and it is published only after the fsync below: DuckDB's
                # own syncs of it (at every commit and checkpoint) protect nothing a crash could lose.
                con.execute("SET fsync_mode = 'NONE'")
                migrated = create_schema(con)
                con.execute("BEGIN TRANSACTION")
                try:
                    with _flushing(shadow):
                        yield con
                        build_marts(con, changed if existed and not migrated else None)
                    # Write the transaction straight into the file rather than into the WAL first (which the
                    # CHECKPOINT below would then copy in again): ~0.1 s of a million-row load.
                    con.execute("SET checkpoint_threshold = '0B'")
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("CHECKPOINT")
            finally:
                con.close()
            if compact:
                _compact(shadow)
            with open(shadow, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(shadow, path)
            _fsync_dir(path.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                shadow.unlink()
            with contextlib.suppress(FileNotFoundError):
                shadow.with_name(shadow.name + ".wal").unlink()
            # DuckDB's spill folder for the copy (it removes its files; a killed load leaves the folder).
            shutil.rmtree(shadow.with_name(shadow.name + ".tmp"), ignore_errors=True)


FLUSH_INTERVAL_S = 0.25


@contextmanager
def _flushing(shadow: Path) -> Iterator[None]:
    """While the block runs, write what DuckDB has put in the private copy so far to disk, in a thread.

    A big load writes its rows into the copy as it goes (DuckDB's optimistic writes), and COMMIT then waited
    ~0.25 s for the disk to take them all in one fdatasync. Syncing every quarter second while the rows and
    the marts are written moves that wait onto the otherwise idle disk. It only flushes the copy nobody
    reads; whether the load is published is still decided by COMMIT and the atomic replace that follow.
    """
    done = threading.Event()

    def flush() -> None:
        with contextlib.suppress(OSError):
            fd = os.open(shadow, os.O_RDONLY)
            try:
                while not done.wait(FLUSH_INTERVAL_S):
                    os.fdatasync(fd)
            finally:
                os.close(fd)

    thread = threading.Thread(target=flush, name="skillgrid-flush", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _compact(shadow: Path) -> None:
    """Copy every table into a brand-new file and swap it in: free blocks of the old file are not carried."""
    fresh = shadow.with_name(shadow.name + ".compact")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS src (READ_ONLY)", [str(shadow)])
        con.execute("ATTACH ? AS dst", [str(fresh)])
        con.execute("COPY FROM DATABASE src TO dst")
        con.execute("DETACH dst")
        con.execute("DETACH src")
    finally:
        con.close()
    os.replace(fresh, shadow)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_warehouse(path: Path) -> None:
    """Create an empty, fully-formed warehouse file if none exists yet."""
    if path.exists():
        return
    with write_transaction(path):
        pass
