"""Plotly figures the pages share. Labels from the data are HTML-escaped: plotly renders a subset of HTML
in tick labels and hover text, and a team called ``<b>Ops</b>`` must show those characters, not bold."""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

COVERAGE_SCALE = [[0.0, "#d7301f"], [0.5, "#fdae61"], [1.0, "#1a9850"]]


def label(value: object) -> str:
    """Text safe to hand to plotly as a label."""
    return html.escape("" if value is None else str(value), quote=False)


def unlabel(text: str) -> str:
    """The original text of a label produced by ``label``."""
    return html.unescape(text)


def coverage_grid(frame: pl.DataFrame, *, x: str, y: str, value: str, hover: Sequence[str] = ()) -> go.Figure:
    """A heatmap drawn as square markers, so a click selects one cell (plotly heatmaps cannot be selected)."""
    xs = [label(v) for v in frame.get_column(x).to_list()]
    ys = [label(v) for v in frame.get_column(y).to_list()]
    values = frame.get_column(value).to_list()
    extra = [[label(v) for v in frame.get_column(col).to_list()] for col in hover]
    custom = list(zip(*extra, strict=True)) if extra else None
    hover_lines = [f"{y}: %{{y}}", f"{x}: %{{x}}", f"{value}: %{{marker.color:.0%}}"]
    hover_lines += [f"{col}: %{{customdata[{i}]}}" for i, col in enumerate(hover)]
    x_order = sorted(set(xs))
    y_order = sorted(set(ys), reverse=True)
    size = max(12, min(40, int(700 / max(len(x_order), 1))))
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker={
                "symbol": "square",
                "size": size,
                "color": values,
                "colorscale": COVERAGE_SCALE,
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": value, "tickformat": ".0%"},
                "line": {"width": 0},
            },
            customdata=custom,
            hovertemplate="<br>".join(hover_lines) + "<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={"categoryorder": "array", "categoryarray": x_order, "tickangle": -45, "title": None},
        yaxis={"categoryorder": "array", "categoryarray": y_order, "title": None},
        height=max(300, 40 * len(y_order) + 160),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        clickmode="event+select",
        dragmode="select",
    )
    return fig


def bar(
    frame: pl.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None = None,
    horizontal: bool = False,
    percent: bool = False,
    title: str | None = None,
) -> go.Figure:
    """A bar chart; several bars per category when ``color`` names a grouping column."""
    fig = go.Figure()
    groups = (
        [(None, frame)]
        if color is None
        else frame.partition_by(color, as_dict=True, maintain_order=True).items()
    )
    for key, part in groups:
        name = label(key[0] if isinstance(key, tuple) else key) if color else None
        cats = [label(v) for v in part.get_column(x).to_list()]
        vals = part.get_column(y).to_list()
        if horizontal:
            fig.add_bar(x=vals, y=cats, orientation="h", name=name)
        else:
            fig.add_bar(x=cats, y=vals, name=name)
    axis = "xaxis" if horizontal else "yaxis"
    layout: dict = {"barmode": "group", "margin": {"l": 10, "r": 10, "t": 40 if title else 10, "b": 10}}
    if percent:
        layout[axis] = {"tickformat": ".0%", "range": [0, 1]}
    if title:
        layout["title"] = label(title)
    if horizontal:
        layout["height"] = max(300, 28 * frame.get_column(x).n_unique() + 80)
        layout["yaxis"] = {**layout.get("yaxis", {}), "autorange": "reversed"}
    fig.update_layout(**layout)
    return fig


def lines(
    frame: pl.DataFrame, *, x: str, y: str, color: str | None = None, title: str | None = None
) -> go.Figure:
    """A line per ``color`` group over ``x`` (e.g. month)."""
    fig = go.Figure()
    groups = (
        [(None, frame)]
        if color is None
        else frame.partition_by(color, as_dict=True, maintain_order=True).items()
    )
    for key, part in groups:
        name = label(key[0] if isinstance(key, tuple) else key) if color else None
        part = part.sort(x)
        fig.add_scatter(
            x=part.get_column(x).to_list(), y=part.get_column(y).to_list(), mode="lines+markers", name=name
        )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        title=label(title) if title else None,
        hovermode="x unified",
    )
    return fig
