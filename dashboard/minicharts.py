"""Small charts drawn on the server as SVG, for the first screen of the dashboard.

Plotly charts are interactive, but the browser must first fetch and run Streamlit's 4.7 MB plotly bundle,
which takes seconds on a modest machine. The headline mini charts are plain SVG images instead: they appear
with the first messages of the page, and the interactive charts follow below them.

The SVG is shown as an image (``components.mini_chart``), so it can run no script and fetch nothing; every
text in it is escaped all the same. The image has a white card behind it so it reads on a dark theme too.
The values are also in the alt text, so a screen reader gets every figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 480
HEIGHT = 150
_PLOT_TOP = 44  # below the title and the value labels of the tallest column
_PLOT_BOTTOM = 124  # above the month labels
_FONT = "font-family='-apple-system, BlinkMacSystemFont, Segoe UI, Roboto, Helvetica, Arial, sans-serif'"
TEXT = "#31333f"
MUTED = "#6b6f7b"


@dataclass(frozen=True)
class MiniChart:
    """An SVG document and the alt text that says the same in words."""

    svg: str
    alt: str


def month_columns(
    months: Sequence[dt.date],
    values: Sequence[float | int | None],
    *,
    title: str,
    fmt: Callable[[float], str],
    colour: str,
) -> MiniChart:
    """One column per month with its value written above it; a missing value draws as 0.

    Columns share one scale from 0 to the largest value, so a month reads against its neighbours; a window
    of zeros draws flat columns rather than dividing by zero.
    """
    if len(months) != len(values):
        raise ValueError(f"{len(months)} months but {len(values)} values")
    numbers = [float(v) if v is not None else 0.0 for v in values]
    if any(n < 0 for n in numbers):
        raise ValueError("mini column charts show counts and amounts, which are never negative")
    top = max(numbers, default=0.0)
    slot = WIDTH / max(len(numbers), 1)
    bar = slot * 0.68
    height = _PLOT_BOTTOM - _PLOT_TOP
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"viewBox='0 0 {WIDTH} {HEIGHT}' {_FONT}>",
        f"<rect width='{WIDTH}' height='{HEIGHT}' rx='6' fill='#ffffff'/>",
        f"<text x='4' y='17' font-size='14' font-weight='600' fill='{TEXT}'>{escape(title)}</text>",
        f"<line x1='0' x2='{WIDTH}' y1='{_PLOT_BOTTOM}' y2='{_PLOT_BOTTOM}' stroke='#d5d7dd'/>",
    ]
    for i, (month, number) in enumerate(zip(months, numbers, strict=True)):
        h = 0.0 if top == 0 else height * number / top
        x = i * slot + (slot - bar) / 2
        middle = i * slot + slot / 2
        if h > 0:
            parts.append(
                f"<rect x='{x:.1f}' y='{_PLOT_BOTTOM - h:.1f}' width='{bar:.1f}' height='{h:.1f}' "
                f"rx='2' fill='{escape(colour)}'/>"
            )
        parts.append(
            f"<text x='{middle:.1f}' y='{_PLOT_BOTTOM - h - 4:.1f}' font-size='11' text-anchor='middle' "
            f"fill='{TEXT}'>{escape(fmt(number))}</text>"
        )
        parts.append(
            f"<text x='{middle:.1f}' y='{_PLOT_BOTTOM + 16}' font-size='11' text-anchor='middle' "
            f"fill='{MUTED}'>{escape(_month_label(month, first=i == 0))}</text>"
        )
    parts.append("</svg>")
    described = "; ".join(f"{m:%b %Y} {fmt(n)}" for m, n in zip(months, numbers, strict=True))
    return MiniChart("".join(parts), f"{title}: {described}" if described else f"{title}: no months")


def _month_label(month: dt.date, *, first: bool) -> str:
    """'Jan' under each column; the year is added where it starts (January) and under the first column."""
    return f"{month:%b %y}" if first or month.month == 1 else f"{month:%b}"
