"""Date columns: every accepted way of writing, the ambiguity refusals, and round-trip properties."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import etl.parse.values as values
from etl.parse import AmbiguousColumn, day_first_evidence, parse_dates

D = dt.date


@pytest.fixture(autouse=True, scope="module", params=["per row", "per distinct value"])
def _both_ways(request: pytest.FixtureRequest):
    """Every test runs twice: as written, and with every column parsed once per distinct value (what
    large repetitive columns get), which must give the very same dates, problems, notes and refusals."""
    if request.param == "per row":
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(values, "SAMPLE_ROWS", 0)
        yield


def col(*values: str | None) -> pl.Series:
    return pl.Series("hire_date", list(values), dtype=pl.String)


@pytest.mark.parametrize(
    ("values", "kwargs", "expected", "note_has"),
    [
        (["2024-04-23", "2024-1-2"], {}, [D(2024, 4, 23), D(2024, 1, 2)], "YYYY-MM-DD"),
        (
            ["2024-04-23T10:11:12", "2024-04-23 10:11"],
            {},
            [D(2024, 4, 23)] * 2,
            "times and UTC offsets ignored",
        ),
        (["2022-02-04T15:20:32.000-05:00"], {}, [D(2022, 2, 4)], "YYYY-MM-DD"),
        (["2022-02-04T23:59:59Z", "2022-02-04T00:00:00.123456+0530"], {}, [D(2022, 2, 4)] * 2, "YYYY-MM-DD"),
        (["2024/04/23", "2024/4/3"], {}, [D(2024, 4, 23), D(2024, 4, 3)], "YYYY/MM/DD"),
        (["4/23/2024", "1/2/2024"], {}, [D(2024, 4, 23), D(2024, 1, 2)], "M/D/YYYY (month first"),
        (["23/04/2024", "01/02/2024"], {}, [D(2024, 4, 23), D(2024, 2, 1)], "D/M/YYYY (day first"),
        (["23.04.2024", "01.02.2024"], {}, [D(2024, 4, 23), D(2024, 2, 1)], "DD.MM.YYYY"),
        (["01.02.2024"], {}, [D(2024, 2, 1)], "always day first"),
        (["23-04-2024", "01-02-2024"], {}, [D(2024, 4, 23), D(2024, 2, 1)], "DD-MM-YYYY"),
        (["04-23-2024", "01-02-2024"], {}, [D(2024, 4, 23), D(2024, 1, 2)], "MM-DD-YYYY"),
        (["1/2/24", "12/31/69", "1/1/70"], {}, [D(2024, 1, 2), D(2069, 12, 31), D(1970, 1, 1)], "pivot 70"),
        (
            ["1/2/24", "12/31/49", "1/1/50"],
            {"century_pivot": 50},
            [D(2024, 1, 2), D(2049, 12, 31), D(1950, 1, 1)],
            "pivot 50",
        ),
        (["23/04/2024 14:05", "4/5/2024 2:05 PM"], {}, [D(2024, 4, 23), D(2024, 5, 4)], "D/M/YYYY"),
        (["20240423", "19991231"], {}, [D(2024, 4, 23), D(1999, 12, 31)], "YYYYMMDD"),
        (["202404", "199912"], {}, [D(2024, 4, 1), D(1999, 12, 1)], "day set to 1"),
        (["1577485482000", "1577485482999"], {}, [D(2019, 12, 27)] * 2, "epoch milliseconds"),
        (["1577485482", "100000000"], {}, [D(2019, 12, 27), D(1973, 3, 3)], "epoch seconds"),
        (["/Date(1577485482000)/", "/Date(1577485482000+0000)/"], {}, [D(2019, 12, 27)] * 2, "/Date("),
        (
            ["/Date(1577491200000+0100)/", "/Date(1577491200000-0100)/"],
            {},
            [D(2019, 12, 28), D(2019, 12, 27)],
            "offset",
        ),
        (["4 Mar 2024", "March 4, 2024", "04-Mar-2024"], {}, [D(2024, 3, 4)] * 3, "month names"),
        (
            ["Mon, 4 Mar 2024", "Sept 3 2024", "3rd September 2024"],
            {},
            [D(2024, 3, 4), D(2024, 9, 3), D(2024, 9, 3)],
            "month",
        ),
        (["4-Mar-24", "4 mar 99"], {}, [D(2024, 3, 4), D(1999, 3, 4)], "two-digit years"),
        (
            ["45000", "45000.75", "61"],
            {"allow_excel_serial": True},
            [D(2023, 3, 15), D(2023, 3, 15), D(1900, 3, 1)],
            "Excel",
        ),
        (["1", "59"], {"allow_excel_serial": True}, [D(1900, 1, 1), D(1900, 2, 28)], "1900 date system"),
        (
            ["01/02/2024", "03/04/2024"],
            {"day_first": True},
            [D(2024, 2, 1), D(2024, 4, 3)],
            "day first as instructed",
        ),
        (
            ["01/02/2024", "03/04/2024"],
            {"day_first": False},
            [D(2024, 1, 2), D(2024, 3, 4)],
            "month first as instructed",
        ),
        (
            ["23/04/2024", "2024-05-06"],
            {},
            [D(2024, 4, 23), D(2024, 5, 6)],
            "YYYY-MM-DD values also accepted",
        ),
        (
            ["\u00a02024-01-02 ", "N/A", "(blank)", "#n/a", "", None, "-"],
            {},
            [D(2024, 1, 2)] + [None] * 6,
            "YYYY-MM-DD",
        ),
    ],
)
def test_accepted_formats(
    values: list[str | None], kwargs: dict, expected: list[dt.date | None], note_has: str
) -> None:
    parsed = parse_dates(col(*values), **kwargs)
    assert parsed.values.dtype == pl.Date
    assert parsed.values.name == "hire_date"
    assert parsed.values.to_list() == expected
    assert parsed.problems == []
    assert note_has in parsed.note


@pytest.mark.parametrize(
    ("values", "kwargs", "bad_index", "reason_has"),
    [
        (["31/02/2024", "23/04/2024"], {}, 0, "February 2024 has 29 days, not 31"),
        (["2023-02-29", "2024-02-29"], {}, 0, "February 2023 has 28 days"),
        (["13/13/2024", "23/04/2024"], {}, 0, "month 13 does not exist"),
        (["23/04/2024", "1/2/1899"], {}, 1, "year 1899 is outside 1900–2100"),
        (["2101-01-01", "2024-01-01"], {}, 0, "year 2101"),
        (["2024-04-23", "4/23/2024", "2024-04-24"], {}, 1, "not a date in the column's format YYYY-MM-DD"),
        (["23/04/2024", "24/04/2024", "23.04.2024"], {}, 2, "format D/M/YYYY"),
        (["23/04/2024", "24/04/2024", "23-04-2024"], {}, 2, "format D/M/YYYY"),
        (["20240423", "20241323"], {}, 1, "month 13 does not exist (the column is read as YYYYMMDD)"),
        (["4 Foo 2024", "4 Mar 2024"], {}, 0, "'Foo' is not a month name"),
        (["45000", "2024-01-01", "2024-01-02"], {}, 0, "format YYYY-MM-DD"),
        (["1577485482000", "2024-01-01", "2024-01-02"], {}, 0, "format YYYY-MM-DD"),
        (["1577485482000", "1577485482000", "1577485482"], {}, 2, "mixes epoch seconds and milliseconds"),
        (["9999999999"], {}, 0, "outside 1970–2100"),
        (["60", "45000"], {"allow_excel_serial": True}, 0, "60 is not a date"),
        (["01/02/2024", "23/04/2024", "04/23/2024"], {"day_first": True}, 2, "month 23 does not exist"),
        (["hello", "2024-01-01"], {}, 0, "not a date in the column's format YYYY-MM-DD"),
    ],
)
def test_problems(values: list[str], kwargs: dict, bad_index: int, reason_has: str) -> None:
    parsed = parse_dates(col(*values), **kwargs)
    assert [p.index for p in parsed.problems] == [bad_index]
    problem = parsed.problems[0]
    assert problem.value == values[bad_index]
    assert reason_has in problem.reason
    assert parsed.values[bad_index] is None
    assert parsed.values.null_count() == 1
    assert "1 value(s) could not be read" in parsed.note


def test_unrecognised_column_reports_every_value() -> None:
    parsed = parse_dates(col("soon", "45000", None, "later"))
    assert [p.index for p in parsed.problems] == [0, 1, 3]
    assert "Excel serial numbers are only read from Excel cells" in parsed.problems[1].reason
    assert parsed.note == "no value is a recognised date"
    assert parsed.values.null_count() == 4


def test_problem_keeps_raw_cell_text() -> None:
    parsed = parse_dates(col("  31/02/2024\u00a0", "23/04/2024"))
    assert parsed.problems[0].value == "  31/02/2024\u00a0"


def test_all_missing_and_empty() -> None:
    assert parse_dates(col(None, " ", "n/a")).note == "no dates (every value is missing)"
    empty = parse_dates(col())
    assert empty.values.len() == 0 and empty.problems == []


def test_undecidable_order_is_refused_with_examples() -> None:
    with pytest.raises(AmbiguousColumn) as info:
        parse_dates(col("01/02/2024", "03/04/2024", "05/06/2024", "07/08/2024"), column="hire_date")
    message = str(info.value)
    assert "'hire_date'" in message
    assert "'01/02/2024', '03/04/2024', '05/06/2024'" in message and "07/08/2024" not in message
    assert "--day-first" in message and "--month-first" in message and "upload page" in message
    assert info.value.column == "hire_date"
    assert isinstance(info.value, ValueError)


def test_dash_order_is_refused_too() -> None:
    with pytest.raises(AmbiguousColumn, match="both fit"):
        parse_dates(col("01-02-2024", "03-04-2024"))


def test_conflicting_orders_are_refused_naming_both() -> None:
    with pytest.raises(AmbiguousColumn) as info:
        parse_dates(col("01/02/2024", "23/04/2024", "04/23/2024"), column="completed_on")
    message = str(info.value)
    assert "23/04/2024 has day 23" in message and "04/23/2024 has day 23" in message
    assert "this column" not in message


def test_refusal_without_column_name_and_pickles() -> None:
    with pytest.raises(AmbiguousColumn, match="this column") as info:
        parse_dates(col("1/2/2024"))
    clone = pickle.loads(pickle.dumps(info.value))
    assert str(clone) == str(info.value)


def test_minority_iso_in_slash_column_is_no_evidence() -> None:
    # ISO values never prove day/month order, so a slash column of small numbers is still ambiguous.
    with pytest.raises(AmbiguousColumn):
        parse_dates(col("01/02/2024", "2024-12-25", "03/04/2024"))


def test_column_evidence_beats_a_contradicting_hint() -> None:
    parsed = parse_dates(col("23/04/2024", "01/02/2024"), day_first=False)
    assert parsed.values.to_list() == [D(2024, 4, 23), D(2024, 2, 1)]
    assert "overrides the month-first hint" in parsed.note


def test_excel_serials_only_when_allowed() -> None:
    assert parse_dates(col("45000")).values.to_list() == [None]
    mixed = parse_dates(col("2024-01-02", "2024-01-03", "45000"), allow_excel_serial=True)
    assert mixed.values.to_list() == [D(2024, 1, 2), D(2024, 1, 3), D(2023, 3, 15)]
    assert "Excel serial day numbers values also accepted" in mixed.note


def test_bad_pivot_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="century_pivot"):
        parse_dates(col("1/2/24"), century_pivot=150)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ([col("23/04/2024", "01/02/2024"), col("01/02/2024")], True),
        ([col("04/23/2024"), col("01/02/2024"), col("Alice", "Bob")], False),
        ([col("04-23-2024")], False),
        ([col("23/04/2024"), col("04/23/2024")], None),
        ([col("23/04/2024", "04/23/2024")], None),
        ([col("01/02/2024", "03/04/2024")], None),
        ([col("23.04.2024")], None),
        ([col("note 23/04/2024", "x", "y")], None),
        ([col("23/04/2024", "hello", "there", "you")], None),
        ([pl.Series("n", [1, 2, 3]), col(None, "")], None),
        ([], None),
    ],
)
def test_day_first_evidence(columns: list[pl.Series], expected: bool | None) -> None:
    assert day_first_evidence(columns) is expected


# --- properties: format a column of random dates one way, parse it, get the dates back -------------

MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EPOCH = dt.date(1970, 1, 1)


def _excel(d: dt.date) -> str:
    return str((d - dt.date(1899, 12, 30)).days)


# name -> (formatter, order-ambiguous when every day <= 12, first date allowed, last date allowed)
FORMATS: dict[str, tuple[Callable[[dt.date], str], bool, dt.date, dt.date]] = {
    "iso": (lambda d: d.isoformat(), False, D(1900, 1, 1), D(2100, 12, 31)),
    "iso_time": (lambda d: f"{d.isoformat()}T23:59:59.999-05:00", False, D(1900, 1, 1), D(2100, 12, 31)),
    "ymd_slash": (lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}", False, D(1900, 1, 1), D(2100, 12, 31)),
    "d/m/yyyy": (lambda d: f"{d.day}/{d.month}/{d.year}", True, D(1900, 1, 1), D(2100, 12, 31)),
    "m/d/yyyy": (lambda d: f"{d.month}/{d.day}/{d.year}", True, D(1900, 1, 1), D(2100, 12, 31)),
    "dd/mm/yy": (
        lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        True,
        D(1970, 1, 1),
        D(2069, 12, 31),
    ),
    "dd.mm.yyyy": (lambda d: d.strftime("%d.%m.%Y"), False, D(1900, 1, 1), D(2100, 12, 31)),
    "dd-mm-yyyy": (lambda d: d.strftime("%d-%m-%Y"), True, D(1900, 1, 1), D(2100, 12, 31)),
    "mm-dd-yyyy": (lambda d: d.strftime("%m-%d-%Y"), True, D(1900, 1, 1), D(2100, 12, 31)),
    "yyyymmdd": (lambda d: d.strftime("%Y%m%d"), False, D(1900, 1, 1), D(2100, 12, 31)),
    "d mon yyyy": (
        lambda d: f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}",
        False,
        D(1900, 1, 1),
        D(2100, 12, 31),
    ),
    "month d, yyyy": (lambda d: f"{d:%B} {d.day}, {d.year}", False, D(1900, 1, 1), D(2100, 12, 31)),
    "dd-mon-yyyy": (
        lambda d: f"{d.day:02d}-{MONTH_ABBR[d.month - 1]}-{d.year}",
        False,
        D(1900, 1, 1),
        D(2100, 12, 31),
    ),
    "epoch_ms": (
        lambda d: str((d - EPOCH).days * 86_400_000 + 43_200_123),
        False,
        D(1973, 3, 4),
        D(2100, 12, 31),
    ),
    "epoch_s": (lambda d: str((d - EPOCH).days * 86_400 + 86_399), False, D(1973, 3, 4), D(2100, 12, 31)),
    "ms_json": (lambda d: f"/Date({(d - EPOCH).days * 86_400_000})/", False, D(1900, 1, 1), D(2100, 12, 31)),
    "excel": (_excel, False, D(1900, 3, 1), D(2100, 12, 31)),
}


@st.composite
def formatted_column(draw: st.DrawFn) -> tuple[str, list[dt.date]]:
    name = draw(st.sampled_from(sorted(FORMATS)))
    _, _, first, last = FORMATS[name]
    dates = draw(st.lists(st.dates(min_value=first, max_value=last), min_size=1, max_size=8))
    return name, dates


@settings(max_examples=170, deadline=None)
@given(formatted_column(), st.booleans())
def test_round_trip_every_format(case: tuple[str, list[dt.date]], give_hint: bool) -> None:
    name, dates = case
    fmt, order_matters, _, _ = FORMATS[name]
    column = col(*(fmt(d) for d in dates))
    day_first = name.startswith("d") and order_matters
    hint = day_first if give_hint else None
    ambiguous = order_matters and all(d.day <= 12 for d in dates)
    if ambiguous and hint is None:
        with pytest.raises(AmbiguousColumn):
            parse_dates(column, day_first=hint, allow_excel_serial=name == "excel")
        return
    parsed = parse_dates(column, day_first=hint, allow_excel_serial=name == "excel")
    assert parsed.problems == []
    assert parsed.values.to_list() == dates


@settings(max_examples=25, deadline=None)
@given(st.lists(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)), min_size=1, max_size=6))
def test_yyyymm_round_trips_to_first_of_month(dates: list[dt.date]) -> None:
    parsed = parse_dates(col(*(d.strftime("%Y%m") for d in dates)))
    assert parsed.values.to_list() == [d.replace(day=1) for d in dates]


_TRICKY = [
    "2024-04-23",
    "2024-04-23T10:00",
    "23/04/2024",
    "04/23/2024",
    "01/02/2024",
    "1/2/24",
    "13-01-2024",
    "01-13-2024",
    "05.06.2024",
    "4 Mar 2024",
    "March 4, 2024",
    "04-Foo-2024",
    "20240423",
    "202404",
    "1714000000",
    "1714000000000",
    "/Date(1714000000000+0100)/",
    "45406",
    "30/02/2024",
    "2024-13-01",
    "n/a",
    "  ",
    None,
    "garbage",
    "31/12/99",
    "12/31/1899",
]


def _outcome(s: pl.Series, **kwargs) -> object:
    try:
        parsed = parse_dates(s, **kwargs)
    except AmbiguousColumn as exc:
        return ("refused", str(exc), exc.examples)
    return parsed.values.to_list(), parsed.problems, parsed.note


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_TRICKY), min_size=1, max_size=40),
    st.sampled_from([None, True, False]),
    st.booleans(),
)
def test_per_distinct_value_parsing_matches_per_row(cells, day_first, excel) -> None:
    s = col(*cells)
    kwargs = {"day_first": day_first, "allow_excel_serial": excel, "column": "When"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(values, "SAMPLE_ROWS", 10**9)
        per_row = _outcome(s, **kwargs)
        evidence = day_first_evidence([s])
        patch.setattr(values, "SAMPLE_ROWS", 0)
        assert _outcome(s, **kwargs) == per_row
        assert day_first_evidence([s]) == evidence


@pytest.mark.parametrize(
    "cells",
    [
        ["23/04/2024", "30/02/2024", "23/04/2024", "04/23/2024"],
        ["23/04/2024", "23/04/2024", "30/02/2024", "04/23/2024"],
        ["04/23/2024", "23/04/2024", "13/05/2024"],
    ],
)
def test_refusal_examples_are_the_first_rows_either_way(cells: list[str]) -> None:
    """The third example is the second *row* that can only be day first, which may repeat the first."""
    with pytest.raises(AmbiguousColumn) as caught:
        parse_dates(col(*cells))
    only_day = [c for c in cells if int(c.split("/")[0]) > 12]
    assert caught.value.examples == (only_day[0], "04/23/2024", only_day[1])


def test_a_date_column_read_twice_finds_its_distinct_values_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Staging decides the day/month order from every date column, then parses each: given as DateColumns,
    each column's distinct values are found once for both steps, with the same verdict, dates, problems
    and notes as the columns given as text."""
    from etl.parse import dates

    texts = [
        ["03/04/2024", "25/12/2023", None, "31/02/2024", "03/04/2024"],
        ["01/02/2024", None, "05/06/2024"],
    ]
    columns = [pl.Series(f"c{i}", t, dtype=pl.String) for i, t in enumerate(texts)]
    plain = day_first_evidence(columns, cleaned=True)
    parsed = [parse_dates(c, day_first=plain, column=c.name, cleaned=True) for c in columns]
    calls: list[int] = []
    of = dates._Distinct.of.__func__
    monkeypatch.setattr(dates._Distinct, "of", classmethod(lambda cls, s: calls.append(1) or of(cls, s)))
    shared = [dates.DateColumn(c) for c in columns]
    verdict = day_first_evidence(shared)
    again = [parse_dates(d, day_first=verdict, column=d.clean.name) for d in shared]
    assert verdict is plain is True
    for a, b in zip(parsed, again, strict=True):
        assert a.values.to_list() == b.values.to_list()
        assert (a.problems, a.note) == (b.problems, b.note)
    # per distinct value (the fixture's second run): one search per column, not one per step
    assert len(calls) == (len(columns) if values.SAMPLE_ROWS == 0 else 0)
