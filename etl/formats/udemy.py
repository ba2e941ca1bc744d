"""Udemy Business user course activity report (person × course)."""

from __future__ import annotations

from etl.formats.base import SourceFormat
from etl.formats.reshape import (
    add_program_type,
    column,
    join_names,
    percents,
    progress_status,
    values,
    with_columns,
)
from etl.formats.vocab import course_program_type
from etl.readers import RawTable


def _minutes_to_hours(cell: str | None) -> str | None:
    try:
        return None if cell is None else f"{float(cell.replace(',', '.')) / 60:g}"
    except ValueError:
        return cell  # staging rejects it with the column's name and the value


def _prepare(table: RawTable) -> RawTable:
    """`% Marked Completed` 100% -> completed, else in progress; video minutes -> hours; name parts joined."""
    if column(table, "% marked completed") is None:
        return table
    pct = percents(values(table, column(table, "% marked completed", "% completed", "completion ratio")))
    status = [progress_status(p, None) for p in pct]
    added: dict[str, list[str | None]] = {"Status": status}
    minutes = column(table, "minutes video consumed", "minutes of video consumed", "minutes consumed")
    if minutes is not None:
        added["Hours"] = [_minutes_to_hours(c) for c in values(table, minutes)]
    first, last = column(table, "name", "first name"), column(table, "surname", "last name")
    if last is not None:
        added["Full Name"] = join_names(values(table, first), values(table, last))
    table = with_columns(table, added)
    titles = values(table, column(table, "course title", "course name"))
    return add_program_type(table, [course_program_type(t) for t in titles])


UDEMY_ACTIVITY = SourceFormat(
    name="udemy_activity_csv",
    kind="learning",
    label="Udemy Business user course activity report",
    signature=("course title", "percent marked completed"),
    columns={
        "email": ("email", "user email"),
        "external_id": ("external id", "lms user id"),
        "full_name": ("full name",),
        "program_name": ("course title",),
        "provider": ("provider",),
        "started_on": ("course start date", "start date", "course enroll date", "enrollment date"),
        "completed_on": ("completion date", "course completion date", "course first completion date"),
        "status": ("status",),
        "hours": ("hours",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "traditional_course", "provider": "Udemy"},
    prepare=_prepare,
)
