"""Builds warehouses for the metrics tests by inserting rows directly, standing in for the ingest pipeline.

``golden_org()`` loads the hand-computed organisation in tests/fixtures/golden_org/ (canonical file shapes
from docs/ARCHITECTURE.md) the way a load would leave the base tables: versioned rosters with history,
skills resolved to ids, learning records matched by employee id, then email. The small ``add_*`` helpers
let a unit test set up a few inline rows; ``finish(con)`` rebuilds the marts.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from etl import sql_files
from etl.marts import build_marts
from etl.warehouse import memory_warehouse

GOLDEN_DIR = Path(__file__).parent / "fixtures" / "golden_org"
GOLDEN_AS_OF = date(2025, 6, 30)
LOADED_AT = datetime(2025, 6, 1, 9, 0, 0)

# (file, kind, effective date), in load order: load_id = position + 1.
GOLDEN_LOADS: tuple[tuple[str, str, date], ...] = (
    ("roster_2024-01-01.csv", "roster", date(2024, 1, 1)),
    ("roles.csv", "roles", date(2024, 1, 1)),
    ("catalogue.csv", "catalogue", date(2024, 1, 1)),
    ("learning.csv", "learning", date(2025, 6, 1)),
    ("roster_2025-06-01.csv", "roster", date(2025, 6, 1)),
)

EMPLOYEE_COLUMNS = (
    "employee_id",
    "full_name",
    "email",
    "department",
    "team",
    "role",
    "manager_id",
    "manager_name",
    "location",
    "hire_date",
    "termination_date",
    "valid_from",
    "load_id",
)


def skill_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def parse_skills(text: str | None) -> dict[str, int]:
    """'Python:3;SQL' -> {'python': 3, 'sql': 1}."""
    out: dict[str, int] = {}
    for item in re.split(r"[;|]", text or ""):
        if not item.strip():
            continue
        name, _, level = item.partition(":")
        out[skill_id(name)] = int(level) if level.strip() else 1
        _SKILL_NAMES.setdefault(skill_id(name), name.strip())
    return out


_SKILL_NAMES: dict[str, str] = {}


def _value(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def _date(text: str | None) -> date | None:
    value = _value(text)
    return date.fromisoformat(value) if value else None


def _float(text: str | None) -> float | None:
    value = _value(text)
    return float(value) if value else None


def read_csv(name: str) -> list[dict[str, str]]:
    with (GOLDEN_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def log_load(
    con: duckdb.DuckDBPyConnection, load_id: int, file_name: str, kind: str, effective: date, rows: int
) -> None:
    con.execute(
        "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            load_id,
            file_name,
            "sha-" + file_name,
            kind,
            "canonical_" + kind,
            rows,
            rows,
            0,
            0,
            "loaded",
            f"{rows} rows loaded",
            json.dumps({}),
            effective,
            LOADED_AT,
            None,
        ],
    )


def ensure_skill(con: duckdb.DuckDBPyConnection, sid: str, load_id: int = 1) -> None:
    name = _SKILL_NAMES.get(sid, sid.replace("_", " ").title())
    con.execute("INSERT INTO skills VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [sid, name, load_id])


def add_employee(
    con: duckdb.DuckDBPyConnection,
    employee_id: str,
    *,
    full_name: str | None = None,
    email: str | None = None,
    department: str | None = "Dept",
    team: str | None = "Team",
    role: str | None = "Role",
    manager_id: str | None = None,
    manager_name: str | None = None,
    location: str | None = "Here",
    hire_date: date | None = date(2020, 1, 1),
    termination_date: date | None = None,
    valid_from: date = date(2024, 1, 1),
    load_id: int = 1,
) -> None:
    """Write (or replace, moving the old version to history) one current employee row."""
    row = [
        employee_id,
        full_name or f"Person {employee_id}",
        email or f"{employee_id.lower()}@example.com",
        department,
        team,
        role,
        manager_id,
        manager_name,
        location,
        hire_date,
        termination_date,
        valid_from,
        load_id,
    ]
    cols = ", ".join(EMPLOYEE_COLUMNS)
    con.execute(
        f"INSERT INTO employees_history SELECT {cols}, ? FROM employees WHERE employee_id = ?",
        [load_id, employee_id],
    )
    con.execute("DELETE FROM employees WHERE employee_id = ?", [employee_id])
    con.execute(f"INSERT INTO employees ({cols}) VALUES ({', '.join('?' * len(row))})", row)


def add_requirement(
    con: duckdb.DuckDBPyConnection,
    role: str,
    skill: str,
    required_level: int,
    importance: float | None = None,
    load_id: int = 1,
) -> None:
    sid = skill_id(skill)
    _SKILL_NAMES.setdefault(sid, skill)
    ensure_skill(con, sid, load_id)
    con.execute(
        "INSERT INTO role_requirements VALUES (?, ?, ?, ?, ?, ?)",
        [role, role.strip().lower(), sid, required_level, importance, load_id],
    )


def add_program(
    con: duckdb.DuckDBPyConnection,
    program_name: str,
    provider: str | None,
    program_type: str,
    *,
    list_cost: float | None = None,
    list_hours: float | None = None,
    validity_months: int | None = None,
    skills: str = "",
    load_id: int = 1,
) -> str:
    key = program_name.strip().lower() + "|" + (provider or "").strip().lower()
    con.execute(
        "INSERT INTO programs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [key, program_name, provider, program_type, list_cost, list_hours, validity_months, load_id],
    )
    for sid, level in parse_skills(skills).items():
        ensure_skill(con, sid, load_id)
        con.execute("INSERT INTO program_skills VALUES (?, ?, ?, ?)", [key, sid, level, load_id])
    return key


_next_record_id = 0


def add_record(
    con: duckdb.DuckDBPyConnection,
    employee_id: str | None,
    program_name: str,
    *,
    provider: str | None = None,
    program_type: str = "micro_credential",
    status: str = "completed",
    started_on: date | None = None,
    completed_on: date | None = None,
    expires_on: date | None = None,
    cost: float | None = None,
    hours: float | None = None,
    skills: str = "",
    source_email: str | None = None,
    record_key: str | None = None,
    load_id: int = 1,
) -> int:
    """Insert one learning record (and the skills it lists); returns its record_id."""
    global _next_record_id
    _next_record_id += 1
    record_id = _next_record_id
    identity = (employee_id, None, source_email, None)
    found = con.execute(
        "SELECT identity_id FROM learning_identities WHERE source_employee_id IS NOT DISTINCT FROM ? "
        "AND source_external_id IS NOT DISTINCT FROM ? AND source_email IS NOT DISTINCT FROM ? "
        "AND source_name IS NOT DISTINCT FROM ?",
        list(identity),
    ).fetchall()
    if found:
        identity_id = found[0][0]
    else:
        identity_id = con.execute(
            "SELECT coalesce(max(identity_id), 0) + 1 FROM learning_identities"
        ).fetchall()[0][0]
        con.execute(
            "INSERT INTO learning_identities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [identity_id, *identity, employee_id, "employee_id" if employee_id else None],
        )
    # the program and status combination found or added as loads do (etl/sql/load/record_attributes.sql)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE attribute_candidates AS "
        "SELECT ?::VARCHAR AS program_name, ?::VARCHAR AS provider, ?::VARCHAR AS program_type, "
        "?::VARCHAR AS status, ?::VARCHAR AS source_status",
        [program_name, provider, program_type, status, status],
    )
    sql_files.run(con, "etl", "load/record_attributes")
    attributes_id = con.execute("SELECT attributes_id FROM attribute_ids").fetchall()[0][0]
    con.execute(
        """
        INSERT INTO learning_record_rows (
            record_id, record_key, identity_id, attributes_id,
            started_on, completed_on, expires_on, cost, hours, credential_url, source_row, load_id
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            record_id,
            record_key or f"key-{record_id}",
            identity_id,
            attributes_id,
            started_on,
            completed_on,
            expires_on,
            cost,
            hours,
            None,
            record_id,
            load_id,
        ],
    )
    for sid, level in parse_skills(skills).items():
        ensure_skill(con, sid, load_id)
        con.execute(
            "INSERT INTO learning_record_skills VALUES (?, ?, ?, ?)", [record_id, sid, level, load_id]
        )
    return record_id


def finish(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    build_marts(con)
    return con


def empty_warehouse() -> duckdb.DuckDBPyConnection:
    return finish(memory_warehouse())


def _load_roster(con: duckdb.DuckDBPyConnection, name: str, effective: date, load_id: int) -> int:
    rows = read_csv(name)
    for row in rows:
        add_employee(
            con,
            row["employee_id"],
            full_name=_value(row["full_name"]),
            email=(_value(row["email"]) or "").lower() or None,
            department=_value(row["department"]),
            team=_value(row["team"]),
            role=_value(row["role"]),
            manager_id=_value(row["manager_id"]),
            location=_value(row["location"]),
            hire_date=_date(row["hire_date"]),
            termination_date=_date(row["termination_date"]),
            valid_from=effective,
            load_id=load_id,
        )
    return len(rows)


def _load_learning(con: duckdb.DuckDBPyConnection, name: str, load_id: int) -> int:
    rows = read_csv(name)
    for row in rows:
        employee_id = _value(row["employee_id"])
        email = (_value(row["email"]) or "").lower() or None
        if employee_id is None and email is not None:
            hit = con.execute("SELECT employee_id FROM employees WHERE email = ?", [email]).fetchone()
            employee_id = hit[0] if hit else None
        add_record(
            con,
            employee_id,
            row["program_name"].strip(),
            provider=_value(row["provider"]),
            program_type=row["program_type"].strip(),
            status=row["status"].strip(),
            started_on=_date(row["started_on"]),
            completed_on=_date(row["completed_on"]),
            expires_on=_date(row["expires_on"]),
            cost=_float(row["cost"]),
            hours=_float(row["hours"]),
            skills=row["skills"],
            source_email=email,
            record_key=row["record_id"],
            load_id=load_id,
        )
    return len(rows)


def golden_org() -> duckdb.DuckDBPyConnection:
    """The golden organisation as an in-memory warehouse with marts built."""
    global _next_record_id
    _next_record_id = 0
    con = memory_warehouse()
    for position, (name, kind, effective) in enumerate(GOLDEN_LOADS):
        load_id = position + 1
        if kind == "roster":
            count = _load_roster(con, name, effective, load_id)
        elif kind == "roles":
            rows = read_csv(name)
            for row in rows:
                add_requirement(
                    con,
                    row["role"],
                    row["skill"],
                    int(row["required_level"]),
                    _float(row["importance"]),
                    load_id,
                )
            count = len(rows)
        elif kind == "catalogue":
            rows = read_csv(name)
            for row in rows:
                validity = _value(row["validity_months"])
                add_program(
                    con,
                    row["program_name"],
                    _value(row["provider"]),
                    row["program_type"],
                    list_cost=_float(row["cost"]),
                    list_hours=_float(row["hours"]),
                    validity_months=int(validity) if validity else None,
                    skills=row["skills"],
                    load_id=load_id,
                )
            count = len(rows)
        else:
            count = _load_learning(con, name, load_id)
        log_load(con, load_id, name, kind, effective, count)
    return finish(con)


def read_expected(name: str) -> list[dict[str, Any]]:
    """Expected rows from a golden CSV, typed: '' -> None, numbers -> int/float, everything else str."""
    out = []
    for row in read_csv(name):
        typed: dict[str, Any] = {}
        for key, text in row.items():
            if text == "":
                typed[key] = None
            elif re.fullmatch(r"-?\d+", text):
                typed[key] = int(text)
            elif re.fullmatch(r"-?\d+\.\d*", text):
                typed[key] = float(text)
            else:
                typed[key] = text
        out.append(typed)
    return out


def _normalise(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def comparable(frame: Any, columns: list[str]) -> list[dict[str, Any]]:
    """Rows of a polars frame in the shape read_expected gives, for exact comparison with a golden CSV."""
    return [{k: _normalise(v) for k, v in row.items()} for row in frame.select(columns).iter_rows(named=True)]


def expected_and_actual(name: str, frame: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    expected = read_expected(name)
    columns = list(expected[0]) if expected else []
    return expected, comparable(frame, columns)
