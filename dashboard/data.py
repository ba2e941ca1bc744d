"""The one place the app gets a warehouse connection and runs metrics.

One read-only connection per published file identity ``(inode, mtime_ns, size)``: a load from the CLI or
the upload page publishes a new file by rename, the identity changes, and the next rerun opens the new
file, without a restart. The old connection is closed first, because DuckDB hands out its cached
database instance for a path while any connection to that path is open, which would still be the
replaced file. Each query runs on its own cursor (connections are not shared across threads); metric
results are cached per (identity, metric, arguments), so they invalidate when the warehouse changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from etl.warehouse import (
    NotAWarehouse,
    WarehouseBusy,
    file_identity,
    open_reader,
    outdated,
    reader_cursor,
    resolve_db_path,
)
from metrics.definitions import MetricResult
from metrics.errors import MetricsError

Identity = tuple[int, int, int] | None


class WarehouseUnavailable(Exception):
    """The configured path exists but cannot be read as a warehouse; the message says which and why."""


def db_path() -> Path:
    """Where the warehouse lives: $UPSKILL_DB, else data/skillgrid.duckdb."""
    return resolve_db_path()


def identity(path: Path | None = None) -> Identity:
    return file_identity(path or db_path())


@dataclass
class _Reader:
    """The current reader; swapped (old one closed) whenever the file identity changes."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    key: tuple[str, Identity] | None = None
    con: duckdb.DuckDBPyConnection | None = None

    def get(self, path: Path, notice: UpgradeNotice | None = None) -> duckdb.DuckDBPyConnection:
        """The connection for `path` as published now; `notice` (if given) is held around an upgrade."""
        with self.lock:
            key = (str(path), file_identity(path))
            if self.con is None or self.key != key:
                self._close()
                try:
                    self.con = open_reader(path)
                    if path.exists() and outdated(self.con):
                        # Written by an earlier Skillgrid: derive what this version reads (as any load
                        # would), publish it, and read the upgraded file. Every row reads as before.
                        self._close()
                        with notice() if notice is not None else contextlib.nullcontext():
                            _upgrade(path)
                        key = (str(path), file_identity(path))
                        self.con = open_reader(path)
                except NotAWarehouse as exc:
                    raise WarehouseUnavailable(str(exc)) from exc
                except (duckdb.Error, OSError, WarehouseBusy) as exc:
                    raise WarehouseUnavailable(f"{path} cannot be opened: {exc}") from exc
                self.key = key
            return self.con

    def reset(self) -> None:
        with self.lock:
            self._close()

    def _close(self) -> None:
        if self.con is not None:
            try:
                self.con.close()
            except duckdb.Error:
                pass
        self.con = None
        self.key = None


def _upgrade(path: Path) -> None:
    from etl.admin import upgrade

    try:
        upgrade(path)
    except (duckdb.Error, OSError, WarehouseBusy) as exc:
        raise WarehouseUnavailable(
            f"{path} was written by an earlier version of Skillgrid and could not be upgraded here ({exc}); "
            f"run `python -m etl upgrade --db {path}`"
        ) from exc


@st.cache_resource(show_spinner=False)
def _reader() -> _Reader:
    return _Reader()


UPGRADE_NOTICE = (
    "This warehouse was written by an earlier version of Skillgrid: bringing it up to date once (its derived "
    "tables are rebuilt; every row stays as it is)…"
)
UPGRADED = "The warehouse is up to date with this version of Skillgrid."


UpgradeNotice = Callable[[], contextlib.AbstractContextManager[Any]]


@contextlib.contextmanager
def announced_upgrade() -> Iterator[None]:
    """On screen: a spinner while an upgrade runs (seconds for a large organisation), then a toast."""
    with st.spinner(UPGRADE_NOTICE):
        yield
    st.toast(UPGRADED)


def connection(*, upgrade_notice: UpgradeNotice | None = None) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection for the warehouse as published right now.

    `upgrade_notice` is held around an upgrade, should one be due, so that it is not a silent wait: the app's
    frame opens the connection with `announced_upgrade` (only the script's own thread may draw) before any
    page or prefetch thread asks for it, and the server's warm-up with a line in its log.
    """
    return _reader().get(db_path(), upgrade_notice)


def release() -> None:
    """Close the reader (before this process writes, so its own next read sees the new file)."""
    _reader().reset()


def _with_cursor(fn: Callable[[duckdb.DuckDBPyConnection], Any], path: Path) -> Any:
    """Run fn on a fresh cursor; retry once if another session swapped the connection mid-query."""
    for attempt in (1, 2):
        con = _reader().get(path)
        try:
            cursor = reader_cursor(con)
        except duckdb.ConnectionException:
            if attempt == 2:
                raise
            continue
        try:
            return fn(cursor)
        except duckdb.ConnectionException:
            if attempt == 2:
                raise
        finally:
            try:
                cursor.close()
            except duckdb.Error:
                pass
    raise AssertionError("unreachable")  # pragma: no cover


def resolve(name: str) -> Callable[..., Any]:
    """A metrics function by dotted name: ``"coverage.bus_factor"`` is ``metrics.coverage.bus_factor``."""
    module_name, _, attr = name.rpartition(".")
    try:
        module = importlib.import_module(f"metrics.{module_name}" if module_name else "metrics")
    except ModuleNotFoundError as exc:
        raise MetricsError(f"the metrics layer has no module for {name!r}") from exc
    fn = getattr(module, attr, None)
    if not callable(fn):
        raise MetricsError(f"the metrics layer has no function {name!r}")
    return fn


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(
    path: str, ident: Identity, name: str, args: tuple[Any, ...], kwargs: tuple[Any, ...]
) -> Any:
    fn = resolve(name)
    return _with_cursor(lambda cur: fn(cur, *args, **dict(kwargs)), Path(path))


def call(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``metrics.<module>.<fn>(cursor, *args, **kwargs)``, cached until the warehouse file changes."""
    path = db_path()
    return _cached_call(str(path), identity(path), name, tuple(args), tuple(sorted(kwargs.items())))


_PREFETCH = ThreadPoolExecutor(max_workers=3, thread_name_prefix="skillgrid-prefetch")


def prefetch(*calls: tuple[str, tuple[Any, ...]]) -> None:
    """Start metric calls a page will make further down on background threads, so their queries run while
    the page draws what it already has (DuckDB and polars release the GIL).

    The page still asks for each one with ``call``/``metric`` and the same arguments: st.cache_data takes
    a per-key lock around a computation, so that call waits for the running one and reads its result, or
    computes it itself when the background call failed (its error is then raised where the page shows it).
    Only calls the page is certain to make belong here: one it skips is computed for nothing.
    """
    path = db_path()
    ident = identity(path)
    for name, args in calls:
        _PREFETCH.submit(_cached_call, str(path), ident, name, tuple(args), ())


def metric(name: str, *args: Any, **kwargs: Any) -> MetricResult:
    """Like ``call`` for the functions that return a MetricResult."""
    result = call(name, *args, **kwargs)
    if not isinstance(result, MetricResult):
        raise MetricsError(f"metrics.{name} returned {type(result).__name__}, not a MetricResult")
    return result


def clear_caches() -> None:
    """Forget cached results (the identity key already does this on a new file; tests use it too)."""
    _cached_call.clear()


def filter_options() -> dict[str, Any]:
    """The sidebar's choices from the warehouse: lists per filter, managers as {employee_id: name}."""
    options = call("catalogue.filter_options")
    return {
        "departments": list(options.departments),
        "teams": list(options.teams),
        "locations": list(options.locations),
        "roles": list(options.roles),
        "managers": {employee_id: name for employee_id, name in options.managers},
        "program_types": list(options.program_types),
        "min_date": options.min_date,
        "max_date": options.max_date,
    }


def has_data() -> bool:
    """Whether anything has been loaded that the analytic pages could show."""
    return bool(call("catalogue.has_data"))


def employee_for_email(email: str) -> str | None:
    """The current employee whose roster email is ``email`` (case-insensitive); None for nobody or several.

    Sign-in uses it to recognise a manager (``metrics.people.employee_for_email``, cached like any metric
    per warehouse file and day).
    """
    path = db_path()
    if not path.exists():
        return None
    return call("people.employee_for_email", email.strip().lower(), dt.date.today())
