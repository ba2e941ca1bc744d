"""Numbers, percentages, durations and integers written by people in many locales.

The decimal separator is decided once per column from the values that prove it ("1.234,50", "12,5",
"1,234.50", "12.5"), so "1.234" cannot be read as 1234 in one row and 1.234 in the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from etl.parse import Parsed
from etl.parse.values import normalize_missing, problems_from

OVERFLOW = 1e15
CURRENCY = r"(?i)(?:USD|EUR|GBP|CHF|CAD|AUD|US\$|[€$£¥₹])"
GROUP_BLANKS = " \u00a0\u202f'\u2019"  # always thousands separators, never decimal ones
DAY_HOURS = 8.0
UNITS = {"hours": 1.0, "minutes": 1 / 60, "seconds": 1 / 3600, "days": DAY_HOURS}

_NUM = r"\d+(?:[.,]\d+)?"
_CLOCK = r"^(\d+):(\d{1,2})(?::(\d{1,2}(?:[.,]\d+)?))?$"
_WORDS = (
    rf"(?i)^(?:({_NUM})\s*(?:days|day|d)\s*,?\s*)?"
    rf"(?:({_NUM})\s*(?:hours|hour|hrs|hr|h)\s*,?\s*)?"
    rf"(?:({_NUM})\s*(?:minutes|minute|mins|min|m)\s*,?\s*)?"
    rf"(?:({_NUM})\s*(?:seconds|second|secs|sec|s))?$"
)
_ISO_DURATION = rf"(?i)^P(?:({_NUM})D)?(?:T(?:({_NUM})H)?(?:({_NUM})M)?(?:({_NUM})S)?)?$"


@dataclass(frozen=True)
class _Numbers:
    values: pl.Series  # Float64, null where missing or bad
    reasons: pl.Series  # String, non-null exactly where a non-missing cell is bad
    decimal: str
    note: str


def _lit_reason(cond: pl.Series, reason: str | None, otherwise: pl.Series) -> pl.Series:
    return pl.select(pl.when(cond).then(pl.lit(reason)).otherwise(otherwise)).to_series()


def _proofs(df: pl.DataFrame) -> pl.DataFrame:
    """Per value: the decimal separator it proves (or null) and whether it is a "1,234"-like toss-up."""
    t = pl.col("t")
    dots = t.str.count_matches(".", literal=True)
    commas = t.str.count_matches(",", literal=True)
    last_is_comma = t.str.contains(r",[^.]*$")
    lead0 = (
        t.str.starts_with("0.") | t.str.starts_with("0,") | t.str.starts_with(".") | t.str.starts_with(",")
    )
    after3 = t.str.contains(r"[.,]\d{3}(?:[eE][+-]?\d+)?$")
    single_sep = pl.when(commas == 1).then(pl.lit(",")).otherwise(pl.lit("."))
    has_sep = pl.col("has_dot") | pl.col("has_comma")
    return (
        df.filter(t.is_not_null())
        .with_columns(has_dot=t.str.contains(".", literal=True), has_comma=t.str.contains(",", literal=True))
        .filter(has_sep)
        .select(
            "t",
            proof=pl.when(pl.col("has_dot") & pl.col("has_comma"))
            .then(pl.when(last_is_comma).then(pl.lit(",")).otherwise(pl.lit(".")))
            .when((commas > 1) & ~pl.col("has_dot"))
            .then(pl.lit("."))
            .when((dots > 1) & ~pl.col("has_comma"))
            .then(pl.lit(","))
            .when(~after3 | lead0)
            .then(single_sep)
            .otherwise(None),
            tossup=pl.when(pl.col("has_dot") ^ pl.col("has_comma")).then(single_sep).otherwise(None),
        )
    )


def _decide_decimal(df: pl.DataFrame, decimal: str | None) -> tuple[str, str]:
    """Pick the decimal separator from the values that prove it; return it and a sentence saying why."""
    if decimal is not None:
        if decimal not in (".", ","):
            raise ValueError(f"decimal must be '.' or ',' (got {decimal!r})")
        return decimal, f"numbers read with '{decimal}' as the decimal separator (as instructed)"
    frame = _proofs(df)
    if frame.height == 0:
        return ".", "numbers read with '.' as the decimal separator (no value has a separator)"
    for_comma = frame.filter(pl.col("proof") == ",")
    for_dot = frame.filter(pl.col("proof") == ".")
    n_comma, n_dot = for_comma.height, for_dot.height
    if n_comma > n_dot:
        note = f"numbers read with ',' as the decimal separator (a value {for_comma['t'][0]} shows it)"
        if n_dot:
            note += f"; {n_dot} value(s) written with a decimal point do not fit and are problems"
        return ",", note
    if n_dot > 0:
        note = f"numbers read with '.' as the decimal separator (a value {for_dot['t'][0]} shows it)"
        if n_comma:
            note += f"; {n_comma} value(s) written with a decimal comma do not fit and are problems"
        return ".", note
    comma_tossups = frame.filter(pl.col("tossup") == ",")
    if comma_tossups.height:
        return ".", (
            f"',' read as a thousands separator: every value like {comma_tossups['t'][0]} could also be "
            "a decimal comma; pass decimal=',' if they are decimals"
        )
    return ".", (
        f"'.' read as the decimal point: every value like {frame['t'][0]} could also use '.' for "
        "thousands; pass decimal=',' if they are thousands"
    )


def _numbers(clean: pl.Series, decimal: str | None) -> _Numbers:
    """Parse already-normalised text; shared by every numeric parser so they agree on separators.

    Signs and brackets are peeled with plain string operations (no regex) to keep 1M-row columns fast.
    """
    t = pl.col("t")
    df = pl.DataFrame({"raw": clean})
    if clean.str.contains(CURRENCY).any():
        df = df.with_columns(t=pl.col("raw").str.replace_all(CURRENCY, "").str.strip_chars())
    else:
        df = df.with_columns(t=pl.col("raw"))
    minus = ("-", "\u2212")
    df = df.with_columns(acc=t.str.starts_with("(") & t.str.ends_with(")"))
    df = df.with_columns(
        t=pl.when("acc").then(t.str.strip_prefix("(").str.strip_suffix(")").str.strip_chars()).otherwise(t)
    )
    df = df.with_columns(
        lead_minus=t.str.starts_with(minus[0]) | t.str.starts_with(minus[1]), lead_plus=t.str.starts_with("+")
    )
    lead = pl.col("lead_minus") | pl.col("lead_plus")
    df = df.with_columns(t=pl.when(lead).then(t.str.slice(1).str.strip_chars_start()).otherwise(t))
    df = df.with_columns(trail=t.str.ends_with(minus[0]) | t.str.ends_with(minus[1]))
    df = df.with_columns(
        t=pl.when("trail")
        .then(t.str.strip_suffix(minus[0]).str.strip_suffix(minus[1]).str.strip_chars_end())
        .otherwise(t)
    )
    dec, note = _decide_decimal(df, decimal)
    thou = "," if dec == "." else "."
    t_class = re.escape(thou + GROUP_BLANKS)
    fits = rf"^(?:\d+|\d{{1,3}}(?:[{t_class}]\d{{3}})+)?(?:{re.escape(dec)}\d*)?(?:[eE][+-]?\d+)?$"
    present = df.select(
        t.str.contains(ch, literal=True).any().alias(str(i)) for i, ch in enumerate(thou + GROUP_BLANKS)
    )
    digits = t
    for i, ch in enumerate(thou + GROUP_BLANKS):
        if present[str(i)][0]:
            digits = digits.str.replace_all(ch, "", literal=True)
    if dec == ",":
        digits = digits.str.replace(",", ".", literal=True)
    signs = pl.sum_horizontal(pl.col("acc", "lead_minus", "lead_plus", "trail").cast(pl.Int8))
    df = df.with_columns(
        number=pl.when(t.str.contains(fits) & t.str.contains(r"^[^eE]*\d"))
        .then(digits.cast(pl.Float64, strict=False))
        .otherwise(None),
    )
    negative = pl.col("acc") | pl.col("lead_minus") | pl.col("trail")
    df = df.with_columns(number=pl.when(negative).then(-pl.col("number")).otherwise("number"))
    thousands_name = {".": "'.'", ",": "','"}[thou]
    fmt = f"decimal separator '{dec}', thousands grouped with {thousands_name} or spaces"
    number = pl.col("number")
    reason = (
        pl.when(pl.col("raw").is_null())
        .then(None)
        .when(signs > 1)
        .then(pl.lit("more than one sign (minus, plus or brackets)"))
        .when(number.is_null())
        .then(pl.lit(f"not a number in the column's format ({fmt})"))
        .when(number.abs() > OVERFLOW)
        .then(pl.lit(f"magnitude above {OVERFLOW:.0e} (overflow)"))
        .otherwise(None)
    )
    out = df.select(
        values=pl.when(reason.is_null()).then(number).otherwise(None).cast(pl.Float64),
        reasons=reason.cast(pl.String),
    )
    return _Numbers(out["values"].alias(clean.name), out["reasons"], dec, note)


def parse_number(s: pl.Series, *, decimal: str | None = None) -> Parsed:
    """Read amounts like "€1.234,50", "(12.50)", "12.50-", "1'234" or "1 234,5" as Float64."""
    clean = normalize_missing(s)
    n = _numbers(clean, decimal)
    return Parsed(n.values, problems_from(s, n.reasons), n.note)


def parse_integer(s: pl.Series, *, lo: int | None = None, hi: int | None = None) -> Parsed:
    """Whole numbers (\"3\", \"3.0\", \"1,200\") as Int64; values outside lo..hi are problems."""
    clean = normalize_missing(s)
    n = _numbers(clean, None)
    v = n.values
    reasons = _lit_reason(v.is_not_null() & (v != v.round(0)), "not a whole number", n.reasons)
    if lo is not None:
        reasons = _lit_reason(v.is_not_null() & (v < lo), f"below the minimum {lo}", reasons)
    if hi is not None:
        reasons = _lit_reason(v.is_not_null() & (v > hi), f"above the maximum {hi}", reasons)
    values = pl.select(pl.when(reasons.is_null()).then(v).otherwise(None).cast(pl.Int64).alias(s.name))
    note = n.note
    if lo is not None or hi is not None:
        note += f"; whole numbers from {'-inf' if lo is None else lo} to {'inf' if hi is None else hi}"
    return Parsed(values.to_series(), problems_from(s, reasons), note)


def parse_percent(s: pl.Series) -> Parsed:
    """Percentages as a fraction 0..1: "45%", "45 %", "45,5%", "0.45", or "45" in a column of percents."""
    clean = normalize_missing(s)
    has_pct = clean.str.contains(r"%$")
    body = clean.str.replace(r"\s*%$", "")
    n = _numbers(body, None)
    bare = n.values.filter(~has_pct.fill_null(False) & n.values.is_not_null())
    bare_are_percents = bool(bare.len() and (bare.abs() > 1).any())
    scale = pl.select(pl.when(has_pct).then(0.01).otherwise(0.01 if bare_are_percents else 1.0)).to_series()
    fraction = n.values * scale
    out_of_range = fraction.is_not_null() & ((fraction < 0) | (fraction > 1 + 1e-12))
    reasons = _lit_reason(out_of_range, "outside 0% to 100%", n.reasons)
    values = pl.select(pl.when(reasons.is_null()).then(fraction).otherwise(None).alias(s.name)).to_series()
    if bare.len() == 0:
        how = "values with % divided by 100"
    elif bare_are_percents:
        how = f"values without % read as percents of 100 (a value {bare.filter(bare.abs() > 1)[0]:g} is above 1)"
    else:
        how = "values without % read as fractions (none is above 1)"
    return Parsed(values.cast(pl.Float64), problems_from(s, reasons), f"percentages: {how}; {n.note}")


def _float(text: pl.Series) -> pl.Series:
    return text.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)


def parse_duration_hours(s: pl.Series, *, unit: str | None = None) -> Parsed:
    """Learning effort in hours from "1:30", "1:30:00", "1h 30m", "90 min", "2.5 hours", "PT1H30M", "3 days".

    Two colon parts are H:MM (never MM:SS): course lengths are hours long. A day is 8 working hours.
    """
    unit = unit or "hours"
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)} (got {unit!r})")
    clean = normalize_missing(s)
    n = len(clean)
    has_digit = clean.str.contains(r"\d")
    kinds = {
        "clock": clean.str.contains(_CLOCK),
        "words": clean.str.contains(_WORDS) & has_digit,
        "iso": clean.str.contains(_ISO_DURATION) & has_digit,
    }
    hours = pl.Series(s.name, [], dtype=pl.Float64).extend_constant(None, n)
    clock_bad = pl.Series([], dtype=pl.Boolean).extend_constant(False, n)
    # Regex captures only for the rows written that way: a column of plain numbers never pays for them.
    for kind, pattern in (("clock", _CLOCK), ("words", _WORDS), ("iso", _ISO_DURATION)):
        at = kinds[kind].fill_null(False).arg_true()
        if at.len() == 0:
            continue
        parts = clean.gather(at).str.extract_groups(pattern).struct.unnest()
        if kind == "clock":
            h, m = _float(parts.to_series(0)), _float(parts.to_series(1))
            sec = _float(parts.to_series(2)).fill_null(0.0)
            hours = hours.scatter(at, h + m / 60 + sec / 3600)
            clock_bad = clock_bad.scatter(at, (m >= 60) | (sec >= 60))
        else:
            d, h, m, sec = (_float(parts.to_series(i)).fill_null(0.0) for i in range(4))
            hours = hours.scatter(at, d * DAY_HOURS + h + m / 60 + sec / 3600)
    written = kinds["clock"] | kinds["words"] | kinds["iso"]
    plain_text = pl.select(pl.when(written).then(None).otherwise(clean).alias(s.name)).to_series()
    plain = _numbers(plain_text, None)
    hours = pl.select(
        pl.when(written).then(hours).otherwise(plain.values * UNITS[unit]).alias(s.name)
    ).to_series()
    accepted = "H:MM, H:MM:SS, 1h 30m, 90 min, 2.5 hours, 3 days, PT1H30M or a plain number"
    reasons = _lit_reason(plain.reasons.is_not_null(), f"not a duration (use {accepted})", plain.reasons)
    reasons = _lit_reason(hours.is_not_null() & (hours < 0), "a duration cannot be negative", reasons)
    reasons = _lit_reason(hours.is_not_null() & (hours > OVERFLOW), "duration too large (overflow)", reasons)
    reasons = _lit_reason(clock_bad, "minutes and seconds in H:MM:SS must be below 60", reasons)
    reasons = _lit_reason(clean.is_null(), None, reasons)
    values = pl.select(pl.when(reasons.is_null()).then(hours).otherwise(None).alias(s.name)).to_series()
    has_days = clean.str.contains(r"(?i)^P?[\d.,]+\s*d").any() or (
        unit == "days" and plain.values.is_not_null().any()
    )
    note = f"durations in hours; plain numbers read as {unit}; two colon parts read as H:MM"
    if has_days:
        note += f"; a day counts as {DAY_HOURS:g} working hours"
    return Parsed(values.cast(pl.Float64), problems_from(s, reasons), note)


_STRONG_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+,\d+(?![\d.,])")
_STRONG_DOT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,])")
_WEAK_COMMA = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
_WEAK_DOT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.,])")


def decimal_hint_from_text(sample: str) -> str | None:
    """Guess a file's decimal separator from a text sample (e.g. its first kilobytes), or None.

    Values with both separators decide; short decimals ("12,5") count only when commas are not the
    field delimiter (fewer commas than semicolons or tabs), because "12,5" in a CSV is two fields.
    """
    comma = len(_STRONG_COMMA.findall(sample))
    dot = len(_STRONG_DOT.findall(sample))
    if comma == 0 and dot == 0:
        dot = len(_WEAK_DOT.findall(sample))
        if sample.count(",") < sample.count(";") + sample.count("\t"):
            comma = len(_WEAK_COMMA.findall(sample))
    if comma > dot:
        return ","
    if dot > comma:
        return "."
    return None
