"""Individuals: the people list and one person's requirements and evidence, so any figure can be traced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from metrics import queries
from metrics.coverage import EVIDENCE_RULE, REQUIREMENT_RULE, ROSTER_NOTE
from metrics.definitions import Definition, MetricResult
from metrics.errors import UnknownEmployeeError
from metrics.filters import Filters
from metrics.scope import people_excluded, scope


def people(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """One row per person employed as of the as-of date, with requirements met/missing and credentials."""
    s = scope(con, f)
    frame = queries.run(con, "people", f.params())  # nothing shared: it reads requirement_evidence inline
    definition = Definition(
        name="People",
        formula="Everyone in the selection employed as of the as-of date. requirements / met / missing count "
        "their role's requirements; completions and valid_credentials count their matched learning records "
        "(valid = completed and not expired as of the as-of date). " + REQUIREMENT_RULE,
        filters_applied=f.describe(),
        n=frame.height,
        excluded=people_excluded(s, f, requirements=False),
        notes=[ROSTER_NOTE],
    )
    return MetricResult(frame, definition)


def people_names(con: duckdb.DuckDBPyConnection, f: Filters) -> MetricResult:
    """Who is in the selection (id, name, team; people's order), without their figures: a person picker
    needs no requirement or record counts, which cost ~0.5 s at 100,000 employees."""
    s = scope(con, f)
    frame = queries.run(con, "people_names", f.params())
    definition = Definition(
        name="People (names)",
        formula="Everyone in the selection employed as of the as-of date: employee id, name and team.",
        filters_applied=f.describe(),
        n=frame.height,
        excluded=people_excluded(s, f, requirements=False),
        notes=[ROSTER_NOTE],
    )
    return MetricResult(frame, definition)


@dataclass(frozen=True)
class PersonProfile:
    """One person: roster facts, their requirements (met or missing) and every record as evidence."""

    person: dict[str, Any]
    requirements: MetricResult
    evidence: MetricResult


def person_profile(con: duckdb.DuckDBPyConnection, employee_id: str, f: Filters) -> PersonProfile:
    """Requirements met and missing, and each record with skill source, dates, expiry and whether it counts."""
    if not isinstance(employee_id, str) or not employee_id.strip():
        raise UnknownEmployeeError(f"person_profile needs an employee id, got {employee_id!r}")
    params = f.params() | {"employee_id": employee_id}
    person_frame = queries.run(con, "person", params)
    if person_frame.is_empty():
        raise UnknownEmployeeError(f"no employee with id {employee_id!r} in the warehouse")
    person = person_frame.row(0, named=True)
    requirements = queries.run(con, "person_requirements", params | {"focus_employee_id": employee_id})
    evidence = queries.run(con, "person_evidence", params)

    hire, term = person["hire_date"], person["termination_date"]
    req_notes = [ROSTER_NOTE]
    if term is not None and term <= f.as_of:
        req_notes.append(f"terminated on {term}: no requirements apply as of {f.as_of}")
    elif hire is not None and hire > f.as_of:
        req_notes.append(f"hired on {hire}, after {f.as_of}: no requirements apply yet")
    elif requirements.is_empty():
        req_notes.append(f"the role {person['role']!r} has no skill requirements")

    req_def = Definition(
        name=f"Requirements of {person['full_name'] or employee_id}",
        formula=REQUIREMENT_RULE + " " + EVIDENCE_RULE + " The evidence shown is the best valid evidence "
        "(highest level, then earliest completion).",
        filters_applied=f.describe(),
        n=requirements.height,
        excluded=[],
        notes=req_notes,
        n_label="requirements",
    )
    ev_def = Definition(
        name=f"Learning records of {person['full_name'] or employee_id}",
        formula="Each record x skill it evidences (from the record's own skills, else its catalogue program's). "
        "counts_as_evidence is false, with the reason, for in-progress, failed or revoked records, "
        "completions after the as-of date, expired credentials and records with no known skills.",
        filters_applied=f.describe(),
        n=evidence.get_column("record_id").n_unique() if evidence.height else 0,
        excluded=["records outside the program-type or date filters"] if f.restricts_records else [],
        notes=["expiry is the record's own date, else completion date + the catalogue's validity_months"],
        n_label="learning records",
    )
    return PersonProfile(person, MetricResult(requirements, req_def), MetricResult(evidence, ev_def))


def employee_for_email(con: duckdb.DuckDBPyConnection, email: str, as_of: date | None = None) -> str | None:
    """The one current employee whose roster email is ``email`` (trimmed, any case), else None.

    Sign-in recognises a manager by it, so an ambiguous email (two current people share it) and a blank one
    match nobody rather than the wrong person. Current means not terminated on or before ``as_of`` (today).
    """
    if not isinstance(email, str) or not email.strip():
        return None
    frame = queries.run(con, "employee_for_email", {"email": email.strip(), "as_of": as_of or date.today()})
    ids = frame.get_column("employee_id").to_list()
    return ids[0] if len(ids) == 1 else None
