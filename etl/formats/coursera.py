"""Coursera for Business: the usage report (person × course) and the membership report (person × program)."""

from __future__ import annotations

from etl.formats.base import SourceFormat
from etl.formats.reshape import add_program_type, column, is_prepared, is_yes, values, with_columns
from etl.formats.vocab import course_program_type, map_status
from etl.readers import RawTable


def _usage(table: RawTable) -> RawTable:
    """Status from `Completed` (Yes/No), or `Removed` for a learner removed before completing; a completed
    course with a Course Certificate URL is a micro-credential (vocab rule)."""
    if column(table, "course slug") is None or is_prepared(table):
        return table
    completed = values(table, column(table, "completed"))
    removed = values(table, column(table, "removed from program"))
    urls = values(table, column(table, "course certificate url"))
    courses = values(table, column(table, "course"))
    status = [
        "Removed" if is_yes(gone) and map_status(done) != "completed" else done
        for done, gone in zip(completed, removed, strict=True)
    ]
    table = with_columns(table, {"Status": status})
    types = [
        course_program_type(name, certificate=bool(url) and map_status(done) == "completed")
        for name, url, done in zip(courses, urls, completed, strict=True)
    ]
    return add_program_type(table, types)


def _count(cell: str | None) -> int | None:
    try:
        return None if cell is None else int(float(cell.replace(",", ".")))
    except ValueError:
        return None


def _membership(table: RawTable) -> RawTable:
    """A program membership is completed when every enrolled course is; otherwise it is in progress
    (including members who joined but have not enrolled yet: `not started`)."""
    if column(table, "program slug") is None or is_prepared(table):
        return table
    enrolled = [_count(c) for c in values(table, column(table, "# enrolled courses"))]
    done = [_count(c) for c in values(table, column(table, "# completed courses"))]
    status = []
    for e, d in zip(enrolled, done, strict=True):
        if e is None and d is None:
            status.append(None)
        elif e and d is not None and d >= e:
            status.append("completed")
        elif e:
            status.append("in progress")
        else:
            status.append("not started")
    return with_columns(table, {"Status": status})


COURSERA_USAGE = SourceFormat(
    name="coursera_usage_csv",
    kind="learning",
    label="Coursera for Business usage report (person × course)",
    signature=("course", "course slug", "enrollment time", "completed"),
    columns={
        "full_name": ("name",),
        "email": ("email",),
        "external_id": ("external id",),
        "program_name": ("course",),
        "provider": ("university",),
        "started_on": ("enrollment time",),
        "completed_on": ("completion time",),
        "status": ("status",),
        "hours": ("estimated learning hours",),
        "credential_url": ("course certificate url",),
        "program_type": ("program type",),
    },
    defaults={"program_type": "traditional_course"},
    prepare=_usage,
)

COURSERA_MEMBERSHIP = SourceFormat(
    name="coursera_membership_csv",
    kind="learning",
    label="Coursera for Business membership report (person × program)",
    signature=("program name", "program slug", "number enrolled courses", "number completed courses"),
    columns={
        "full_name": ("name",),
        "email": ("email",),
        "external_id": ("external id",),
        "program_name": ("program name",),
        "started_on": ("join date",),
        "status": ("status",),
    },
    defaults={"program_type": "traditional_course", "provider": "Coursera"},
    prepare=_membership,
)
