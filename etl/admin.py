"""Operations on a warehouse besides loading: status, undo a load, map an identity by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from etl import sql_files
from etl.warehouse import open_reader, outdated, write_transaction


class AdminError(Exception):
    """A request that cannot be carried out; the message says why and what to do."""


def status(db_path: Path) -> dict[str, int | str | None]:
    con = open_reader(db_path)
    try:
        rel = sql_files.query(con, "etl", "admin/status")
        return dict(zip(rel.columns, rel.fetchall()[0], strict=True))
    finally:
        con.close()


@dataclass(frozen=True)
class UndoResult:
    load_id: int
    file_name: str
    restored_versions: int


def undo_load(db_path: Path, load_id: int) -> UndoResult:
    """Undo one load by id, restoring what it replaced. Refused while a later load built on its rows."""
    if not db_path.exists():
        raise AdminError(f"no warehouse at {db_path}")
    with write_transaction(db_path) as con:
        row = sql_files.one(
            con, "SELECT file_name, status FROM ingest_log WHERE load_id = $load_id", {"load_id": load_id}
        )
        if row is None:
            raise AdminError(f"there is no load {load_id} (see `python -m etl history`)")
        file_name, state = row
        if state == "undone":
            raise AdminError(f"load {load_id} ({file_name}) was already undone")
        blockers = [
            r[0] for r in sql_files.query(con, "etl", "admin/undo_blockers", load_id=load_id).fetchall()
        ]
        if blockers:
            listed = ", ".join(str(b) for b in blockers)
            raise AdminError(
                f"load {load_id} ({file_name}) cannot be undone yet: later load(s) {listed} replaced rows it "
                f"wrote. Undo those first."
            )
        restored = sql_files.scalar(
            con,
            "SELECT (SELECT count(*) FROM employees_history WHERE superseded_by_load = $l)"
            " + (SELECT count(*) FROM learning_records_history WHERE superseded_by_load = $l)"
            " + (SELECT count(*) FROM role_requirements_history WHERE superseded_by_load = $l)"
            " + (SELECT count(*) FROM programs_history WHERE superseded_by_load = $l)",
            {"l": load_id},
        )
        # The versions coming back are stored whole: their program and status combinations first.
        sql_files.run(con, "etl", "admin/undo_attributes", load_id=load_id)
        sql_files.run(con, "etl", "load/record_attributes")
        sql_files.run(con, "etl", "admin/undo", load_id=load_id)
        sql_files.run(con, "etl", "load/rematch_identities")
    return UndoResult(load_id, file_name, int(restored))


def map_identity(db_path: Path, identity_type: str, value: str, employee_id: str) -> int:
    """Map an email or external id to an employee so unmatched records join from now on.

    Returns how many learning records now match that employee through the mapping.
    """
    if identity_type not in ("email", "external_id"):
        raise AdminError("identity type must be 'email' or 'external_id'")
    key = value.strip().lower()
    if not key:
        raise AdminError("the identity to map is empty")
    with write_transaction(db_path) as con:
        exists = sql_files.scalar(
            con, "SELECT count(*) FROM employees WHERE employee_id = $e", {"e": employee_id}
        )
        if not exists:
            raise AdminError(f"there is no employee {employee_id!r} in the roster")
        con.execute(
            "INSERT INTO identity_aliases VALUES ($t, $v, $e, $now) "
            "ON CONFLICT (identity_type, identity_value) DO UPDATE SET employee_id = excluded.employee_id",
            {"t": identity_type, "v": key, "e": employee_id, "now": dt.datetime.now()},
        )
        sql_files.run(con, "etl", "load/rematch_identities")
        return int(
            sql_files.scalar(
                con,
                "SELECT count(*) FROM learning_records WHERE employee_id = $e AND match_method = 'alias'",
                {"e": employee_id},
            )
        )


def forget_employee(db_path: Path, employee_id: str) -> dict[str, int]:
    """Erase a person from every table, then rewrite the file so no deleted bytes remain in it.

    Returns how many rows of each kind were removed (manager links are cleared, not removed).
    """
    if not db_path.exists():
        raise AdminError(f"no warehouse at {db_path}")
    with write_transaction(db_path, compact=True) as con:
        sql_files.run(con, "etl", "admin/forget", employee_id=employee_id)
        rel = con.sql("SELECT * FROM forget_counts")
        counts = dict(zip(rel.columns, rel.fetchall()[0], strict=True))
        if not any(counts.values()):
            raise AdminError(f"nothing in the warehouse names employee {employee_id!r}")
    return {k: int(v) for k, v in counts.items()}


def load_history(db_path: Path, limit: int = 50) -> list[dict]:
    con = open_reader(db_path)
    try:
        rel = con.sql(
            "SELECT load_id, batch_id, file_name, kind, source_format, rows_read, rows_loaded, rows_rejected, "
            "rows_unmatched, status, loaded_at FROM ingest_log ORDER BY load_id DESC LIMIT $limit",
            params={"limit": limit},
        )
        return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()


def upgrade(db_path: Path) -> list[str]:
    """Bring a warehouse written by an earlier Skillgrid up to this version; returns what was out of date
    (empty: nothing was, and nothing was written).

    The same as any load does first, without loading anything: the schema migrations, then the marts the
    file lacks or that an earlier version's SQL built (with the marts that read them). It is published like a
    load (atomically, under the writer lock), and every row reads as before.
    """
    reasons = outdated_reasons(db_path)
    if reasons:
        with write_transaction(db_path, changed=set()):
            pass
    return reasons


def outdated_reasons(db_path: Path) -> list[str]:
    """What `upgrade` would bring up to date in the published file (empty: nothing, or no file yet)."""
    if not db_path.exists():
        return []
    con = open_reader(db_path)
    try:
        return outdated(con)
    finally:
        con.close()
