"""Degreed completions upload: UserID, CourseID, CompletionDate (YYYYMMDD, day optional), ContentType, Provider."""

from __future__ import annotations

import re

from etl.formats.base import SourceFormat
from etl.formats.reshape import column, split_user_ids, values, with_columns
from etl.readers import RawTable

_YEAR_MONTH = re.compile(r"^\d{6}$")


def _prepare(table: RawTable) -> RawTable:
    """UserID is an employee id or a login email; YYYYMM (no day) is read as the first of the month."""
    if column(table, "completiondate") is None:
        return table
    ids, emails = split_user_ids(values(table, column(table, "userid", "user id")))
    dates = [
        f"{d}01" if d and _YEAR_MONTH.match(d) else d
        for d in values(table, column(table, "completiondate", "completion date"))
    ]
    title = column(table, "title", "content title", "coursetitle", "course title")
    names = values(table, title) if title else values(table, column(table, "courseid", "contentid"))
    return with_columns(
        table,
        {
            "Employee ID": ids,
            "Email": emails,
            "Completion Date": dates,
            "Program Name": names,
            # Every row of a completions upload is a completion (a column, not a format default, so that
            # the status word is recorded like any other file's).
            "Status": ["completed" if any(cells) else None for cells in zip(ids, emails, names, strict=True)],
        },
    )


DEGREED_COMPLETIONS = SourceFormat(
    name="degreed_completions_csv",
    kind="learning",
    label="Degreed completions (CSV upload layout)",
    signature=("userid", "completiondate", "contenttype"),
    columns={
        "employee_id": ("employee id",),
        "email": ("email",),
        "program_name": ("program name",),
        "completed_on": ("completion date",),
        "program_type": ("contenttype",),
        "provider": ("provider",),
        "status": ("status",),
        "hours": ("duration", "durationhours", "hours"),
    },
    defaults={"provider": "Degreed"},
    prepare=_prepare,
)
