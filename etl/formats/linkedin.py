"""LinkedIn Learning learner-level content report (person × content item).

The people-level Learner Summary (days logged in, hours viewed, completions counted per person) names no
course, so it is not a learning record and is not read as one.
"""

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


def _prepare(table: RawTable) -> RawTable:
    """Status from Percent Complete (100 or a completion date -> completed, else in progress)."""
    if column(table, "content title") is None:
        return table
    pct = percents(values(table, column(table, "percent complete", "% complete", "completion percentage")))
    done = values(table, column(table, "completion date", "completed date", "completed on"))
    added: dict[str, list[str | None]] = {
        "Status": [progress_status(p, d) for p, d in zip(pct, done, strict=True)]
    }
    if column(table, "name", "full name") is None:
        first, last = column(table, "first name"), column(table, "last name")
        if first or last:
            added["Full Name"] = join_names(values(table, first), values(table, last))
    table = with_columns(table, added)
    titles = values(table, column(table, "content title", "course title"))
    return add_program_type(table, [course_program_type(t) for t in titles])


LINKEDIN_LEARNING = SourceFormat(
    name="linkedin_learning_csv",
    kind="learning",
    label="LinkedIn Learning learner detail report (person × content)",
    signature=("content title", "percent complete"),
    columns={
        "external_id": ("unique user id",),
        "email": ("email",),
        "full_name": ("name", "full name"),
        "program_name": ("content title",),
        "provider": ("content provider", "provider"),
        "program_type": ("content type", "program type"),
        "started_on": ("first viewed", "first viewed date", "first engaged"),
        "completed_on": ("completion date", "completed date"),
        "hours": ("hours viewed", "content hours viewed"),
        "status": ("status",),
    },
    defaults={"program_type": "traditional_course", "provider": "LinkedIn Learning"},
    prepare=_prepare,
)
