"""Named SQL: every file loads, includes resolve, parameters are bound (never formatted), names are checked."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from metrics_fixture import empty_warehouse

from metrics import queries
from metrics.errors import MetricsError, UnknownQueryError
from metrics.filters import Filters

ROOT = Path(__file__).resolve().parents[1]
SQL_DIR = ROOT / "metrics" / "sql"
NAMED = sorted(p.stem for p in SQL_DIR.glob("[a-z]*.sql"))
EXTRA = {
    "group_by": "program_type",
    "key_salt": 0,
    "days": 90,
    "employee_id": "E1",
    "team": "T",
    "skill_id": "python",
    "email": "x@example.com",
    "months": 12,
    "limit": 10,
}


@pytest.mark.parametrize("name", NAMED)
def test_every_named_query_runs_on_an_empty_warehouse(name: str) -> None:
    sql = queries.load_sql(name)
    assert "-- include:" not in sql  # every include resolved
    queries.run(empty_warehouse(), name, Filters().params() | EXTRA)


def test_every_fragment_is_used() -> None:
    fragments = {p.stem for p in SQL_DIR.glob("_*.sql")}
    used = {
        line.split(":", 1)[1].strip()
        for p in SQL_DIR.glob("*.sql")
        for line in p.read_text().splitlines()
        if line.startswith("-- include:")
    }
    swapped_in = set(queries._SHARED_SWAP.values())  # read in place of a shared fragment (metrics/shared.py)
    assert fragments == used | swapped_in


def test_params_are_found_outside_comments_and_strings() -> None:
    sql = "-- $not_me\nSELECT '$nor_me' AS x, $as_of::DATE AS d, $teams AS t"
    assert queries.referenced_params(sql) == {"as_of", "teams"}


def test_missing_parameters_and_unknown_names_are_clear_errors() -> None:
    con = empty_warehouse()
    with pytest.raises(MetricsError, match="needs parameters it was not given: as_of"):
        queries.run(con, "trends", {k: v for k, v in Filters().params().items() if k != "as_of"})
    with pytest.raises(UnknownQueryError, match="no query named 'nope'"):
        queries.run(con, "nope")
    with pytest.raises(UnknownQueryError, match="not a valid query name"):
        queries.run(con, "../etl/sql/schema")


def test_no_python_file_builds_sql_from_strings() -> None:
    """SQL lives in metrics/sql; Python passes parameters. No f-string or .format reaches execute/sql."""
    for path in (ROOT / "metrics").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in {"execute", "sql"}:
                for arg in node.args[:1]:
                    assert not isinstance(arg, ast.JoinedStr), f"{path.name}:{node.lineno} formats SQL"
                    assert not isinstance(arg, ast.BinOp), f"{path.name}:{node.lineno} concatenates SQL"


def test_no_streamlit_in_metrics_or_marts() -> None:
    files = [*(ROOT / "metrics").glob("*.py"), ROOT / "etl" / "marts.py"]
    for path in files:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "streamlit" for n in names), f"{path.name} imports streamlit"


def test_a_warehouse_without_marts_is_a_clear_error() -> None:
    import duckdb

    from etl.warehouse import schema_sql

    con = duckdb.connect(":memory:")
    con.execute(schema_sql())  # base tables only
    with pytest.raises(MetricsError, match="were the marts built"):
        queries.run(con, "trends", Filters().params())
