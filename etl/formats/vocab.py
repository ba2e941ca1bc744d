"""Source vocabularies mapped to Skillgrid's own. docs/FORMATS.md documents these tables; a test checks it."""

from __future__ import annotations

import re

from etl.formats.base import normalize_key

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "completed": (
        "completed",
        "complete",
        "passed",
        "pass",
        "accepted",
        "pending",
        "issued",
        "awarded",
        "achieved",
        "certified",
        "finished",
        "done",
        "graduated",
        "yes",
        "y",
        "true",
        "1",
        "earned",
        "active",
        "valid",
        "completed successfully",
        "attended",
        # Skillsoft Percipio marks finished books, audiobooks and videos by how they were consumed.
        "listened",
        "watched",
        "read",
    ),
    "in_progress": (
        "in progress",
        "in_progress",
        "inprogress",
        "enrolled",
        "started",
        "registered",
        "not started",
        "not yet started",
        "ongoing",
        "active enrollment",
        "no",
        "n",
        "false",
        "0",
        "assigned",
        "scheduled",
        "in-progress",
        "pending completion",
        "studying",
    ),
    "failed": (
        "failed",
        "fail",
        "not passed",
        "did not pass",
        "incomplete",
        "withdrawn",
        "dropped",
        "cancelled",
        "canceled",
        "abandoned",
        "no show",
        "did not complete",
        "not completed",
        "removed",
    ),
    "revoked": ("revoked", "rejected", "suspended", "invalidated", "declined", "retracted"),
}

PROGRAM_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "micro_credential": (
        "micro_credential",
        "micro credential",
        "micro-credential",
        "microcredential",
        "badge",
        "digital badge",
        "open badge",
        "certificate",
        "course certificate",
        "nanodegree",
        "skill badge",
        "specialization",
        "specialisation",
        "professional certificate",
        "mooc certificate",
    ),
    "certification": (
        "certification",
        "certified",
        "professional certification",
        "industry certification",
        "exam",
        "vendor certification",
        "license",
        "licence",
    ),
    "traditional_course": (
        "traditional_course",
        "traditional course",
        "course",
        "training",
        "classroom",
        "workshop",
        "ilt",
        "instructor led",
        "instructor-led",
        "internal",
        "external",
        "e-learning",
        "elearning",
        "seminar",
        "webinar",
        "conference",
        "video",
        "article",
        "book",
        "podcast",
        "event",
        "online course",
        "in person",
        "self paced",
        "bootcamp",
        # Degreed, Percipio and LinkedIn Learning content types.
        "assessment",
        "audiobook",
        "audio",
        "book summary",
        "audio summary",
        "journey",
        "channel",
        "learning path",
        "document",
        "linked content",
        "practice lab",
        "lab",
        "scheduled content",
    ),
    "degree": (
        "degree",
        "bachelor",
        "bachelors",
        "bachelor's",
        "master",
        "masters",
        "master's",
        "mba",
        "phd",
        "doctorate",
        "msc",
        "bsc",
        "ba",
        "ma",
        "associate degree",
        "diploma",
        "postgraduate",
        "university degree",
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
    return (
        None
        if value is None
        else _PROGRAM_TYPE.get(normalize_key(value).replace("_", " "))
        or _PROGRAM_TYPE.get(normalize_key(value))
    )


# Program type from what a credential or course calls itself. Vendor formats put the answer in a derived
# "Program Type" column only when the name or the vendor's own type word speaks; otherwise the row falls
# through to the catalogue and then the format's default (etl/load.py), and a program-type column that the
# file itself has, or that the person loading maps by hand, always wins.
_DEGREE_NAME = re.compile(
    # No bare "MBA": "MBA in a Box" is a course title; "Master of Business Administration" is a degree.
    r"\b(bachelor'?s?|masters?'s?\s+(?:of|in|degree)|master of|ph\.?\s?d|doctor of|doctorate|doctoral"
    r"|degree|b\.?\s?sc|m\.?\s?sc|associate of (?:arts|science|applied))\b",
    re.IGNORECASE,
)
_CERTIFICATION_NAME = re.compile(r"\b(certified|certification|certifications)\b", re.IGNORECASE)
# Vendor exam tiers ("AWS Certified Solutions Architect - Associate", "Google Cloud Professional Data
# Engineer"), but not "Professional Certificate" (a course series) or "Professional Development".
_EXAM_TIER_NAME = re.compile(
    r"\b(associate|professional)\b(?!\s+(?:certificate|development|skills|degree))", re.IGNORECASE
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _type_word(hint: str | None) -> str | None:
    """A vendor's own type word (`Certification`, `BachelorDegree`, `MicroCredential`) in our vocabulary."""
    if not hint or not hint.strip():
        return None
    spaced = _CAMEL.sub(" ", hint.strip())
    found = map_program_type(hint) or map_program_type(spaced)
    if found:
        return found
    if _DEGREE_NAME.search(spaced):
        return "degree"
    return None


def credential_program_type(name: str | None, type_hint: str | None = None) -> str | None:
    """Badges and credentials (Credly, Open Badges, Accredible): the vendor's type word, else the name.

    Degree words -> degree; "Certified"/"Certification" or an exam tier ("Associate", "Professional") ->
    certification; None otherwise, so the format's default (micro_credential) applies after the catalogue.
    """
    hinted = _type_word(type_hint)
    if hinted:
        return hinted
    if not name:
        return None
    if _DEGREE_NAME.search(name):
        return "degree"
    if _CERTIFICATION_NAME.search(name) or _EXAM_TIER_NAME.search(name):
        return "certification"
    return None


def course_program_type(name: str | None, *, certificate: bool = False) -> str | None:
    """Course platforms (Coursera, LinkedIn Learning, Udemy, Percipio): degree words -> degree; a completed
    course with its own certificate -> micro_credential; None otherwise (default traditional_course)."""
    if name and _DEGREE_NAME.search(name):
        return "degree"
    return "micro_credential" if certificate else None
