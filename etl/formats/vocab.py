"""Source vocabularies mapped to Skillgrid's own. docs/FORMATS.md documents these tables; a test checks it."""

from __future__ import annotations

from etl.formats.base import normalize_key

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "completed": (
        "completed", "complete", "passed", "pass", "accepted", "pending", "issued", "awarded", "achieved",
        "certified", "finished", "done", "graduated", "yes", "y", "true", "1", "earned", "active", "valid",
        "completed successfully", "attended",
    ),
    "in_progress": (
        "in progress", "in_progress", "inprogress", "enrolled", "started", "registered", "not started",
        "not yet started", "ongoing", "active enrollment", "no", "n", "false", "0", "assigned", "scheduled",
        "in-progress", "pending completion", "studying",
    ),
    "failed": (
        "failed", "fail", "not passed", "did not pass", "incomplete", "withdrawn", "dropped", "cancelled",
        "canceled", "abandoned", "no show", "did not complete", "not completed", "removed",
    ),
    "revoked": ("revoked", "rejected", "suspended", "invalidated", "declined", "retracted"),
}

PROGRAM_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "micro_credential": (
        "micro_credential", "micro credential", "micro-credential", "microcredential", "badge",
        "digital badge", "open badge", "certificate", "course certificate", "nanodegree", "skill badge",
        "specialization", "specialisation", "professional certificate", "mooc certificate",
    ),
    "certification": (
        "certification", "certified", "professional certification", "industry certification", "exam",
        "vendor certification", "license", "licence",
    ),
    "traditional_course": (
        "traditional_course", "traditional course", "course", "training", "classroom", "workshop", "ilt",
        "instructor led", "instructor-led", "internal", "external", "e-learning", "elearning", "seminar",
        "webinar", "conference", "video", "article", "book", "podcast", "event", "online course",
        "in person", "self paced", "bootcamp",
    ),
    "degree": (
        "degree", "bachelor", "bachelors", "bachelor's", "master", "masters", "master's", "mba", "phd",
        "doctorate", "msc", "bsc", "ba", "ma", "associate degree", "diploma", "postgraduate", "university degree",
        "graduate certificate",
    ),
}


def _invert(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalize_key(word): canonical for canonical, words in table.items() for word in words}


_STATUS = _invert(STATUS_WORDS)
_PROGRAM_TYPE = _invert(PROGRAM_TYPE_WORDS)


def map_status(value: str | None) -> str | None:
    return None if value is None else _STATUS.get(normalize_key(value))


def map_program_type(value: str | None) -> str | None:
    return None if value is None else _PROGRAM_TYPE.get(normalize_key(value).replace("_", " ")) or _PROGRAM_TYPE.get(
        normalize_key(value)
    )
