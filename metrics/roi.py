"""Phillips ROI of learning, from costs in the data and benefits only from assumptions the user states.

The data hold costs, never money benefits, so every benefit comes from an explicit, editable assumption
adjusted by a stated confidence factor. With no assumptions the benefit is zero and the definition says so:
inventing a default value per completion would turn a guess into a number that looks measured.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import duckdb
import polars as pl

from metrics.definitions import Definition, MetricResult
from metrics.economics import economics
from metrics.errors import MetricsError
from metrics.filters import Filters


@dataclass(frozen=True)
class RoiAssumptions:
    """Money value per outcome, each with a confidence factor 0..1 applied to it (Phillips adjustment)."""

    value_per_requirement_met: float = 0.0
    requirement_met_confidence: float = 1.0
    value_per_completion: float = 0.0
    completion_confidence: float = 1.0
    retention_value_per_retained_employee: float = 0.0
    retention_confidence: float = 1.0
    benefit_period_months: int = 12  # the period the benefits above accrue over (payback uses it)

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise MetricsError(f"ROI assumption {name!r} must be a finite number, got {value!r}")
            if value < 0:
                raise MetricsError(f"ROI assumption {name!r} cannot be negative, got {value!r}")
            if name.endswith("_confidence") and value > 1:
                raise MetricsError(
                    f"ROI assumption {name!r} is a confidence factor between 0 and 1, got {value!r}"
                )
        if self.benefit_period_months < 1:
            raise MetricsError(
                f"ROI assumption 'benefit_period_months' must be at least 1, got {self.benefit_period_months!r}"
            )

    @property
    def any_benefit(self) -> bool:
        return (
            self.value_per_requirement_met * self.requirement_met_confidence
            + self.value_per_completion * self.completion_confidence
            + self.retention_value_per_retained_employee * self.retention_confidence
        ) > 0

    def describe(self) -> list[str]:
        return [
            f"value per requirement met {self.value_per_requirement_met:g} x confidence "
            f"{self.requirement_met_confidence:g}",
            f"value per completion {self.value_per_completion:g} x confidence {self.completion_confidence:g}",
            f"retention value per retained completer {self.retention_value_per_retained_employee:g} x "
            f"confidence {self.retention_confidence:g}",
            f"benefits accrue over {self.benefit_period_months} months",
        ]


ROI_FORMULA = (
    "Phillips: costs = total_cost of the group's learning records (record cost, else catalogue list cost); "
    "benefits = requirements_met x value_per_requirement_met x its confidence + completions x "
    "value_per_completion x its confidence + retained_completers x retention value x its confidence; "
    "net_benefits = benefits - costs; roi_pct = net_benefits / costs x 100; bcr = benefits / costs; "
    "payback_months = costs / (benefits / benefit_period_months). Null when a denominator is 0. "
    "requirements_met credits each met requirement to the group of its best valid evidence; "
    "retained_completers = people with a completion in the group still employed at the as-of date."
)


def _apply(frame: pl.DataFrame, a: RoiAssumptions) -> pl.DataFrame:
    benefits = (
        pl.col("requirements_met") * (a.value_per_requirement_met * a.requirement_met_confidence)
        + pl.col("completions") * (a.value_per_completion * a.completion_confidence)
        + pl.col("retained_completers") * (a.retention_value_per_retained_employee * a.retention_confidence)
    ).cast(pl.Float64)
    costs = pl.col("costs")
    has_costs = costs > 0
    monthly = pl.col("benefits") / a.benefit_period_months
    return (
        frame.rename({"total_cost": "costs"})
        .with_columns(benefits.alias("benefits"))
        .with_columns((pl.col("benefits") - costs).alias("net_benefits"))
        .with_columns(
            pl.when(has_costs).then(pl.col("net_benefits") / costs * 100).alias("roi_pct"),
            pl.when(has_costs).then(pl.col("benefits") / costs).alias("bcr"),
            pl.when(monthly > 0).then(costs / monthly).alias("payback_months"),
        )
    )


def _definition(name: str, f: Filters, a: RoiAssumptions, base: Definition) -> Definition:
    notes = list(base.notes)
    if not a.any_benefit:
        notes.insert(
            0, "no benefit assumptions given: benefits are 0, so ROI is -100% wherever there is cost"
        )
    notes.append(
        "benefits come only from the assumptions listed; they do not isolate the effect of learning from "
        "other causes, so set the confidence factors accordingly. Intangible benefits are not counted."
    )
    return Definition(
        name=name,
        formula=ROI_FORMULA,
        filters_applied=f.describe() + a.describe(),
        n=base.n,
        excluded=list(base.excluded),
        notes=notes,
        n_label="learning records",
    )


_COLUMNS = [
    "records",
    "completions",
    "requirements_met",
    "retained_completers",
    "costs",
    "benefits",
    "net_benefits",
    "roi_pct",
    "bcr",
    "payback_months",
]


def roi(
    con: duckdb.DuckDBPyConnection, f: Filters, assumptions: RoiAssumptions | None = None
) -> MetricResult:
    """Side by side: micro-credentials and certifications vs traditional courses and degrees."""
    a = assumptions or RoiAssumptions()
    base = economics(con, f, "type_group")
    frame = _apply(base.frame, a).select("group", *_COLUMNS)
    name = "ROI: micro-credentials and certifications vs traditional courses and degrees"
    return MetricResult(frame, _definition(name, f, a, base.definition))


def roi_by_program(
    con: duckdb.DuckDBPyConnection, f: Filters, assumptions: RoiAssumptions | None = None
) -> MetricResult:
    """The same ROI per program (catalogue program when matched, else name + provider)."""
    a = assumptions or RoiAssumptions()
    base = economics(con, f, "program")
    frame = (
        _apply(base.frame, a)
        .select("program_key", "program_name", "provider", "program_type", *_COLUMNS)
        .sort(["roi_pct", "program_name"], descending=[True, False], nulls_last=True)
    )
    return MetricResult(frame, _definition("ROI by program", f, a, base.definition))
