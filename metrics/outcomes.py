"""Do people who complete learning get promoted and stay? Rates with honest uncertainty, or no rate at all.

An observational comparison, not an effect estimate: people who choose to learn differ from those who do
not. Every rate carries a Wilson 95% interval, and cohorts below ``min_n`` get no rate, only a reason.
"""

from __future__ import annotations

import math

import duckdb
import polars as pl

from metrics import queries
from metrics.definitions import Definition, MetricResult
from metrics.errors import MetricsError, whole_number
from metrics.filters import Filters

Z_95 = 1.959963984540054
DEFAULT_MIN_N = 30


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for a binomial proportion; None when n is 0."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise MetricsError(f"wilson_interval: successes ({successes}) must be between 0 and n ({n})")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def _rate_columns(frame: pl.DataFrame, min_n: int) -> pl.DataFrame:
    rows = []
    for row in frame.iter_rows(named=True):
        n = int(row["n"])
        out = {"cohort": row["cohort"], "n": n}
        enough = n >= min_n
        for outcome in ("promoted", "retained"):
            k = int(row[outcome])
            interval = wilson_interval(k, n) if enough else None
            out[outcome] = k if enough else None
            out[f"{outcome}_rate"] = k / n if enough else None
            out[f"{outcome}_low"] = interval[0] if interval else None
            out[f"{outcome}_high"] = interval[1] if interval else None
        out["reason"] = None if enough else f"not enough data: n = {n}, below the minimum of {min_n}"
        out["not_employed_at_anchor"] = int(row["not_employed_at_anchor"])
        rows.append(out)
    schema = {
        "cohort": pl.String,
        "n": pl.Int64,
        **{
            f"{o}{suffix}": (pl.Int64 if suffix == "" else pl.Float64)
            for o in ("promoted", "retained")
            for suffix in ("", "_rate", "_low", "_high")
        },
        "reason": pl.String,
        "not_employed_at_anchor": pl.Int64,
    }
    ordered = ["cohort", "n"]
    for o in ("promoted", "retained"):
        ordered += [o, f"{o}_rate", f"{o}_low", f"{o}_high"]
    ordered += ["reason", "not_employed_at_anchor"]
    return pl.DataFrame(rows, schema=schema).select(ordered)


def outcomes(con: duckdb.DuckDBPyConnection, f: Filters, min_n: int = DEFAULT_MIN_N) -> MetricResult:
    """Promotion and retention within 12 months after a completion, by program-type group and for no completion."""
    whole_number(min_n, 1, None, "outcomes: min_n must be a whole number of at least 1")
    raw = queries.run(con, "outcomes", f.params())
    frame = _rate_columns(raw, min_n)
    window_end = raw.get_column("window_end")[0] if raw.height else None
    not_employed = int(raw.get_column("not_employed_at_anchor").sum()) if raw.height else 0
    excluded = [
        f"completions after {window_end} (fewer than 12 months of follow-up by the as-of date)",
        "people who were not employed on their anchor date "
        f"({not_employed} cohort memberships, shown per row as not_employed_at_anchor)",
        "learning records not matched to any person",
    ]
    notes = [
        f"cohorts with n below {min_n} show no rate (reason column) because their intervals would be too "
        "wide to act on",
        "promotion means any change of role between roster loads; it is dated by the effective date of the "
        "roster that first shows the new role, so it is only as precise as roster loads are frequent",
        "a person can be in both program-type cohorts; the comparison is observational (people who choose "
        "to learn differ from those who do not), not an estimate of the effect of learning",
        "interval: Wilson score, 95%",
    ]
    definition = Definition(
        name="Promotion and retention after learning",
        formula="For each cohort: n = people employed on their anchor date; promoted = people with a role "
        "change dated after the anchor and within 12 months of it; retained = people not terminated within "
        "12 months after the anchor; rate = count / n with a Wilson 95% interval. Cohorts: "
        "micro_credentials_and_certifications and traditional_courses_and_degrees = people with a completion "
        "of that group in the window (anchor = their first such completion); no_completion = people with no "
        "completion from the window start to the as-of date (anchor = the window end). The window ends 12 "
        "months before the as-of date, or at date_to if earlier.",
        filters_applied=f.describe(),
        n=int(frame.get_column("n").sum()) if frame.height else 0,
        excluded=excluded,
        notes=notes,
        n_label="cohort memberships",
    )
    return MetricResult(frame, definition)
