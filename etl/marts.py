"""Rebuilds the mart tables the metrics read, from the base tables, after every load.

Each mart is one file in etl/sql/marts/ (``CREATE OR REPLACE TABLE mart_<name> AS ...``, or ``... VIEW``).
Later marts read earlier ones, so they run in the order of ``MART_ORDER``; a file missing from that list is
refused rather than silently skipped, because a mart nobody builds would go stale without anyone noticing.
Marts hold only what does not depend on the as-of date; the metrics apply as-of rules at query time.
A view mart costs nothing to write and is recreated on every build, so a changed definition always lands.
A table mart is rebuilt when its inputs changed, and also when its SQL did: warehouse_meta keeps a fingerprint
of the definition each mart was built by, so a warehouse written by an earlier Skillgrid never serves marts of
an older shape (etl.warehouse.outdated reports them; any load or `python -m etl upgrade` rebuilds them).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import duckdb

MART_ORDER: tuple[str, ...] = (
    "mart_org",
    "mart_skills",
    "mart_program_skills",
    "mart_record_programs",
    "mart_record_facts",
    "mart_record_program_skills",
    "mart_own_evidence",
    "mart_records",
    "mart_evidence",
    "mart_role_skills",
    "mart_requirements",
    "mart_requirement_evidence",
    "mart_role_changes",
)


class MartError(RuntimeError):
    """The mart SQL folder and MART_ORDER disagree, or a mart failed to build."""


def _mart_dir() -> Traversable:
    return resources.files("etl").joinpath("sql/marts")


def mart_sql(name: str) -> str:
    """The SQL text of one mart, by table name."""
    path = _mart_dir().joinpath(f"{name}.sql")
    if not path.is_file():
        raise MartError(f"etl/sql/marts/{name}.sql does not exist (listed in MART_ORDER)")
    return path.read_text(encoding="utf-8")


def _check_order() -> None:
    on_disk = {p.name.removesuffix(".sql") for p in _mart_dir().iterdir() if p.name.endswith(".sql")}
    unlisted = sorted(on_disk - set(MART_ORDER))
    if unlisted:
        raise MartError(
            "etl/sql/marts has files not listed in etl.marts.MART_ORDER: "
            + ", ".join(f"{n}.sql" for n in unlisted)
        )


# `IS [NOT] DISTINCT FROM x` compares with a column, it does not read a table.
_SOURCE = re.compile(r"(?<!DISTINCT )\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
_CTE = re.compile(
    r"(?:\bWITH(?:\s+RECURSIVE)?|,)\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\([^)]*\))?\s+AS\s*\(", re.IGNORECASE
)
_COMMENT = re.compile(r"--[^\n]*")
# Small marts that many others read: when a rebuild gives the same rows, their readers need no rebuild.
_COMPARED = frozenset({"mart_skills"})


_VIEW = re.compile(r"^\s*CREATE\s+OR\s+REPLACE\s+VIEW\b", re.IGNORECASE | re.MULTILINE)


@cache
def mart_kind(name: str) -> str:
    """'VIEW' or 'TABLE': what the mart's SQL creates."""
    return "VIEW" if _VIEW.search(_COMMENT.sub("", mart_sql(name))) else "TABLE"


@cache
def mart_sources(name: str) -> frozenset[str]:
    """The tables (base tables and earlier marts) a mart's SQL reads, its own CTE names excluded."""
    sql = _COMMENT.sub("", mart_sql(name))
    ctes = {m.lower() for m in _CTE.findall(sql)}
    return frozenset(t.lower() for t in _SOURCE.findall(sql) if t.lower() not in ctes)


# warehouse_meta keys under which each mart's definition fingerprint is kept: `mart_definition:<mart name>`.
DEFINITION_KEY_PREFIX = "mart_definition:"


def definition_fingerprint(sql: str) -> str:
    """What a mart's SQL computes, as a short hash: comments and layout left out, so that rewording a comment
    does not make every customer's warehouse rebuild its marts, while any change to the SQL itself does."""
    code = " ".join(_COMMENT.sub("", sql).split())
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]


def stored_definitions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Mart name -> the fingerprint of the definition its rows were built by (none: built before they were
    recorded, or never built)."""
    rows = con.execute(
        "SELECT key, value FROM warehouse_meta WHERE starts_with(key, $prefix)",
        {"prefix": DEFINITION_KEY_PREFIX},
    ).fetchall()
    return {key.removeprefix(DEFINITION_KEY_PREFIX): value for key, value in rows}


def current_definitions() -> dict[str, str]:
    """Mart name -> the fingerprint of this version's SQL for it."""
    return {name: definition_fingerprint(mart_sql(name)) for name in MART_ORDER}


def redefined_marts(stored: Mapping[str, str]) -> list[str]:
    """The marts (in build order) whose rows `stored` (see `stored_definitions`) says another definition than
    this version's built, or one nobody recorded: a new Skillgrid that changed a mart's SQL must rebuild it
    before its metrics read it."""
    current = current_definitions()
    return [name for name in MART_ORDER if stored.get(name) != current[name]]


def relation_kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every table and view of the connection's current schema: name -> 'TABLE' or 'VIEW'."""
    return dict(
        con.execute(
            "SELECT table_name, 'TABLE' FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = current_schema() "
            "UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal "
            "AND database_name = current_database() AND schema_name = current_schema()"
        ).fetchall()
    )


def build_marts(con: duckdb.DuckDBPyConnection, changed: Collection[str] | None = None) -> list[str]:
    """Recreate the marts on ``con``; works on an empty warehouse. Runs inside the caller's transaction.

    ``changed`` names the base tables the caller wrote; only marts that read one of them (directly or
    through another rebuilt mart) are rebuilt, because rewriting a million-row mart nobody's input touched
    costs seconds. None rebuilds every mart. A mart that does not exist yet, or whose rows an earlier definition
    built (see `redefined_marts`), is always built. A view mart is
    recreated every time (so a changed definition lands), but it counts as changed for the marts that read
    it only when one of its inputs or its definition did: mart_requirements reads mart_role_skills, and a
    learning load must not rewrite its ~700k rows.

    Returns the marts whose rows may have changed, in build order.
    """
    _check_order()
    dirty = None if changed is None else {t.lower() for t in changed}
    existing = relation_kinds(con)
    stored = stored_definitions(con)
    fingerprints = current_definitions()
    rebuilt: list[str] = []
    for name in MART_ORDER:
        kind = mart_kind(name)
        redefined = stored.get(name) != fingerprints[name]  # this version computes it differently
        if (
            kind == "TABLE"
            and dirty is not None
            and name in existing
            and not redefined
            and not (mart_sources(name) & dirty)
        ):
            continue
        # rows built by another definition may not even have the same columns: rebuilt and counted as changed
        compare = dirty is not None and name in _COMPARED and existing.get(name) == "TABLE" and not redefined
        same_view = kind == "VIEW" and existing.get(name) == "VIEW"
        # `name` comes from MART_ORDER, never from input, so formatting it into the SQL is safe.
        try:
            if existing.get(name, kind) != kind:  # a warehouse written before this mart became a view/table
                con.execute(f"DROP {existing[name]} {name}")
            if compare:
                con.execute(f"CREATE OR REPLACE TEMP TABLE _previous_{name} AS SELECT * FROM {name}")  # noqa: S608
            before = _view_sql(con, name) if same_view else None
            con.execute(mart_sql(name))
            if compare:
                both_ways = (
                    f"SELECT EXISTS (SELECT * FROM {name} EXCEPT ALL SELECT * FROM _previous_{name}) "  # noqa: S608
                    f"OR EXISTS (SELECT * FROM _previous_{name} EXCEPT ALL SELECT * FROM {name})"
                )
                differs = con.execute(both_ways).fetchone()[0]
                con.execute(f"DROP TABLE _previous_{name}")
                if not differs:
                    continue
            if (
                same_view
                and dirty is not None
                and not (mart_sources(name) & dirty)
                and not redefined
                and before == _view_sql(con, name)
            ):
                continue  # same definition over unchanged inputs: the same rows
        except duckdb.Error as exc:
            raise MartError(f"building {name} (etl/sql/marts/{name}.sql) failed: {exc}") from exc
        rebuilt.append(name)
        if dirty is not None:
            dirty.add(name)
    _record_definitions(con, stored, fingerprints)
    return rebuilt


def _record_definitions(
    con: duckdb.DuckDBPyConnection, stored: dict[str, str], fingerprints: dict[str, str]
) -> None:
    """Note which definition built each mart (in the caller's transaction, so only if the build lands)."""
    changed = [(DEFINITION_KEY_PREFIX + n, f) for n, f in fingerprints.items() if stored.get(n) != f]
    if changed:
        con.executemany(
            "INSERT INTO warehouse_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            changed,
        )
    gone = [DEFINITION_KEY_PREFIX + n for n in stored.keys() - fingerprints.keys()]
    if gone:  # a mart this version no longer builds
        con.execute("DELETE FROM warehouse_meta WHERE list_contains($keys, key)", {"keys": gone})


def _view_sql(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The definition DuckDB holds for view ``name`` of the current schema (None when there is none)."""
    rows = con.execute(
        "SELECT sql FROM duckdb_views() WHERE NOT internal AND database_name = current_database() "
        "AND schema_name = current_schema() AND view_name = ?",
        [name],
    ).fetchall()
    return rows[0][0] if rows else None
