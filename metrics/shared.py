"""Work that the metrics of one selection share, done once per read-only connection.

A dashboard page asks three to eight metrics about the same filters, and each one recomputed the same
scope: the exclusion counts (``scope_counts``, asked by every metric), each requirement's current level and
best evidence (the ``_requirement_status`` fragment, the costliest step of every requirement-based query),
and ``economics`` asked again by ``roi``. At 100,000 employees that repetition was most of a page's time.

On a read-only warehouse (the dashboard's reader and the CLI's: the file never changes while it is open,
because a load publishes a new file and the reader reopens) this module keeps, per connection:

- results of the queries a caller marks ``memo=True``, by (query, bound parameters); and
- shared fragments materialised once per filter set into a table of an in-memory database ATTACHed to the
  connection (attached databases belong to the database instance, so every cursor of the connection sees
  them), one row set per ``scope_id`` (a digest of the bound parameters). A fragment built from another
  (``_requirement_groups`` sums ``_requirement_status``) reads that one's table, whose scope_id is among its
  parameters.

Both go when the connection closes. A writable connection (a test that inserts rows between calls, a writer)
and a connection that cannot attach one (opened with ``read_only=True``) cache nothing: ``token`` is None
and every query runs in full. The SQL itself is composed by metrics/queries.py from the fragment files.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import duckdb
import polars as pl

SCRATCH = "skillgrid_shared"  # the attached in-memory database that holds the materialised fragments
# Filter sets kept per fragment and connection, least recently used dropped first: requirement_status holds
# one row per requirement in scope, ~34 MB per filter set at 100,000 employees.
MAX_SCOPES = 6
MAX_RESULTS = 256  # memoised results across connections (they are small: counts and group tables)

_lock = threading.RLock()
_results: OrderedDict[tuple[str, str, str], pl.DataFrame] = OrderedDict()  # (token, query, params)
_in_use: dict[tuple[str, str, int], int] = {}  # (token, fragment, scope_id) -> queries reading it now
_computing: dict[tuple[str, str, str], threading.Lock] = {}  # memoised results being computed now

_STATE = (
    "SELECT (SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()), "
    "EXISTS (SELECT 1 FROM duckdb_databases() WHERE database_name = 'skillgrid_shared')"
)
_ATTACH = "ATTACH IF NOT EXISTS ':memory:' AS skillgrid_shared"
_SETUP = (
    "CREATE TABLE IF NOT EXISTS skillgrid_shared.main.connection AS SELECT CAST(uuid() AS VARCHAR) AS token; "
    "CREATE TABLE IF NOT EXISTS skillgrid_shared.main.scopes (fragment VARCHAR, scope_id BIGINT, seq BIGINT)"
)
_TOKEN = "SELECT token FROM skillgrid_shared.main.connection"
_SCOPES = "SELECT scope_id FROM skillgrid_shared.main.scopes WHERE fragment = $fragment ORDER BY seq"
_ADD_SCOPE = (
    "INSERT INTO skillgrid_shared.main.scopes "
    "SELECT $fragment, $scope_id, coalesce(max(seq), 0) + 1 FROM skillgrid_shared.main.scopes"
)
_TOUCH = (
    "UPDATE skillgrid_shared.main.scopes SET seq = (SELECT max(seq) + 1 FROM skillgrid_shared.main.scopes) "
    "WHERE fragment = $fragment AND scope_id = $scope_id"
)
_DROP_SCOPES = (
    "DELETE FROM skillgrid_shared.main.scopes "
    "WHERE fragment = $fragment AND NOT list_contains($keep, scope_id)"
)


def token(con: duckdb.DuckDBPyConnection) -> str | None:
    """This connection's cache identity, or None when it must not cache (writable, or cannot attach)."""
    try:
        read_only, attached = con.execute(_STATE).fetchall()[0]
        if not read_only:
            return None
        if not attached:
            with _lock:
                con.execute(_ATTACH)
                con.execute(_SETUP)
        return str(con.execute(_TOKEN).fetchall()[0][0])
    except duckdb.Error:
        return None


def _key(params: Mapping[str, Any]) -> str:
    return repr(sorted(params.items()))


def memo(
    tok: str | None, name: str, params: Mapping[str, Any], compute: Callable[[], pl.DataFrame]
) -> pl.DataFrame:
    """``compute()``, or its earlier result for the same query and parameters on this connection.

    A call that finds the same result being computed by another thread (a page's metric computed beside
    another one, both asking for the scope counts) waits for it rather than computing it again.
    """
    if tok is None:
        return compute()
    key = (tok, name, _key(params))
    with _lock:
        gate = _computing.setdefault(key, threading.Lock())
    try:
        with gate:  # held by whichever thread computes it; the others wait here, then find the result
            with _lock:
                if key in _results:
                    _results.move_to_end(key)
                    return _results[key]
            frame = compute()
            with _lock:
                _results[key] = frame
                while len(_results) > MAX_RESULTS:
                    _results.popitem(last=False)
            return frame
    finally:
        with _lock:  # once the result is kept (or failed), later calls need no gate
            if _computing.get(key) is gate:
                del _computing[key]


@contextmanager
def scope(
    con: duckdb.DuckDBPyConnection,
    tok: str,
    fragment: str,
    statements: tuple[str, str, str],
    params: Mapping[str, Any],
    *,
    build: bool = True,
) -> Iterator[int | None]:
    """The scope_id under which ``fragment``'s rows for ``params`` sit in its scratch table, built if missing
    (with ``build=False``: None when missing, and nothing is built); held for the ``with`` block, so no other
    session's build drops it while the caller's query reads it.

    ``statements`` are (create, append, keep): the first filter set creates the table, later ones append
    under their own ``$scope_id``, and past MAX_SCOPES the table is rewritten with the ``$keep`` ones: every
    scope in use, then the most recently used (a rewrite frees the memory; a DELETE in an in-memory database
    would not). Which scopes a table holds is recorded beside it in the scratch database, so it goes with the
    connection too.
    """
    scope_id = int(hashlib.sha1(f"{fragment}|{_key(params)}".encode()).hexdigest()[:15], 16)
    key = (tok, fragment, scope_id)
    create, append, keep = statements
    missing = False
    with _lock:  # one build at a time: a second session asking for the same scope waits for the first
        # the scopes this table holds, least recently used first
        held = [row[0] for row in con.execute(_SCOPES, {"fragment": fragment}).fetchall()]
        if scope_id in held:
            con.execute(_TOUCH, {"fragment": fragment, "scope_id": scope_id})
        elif not build:
            missing = True
        else:
            con.execute(append if held else create, {**params, "scope_id": scope_id})
            con.execute(_ADD_SCOPE, {"fragment": fragment, "scope_id": scope_id})
            idle = [s for s in held if not _in_use.get((tok, fragment, s))]
            dropped = idle[: max(0, len(held) + 1 - MAX_SCOPES)]
            if dropped:
                kept = [s for s in held if s not in dropped] + [scope_id]
                con.execute(keep, {"keep": kept})
                con.execute(_DROP_SCOPES, {"fragment": fragment, "keep": kept})
        if not missing:
            _in_use[key] = _in_use.get(key, 0) + 1
    if missing:
        yield None
        return
    try:
        yield scope_id
    finally:
        with _lock:
            _in_use[key] -= 1
            if not _in_use[key]:
                del _in_use[key]
