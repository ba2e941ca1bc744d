"""Skillsoft Percipio learner activity report (person × content item)."""

from __future__ import annotations

from etl.formats.base import SourceFormat
from etl.formats.reshape import column, join_names, split_user_ids, values, with_columns
from etl.readers import RawTable


def _seconds_to_hours(cell: str | None) -> str | None:
    try:
        return None if cell is None else f"{float(cell.replace(',', '.')) / 3600:g}"
    except ValueError:
        return cell  # staging rejects it with the column's name and the value


def _prepare(table: RawTable) -> RawTable:
    """userId split into id or email; first and last names joined; duration in seconds -> hours."""
    if column(table, "contenttitle") is None:
        return table
    ids, emails = split_user_ids(values(table, column(table, "userid", "user id")))
    return with_columns(
        table,
        {
            "Employee ID": ids,
            "Email": emails,
            "Full Name": join_names(
                values(table, column(table, "firstname")), values(table, column(table, "lastname"))
            ),
            "Hours": [_seconds_to_hours(c) for c in values(table, column(table, "duration"))],
        },
    )


PERCIPIO_ACTIVITY = SourceFormat(
    name="percipio_activity_csv",
    kind="learning",
    label="Skillsoft Percipio learner activity report",
    signature=("userid", "contenttitle", "contenttype", "status"),
    columns={
        "employee_id": ("employee id",),
        "email": ("email",),
        "full_name": ("full name",),
        "program_name": ("contenttitle",),
        "program_type": ("contenttype",),
        "status": ("status",),
        "started_on": ("firstaccess",),
        "completed_on": ("completeddate",),
        "hours": ("hours",),
    },
    defaults={"program_type": "traditional_course", "provider": "Skillsoft Percipio"},
    prepare=_prepare,
)
