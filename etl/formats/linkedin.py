"""LinkedIn Learning: the learner-level content report (CSV) and the reporting API (JSON), person × content.

The API's `elements[]` each pair `learnerDetails` and `contentDetails` with `activities[]` (engagementType
SECONDS_VIEWED / COMPLETIONS / VIEWS / DAYS_ACTIVE, epoch-millisecond first/lastEngagedAt). The people-level
Learner Summary (days logged in, hours viewed, completions counted per person) names no course, so it is not
a learning record and is not read as one, in either shape.
"""

from __future__ import annotations

import datetime as dt

from etl.formats.base import SourceFormat
from etl.formats.reshape import (
    add_program_type,
    column,
    dig,
    documents_of,
    first,
    from_records,
    is_prepared,
    join_names,
    percents,
    progress_status,
    text,
    values,
    with_columns,
)
from etl.formats.vocab import course_program_type, map_program_type
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


# ---------------------------------------------------------------------------------------------------------
# Reporting API (JSON)

API_COLUMNS = (
    "Content Name",
    "Content Provider",
    "Asset Type",
    "Program Type",
    "Name",
    "Email",
    "Unique User ID",
    "Status",
    "First Engaged",
    "Completed On",
    "Hours Viewed",
)
_COMPLETIONS, _SECONDS = "COMPLETIONS", "SECONDS_VIEWED"


def _is_api_element(doc: dict) -> bool:
    return isinstance(doc.get("learnerDetails"), dict) and isinstance(doc.get("activities"), list)


def _looks_like_api(table: RawTable) -> bool:
    docs = documents_of(table)
    return bool(docs) and sum(_is_api_element(d) for d in docs) * 2 > len(docs)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip()) if value is not None else None
    except ValueError:
        return None


def _epoch_ms_date(value: object) -> str | None:
    """Epoch milliseconds -> the UTC date; anything else as given, so staging rejects it by name."""
    ms = _number(value)
    if ms is None:
        return text(value)
    try:
        return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return text(value)


def _of_type(activities: list[dict], engagement: str) -> list[dict]:
    """One engagement type's activities; the TOTAL figures when the report also carries UNIQUE ones."""
    found = [a for a in activities if str(a.get("engagementType", "")).upper() == engagement]
    total = [a for a in found if str(a.get("engagementMetricQualifier", "")).upper() == "TOTAL"]
    return total or found


def _hours(activities: list[dict]) -> str | None:
    seconds = _of_type(activities, _SECONDS)
    if not seconds:
        return None
    values = [_number(a.get("engagementValue")) for a in seconds]
    for activity, value in zip(seconds, values, strict=True):
        if value is None:
            return text(activity.get("engagementValue"))  # staging rejects it, naming the value
    return text(round(sum(v for v in values if v is not None) / 3600, 6))


def _completion(activities: list[dict]) -> tuple[str | None, str | None]:
    """(status, completed_on): a COMPLETIONS count of 1 or more -> completed on its lastEngagedAt."""
    done = []
    for activity in _of_type(activities, _COMPLETIONS):
        value = _number(activity.get("engagementValue"))
        if value is None and activity.get("engagementValue") is not None:
            return text(activity.get("engagementValue")), None  # an unknown status word: rejected
        if value is not None and value >= 1:
            done.append(activity)
    if not done:
        return "in progress", None
    stamps = [s for a in done if (s := _number(a.get("lastEngagedAt"))) is not None]
    if stamps:
        return "completed", _epoch_ms_date(max(stamps))
    return "completed", text(done[0].get("lastEngagedAt"))


def _started(activities: list[dict]) -> str | None:
    stamps = []
    for activity in activities:
        raw = activity.get("firstEngagedAt")
        stamp = _number(raw)
        if stamp is None and text(raw) is not None:
            return text(raw)  # staging rejects it, naming the value
        if stamp is not None:
            stamps.append(stamp)
    return _epoch_ms_date(min(stamps)) if stamps else None


def _group_key(doc: dict, index: int) -> tuple[str, str]:
    """Learner × content; an element naming neither stays a group of its own (never merged by guess)."""
    learner, content = doc.get("learnerDetails") or {}, doc.get("contentDetails") or {}
    who = first(learner.get("uniqueUserId"), learner.get("email"), dig(learner, "entity", "profileUrn"))
    what = first(content.get("contentUrn"), content.get("name")) if isinstance(content, dict) else None
    return (
        str(who).strip().lower() if who is not None else f"#{index}",
        str(what).strip().lower() if what is not None else f"#{index}",
    )


def _api_row(docs: list[dict]) -> dict[str, object]:
    learner = [d["learnerDetails"] for d in docs]
    content = [d["contentDetails"] for d in docs if isinstance(d.get("contentDetails"), dict)]
    activities = [a for d in docs for a in d["activities"] if isinstance(a, dict)]
    name = first(*(c.get("name") for c in content))
    asset = first(*(c.get("assetType") for c in content), *(a.get("assetType") for a in activities))
    status, completed_on = _completion(activities)
    return {
        "Content Name": name,
        "Content Provider": first(*(c.get("contentProviderName") for c in content)),
        "Asset Type": asset,
        "Program Type": map_program_type(text(asset)) or course_program_type(text(name)),
        "Name": first(*(x.get("name") for x in learner)),
        "Email": first(*(x.get("email") for x in learner)),
        "Unique User ID": first(*(x.get("uniqueUserId") for x in learner)),
        "Status": status,
        "First Engaged": _started(activities),
        "Completed On": completed_on,
        "Hours Viewed": _hours(activities),
    }


def _explode_api(table: RawTable) -> RawTable:
    """One row per learner × content, however many elements (pages, time windows) report on it."""
    if is_prepared(table) or not _looks_like_api(table):
        return table
    groups: dict[tuple[str, str], tuple[int, list[dict]]] = {}
    for index, (doc, row) in enumerate(zip(table.documents or [], table.source_rows, strict=False)):
        if isinstance(doc, dict) and _is_api_element(doc):
            groups.setdefault(_group_key(doc, index), (row, []))[1].append(doc)
    rows = [_api_row(docs) for _, docs in groups.values()]
    # A learner-level report (no content) names no course: leave program_name unmapped so it is refused.
    columns = [c for c in API_COLUMNS if c != "Content Name" or any(r["Content Name"] for r in rows)]
    records = [{c: r[c] for c in columns} for r in rows]
    return from_records(
        table,
        records,
        [row for row, _ in groups.values()],
        prepared_by="linkedin_learning_api_json",
        columns=columns,
    )


LINKEDIN_LEARNING_API = SourceFormat(
    name="linkedin_learning_api_json",
    kind="learning",
    label="LinkedIn Learning reporting API (JSON `elements[]`, learner × content activities)",
    columns={
        "program_name": ("content name",),
        "provider": ("content provider",),
        "program_type": ("program type",),
        "full_name": ("name",),
        "email": ("email",),
        "external_id": ("unique user id",),
        "status": ("status",),
        "started_on": ("first engaged",),
        "completed_on": ("completed on",),
        "hours": ("hours viewed",),
    },
    defaults={"program_type": "traditional_course", "provider": "LinkedIn Learning"},
    prepare=_explode_api,
    matches_document=_looks_like_api,
)
