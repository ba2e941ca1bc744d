"""Named SQL files: every statement Skillgrid runs lives in a .sql file with bound parameters.

Parameters are `$name`; each statement receives only the parameters it mentions (DuckDB refuses extras).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import duckdb

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")


def referenced_params(sql: str) -> set[str]:
    """Names of the ``$params`` a statement uses (comments and string literals ignored).

    Shared by etl and metrics: DuckDB refuses parameters a statement does not use, so callers bind exactly these.
    """
    bare = _STRING.sub("''", _LINE_COMMENT.sub("", sql))
    return set(_PARAM.findall(bare))


@cache
def load(package: str, name: str) -> tuple[str, ...]:
    """Statements of `<package>/sql/<name>.sql`, split on semicolons that end a line."""
    text = resources.files(package).joinpath(f"sql/{name}.sql").read_text(encoding="utf-8")
    parts = re.split(r";[ \t]*(?:\n|$)", text)
    statements = []
    for part in parts:
        code = "\n".join(line for line in part.splitlines() if not line.strip().startswith("--")).strip()
        if code:
            statements.append(code)
    return tuple(statements)


def bind(statement: str, params: dict[str, Any]) -> dict[str, Any]:
    wanted = referenced_params(statement)
    missing = wanted - params.keys()
    if missing:
        raise KeyError(f"SQL parameter(s) not supplied: {', '.join(sorted(missing))}")
    return {k: v for k, v in params.items() if k in wanted}


def run(con: duckdb.DuckDBPyConnection, package: str, name: str, **params: Any) -> None:
    """Execute every statement of a named file in order."""
    for statement in load(package, name):
        con.execute(statement, bind(statement, params))


def query(con: duckdb.DuckDBPyConnection, package: str, name: str, **params: Any) -> duckdb.DuckDBPyRelation:
    """The last statement of a named file as a relation (earlier ones are executed first)."""
    statements = load(package, name)
    for statement in statements[:-1]:
        con.execute(statement, bind(statement, params))
    last = statements[-1]
    return con.sql(last, params=bind(last, params)) if referenced_params(last) else con.sql(last)


def one(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> tuple | None:
    """First row of a query, reading the result to the end (DuckDB 2 keeps unfinished results pending)."""
    rows = con.execute(sql, params or {}).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> Any:
    row = one(con, sql, params)
    return None if row is None else row[0]
