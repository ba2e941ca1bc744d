"""Udemy Business exports: the user course activity report (person × course) and the user report (roster).

The user report's `Role` is the person's role *in Udemy* (Admin, Group Admin, Student), and its `Joined
date` is when they joined Udemy: neither is a job title or a hire date, so the adapter renames them
(`Udemy Role`, `Udemy Joined Date`) where the canonical synonyms (and close spellings) cannot claim them.
"""

from __future__ import annotations

from etl.formats.base import SourceFormat
from etl.formats.reshape import (
    PREPARED_META,
    add_program_type,
    column,
    is_prepared,
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


# ---------------------------------------------------------------------------------------------------------
# User report (a roster)

# Source spellings -> the name they get, so no canonical synonym reads them as a job title or hire date.
_UDEMY_ONLY = {
    "Udemy Role": ("role", "user role"),
    "Udemy Joined Date": ("joined date", "join date", "date joined"),
}


def _prepare_users(table: RawTable) -> RawTable:
    """Name + Surname -> Full Name; Udemy's own Role and Joined date renamed out of the roster's way."""
    if is_prepared(table) or column(table, "surname") is None:
        return table
    renames = {}
    for target, spellings in _UDEMY_ONLY.items():
        found = column(table, *spellings)
        if found is not None and target not in table.columns:
            renames[found] = target
    columns = [renames.get(c, c) for c in table.columns]
    renamed = RawTable(
        file_name=table.file_name,
        part=table.part,
        columns=columns,
        frame=table.frame.rename(renames),
        source_rows=table.source_rows,
        meta={**table.meta, PREPARED_META: "udemy_user_report_csv"},
        documents=table.documents,
    )
    names = join_names(
        values(table, column(table, "name", "first name")), values(table, column(table, "surname"))
    )
    return with_columns(renamed, {"Full Name": names})


UDEMY_USERS = SourceFormat(
    name="udemy_user_report_csv",
    kind="roster",
    label="Udemy Business user report (people, groups and Udemy roles)",
    signature=("surname", "license type", "joined date"),
    columns={
        "employee_id": ("external id", "user external id", "lms user id"),
        "full_name": ("full name",),
        "email": ("email", "user email"),
        "team": ("group", "groups", "group name"),
    },
    prepare=_prepare_users,
)
