"""docs/SCHEMA.md is a product surface: every table and column it lists must be the live schema, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.marts import build_marts
from etl.warehouse import memory_warehouse

DOC = Path(__file__).resolve().parent.parent / "docs" / "SCHEMA.md"


def documented_tables() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### (\w+)\s*$", line)
        if heading:
            current = heading[1]
            tables[current] = []
            continue
        if line.startswith("#"):
            current = None
            continue
        cell = re.match(r"^\|\s*([a-z_][a-z0-9_]*)\s*\|", line)
        if current and cell and cell[1] not in ("column",):
            tables[current].append(cell[1])
    return tables


def live_tables() -> dict[str, list[str]]:
    con = memory_warehouse()
    build_marts(con)
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def test_every_live_table_is_documented() -> None:
    missing = sorted(set(live_tables()) - set(documented_tables()))
    assert not missing, f"tables missing from docs/SCHEMA.md: {missing}"


def test_every_documented_table_exists() -> None:
    extra = sorted(set(documented_tables()) - set(live_tables()))
    assert not extra, f"docs/SCHEMA.md documents tables that do not exist: {extra}"


@pytest.mark.parametrize("table", sorted(documented_tables()))
def test_documented_columns_match(table: str) -> None:
    live = live_tables().get(table)
    assert live is not None
    assert documented_tables()[table] == live
