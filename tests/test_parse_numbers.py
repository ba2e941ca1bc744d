"""Numbers, percentages, durations and integers: separators decided per column, problems per cell."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.parse import (
    decimal_hint_from_text,
    parse_duration_hours,
    parse_integer,
    parse_number,
    parse_percent,
)


def col(*values: str | None) -> pl.Series:
    return pl.Series("cost", list(values), dtype=pl.String)


def approx_list(values: list[float | None], expected: list[float | None]) -> bool:
    return len(values) == len(expected) and all(
        (v is None and e is None) or (v is not None and e is not None and math.isclose(v, e, abs_tol=1e-9))
        for v, e in zip(values, expected, strict=True)
    )


@pytest.mark.parametrize(
    ("values", "kwargs", "expected", "note_has"),
    [
        (["1.234,50", "12,5", "7"], {}, [1234.5, 12.5, 7.0], "',' as the decimal separator (a value"),
        (["1,234.50", "12.5"], {}, [1234.5, 12.5], "'.' as the decimal separator (a value"),
        (["12,5"], {}, [12.5], "','"),
        (["0,123"], {}, [0.123], "','"),
        (["1,234,567"], {}, [1234567.0], "'.'"),
        (["1.234.567"], {}, [1234567.0], "','"),
        (["1,234", "5,678"], {}, [1234.0, 5678.0], "thousands separator: every value like 1,234"),
        (["1,234", "5,678"], {"decimal": ","}, [1.234, 5.678], "as instructed"),
        (["1.234"], {}, [1.234], "could also use '.' for thousands"),
        (["€1.234,50", "1.234,50 €", "EUR 2,00"], {}, [1234.5, 1234.5, 2.0], "','"),
        (["$1,234.50", "USD 12", "£3.50", "12.00 GBP", "US$ 5.5"], {}, [1234.5, 12.0, 3.5, 12.0, 5.5], "'.'"),
        (
            ["(12.50)", "12.50-", "-12.5", "+12.5", "\u221212.5", "( $3.00 )"],
            {},
            [-12.5, -12.5, -12.5, 12.5, -12.5, -3.0],
            "'.'",
        ),
        (["1 234,50", "1\u00a0234,5", "1\u202f234,5"], {}, [1234.5] * 3, "','"),
        (["1'234.50", "1\u2019234.5"], {}, [1234.5] * 2, "'.'"),
        (["12", "7", "-3"], {}, [12.0, 7.0, -3.0], "no value has a separator"),
        (["1.5E+03", "2e-2", ".5"], {}, [1500.0, 0.02, 0.5], "'.'"),
        (["1e15", "-1e15"], {}, [1e15, -1e15], "'.'"),
        (["n/a", "", None, "-", "12.5"], {}, [None, None, None, None, 12.5], "'.'"),
    ],
)
def test_parse_number_formats(values: list[str | None], kwargs: dict, expected: list, note_has: str) -> None:
    parsed = parse_number(col(*values), **kwargs)
    assert parsed.values.dtype == pl.Float64 and parsed.values.name == "cost"
    assert parsed.problems == []
    assert approx_list(parsed.values.to_list(), expected)
    assert note_has in parsed.note


@pytest.mark.parametrize(
    ("values", "bad", "reason_has"),
    [
        (["1,234.50", "12.5", "12,5"], [2], "not a number in the column's format (decimal separator '.'"),
        (["1.234,50", "12,5", "1.5"], [2], "decimal separator ','"),
        (["abc", "12"], [0], "not a number"),
        (["1,23,4", "1.5"], [0], "not a number"),
        (["2e20", "5"], [0], "overflow"),
        (["-1000000000000000.5", "5"], [0], "overflow"),
        (["-12.5-", "(-3)", "--4", "3"], [0, 1, 2], ""),
        (["-12.5-", "3"], [0], "more than one sign"),
        (["12 5", "3.5"], [0], "not a number"),
        (["inf", "3"], [0], "not a number"),
        (["€", "3"], [0], "not a number"),
    ],
)
def test_parse_number_problems(values: list[str], bad: list[int], reason_has: str) -> None:
    parsed = parse_number(col(*values))
    assert [p.index for p in parsed.problems] == bad
    assert all(reason_has in p.reason for p in parsed.problems)
    assert all(parsed.values[i] is None for i in bad)
    assert [p.value for p in parsed.problems] == [values[i] for i in bad]


def test_mixed_separators_are_reported_in_the_note() -> None:
    parsed = parse_number(col("1,234.50", "12.5", "12,5"))
    assert "1 value(s) written with a decimal comma do not fit" in parsed.note


def test_decimal_must_be_a_separator() -> None:
    with pytest.raises(ValueError, match="decimal must be"):
        parse_number(col("1"), decimal=";")


@pytest.mark.parametrize(
    ("values", "expected", "note_has"),
    [
        (["45%", "45 %", "100%", "0%"], [0.45, 0.45, 1.0, 0.0], "with % divided by 100"),
        (["45,5%", "12,25 %"], [0.455, 0.1225], "','"),
        (["0.45", "1", "0"], [0.45, 1.0, 0.0], "read as fractions"),
        (["45", "0.5", "100"], [0.45, 0.005, 1.0], "percents of 100 (a value 45 is above 1)"),
        (["45%", "0.5"], [0.45, 0.5], "read as fractions"),
        (["45%", "30"], [0.45, 0.30], "percents of 100"),
        ([None, "n/a", "50%"], [None, None, 0.5], "with %"),
    ],
)
def test_parse_percent(values: list[str | None], expected: list, note_has: str) -> None:
    parsed = parse_percent(col(*values))
    assert parsed.problems == []
    assert approx_list(parsed.values.to_list(), expected)
    assert note_has in parsed.note


def test_parse_percent_problems() -> None:
    parsed = parse_percent(col("120%", "-5%", "abc", "50%"))
    assert [(p.index, p.reason) for p in parsed.problems][:2] == [
        (0, "outside 0% to 100%"),
        (1, "outside 0% to 100%"),
    ]
    assert "not a number" in parsed.problems[2].reason
    assert parsed.values.to_list() == [None, None, None, 0.5]


@pytest.mark.parametrize(
    ("values", "kwargs", "expected"),
    [
        (["1:30:00", "1:30", "0:45", "10:00:36"], {}, [1.5, 1.5, 0.75, 10.01]),
        (
            ["1h 30m", "1h30m", "2h", "45m", "90 min", "30 mins", "3600s"],
            {},
            [1.5, 1.5, 2.0, 0.75, 1.5, 0.5, 1.0],
        ),
        (
            ["2.5 hours", "2,5 hours", "1 hour 15 minutes", "2 hrs", "1 hr, 30 min"],
            {},
            [2.5, 2.5, 1.25, 2.0, 1.5],
        ),
        (["3 days", "1 day", "1d 2h", "0.5 days"], {}, [24.0, 8.0, 10.0, 4.0]),
        (["PT1H30M", "PT45M", "P1DT2H", "pt30s"], {}, [1.5, 0.75, 10.0, 30 / 3600]),
        (["2", "2.5", "0"], {}, [2.0, 2.5, 0.0]),
        (["90", "30"], {"unit": "minutes"}, [1.5, 0.5]),
        (["5400"], {"unit": "seconds"}, [1.5]),
        (["2"], {"unit": "days"}, [16.0]),
        (["N/A", None, "1:00"], {}, [None, None, 1.0]),
    ],
)
def test_parse_duration_hours(values: list[str | None], kwargs: dict, expected: list) -> None:
    parsed = parse_duration_hours(col(*values), **kwargs)
    assert parsed.problems == []
    assert approx_list(parsed.values.to_list(), expected)


def test_duration_notes() -> None:
    assert "a day counts as 8 working hours" in parse_duration_hours(col("3 days")).note
    assert "a day counts as 8 working hours" in parse_duration_hours(col("2"), unit="days").note
    plain = parse_duration_hours(col("90"), unit="minutes").note
    assert "plain numbers read as minutes" in plain and "day" not in plain


def test_duration_problems() -> None:
    parsed = parse_duration_hours(col("1:75", "1:30:60", "-2", "soon", "2 weeks", "1h"))
    reasons = {p.index: p.reason for p in parsed.problems}
    assert set(reasons) == {0, 1, 2, 3, 4}
    assert "below 60" in reasons[0] and "below 60" in reasons[1]
    assert reasons[2] == "a duration cannot be negative"
    assert reasons[3].startswith("not a duration (use H:MM")
    assert parsed.values.to_list()[5] == 1.0


def test_duration_unit_is_checked() -> None:
    with pytest.raises(ValueError, match="unit must be one of"):
        parse_duration_hours(col("1"), unit="weeks")


def test_parse_integer() -> None:
    parsed = parse_integer(col("3", "3.0", "1,200", "2.5", "7", "-1", "x", None), lo=0, hi=5)
    assert parsed.values.dtype == pl.Int64
    assert parsed.values.to_list() == [3, 3, None, None, None, None, None, None]
    reasons = {p.index: p.reason for p in parsed.problems}
    assert reasons[2] == "above the maximum 5" and reasons[4] == "above the maximum 5"
    assert reasons[3] == "not a whole number"
    assert reasons[5] == "below the minimum 0"
    assert "not a number" in reasons[6]
    assert "whole numbers from 0 to 5" in parsed.note


def test_parse_integer_unbounded() -> None:
    parsed = parse_integer(col("1,200", "-7", "+3"))
    assert parsed.values.to_list() == [1200, -7, 3] and parsed.problems == []


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("name;amount\na;1.234,50\nb;12,5\n", ","),
        ('name,amount\na,"1,234.50"\nb,12.5\n', "."),
        ("name\tamount\na\t12,50\n", ","),
        ("name,amount\na,12,50\n", None),  # comma-delimited: 12,50 is two fields
        ("name,amount\na,12.50\n", "."),
        ("no numbers here", None),
        ("a;1.234,5;1,234.5", None),
    ],
)
def test_decimal_hint_from_text(sample: str, expected: str | None) -> None:
    assert decimal_hint_from_text(sample) == expected


# --- properties: format random amounts in US and European style, parse the column back --------------


def _us(x: float) -> str:
    return f"{x:,.2f}"


def _eu(x: float) -> str:
    return f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _eu_spaces(x: float) -> str:
    return f"{x:,.2f}".replace(",", "\u00a0").replace(".", ",")


def _swiss(x: float) -> str:
    return f"{x:,.2f}".replace(",", "'")


amounts = st.lists(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False), min_size=1, max_size=10
)


@settings(max_examples=80, deadline=None)
@given(amounts, st.sampled_from([_us, _eu, _eu_spaces, _swiss]), st.booleans())
def test_number_round_trip(xs: list[float], style, accounting: bool) -> None:
    def fmt(x: float) -> str:
        text = style(abs(x))
        return (f"({text})" if accounting else f"-{text}") if x < 0 else text

    parsed = parse_number(col(*(fmt(x) for x in xs)))
    assert parsed.problems == []
    for got, x in zip(parsed.values.to_list(), xs, strict=True):
        assert got is not None and abs(got - x) <= 0.005 + abs(x) * 1e-15


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=-(10**12), max_value=10**12), min_size=1, max_size=10), st.booleans())
def test_integers_with_thousands_round_trip_given_decimal(xs: list[int], european: bool) -> None:
    text = [f"{x:,}".replace(",", ".") if european else f"{x:,}" for x in xs]
    parsed = parse_number(col(*text), decimal="," if european else ".")
    assert parsed.values.to_list() == [float(x) for x in xs]
