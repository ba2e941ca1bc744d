"""The canonical fields of each kind of file, with the header spellings analysts actually use.

docs/FORMATS.md is generated from these tables' meaning; tests/test_formats_doc.py keeps it true.
"""

from __future__ import annotations

from etl.formats.base import (
    DATE,
    EMAIL,
    HOURS,
    IMPORTANCE,
    INTEGER,
    LEVEL,
    MONEY,
    PROGRAM_TYPE,
    SKILLS,
    STATUS,
    TEXT,
    Field,
    SourceFormat,
)

ROSTER_FIELDS: tuple[Field, ...] = (
    Field(
        "employee_id",
        TEXT,
        (
            "employee id", "employee number", "employee no", "emp id", "empid", "worker id", "person id",
            "personnel number", "staff id", "id", "employee", "employeenumber", "employee_id", "user id",
            "personidexternal", "external id", "badge id",
        ),
        required=True,
        help="the HR system's id for the person",
    ),
    Field("full_name", TEXT, ("full name", "name", "employee name", "legal name", "worker", "display name",
                               "displayname", "preferred name", "legal_name")),
    Field("first_name", TEXT, ("first name", "firstname", "given name", "forename", "first")),
    Field("last_name", TEXT, ("last name", "lastname", "surname", "family name", "last")),
    Field("email", EMAIL, ("email", "work email", "email work", "email address", "business email",
                           "workemail", "e mail", "mail", "primary email", "company email")),
    Field("department", TEXT, ("department", "dept", "division", "department name", "business unit",
                               "supervisory organization", "organization", "org", "function")),
    Field("team", TEXT, ("team", "team name", "group", "squad", "sub department", "unit", "cost center")),
    Field("role", TEXT, ("role", "job title", "position", "title", "job", "business title", "jobtitle",
                         "position title", "job profile", "designation", "job role")),
    Field("manager_id", TEXT, ("manager id", "managerid", "supervisor id", "supervisorid", "supervisoreid",
                               "reports to id", "manager employee id", "worker s manager id",
                               "line manager id", "manager external id")),
    Field("manager_name", TEXT, ("manager", "manager name", "supervisor", "supervisor name", "reports to",
                                 "line manager", "managername")),
    Field("location", TEXT, ("location", "office", "site", "city", "work location", "country", "base")),
    Field("hire_date", DATE, ("hire date", "start date", "date of hire", "dateofhire", "hired", "join date",
                              "joining date", "original hire date", "startdate", "hiredate", "hire_date")),
    Field("termination_date", DATE, ("termination date", "end date", "leave date", "exit date",
                                     "date of termination", "dateoftermination", "terminationdate",
                                     "leaving date", "termination_date")),
)

LEARNING_FIELDS: tuple[Field, ...] = (
    Field("employee_id", TEXT, ("employee id", "emp id", "empid", "employee number", "worker id", "userid",
                                "user id", "staff id", "employee_id", "person id")),
    Field("external_id", TEXT, ("external id", "issuer earner id", "unique user id", "lms user id",
                                "learner id", "earner id", "externalid", "student id")),
    Field("email", EMAIL, ("email", "work email", "email address", "issued to email", "recipient email",
                           "learner email", "user email", "e mail")),
    Field("full_name", TEXT, ("name", "full name", "learner name", "employee name", "learner", "user name")),
    Field(
        "program_name",
        TEXT,
        ("program", "program name", "programme", "course", "course title", "course name", "badge name",
         "credential", "credential name", "certification", "certificate", "title", "content title",
         "training program name", "training program", "learning item", "activity", "program_name"),
        required=True,
    ),
    Field("provider", TEXT, ("provider", "issuer", "issued by", "vendor", "institution", "university",
                             "school", "content provider", "partner", "organization", "trainer company")),
    Field("program_type", PROGRAM_TYPE, ("program type", "type", "credential type", "content type",
                                         "learning type", "training type", "category", "program_type")),
    Field(
        "status",
        STATUS,
        ("status", "completion status", "outcome", "result", "state", "training outcome", "completed",
         "badge status", "progress status"),
        required=True,
    ),
    Field("started_on", DATE, ("start date", "started", "started on", "enrollment date", "enrolment date",
                               "enrolled on", "enrollment time", "start", "date started", "training date",
                               "first access", "started_on")),
    Field("completed_on", DATE, ("completion date", "completed on", "completed date", "date completed",
                                 "end date", "issue date", "issued on", "issued at", "date issued",
                                 "completion time", "finish date", "awarded on", "completed_on",
                                 "issued at date", "date earned", "earned on")),
    Field("expires_on", DATE, ("expiry date", "expiration date", "expires", "expires on", "valid until",
                               "expiry", "expiration", "expires_on", "expires at", "renewal date")),
    Field("cost", MONEY, ("cost", "price", "fee", "fees", "amount", "tuition", "training cost", "spend",
                          "cost usd", "cost eur", "total cost")),
    Field("hours", HOURS, ("hours", "duration", "duration hours", "learning hours", "estimated learning hours",
                           "hours spent", "time spent", "credit hours", "hours viewed", "training hours")),
    Field("skills", SKILLS, ("skills", "skill", "skills taught", "competencies", "skill tags", "tags")),
    Field("record_id", TEXT, ("record id", "earner badge id", "badge id", "credential id", "enrollment id",
                              "completion id", "certificate id", "transaction id")),
    Field("credential_url", TEXT, ("badge url", "credential url", "certificate url", "url",
                                   "course certificate url", "verification url")),
)

ROLES_FIELDS: tuple[Field, ...] = (
    Field("role", TEXT, ("role", "job title", "position", "title", "job", "job role", "role name",
                         "occupation"), required=True),
    Field("skill", TEXT, ("skill", "skill name", "competency", "capability", "skill_name"), required=True),
    Field("required_level", LEVEL, ("required level", "level", "target level", "expected level",
                                    "proficiency", "required proficiency", "min level", "required_level"),
          required=True),
    Field("importance", IMPORTANCE, ("importance", "weight", "priority", "criticality")),
)

CATALOGUE_FIELDS: tuple[Field, ...] = (
    Field("program_name", TEXT, ("program", "program name", "programme", "course", "course title",
                                 "badge name", "credential", "title", "program_name"), required=True),
    Field("provider", TEXT, ("provider", "issuer", "vendor", "institution", "issued by")),
    Field("program_type", PROGRAM_TYPE, ("program type", "type", "credential type", "category",
                                         "program_type"), required=True),
    Field("cost", MONEY, ("cost", "list cost", "price", "fee", "list price")),
    Field("hours", HOURS, ("hours", "duration", "duration hours", "learning hours", "time to earn")),
    Field("validity_months", INTEGER, ("validity months", "validity", "valid for months", "months valid",
                                       "expires after months", "renewal months", "validity_months")),
    Field("skills", SKILLS, ("skills", "skills taught", "competencies", "skill tags")),
)

FIELDS_BY_KIND: dict[str, tuple[Field, ...]] = {
    "roster": ROSTER_FIELDS,
    "learning": LEARNING_FIELDS,
    "roles": ROLES_FIELDS,
    "catalogue": CATALOGUE_FIELDS,
}

CANONICAL_FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat("canonical_roster", "roster", "Roster (CSV/XLSX with one row per person)"),
    SourceFormat("canonical_learning", "learning", "Learning records (one row per person × program attempt)"),
    SourceFormat("canonical_roles", "roles", "Role requirements, long form (role, skill, required level)"),
    SourceFormat("canonical_catalogue", "catalogue", "Program catalogue (program, provider, type, skills)"),
)
