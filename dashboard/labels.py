"""The dashboard's vocabulary: how codes from the warehouse read on screen, and which colour each category gets.

One map for every page, so "Micro-credential" is the same word and the same colour in the sidebar, the trend
charts, the ROI comparison and every table. Only what is displayed changes; downloads keep the raw codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PROGRAM_TYPE_LABELS = {
    "micro_credential": "Micro-credential",
    "certification": "Certification",
    "traditional_course": "Traditional course",
    "degree": "Degree",
}
GROUP_LABELS = {
    "micro_credentials_and_certifications": "Micro-credentials + certifications",
    "traditional_courses_and_degrees": "Traditional courses + degrees",
    "no_completion": "No completion",
}
STATE_LABELS = {"expiring": "Expiring", "expired": "Expired", "revoked": "Revoked"}

# Okabe-Ito colours (safe for the common colour-vision deficiencies). The two "new" credential types are the
# green/blue side and the traditional ones the orange/pink side, and each type group takes its lead type's
# colour, so a reader carries one colour key from page to page.
COLOURS = {
    "Micro-credential": "#009E73",
    "Certification": "#56B4E9",
    "Traditional course": "#E69F00",
    "Degree": "#CC79A7",
    "Micro-credentials + certifications": "#009E73",
    "Traditional courses + degrees": "#E69F00",
    "No completion": "#999999",
}
ACCENT = "#1f5fa8"
CATEGORY_ORDER = (*PROGRAM_TYPE_LABELS.values(), *GROUP_LABELS.values())

# Columns whose values are codes with a readable label.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "program_type": PROGRAM_TYPE_LABELS,
    "evidence_program_type": PROGRAM_TYPE_LABELS,
    "group": GROUP_LABELS,
    "cohort": GROUP_LABELS,
    "state": STATE_LABELS,
}


def program_type_label(value: object) -> str:
    """'micro_credential' → 'Micro-credential'; an unknown code is shown as given."""
    return PROGRAM_TYPE_LABELS.get(str(value), str(value)) if value is not None else "—"


def group_label(value: object) -> str:
    """A type group or outcome cohort code as words."""
    return GROUP_LABELS.get(str(value), str(value)) if value is not None else "—"


def colour(category: object) -> str | None:
    """The fixed colour of a program type or type group label; None lets the chart pick."""
    return COLOURS.get(str(category))


Kind = Literal[
    "text",
    "int",
    "money",
    "percent",
    "pct_value",
    "days",
    "hours",
    "ratio",
    "months",
    "date",
    "month",
    "bool",
]


@dataclass(frozen=True)
class Column:
    """How one known column is shown: its heading, how its numbers read, and a tooltip."""

    label: str
    kind: Kind = "text"
    help: str | None = None


COLUMNS: dict[str, Column] = {
    # people and organisation
    "employee_id": Column("Employee id"),
    "full_name": Column("Name"),
    "department": Column("Department"),
    "team": Column("Team"),
    "role": Column("Role"),
    "location": Column("Location"),
    "manager_id": Column("Manager id"),
    "manager_name": Column("Manager"),
    "team_size": Column("Team size", "int"),
    "people_with_requirements": Column("People with requirements", "int"),
    # skills, requirements and gaps
    "skill": Column("Skill"),
    "required_level": Column("Required level", "int"),
    "current_level": Column("Current level", "int"),
    "level": Column("Level", "int"),
    "gap": Column("Gap (levels)", "int"),
    "importance": Column("Importance", "ratio"),
    "required_members": Column("People requiring", "int"),
    "members_meeting": Column("People meeting", "int"),
    "coverage": Column("Coverage", "percent", "People meeting ÷ people whose role requires the skill."),
    "requirements": Column("Requirements", "int"),
    "met": Column("Met", "int"),
    "missing": Column("Missing", "int"),
    "rate": Column("Target achievement", "percent", "Requirements met ÷ requirements."),
    "people_requiring": Column("People requiring", "int"),
    "people_meeting": Column("People meeting", "int"),
    "people_with_gap": Column("People with a gap", "int"),
    "total_gap": Column("Total gap (levels)", "int", "Sum over people of required level − current level."),
    "max_gap": Column("Largest gap", "int"),
    "holders": Column("Holders"),
    "teaches_level": Column("Teaches level", "int"),
    "gaps_it_would_close": Column("Gaps it would close", "int"),
    "valid_credentials": Column("Valid credentials", "int"),
    # programs and money
    "program_name": Column("Program"),
    "provider": Column("Provider"),
    "program_type": Column("Type"),
    "group": Column("Program types"),
    "in_catalogue": Column("In catalogue", "bool"),
    "records": Column("Records", "int"),
    "participants": Column("Participants", "int"),
    "completions": Column("Completions", "int"),
    "in_progress": Column("In progress", "int"),
    "completion_rate": Column("Completion rate", "percent", "Completions ÷ records."),
    "completion_rate_of_finished": Column(
        "Completion rate (finished)", "percent", "Completions ÷ records that ended (completed or failed)."
    ),
    "spend": Column("Spend", "money", "Record cost, else the catalogue list cost."),
    "cost": Column("Cost", "money"),
    "effective_cost": Column("Cost counted", "money", "Record cost, else the catalogue list cost."),
    "typical_cost": Column("Typical cost", "money"),
    "cost_basis": Column("Cost basis"),
    "typical_hours": Column("Typical hours", "hours"),
    "total_cost": Column("Total cost", "money"),
    "cost_per_completion": Column("Cost per completion", "money"),
    "total_hours": Column("Total hours", "hours"),
    "hours_per_completion": Column("Hours per completion", "hours"),
    "median_days_to_complete": Column("Median days to complete", "days"),
    "requirements_met": Column("Requirements met", "int"),
    "cost_per_requirement_met": Column("Cost per requirement met", "money"),
    "retained_completers": Column("Completers retained", "int"),
    "costs": Column("Costs", "money"),
    "benefits": Column("Benefits", "money"),
    "net_benefits": Column("Net benefits", "money"),
    "roi_pct": Column("ROI", "pct_value", "(benefits − costs) ÷ costs."),
    "bcr": Column("Benefit-cost ratio", "ratio", "Benefits ÷ costs."),
    "payback_months": Column("Payback (months)", "months"),
    # outcomes
    "cohort": Column("Cohort"),
    "n": Column("People", "int"),
    "promoted": Column("Promoted", "int"),
    "promoted_rate": Column("Promoted (share)", "percent"),
    "promoted_low": Column("Promoted (low)", "percent", "Lower end of the 95% Wilson interval."),
    "promoted_high": Column("Promoted (high)", "percent", "Upper end of the 95% Wilson interval."),
    "retained": Column("Retained", "int"),
    "retained_rate": Column("Retained (share)", "percent"),
    "retained_low": Column("Retained (low)", "percent", "Lower end of the 95% Wilson interval."),
    "retained_high": Column("Retained (high)", "percent", "Upper end of the 95% Wilson interval."),
    "reason": Column("Reason"),
    "not_employed_at_anchor": Column("Not employed at the start", "int"),
    # credentials and evidence
    "state": Column("State"),
    "status": Column("Status"),
    "started_on": Column("Started", "date"),
    "completed_on": Column("Completed", "date"),
    "expires_on": Column("Expires", "date"),
    "expiry_source": Column("Expiry from"),
    "days_left": Column("Days left", "int"),
    "renewed": Column("Renewed", "bool"),
    "skill_source": Column("Skill from"),
    "counts_as_evidence": Column("Counts", "bool"),
    "not_counted_because": Column("Why not"),
    "credential_url": Column("Credential link"),
    "evidence_program": Column("Evidence: program"),
    "evidence_program_type": Column("Evidence: type"),
    "evidence_provider": Column("Evidence: provider"),
    "evidence_completed_on": Column("Evidence: completed", "date"),
    "evidence_expires_on": Column("Evidence: expires", "date"),
    "evidence_skill_source": Column("Evidence: skill from"),
    "month": Column("Month", "month"),
    # warehouse and loads
    "table_name": Column("Table"),
    "row_count": Column("Rows", "int"),
    "load_id": Column("Load", "int"),
    "batch_id": Column("Batch", "int"),
    "file_name": Column("File"),
    "kind": Column("Kind"),
    "source_format": Column("Format"),
    "rows_read": Column("Rows read", "int"),
    "rows_loaded": Column("Rows loaded", "int"),
    "rows_rejected": Column("Rows rejected", "int"),
    "rows_unmatched": Column("Rows unmatched", "int"),
    "loaded_at": Column("Loaded at"),
    "undone_at": Column("Undone at"),
    "effective_date": Column("Effective date", "date"),
    "message": Column("Message"),
    "source_employee_id": Column("Source employee id"),
    "source_external_id": Column("Source external id"),
    "source_email": Column("Source email"),
    "source_name": Column("Source name"),
    "source_row": Column("Source row", "int"),
    "row_number": Column("Row", "int"),
    "row": Column("Row", "int"),
    "column_name": Column("Column"),
    "column": Column("Column"),
    "value": Column("Value"),
    "raw_row": Column("Raw row"),
}

# Internal keys: hidden on screen (still in downloads). A key with a partner is hidden only when its readable
# partner is in the same table, so a table that has nothing else to name the row by still shows the key.
INTERNAL_KEYS: dict[str, str | None] = {
    "person_key": None,
    "skill_key": None,
    "record_id": None,
    "skill_id": "skill",
    "program_key": "program_name",
}


def heading(column: str) -> str:
    """The on-screen heading of a column: its label if known, else the name in words."""
    spec = COLUMNS.get(column)
    return spec.label if spec else column.replace("_", " ").capitalize()
