"""Traditional training and tuition records from HR systems: one row per employee × training session.

Employee ID, Training Date, Training Program Name, Training Type (Internal/External), Training Outcome
(Passed/Failed/Completed/Incomplete), Location, Trainer, Training Duration(Days), Training Cost — spelled
with spaces or run together (`TrainingProgramName`), as the public HR sample sets do.
"""

from __future__ import annotations

from etl.formats.base import SourceFormat, normalize_header
from etl.formats.reshape import column, values, with_columns
from etl.formats.vocab import map_status
from etl.readers import RawTable

_DAYS_COLUMNS = (
    "training duration(days)",
    "trainingdurationdays",
    "duration (days)",
    "duration days",
    "days",
)


def _compact(header: str) -> str:
    return normalize_header(header).replace(" ", "")


def _is_training_table(table: RawTable) -> bool:
    headers = {_compact(c) for c in table.columns}
    return {"trainingprogramname", "trainingoutcome"} <= headers or {
        "trainingprogram",
        "trainingoutcome",
    } <= headers


def _prepare(table: RawTable) -> RawTable:
    """Canonical names for the run-together headers; a duration in days becomes `N days` (8 h a day)."""
    renamed: dict[str, list[str | None]] = {}
    for target, spellings in (
        ("Employee ID", ("employee id", "employeeid", "emp id")),
        ("Training Program Name", ("training program name", "trainingprogramname", "training program")),
        ("Training Outcome", ("training outcome", "trainingoutcome")),
        ("Training Type", ("training type", "trainingtype")),
        ("Training Date", ("training date", "trainingdate")),
        ("Training Cost", ("training cost", "trainingcost")),
    ):
        found = column(table, *spellings)
        if found is not None and found != target:
            renamed[target] = values(table, found)
    # One date per session: when it was passed or completed, that is also when it was completed.
    dates = values(table, column(table, "training date", "trainingdate"))
    outcomes = values(table, column(table, "training outcome", "trainingoutcome"))
    renamed["Completed On"] = [
        d if map_status(o) == "completed" else None for d, o in zip(dates, outcomes, strict=True)
    ]
    days = column(table, *_DAYS_COLUMNS)
    if days is not None:
        renamed["Training Duration"] = [None if d is None else f"{d} days" for d in values(table, days)]
    return with_columns(table, renamed)


TRAINING_RECORDS = SourceFormat(
    name="training_records_csv",
    kind="learning",
    label="Training / tuition records (Employee ID, Training Program Name, Training Outcome, …)",
    columns={
        "employee_id": ("employee id",),
        "program_name": ("training program name",),
        "status": ("training outcome",),
        "program_type": ("training type",),
        "started_on": ("training date",),
        "completed_on": ("completed on",),
        "cost": ("training cost",),
        "hours": ("training duration",),
    },
    defaults={"program_type": "traditional_course"},
    prepare=_prepare,
    matches_document=_is_training_table,
)
