"""Rebuilds the mart tables the metrics read, from the base tables, after every load.

Each mart is one file in etl/sql/marts/ (``CREATE OR REPLACE TABLE mart_<name> AS ...``). Later marts read
earlier ones, so they run in the order of ``MART_ORDER``; a file missing from that list is refused rather
than silently skipped, because a mart nobody builds would go stale without anyone noticing.
Marts hold only what does not depend on the as-of date; the metrics apply as-of rules at query time.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

import duckdb

MART_ORDER: tuple[str, ...] = (
    "mart_org",
    "mart_skills",
    "mart_records",
    "mart_program_skills",
    "mart_evidence",
    "mart_requirements",
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


def build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Recreate every mart on ``con``; works on an empty warehouse. Runs inside the caller's transaction."""
    _check_order()
    for name in MART_ORDER:
        try:
            con.execute(mart_sql(name))
        except duckdb.Error as exc:
            raise MartError(f"building {name} (etl/sql/marts/{name}.sql) failed: {exc}") from exc
