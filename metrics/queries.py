"""Loads named SQL from metrics/sql/<name>.sql and runs it with bound parameters.

Queries share common CTEs (who is in scope, which evidence is valid) through fragment files named
``_<fragment>.sql``; a line ``-- include: _<fragment>`` is replaced by that fragment (each fragment once,
its own includes first). Fragments are our own fixed SQL text, never user input, so this is not string
formatting of values: every value still arrives as a ``$name`` parameter.
DuckDB refuses parameters a statement does not use, so ``run`` binds exactly the ones the SQL references.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import ExitStack
from functools import cache
from importlib import resources
from typing import Any

import duckdb
import polars as pl

from etl.sql_files import referenced_params
from metrics import shared
from metrics.errors import MetricsError, UnknownQueryError

_NAME = re.compile(r"^_?[a-z][a-z0-9_]*$")
_INCLUDE = re.compile(r"^[ \t]*--[ \t]*include:[ \t]*(_[a-z0-9_]+)[ \t]*$", re.MULTILINE)

# Parameters a query may reference without every caller passing them (NULL = "not narrowed").
__all__ = ["load_sql", "referenced_params", "run", "run_hashed", "OPTIONAL_PARAMS"]

OPTIONAL_PARAMS: dict[str, Any] = {"focus_employee_id": None, "focus_team": None}

MAX_KEY_SALTS = 8  # salted hashes run_hashed tries (one collision among a few hundred keys is ~1e-15)

# Fragments that metrics/shared.py materialises once per filter set on read-only connections: fragment ->
# the CTE it defines. A query that includes one then reads its rows through ``<fragment>_shared``, which
# selects them from the scratch table by ``$<cte>_scope``. In build order: one that includes another
# (requirement_groups sums requirement_status) is built from that one's table.
_SHARED: dict[str, str] = {
    "_requirement_status": "requirement_status",
    "_requirement_groups": "requirement_groups",
}
# Shared rows that cannot be narrowed to one person or team (focus_*): a narrowed query that reads them runs in
# full, rather than from the page-wide table as narrowed readers of requirement_status do.
_WHOLE_SCOPE_ONLY = frozenset({"_requirement_groups"})
# No ORDER BY: requirement_status comes out in runs of mart_requirements' person_key order (its probe side),
# clustered enough for the queries that join and group it by person; sorting it cost its build ~0.05 s at
# 100,000 employees and made the pages that read it no faster (coverage and gaps were 0.03-0.05 s slower).
_SHARED_SWAP: dict[str, str] = {fragment: f"{fragment}_shared" for fragment in _SHARED}


def _raw(name: str) -> str:
    if not _NAME.match(name):
        raise UnknownQueryError(f"{name!r} is not a valid query name (metrics/sql/<name>.sql)")
    path = resources.files("metrics").joinpath(f"sql/{name}.sql")
    if not path.is_file():
        raise UnknownQueryError(f"no query named {name!r}: metrics/sql/{name}.sql does not exist")
    return path.read_text(encoding="utf-8")


def _expand(name: str, seen: set[str], stack: tuple[str, ...], swap: Mapping[str, str]) -> str:
    if name in stack:
        raise MetricsError(f"metrics/sql: include cycle {' -> '.join((*stack, name))}")
    text = _raw(swap.get(name, name))

    def replace(match: re.Match[str]) -> str:
        fragment = match.group(1)
        if fragment in seen:
            return f"-- ({fragment} already included)"
        body = _expand(fragment, seen, (*stack, name), swap)
        seen.add(fragment)
        return body.rstrip() + "\n"

    return _INCLUDE.sub(replace, text)


@cache
def _load(name: str, read_shared: bool) -> tuple[str, frozenset[str]]:
    """Expanded SQL and the fragments it included; ``read_shared`` reads shared fragments from their tables."""
    seen: set[str] = set()
    text = _expand(name, seen, (), _SHARED_SWAP if read_shared else {})
    return text, frozenset(seen)


def load_sql(name: str) -> str:
    """The full SQL of a named query with its fragments expanded."""
    return _load(name, False)[0]


@cache
def _shared_statements(fragment: str) -> tuple[str, str, str]:
    """(create, append, keep) statements that materialise a shared fragment under ``$scope_id``.

    Composed only from our own text: the fragment (with its includes) and the scratch table's name.
    """
    cte = _SHARED[fragment]
    table = f"{shared.SCRATCH}.main.{cte}"
    # the shared fragments it includes are read from their own tables (built first, see run)
    swap = {name: shared_name for name, shared_name in _SHARED_SWAP.items() if name != fragment}
    body = _expand(fragment, set(), (), swap).rstrip().removesuffix(",")
    select = f"WITH\n{body}\nSELECT CAST($scope_id AS BIGINT) AS scope_id, * FROM {cte}"
    return (
        f"CREATE TABLE {table} AS\n{select}",
        f"INSERT INTO {table}\n{select}",
        f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {table} WHERE list_contains($keep, scope_id)",  # noqa: S608
    )


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    memo: bool = False,
) -> pl.DataFrame:
    """Run named query ``name`` binding only the parameters it references; returns a polars frame.

    On a read-only connection (see metrics/shared.py) the shared fragments it includes are read from tables
    built once per filter set, and with ``memo`` the result itself is kept for the next identical call.
    Narrowed calls (``focus_*`` set: one person or one team) read the page-wide
    table of their other filters when a query built one, and otherwise run in full: they are cheap that way,
    and one table per person would crowd out the page-wide ones.
    """
    given = OPTIONAL_PARAMS | dict(params or {})
    inline_sql, fragments = _load(name, False)
    narrowed = any(given[key] is not None for key in OPTIONAL_PARAMS)
    could_share = memo or bool(fragments & _SHARED.keys())
    tok = shared.token(con) if could_share else None
    built = [fragment for fragment in _SHARED if fragment in fragments] if tok is not None else []
    if narrowed and fragments & _WHOLE_SCOPE_ONLY:
        built = []
    shared_sql = _load(name, True)[0] if built else inline_sql
    scope_params = {f"{_SHARED[fragment]}_scope" for fragment in built}
    needed = referenced_params(inline_sql) | referenced_params(shared_sql) - scope_params
    missing = sorted(needed - given.keys())
    if missing:
        raise MetricsError(f"query {name!r} needs parameters it was not given: {', '.join(missing)}")

    def execute() -> pl.DataFrame:
        try:
            with ExitStack() as held:  # the shared scopes stay while this query reads them
                scopes: dict[str, int | None] = {}
                for fragment in built:
                    if None in scopes.values():
                        break  # a narrowed call found no table to read: it runs in full
                    statements = _shared_statements(fragment)
                    fragment_params = {  # a narrowed call looks for the table of its page-wide filters
                        k: scopes[k] if k in scopes else None if k in OPTIONAL_PARAMS else given[k]
                        for k in referenced_params(statements[0])
                        if k != "scope_id"
                    }
                    scope = shared.scope(
                        con,
                        str(tok),
                        fragment,
                        statements,
                        fragment_params,
                        build=not narrowed,
                    )
                    scopes[f"{_SHARED[fragment]}_scope"] = held.enter_context(scope)
                sql = (
                    shared_sql
                    if built and len(scopes) == len(built) and None not in scopes.values()
                    else inline_sql
                )
                values = {key: (given | scopes)[key] for key in referenced_params(sql)}
                relation = con.sql(sql, params=values or None)
                if relation is None:
                    raise MetricsError(f"query {name!r} returned no result set")
                # Through the Arrow C stream rather than .pl(): the same frame without importing pyarrow and
                # numpy, which made the first query of every new server process ~0.2 s slower (cold start).
                # Polars cannot take an INTERVAL column this way (it panics); no metric returns one, and the
                # golden tests run every metric.
                return pl.DataFrame(relation)
        except duckdb.CatalogException as exc:
            raise MetricsError(
                f"query {name!r} (metrics/sql/{name}.sql) needs a table the warehouse lacks; "
                f"were the marts built (etl.marts.build_marts)? {exc}"
            ) from exc
        except duckdb.Error as exc:
            raise MetricsError(f"query {name!r} (metrics/sql/{name}.sql) failed: {exc}") from exc

    bound = {key: given[key] for key in referenced_params(inline_sql)}
    return shared.memo(tok if memo and not narrowed else None, name, bound, execute)


def run_hashed(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None, **kwargs: Any
) -> pl.DataFrame:
    """``run`` for a query that counts distinct (group, person) pairs on a 64-bit hash of the group's text key.

    Grouping those pairs (~600k at 100k employees) on the text was most of such a query's time. A hash is
    exact only while no two keys share one, so the query returns ``hash_collisions`` (how many of its keys
    share a hash with another) and takes ``$key_salt``, which it appends to every key before hashing; on a
    collision the query runs again with the next salt. The column is dropped from the result.
    """
    for salt in range(MAX_KEY_SALTS):
        frame = run(con, name, {**dict(params or {}), "key_salt": salt}, **kwargs)
        if not int(frame.get_column("hash_collisions").max() or 0):
            return frame.drop("hash_collisions")
    raise MetricsError(f"query {name!r}: its group keys kept sharing hashes after {MAX_KEY_SALTS} salts")
