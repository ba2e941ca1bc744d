"""Reading a published warehouse file from a test, as any outside DuckDB client would: read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb


def query(db: Path, sql: str) -> list[tuple]:
    """Every row of `sql` on the warehouse at `db`, on a read-only connection closed afterwards."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
