"""The whole-organisation report behind ``python -m etl report``: one JSON-ready dict, and a text rendering.

The dict is built from the same metric functions the dashboard calls, so the report and the pages can never
disagree. Floats are rounded to 6 decimals and dates written as ISO strings so the JSON is stable.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import duckdb
import polars as pl

from metrics.coverage import coverage, org_target_achievement, target_achievement
from metrics.definitions import MetricResult
from metrics.economics import program_type_economics
from metrics.filters import Filters
from metrics.gaps import gap_summary, gaps
from metrics.overview import overview

REPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "coverage": ("team", "skill", "required_members", "members_meeting", "coverage"),
    "target_achievement": ("team", "requirements", "met", "rate"),
    "gaps": (
        "employee_id",
        "full_name",
        "team",
        "role",
        "skill",
        "required_level",
        "current_level",
        "gap",
        "importance",
    ),
    "gap_summary": ("skill", "people_requiring", "people_with_gap", "total_gap"),
    "program_types": (
        "program_type",
        "records",
        "participants",
        "completions",
        "completion_rate",
        "total_cost",
        "cost_per_completion",
        "hours_per_completion",
        "median_days_to_complete",
        "cost_per_requirement_met",
    ),
}

_PERCENT = {"coverage", "rate", "completion_rate", "org_target_achievement"}


def _json_value(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _rows(frame: pl.DataFrame, fields: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    selected = frame.select(fields) if fields else frame
    return [{k: _json_value(v) for k, v in row.items()} for row in selected.iter_rows(named=True)]


def build_report(
    con: duckdb.DuckDBPyConnection, as_of: date, filters: Filters | None = None
) -> dict[str, Any]:
    """Headline figures, coverage, target achievement, gaps and program-type economics as of ``as_of``."""
    f = Filters(**{**_filter_fields(filters), "as_of": as_of})
    results: dict[str, MetricResult] = {
        "coverage": coverage(con, f),
        "target_achievement": target_achievement(con, f),
        "gaps": gaps(con, f),
        "gap_summary": gap_summary(con, f),
        "program_types": program_type_economics(con, f),
    }
    org = org_target_achievement(con, f)
    head = overview(con, f)
    report: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "filters": f.describe(),
        "min_group_size": f.min_group_size,
        "overview": _rows(head.frame)[0],
        "org_target_achievement": _rows(org.frame, ("requirements", "met", "rate"))[0],
    }
    for name, result in results.items():
        report[name] = _rows(result.frame, REPORT_FIELDS[name])
    report["suppressed_groups"] = {
        name: r.suppressed_groups for name, r in results.items() if r.suppressed_groups
    }
    report["definitions"] = {
        name: r.definition.as_markdown() for name, r in {**results, "org_target_achievement": org}.items()
    }
    return report


def _filter_fields(filters: Filters | None) -> dict[str, Any]:
    if filters is None:
        return {}
    return {name: getattr(filters, name) for name in filters.__dataclass_fields__}


def _cell(name: str, value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if name in _PERCENT:
            return f"{value * 100:.1f}%"
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> list[str]:
    if not rows:
        return ["(no rows)"]
    cells = [[_cell(name, row.get(name)) for name in fields] for row in rows]
    numeric = [
        all(isinstance(row.get(name), int | float) or row.get(name) is None for row in rows)
        for name in fields
    ]
    widths = [max(len(name), *(len(r[i]) for r in cells)) for i, name in enumerate(fields)]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    return [line(list(fields)), line(["-" * w for w in widths])] + [line(r) for r in cells]


def render_report_text(report: dict[str, Any]) -> str:
    """Readable aligned tables for a terminal."""
    out = [f"Skillgrid report as of {report['as_of']}", "=" * 40, ""]
    if report.get("filters"):
        out.append("Filters: " + "; ".join(report["filters"]))
        out.append("")
    head = report.get("overview") or {}
    if head:
        out.append("Overview")
        out += _table([head], tuple(head))
        out.append("")
    org = report.get("org_target_achievement") or {}
    if org:
        out.append(
            "Org target achievement: "
            f"{_cell('rate', org.get('rate'))} ({org.get('met', 0)} of {org.get('requirements', 0)} requirements met)"
        )
        out.append("")
    titles = {
        "coverage": "Coverage by team and skill",
        "target_achievement": "Target achievement by team",
        "gaps": "Gaps (unmet requirements)",
        "gap_summary": "Gaps by skill",
        "program_types": "Economics by program type",
    }
    suppressed = report.get("suppressed_groups") or {}
    for key, title in titles.items():
        if key not in report:
            continue
        out.append(title)
        out += _table(report[key], REPORT_FIELDS[key])
        if suppressed.get(key):
            out.append(
                f"({suppressed[key]} team(s) with fewer than {report.get('min_group_size', 5)} people hidden)"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"
