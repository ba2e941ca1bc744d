"""Every source format Skillgrid recognises. Vendor layouts first: they are more specific than canonical ones
(detection keeps the first of equal scores)."""

from __future__ import annotations

from etl.formats.accredible import ACCREDIBLE
from etl.formats.base import SourceFormat
from etl.formats.canonical import CANONICAL_FORMATS
from etl.formats.coursera import COURSERA_MEMBERSHIP, COURSERA_USAGE
from etl.formats.credly import CREDLY_ANALYTICS, CREDLY_API, CREDLY_BULK_ISSUE
from etl.formats.degreed import DEGREED_COMPLETIONS
from etl.formats.esco import ESCO_OCCUPATION_SKILLS
from etl.formats.linkedin import LINKEDIN_LEARNING, LINKEDIN_LEARNING_API
from etl.formats.openbadges import OPEN_BADGES
from etl.formats.percipio import PERCIPIO_ACTIVITY
from etl.formats.roles import ONET_SKILLS, ROLE_MATRIX
from etl.formats.rosters import BAMBOOHR, CREDLY_WORKFORCE, HIBOB, SUCCESSFACTORS, WORKDAY
from etl.formats.training import TRAINING_RECORDS
from etl.formats.udemy import UDEMY_ACTIVITY, UDEMY_USERS

VENDOR_FORMATS: tuple[SourceFormat, ...] = (
    # learning: badges and credentials
    CREDLY_ANALYTICS,
    CREDLY_BULK_ISSUE,
    CREDLY_API,
    OPEN_BADGES,
    ACCREDIBLE,
    # learning: course platforms and HR training records
    COURSERA_USAGE,
    COURSERA_MEMBERSHIP,
    LINKEDIN_LEARNING,
    LINKEDIN_LEARNING_API,
    UDEMY_ACTIVITY,
    DEGREED_COMPLETIONS,
    PERCIPIO_ACTIVITY,
    TRAINING_RECORDS,
    # rosters
    WORKDAY,
    BAMBOOHR,
    HIBOB,
    SUCCESSFACTORS,
    CREDLY_WORKFORCE,
    UDEMY_USERS,
    # role requirements
    ONET_SKILLS,
    ESCO_OCCUPATION_SKILLS,
    ROLE_MATRIX,
)

ALL_FORMATS: tuple[SourceFormat, ...] = VENDOR_FORMATS + CANONICAL_FORMATS


def format_by_name(name: str) -> SourceFormat:
    for fmt in ALL_FORMATS:
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in ALL_FORMATS)
    raise KeyError(f"unknown format {name!r}; known formats: {known}")
