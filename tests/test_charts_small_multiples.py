"""The small-multiples chart (ROI page) is laid out by hand; it must be the figure make_subplots would give.

``reference`` below is the chart built the plain plotly way (make_subplots, add_bar per panel and bar), as
the dashboard built it before; the two figures are compared as plotly serialises them.
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl
import pytest
from plotly.subplots import make_subplots

from dashboard import charts, labels
from dashboard.charts import VALUE_FORMAT, Measure, label

MEASURES = (
    Measure("cost", "Cost per completion", "money"),
    Measure("rate", "Completion rate", "percent"),
    Measure("promoted", "Promoted <within> 12 months", "percent", "promoted_low", "promoted_high"),
)


def reference(frame: pl.DataFrame, *, category: str, measures, title: str | None = None):
    fig = make_subplots(
        rows=1, cols=len(measures), subplot_titles=[label(m.title) for m in measures], horizontal_spacing=0.06
    )
    cats = [str(v) for v in frame.get_column(category).to_list()]
    for col, measure in enumerate(measures, start=1):
        values = frame.get_column(measure.column).to_list()
        for i, (cat, value) in enumerate(zip(cats, values, strict=True)):
            error = None
            if measure.low and measure.high:  # the bar's style is the chart module's; its placement is tested
                error = charts.interval_bar(
                    value, frame.get_column(measure.low)[i], frame.get_column(measure.high)[i]
                )
            fig.add_bar(
                row=1,
                col=col,
                x=[label(cat)],
                y=[value],
                name=label(cat),
                legendgroup=label(cat),
                showlegend=col == 1,
                marker={"color": labels.colour(cat) or labels.ACCENT},
                error_y=error,
                texttemplate=f"%{{y:{VALUE_FORMAT[measure.fmt]}}}",
                textposition="auto",
                cliponaxis=False,
                hovertemplate=f"{label(cat)}<br>{label(measure.title)}: "
                f"%{{y:{VALUE_FORMAT[measure.fmt]}}}<extra></extra>",
            )
        axis = {"tickformat": charts.TICK_FORMAT[measure.fmt], "rangemode": "tozero"}
        if measure.fmt == "percent":
            axis["range"] = [0, 1.08]
        fig.update_yaxes(row=1, col=col, **axis)
        fig.update_xaxes(row=1, col=col, showticklabels=False)
    fig.update_annotations(font={"size": 13})
    fig.update_layout(barmode="group", bargap=0.25)
    return charts._finish(fig, title=title, height=380, legend=True, legend_below=True)


def _close(a: Any, b: Any, path: str = "") -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            _close(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list | tuple) and isinstance(b, list | tuple):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{path}[{i}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, abs_tol=1e-12), path
    else:
        assert a == b, path


FRAMES = {
    "two groups with intervals": pl.DataFrame(
        {
            "group": ["micro_credentials_and_certifications", "traditional_courses_and_degrees"],
            "cost": [120.0, 2400.5],
            "rate": [0.81, 0.4],
            "promoted": [0.2, 0.1],
            "promoted_low": [0.15, None],
            "promoted_high": [0.26, 0.2],
        }
    ),
    "nulls and an unknown group": pl.DataFrame(
        {
            "group": ["no_completion", "A <b>team</b>", "traditional_courses_and_degrees"],
            "cost": [None, 5.0, 0.0],
            "rate": [0.0, None, 1.0],
            "promoted": [None, 0.5, 0.3],
            "promoted_low": [0.1, 0.4, 0.2],
            "promoted_high": [0.2, 0.6, 0.4],
        }
    ),
    "no rows": pl.DataFrame(
        {"group": [], "cost": [], "rate": [], "promoted": [], "promoted_low": [], "promoted_high": []},
        schema={"group": pl.String}
        | dict.fromkeys(("cost", "rate", "promoted", "promoted_low", "promoted_high"), pl.Float64),
    ),
}


@pytest.mark.parametrize("case", list(FRAMES))
@pytest.mark.parametrize("measures", [MEASURES, MEASURES[:1], MEASURES[::-1] + MEASURES])
def test_small_multiples_is_the_make_subplots_figure(case: str, measures) -> None:
    frame = FRAMES[case]
    built = charts.small_multiples(frame, category="group", measures=measures, title="A <title>")
    expected = reference(frame, category="group", measures=measures, title="A <title>")
    _close(built.to_plotly_json(), expected.to_plotly_json())
