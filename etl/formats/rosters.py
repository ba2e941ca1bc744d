"""HR system rosters: Workday (custom report CSV / Report_Entry JSON / REST workers), BambooHR, HiBob,
SAP SuccessFactors OData v2 and the Credly workforce employee table. One row per person."""

from __future__ import annotations

import re

from etl.formats.base import SourceFormat, normalize_header
from etl.formats.reshape import (
    as_list,
    column,
    dig,
    documents_of,
    first,
    from_records,
    is_prepared,
    text,
    values,
    with_columns,
)
from etl.readers import RawTable

ROSTER_COLUMNS = (
    "Employee ID",
    "Full Name",
    "First Name",
    "Last Name",
    "Email",
    "Department",
    "Team",
    "Role",
    "Manager ID",
    "Manager Name",
    "Location",
    "Hire Date",
    "Termination Date",
)
# Workday supervisory organisations are named "Engineering (Logan McNeil)": the manager is not the department.
_MANAGER_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def _compact_headers(table: RawTable) -> set[str]:
    return {normalize_header(c).replace(" ", "") for c in table.columns}


def _department(value: object) -> str | None:
    found = text(value)
    return _MANAGER_SUFFIX.sub("", found) or found if found else None


# ---------------------------------------------------------------------------------------------------------
# Workday

_WORKDAY_ALIASES = {
    "Employee_ID",
    "Worker_ID",
    "Legal_Name",
    "Email_-_Work",
    "Business_Title",
    "Supervisory_Organization",
    "Worker_s_Manager_ID",
    "Worker_s_Manager",
    "Worker_Type",
    "Hire_Date",
    "Termination_Date",
    "Job_Profile",
    "Preferred_Name",
    "Primary_Work_Email",
    "Cost_Center",
    "Original_Hire_Date",
    "Location",
}


def _descriptor(value: dict) -> object:
    return first(value.get("descriptor"), value.get("Descriptor"), value.get("name"), value.get("Name"))


def _reference_id(value: dict) -> object:
    ids = value.get("ID") or value.get("id") or value.get("WID")
    if isinstance(ids, list):  # [{"type": "Employee_ID", "value": "E1"}, …]
        ids = first(*(i.get("value") if isinstance(i, dict) else i for i in ids))
    return ids


def _flatten_report_entry(doc: dict) -> dict[str, object]:
    """Workday report fields: references become their descriptor (and `<field>_ID`), groups their first entry."""
    row: dict[str, object] = {}
    for key, value in doc.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for inner_key, inner in _flatten_report_entry(value[0]).items():
                row.setdefault(inner_key, inner)
        elif isinstance(value, list):
            row[key] = first(*value)
        elif isinstance(value, dict):
            row[key] = _descriptor(value)
            if _reference_id(value) is not None:
                row.setdefault(f"{key}_ID", _reference_id(value))
        else:
            row[key] = value
    if "Supervisory_Organization" in row:
        row["Supervisory_Organization"] = _department(row["Supervisory_Organization"])
    return row


def _rest_worker(doc: dict) -> dict[str, object]:
    job = doc.get("primaryJob") if isinstance(doc.get("primaryJob"), dict) else {}
    org = job.get("supervisoryOrganization") or doc.get("primarySupervisoryOrganization")
    location = job.get("location")
    manager = first(job.get("manager"), doc.get("manager"))
    return {
        "Employee ID": first(
            doc.get("workerId"), doc.get("employeeID"), doc.get("employeeId"), doc.get("id")
        ),
        "Full Name": first(doc.get("descriptor"), dig(doc, "person", "legalName")),
        "Email": first(dig(doc, "person", "email"), doc.get("primaryWorkEmail"), doc.get("email")),
        "Department": _department(_descriptor(org) if isinstance(org, dict) else org),
        "Role": first(
            job.get("businessTitle"),
            doc.get("businessTitle"),
            _descriptor(job["jobProfile"]) if isinstance(job.get("jobProfile"), dict) else None,
        ),
        "Manager ID": _reference_id(manager) if isinstance(manager, dict) else None,
        "Manager Name": _descriptor(manager) if isinstance(manager, dict) else manager,
        "Location": _descriptor(location) if isinstance(location, dict) else location,
        "Hire Date": first(doc.get("hireDate"), job.get("startDate")),
        "Termination Date": doc.get("terminationDate"),
    }


def _is_workday(table: RawTable) -> bool:
    docs = documents_of(table)
    if table.part == "Report_Entry" or any(isinstance(d.get("primaryJob"), dict) for d in docs[:20]):
        return True
    return len(set(table.columns) & _WORKDAY_ALIASES) >= 3


def _prepare_workday(table: RawTable) -> RawTable:
    docs = documents_of(table)
    if is_prepared(table) or not docs:
        # CSV: department names lose the "(Manager Name)" suffix Workday adds to supervisory organisations.
        org = column(table, "supervisory organization")
        if org is None or is_prepared(table):
            return table
        return with_columns(table, {org: [_department(v) for v in values(table, org)]})
    rest = any(isinstance(d.get("primaryJob"), dict) for d in docs)
    rows = [_rest_worker(d) if rest else _flatten_report_entry(d) for d in docs]
    return from_records(
        table,
        rows,
        table.source_rows[: len(rows)],
        prepared_by="workday_report",
        columns=ROSTER_COLUMNS if rest else None,
    )


WORKDAY = SourceFormat(
    name="workday_report",
    kind="roster",
    label="Workday custom report (RaaS CSV or Report_Entry JSON) or REST workers JSON",
    columns={
        "employee_id": ("employee id", "worker id", "employee"),
        "full_name": ("full name", "legal name", "worker", "preferred name", "name"),
        "email": ("email", "email work", "primary work email", "email primary work", "work email"),
        "department": ("department", "supervisory organization"),
        "role": ("role", "business title", "job title", "job profile"),
        "manager_id": ("manager id", "worker s manager id", "manager employee id", "worker s manager id 2"),
        "manager_name": ("manager name", "worker s manager", "manager"),
        "location": ("location", "primary work location", "work location"),
        "hire_date": ("hire date", "original hire date"),
        "termination_date": ("termination date",),
    },
    prepare=_prepare_workday,
    matches_document=_is_workday,
)


# ---------------------------------------------------------------------------------------------------------
# BambooHR


def _is_bamboohr(table: RawTable) -> bool:
    return {"firstname", "lastname", "workemail"} <= _compact_headers(table)


def _prepare_bamboohr(table: RawTable) -> RawTable:
    """BambooHR has two ids: `id` (internal; `supervisorEId` points at it) and `employeeNumber` (what other
    systems know; `supervisorId` points at it). Use employeeNumber when every row has one."""
    if is_prepared(table):
        return table
    numbers = values(table, column(table, "employeenumber", "employee number"))
    if numbers and all(numbers):
        ids, managers = numbers, values(table, column(table, "supervisorid"))
    else:
        ids, managers = values(table, column(table, "id")), values(table, column(table, "supervisoreid"))
    return with_columns(table, {"Employee ID": ids, "Manager ID": managers})


BAMBOOHR = SourceFormat(
    name="bamboohr_employees",
    kind="roster",
    label="BambooHR employees (API field names, CSV or JSON)",
    columns={
        "employee_id": ("employee id",),
        "manager_id": ("manager id",),
        "full_name": ("displayname", "full name"),
        "first_name": ("firstname",),
        "last_name": ("lastname",),
        "email": ("workemail",),
        "role": ("jobtitle",),
        "department": ("department",),
        "team": ("division",),
        "manager_name": ("supervisor",),
        "location": ("location",),
        "hire_date": ("hiredate",),
        "termination_date": ("terminationdate",),
    },
    prepare=_prepare_bamboohr,
    matches_document=_is_bamboohr,
)


# ---------------------------------------------------------------------------------------------------------
# HiBob


def _is_hibob_doc(doc: dict) -> bool:
    return isinstance(doc.get("work"), dict) and ("surname" in doc or "firstName" in doc)


def _is_hibob(table: RawTable) -> bool:
    docs = documents_of(table)
    return bool(docs) and sum(_is_hibob_doc(d) for d in docs) * 2 > len(docs)


def _hibob_row(doc: dict) -> dict[str, object]:
    work = doc["work"]
    department = work.get("department")
    reports_to = work.get("reportsTo")
    site = work.get("site")
    return {
        "Employee ID": doc.get("id"),
        "Full Name": first(
            doc.get("displayName"),
            " ".join(str(p) for p in (doc.get("firstName"), doc.get("surname")) if p) or None,
        ),
        "Email": doc.get("email"),
        "Department": department.get("name") if isinstance(department, dict) else department,
        "Role": work.get("title"),
        "Manager ID": reports_to.get("id") if isinstance(reports_to, dict) else reports_to,
        "Manager Name": first(dig(reports_to, "displayName"), dig(reports_to, "fullName")),
        "Location": site.get("name") if isinstance(site, dict) else site,
        "Hire Date": first(work.get("startDate"), dig(doc, "internal", "startDate")),
        "Termination Date": first(work.get("terminationDate"), dig(doc, "internal", "terminationDate")),
    }


def _prepare_hibob(table: RawTable) -> RawTable:
    if is_prepared(table):
        return table
    pairs = [
        (d, r) for d, r in zip(table.documents or [], table.source_rows, strict=False) if _is_hibob_doc(d)
    ]
    return from_records(
        table,
        [_hibob_row(d) for d, _ in pairs],
        [r for _, r in pairs],
        prepared_by="hibob_json",
        columns=ROSTER_COLUMNS,
    )


HIBOB = SourceFormat(
    name="hibob_json",
    kind="roster",
    label="HiBob people (JSON: id, firstName, surname, email, work{…})",
    prepare=_prepare_hibob,
    matches_document=_is_hibob,
)


# ---------------------------------------------------------------------------------------------------------
# SAP SuccessFactors


def _nav(obj: object, key: str) -> list[dict]:
    """OData v2 navigation properties: `{results: [...]}`, a bare list, or one object."""
    value = dig(obj, key)
    if isinstance(value, dict) and "results" in value:
        value = value["results"]
    return [v for v in as_list(value) if isinstance(v, dict)]


def _is_successfactors(table: RawTable) -> bool:
    docs = documents_of(table)
    return (
        bool(docs)
        and all("personIdExternal" in d or "userId" in d for d in docs[:20])
        and any("__metadata" in d or any(str(k).endswith("Nav") for k in d) for d in docs[:20])
    )


def _sf_row(doc: dict) -> dict[str, object]:
    personal = (_nav(doc, "personalInfoNav") or [{}])[0]
    emails = _nav(doc, "emailNav")
    primary = [e for e in emails if e.get("isPrimary") in (True, "true")] or emails
    employment = (_nav(doc, "employmentNav") or [{}])[0]
    job = (_nav(employment, "jobInfoNav") or _nav(doc, "jobInfoNav") or [{}])[0]
    return {
        "Employee ID": first(doc.get("personIdExternal"), doc.get("userId")),
        "First Name": first(personal.get("preferredName"), personal.get("firstName")),
        "Last Name": personal.get("lastName"),
        "Full Name": first(personal.get("displayName"), doc.get("displayName")),
        "Email": primary[0].get("emailAddress") if primary else doc.get("email"),
        "Department": first(job.get("departmentName"), job.get("department")),
        "Team": first(job.get("divisionName"), job.get("division")),
        "Role": first(job.get("jobTitle"), job.get("title")),
        # SuccessFactors writes NO_MANAGER for the top of the tree.
        "Manager ID": None if str(job.get("managerId")).upper() == "NO_MANAGER" else job.get("managerId"),
        "Location": first(job.get("locationName"), job.get("location")),
        "Hire Date": first(employment.get("startDate"), employment.get("originalStartDate")),
        "Termination Date": employment.get("endDate"),
    }


def _prepare_successfactors(table: RawTable) -> RawTable:
    if is_prepared(table):
        return table
    docs = documents_of(table)
    return from_records(
        table,
        [_sf_row(d) for d in docs],
        table.source_rows[: len(docs)],
        prepared_by="successfactors_odata_json",
        columns=ROSTER_COLUMNS,
    )


SUCCESSFACTORS = SourceFormat(
    name="successfactors_odata_json",
    kind="roster",
    label="SAP SuccessFactors OData v2 (d.results[] with personalInfoNav, emailNav, employmentNav)",
    prepare=_prepare_successfactors,
    matches_document=_is_successfactors,
)


# ---------------------------------------------------------------------------------------------------------
# Credly workforce

CREDLY_WORKFORCE = SourceFormat(
    name="credly_workforce_csv",
    kind="roster",
    label="Credly workforce employee table (external_id, position_title, manager_external_id, …)",
    signature=("external id", "position title", "manager external id"),
    columns={
        "employee_id": ("external id",),
        "role": ("position title",),
        "manager_id": ("manager external id",),
        "department": ("department", "organization level 1"),
        "team": ("team", "organization level 2"),
        "location": ("location",),
    },
)
