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
from functools import cache
from importlib import resources
from typing import Any

import duckdb
import polars as pl

from etl.sql_files import referenced_params
from metrics.errors import MetricsError, UnknownQueryError

_NAME = re.compile(r"^_?[a-z][a-z0-9_]*$")
_INCLUDE = re.compile(r"^[ \t]*--[ \t]*include:[ \t]*(_[a-z0-9_]+)[ \t]*$", re.MULTILINE)

# Parameters a query may reference without every caller passing them (NULL = "not narrowed").
__all__ = ["load_sql", "referenced_params", "run", "OPTIONAL_PARAMS"]

OPTIONAL_PARAMS: dict[str, Any] = {"focus_employee_id": None, "focus_team": None}


def _raw(name: str) -> str:
    if not _NAME.match(name):
        raise UnknownQueryError(f"{name!r} is not a valid query name (metrics/sql/<name>.sql)")
    path = resources.files("metrics").joinpath(f"sql/{name}.sql")
    if not path.is_file():
        raise UnknownQueryError(f"no query named {name!r}: metrics/sql/{name}.sql does not exist")
    return path.read_text(encoding="utf-8")


def _expand(name: str, seen: set[str], stack: tuple[str, ...]) -> str:
    if name in stack:
        raise MetricsError(f"metrics/sql: include cycle {' -> '.join((*stack, name))}")
    text = _raw(name)

    def replace(match: re.Match[str]) -> str:
        fragment = match.group(1)
        if fragment in seen:
            return f"-- ({fragment} already included)"
        body = _expand(fragment, seen, (*stack, name))
        seen.add(fragment)
        return body.rstrip() + "\n"

    return _INCLUDE.sub(replace, text)


@cache
def load_sql(name: str) -> str:
    """The full SQL of a named query with its fragments expanded."""
    return _expand(name, set(), ())


def run(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Run named query ``name`` binding only the parameters it references; returns a polars frame."""
    sql = load_sql(name)
    wanted = referenced_params(sql)
    given = OPTIONAL_PARAMS | dict(params or {})
    missing = sorted(wanted - given.keys())
    if missing:
        raise MetricsError(f"query {name!r} needs parameters it was not given: {', '.join(missing)}")
    bound = {key: given[key] for key in wanted}
    try:
        relation = con.sql(sql, params=bound or None)
        if relation is None:
            raise MetricsError(f"query {name!r} returned no result set")
        return relation.pl()
    except duckdb.CatalogException as exc:
        raise MetricsError(
            f"query {name!r} (metrics/sql/{name}.sql) needs a table the warehouse lacks; "
            f"were the marts built (etl.marts.build_marts)? {exc}"
        ) from exc
    except duckdb.Error as exc:
        raise MetricsError(f"query {name!r} (metrics/sql/{name}.sql) failed: {exc}") from exc
