"""Server-drawn mini charts: the SVG is well formed, escapes every text, scales to the largest value, and
its alt text carries every figure."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from dashboard.minicharts import _PLOT_BOTTOM, _PLOT_TOP, month_columns

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def _bars(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_columns_scale_to_the_largest_value_and_label_each_month() -> None:
    chart = month_columns(MONTHS, [10, 0, 40, None], title="Completions", fmt=_fmt, colour="#1f5fa8")
    bars = _bars(chart.svg)
    assert len(bars) == 2  # zero and missing months draw no column, only their label
    heights = sorted(float(b.get("height")) for b in bars)
    assert heights[1] == pytest.approx(_PLOT_BOTTOM - _PLOT_TOP)
    assert heights[0] == pytest.approx((_PLOT_BOTTOM - _PLOT_TOP) / 4)
    texts = _texts(chart.svg)
    assert texts[0] == "Completions"
    assert ["10", "0", "40", "0"] == [t for t in texts if t.isdigit()]
    # The year is written under the first column and where a new year starts.
    assert [t for t in texts if re.fullmatch(r"[A-Z][a-z]{2}( \d\d)?", t)] == [
        "Nov 25",
        "Dec",
        "Jan 26",
        "Feb",
    ]
    assert chart.alt == "Completions: Nov 2025 10; Dec 2025 0; Jan 2026 40; Feb 2026 0"


def test_all_zero_window_draws_flat_without_dividing_by_zero() -> None:
    chart = month_columns(MONTHS, [0, 0, 0, 0], title="Spend", fmt=_fmt, colour="#1f5fa8")
    assert _bars(chart.svg) == []
    assert chart.alt.endswith("Feb 2026 0")


def test_every_text_is_escaped() -> None:
    hostile = "<script>alert(1)</script> & 'quotes'"
    chart = month_columns(
        MONTHS[:1], [5], title=hostile, fmt=lambda v: f"<b>{v}</b>", colour="red' onload='x"
    )
    assert "<script>" not in chart.svg and "<b>" not in chart.svg and "onload='x" not in chart.svg
    root = ET.fromstring(chart.svg)  # still well-formed XML
    assert _texts(chart.svg)[0] == hostile
    assert all(not k.startswith("on") for el in root.iter() for k in el.attrib)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="2 months but 1 values"):
        month_columns(MONTHS[:2], [1], title="x", fmt=_fmt, colour="#000")
    with pytest.raises(ValueError, match="never negative"):
        month_columns(MONTHS[:1], [-1], title="x", fmt=_fmt, colour="#000")


def test_empty_window() -> None:
    chart = month_columns([], [], title="Spend", fmt=_fmt, colour="#000")
    assert chart.alt == "Spend: no months"
    assert _bars(chart.svg) == []
