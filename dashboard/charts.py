"""Plotly figures the pages share, all in one house style: a title, named axes, formatted numbers and one
colour per program type on every page (``dashboard.labels``).

Labels from the data are HTML-escaped: plotly renders a subset of HTML in tick labels and hover text, and a
team called ``<b>Ops</b>`` must show those characters, not bold.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import plotly.graph_objects as go
import polars as pl

from dashboard import labels


def use_streamlit_plotly_theme() -> None:
    """Make Streamlit's Plotly theme the default template, as importing Streamlit normally does.

    `make run` imports Streamlit without it, to listen ~0.2 s sooner (dashboard/serve.py), so it must be in
    place before a figure is built: `dashboard.components.chart` calls this first. Idempotent and cheap.
    """
    import plotly.io as pio

    if "streamlit" not in pio.templates:
        from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

        configure_streamlit_plotly_theme()


Format = Literal["number", "money", "percent", "days", "hours", "ratio"]

# d3 formats: the axis ticks, and the value written on a bar or in a hover.
TICK_FORMAT: dict[str, str] = {
    "number": "~s",
    "money": "~s",
    "percent": ".0%",
    "days": ",.0f",
    "hours": ",.0f",
    "ratio": ".2f",
}
SUBPLOT_SPACING = 0.06  # between the panels of a small-multiples chart, as a share of the figure's width
VALUE_FORMAT: dict[str, str] = {
    "number": ",.0f",
    "money": ",.0f",
    "percent": ".0%",
    "days": ",.1f",
    "hours": ",.1f",
    "ratio": ".2f",
}
# Coverage: red (nobody meets it) through yellow to blue (everyone does); colour-blind safe (ColorBrewer RdYlBu).
COVERAGE_SCALE = [
    [0.0, "#d73027"],
    [0.25, "#fc8d59"],
    [0.5, "#fee090"],
    [0.75, "#91bfdb"],
    [1.0, "#4575b4"],
]
NOT_REQUIRED = "#eef0f4"
HEATMAP_ROW_PX = 24
HEATMAP_SELECTED = "#111111"
FONT = {"size": 13}


def label(value: object) -> str:
    """Text safe to hand to plotly as a label."""
    return html.escape("" if value is None else str(value), quote=False)


def unlabel(text: str) -> str:
    """The original text of a label produced by ``label``."""
    return html.unescape(text)


def _finish(
    fig: go.Figure,
    *,
    title: str | None,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int | None = None,
    legend: bool = False,
    legend_below: bool = False,
) -> go.Figure:
    """The house layout: title top-left, legend in a row under it (or under the plot), room for axis titles."""
    top = 40 if title else 10
    if legend and not legend_below:
        top += 30
    fig.update_layout(
        title={"text": label(title), "x": 0, "xanchor": "left", "y": 0.99, "yanchor": "top"}
        if title
        else None,
        font=FONT,
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "top" if legend_below else "bottom",
            "y": -0.04 if legend_below else 1.0,
            "xanchor": "left",
            "x": 0,
            "title": None,
            "traceorder": "normal",
        },
        hoverlabel={"bgcolor": "white", "font": {"size": 13}},
    )
    if x_title is not None:
        fig.update_xaxes(title={"text": label(x_title)})
    if y_title is not None:
        fig.update_yaxes(title={"text": label(y_title)})
    if height:
        fig.update_layout(height=height)
    return fig


def _groups(frame: pl.DataFrame, color: str | None) -> list[tuple[str | None, pl.DataFrame]]:
    """Rows split by the ``color`` column, in the fixed category order (program types, then type groups)."""
    if color is None:
        return [(None, frame)]
    parts = frame.partition_by(color, as_dict=True, maintain_order=True)
    named = [(None if key[0] is None else str(key[0]), part) for key, part in parts.items()]
    order = {name: i for i, name in enumerate(labels.CATEGORY_ORDER)}
    return sorted(named, key=lambda item: (order.get(item[0] or "", len(order)), item[0] or ""))


def bar(
    frame: pl.DataFrame,
    *,
    x: str,
    y: str,
    color: str | None = None,
    horizontal: bool = False,
    fmt: Format = "number",
    percent: bool = False,
    title: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    colour_by_category: bool = False,
) -> go.Figure:
    """Bars of ``y`` per ``x`` (for a horizontal chart ``x`` is still the category); one series per ``color``.

    Each bar carries its formatted value. ``colour_by_category`` paints each category in its fixed colour
    (for program types and type groups).
    """
    fmt = "percent" if percent else fmt
    fig = go.Figure()
    for name, part in _groups(frame, color):
        cats = [label(v) for v in part.get_column(x).to_list()]
        vals = part.get_column(y).to_list()
        colours: Any = labels.colour(name) if name else labels.ACCENT
        if colour_by_category:
            colours = [labels.colour(unlabel(c)) or labels.ACCENT for c in cats]
        common = {
            "name": label(name) if name else None,
            "marker": {"color": colours},
            "texttemplate": f"%{{{'x' if horizontal else 'y'}:{VALUE_FORMAT[fmt]}}}",
            "textposition": "auto",
            "cliponaxis": False,
        }
        if horizontal:
            fig.add_bar(
                x=vals,
                y=cats,
                orientation="h",
                hovertemplate=f"%{{y}}: %{{x:{VALUE_FORMAT[fmt]}}}<extra></extra>",
                **common,
            )
        else:
            fig.add_bar(
                x=cats, y=vals, hovertemplate=f"%{{x}}: %{{y:{VALUE_FORMAT[fmt]}}}<extra></extra>", **common
            )
    value_axis = {"tickformat": TICK_FORMAT[fmt], "rangemode": "tozero"}
    if fmt == "percent":
        value_axis["range"] = [0, 1.05]
    categories = frame.get_column(x).n_unique() if frame.height else 0
    if horizontal:
        fig.update_xaxes(**value_axis)
        fig.update_yaxes(autorange="reversed", automargin=True)
        height = max(260, 26 * categories + 110)
    else:
        fig.update_yaxes(**value_axis)
        fig.update_xaxes(automargin=True)
        height = 380
    fig.update_layout(barmode="group", uniformtext={"minsize": 10, "mode": "hide"})
    return _finish(
        fig, title=title, x_title=x_title, y_title=y_title, height=height, legend=color is not None
    )


def stacked_months(
    frame: pl.DataFrame,
    *,
    x: str,
    y: str,
    color: str,
    fmt: Format = "number",
    title: str | None = None,
    y_title: str | None = None,
) -> go.Figure:
    """Monthly bars stacked by ``color`` (a program type label), each type in its fixed colour."""
    fig = go.Figure()
    for name, part in _groups(frame.sort(x), color):
        fig.add_bar(
            x=part.get_column(x).to_list(),
            y=part.get_column(y).to_list(),
            name=label(name),
            marker={"color": labels.colour(name) or labels.ACCENT, "line": {"width": 0}},
            hovertemplate=f"{label(name)}: %{{y:{VALUE_FORMAT[fmt]}}}<extra></extra>",
        )
    fig.update_layout(barmode="stack", bargap=0.1, hovermode="x unified")
    fig.update_xaxes(tickformat="%b %Y", hoverformat="%B %Y")
    fig.update_yaxes(tickformat=TICK_FORMAT[fmt], rangemode="tozero")
    return _finish(fig, title=title, x_title="Month", y_title=y_title, height=380, legend=True)


@dataclass(frozen=True)
class Measure:
    """One panel of a small-multiples chart: a column, its heading, its format, and an optional interval."""

    column: str
    title: str
    fmt: Format = "number"
    low: str | None = None
    high: str | None = None


def interval_bar(value: float | None, low: float | None, high: float | None) -> dict[str, Any] | None:
    """The error bar that draws a bar's interval (low..high around value); None when any end is unknown."""
    if value is None or low is None or high is None:
        return None
    return {
        "type": "data",
        "symmetric": False,
        "array": [high - value],
        "arrayminus": [value - low],
        "color": "#444",
        "thickness": 1.5,
        "width": 6,
    }


def small_multiples(
    frame: pl.DataFrame, *, category: str, measures: Sequence[Measure], title: str | None = None
) -> go.Figure:
    """One panel per measure, one bar per category in its fixed colour, a shared legend instead of tick labels
    (the category names are long; the legend says them once).

    The panels are laid out here (side by side, 0.06 apart, each titled above its middle), which is the figure
    ``make_subplots`` gives: building it through ``make_subplots`` and ``add_bar(row=, col=)`` cost ~80 ms a
    chart in plotly's per-call validation and grid lookups, against ~15 ms for the same figure made at once.
    """
    count = len(measures)
    width = (1 - SUBPLOT_SPACING * (count - 1)) / count
    cats = [str(v) for v in frame.get_column(category).to_list()]
    names = [label(cat) for cat in cats]
    colours = [labels.colour(cat) or labels.ACCENT for cat in cats]
    traces: list[dict[str, Any]] = []
    layout: dict[str, Any] = {"annotations": [], "barmode": "group", "bargap": 0.25}
    for col, measure in enumerate(measures, start=1):
        suffix = "" if col == 1 else str(col)
        start = (width + SUBPLOT_SPACING) * (col - 1)
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "domain": [start, start + width],
            "showticklabels": False,
        }
        axis: dict[str, Any] = {
            "anchor": f"x{suffix}",
            "domain": [0.0, 1.0],
            "tickformat": TICK_FORMAT[measure.fmt],
            "rangemode": "tozero",
        }
        if measure.fmt == "percent":
            axis["range"] = [0, 1.08]
        layout[f"yaxis{suffix}"] = axis
        layout["annotations"].append(
            {
                "text": label(measure.title),
                "x": start + width / 2,
                "xanchor": "center",
                "xref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
        values = frame.get_column(measure.column).to_list()
        lows = frame.get_column(measure.low).to_list() if measure.low and measure.high else None
        highs = frame.get_column(measure.high).to_list() if measure.low and measure.high else None
        value_format = VALUE_FORMAT[measure.fmt]
        for i, (name, colour, value) in enumerate(zip(names, colours, values, strict=True)):
            trace: dict[str, Any] = {
                "type": "bar",
                "x": [name],
                "y": [value],
                "name": name,
                "legendgroup": name,
                "showlegend": col == 1,
                "marker": {"color": colour},
                "texttemplate": f"%{{y:{value_format}}}",
                "textposition": "auto",
                "cliponaxis": False,
                "hovertemplate": f"{name}<br>{label(measure.title)}: %{{y:{value_format}}}<extra></extra>",
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
            }
            error = interval_bar(value, lows[i], highs[i]) if lows is not None and highs is not None else None
            if error is not None:
                trace["error_y"] = error
            traces.append(trace)
    fig = go.Figure(data=traces, layout=layout)
    return _finish(fig, title=title, height=380, legend=True, legend_below=True)


def coverage_heatmap(
    frame: pl.DataFrame,
    *,
    team: str = "team",
    skill: str = "skill",
    value: str = "coverage",
    meeting: str = "members_meeting",
    required: str = "required_members",
    title: str | None = None,
) -> go.Figure:
    """Teams across, skills down, one tiled cell per team × skill with its coverage written in it.

    Plotly heatmaps cannot be selected (plotly.js has no point selection for them, so Streamlit's
    ``on_select`` returns nothing: streamlit/streamlit#8760), so an invisible marker sits on every filled
    cell: trace 1, one point per row of ``frame`` in frame order. Clicking a cell selects its marker, which
    Streamlit reports as the selection; the selected marker draws an outline round the cell.
    """
    teams = sorted({str(v) for v in frame.get_column(team).to_list()})
    skills = sorted({str(v) for v in frame.get_column(skill).to_list()}, key=str.casefold)
    col_of = {t: i for i, t in enumerate(teams)}
    row_of = {s: i for i, s in enumerate(skills)}
    z: list[list[float | None]] = [[None] * len(teams) for _ in skills]
    rows = frame.select(team, skill, value, meeting, required).iter_rows()
    points: list[tuple[str, str, float, int, int]] = []
    for t, s, v, m, r in rows:
        z[row_of[str(s)]][col_of[str(t)]] = v
        points.append((label(t), label(s), v, m, r))
    x_labels = [label(t) for t in teams]
    y_labels = [label(s) for s in skills]
    fig = go.Figure(
        go.Heatmap(
            x=x_labels,
            y=y_labels,
            z=z,
            zmin=0,
            zmax=1,
            colorscale=COVERAGE_SCALE,
            xgap=2,
            ygap=2,
            texttemplate="%{z:.0%}",
            textfont={"size": 11},
            hoverinfo="skip",
            colorbar={
                "title": {"text": "Coverage", "side": "top"},
                "tickformat": ".0%",
                "tickvals": [0, 0.25, 0.5, 0.75, 1],
                "lenmode": "pixels",
                "len": 220,
                "thickness": 14,
                "y": 1,
                "yanchor": "top",
            },
        )
    )
    fig.add_scatter(
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="markers",
        marker={
            "symbol": "square-open",
            "size": HEATMAP_ROW_PX - 2,
            "color": HEATMAP_SELECTED,
            "line": {"width": 3},
            "opacity": 0,
        },
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0}},
        customdata=[[p[2], p[3], p[4]] for p in points],
        hovertemplate="<b>%{x}</b> · %{y}<br>Coverage: %{customdata[0]:.0%}<br>"
        "Meeting the requirement: %{customdata[1]:,} of %{customdata[2]:,} people whose role requires it"
        "<extra></extra>",
        showlegend=False,
    )
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=x_labels,
        range=[-0.5, len(teams) - 0.5],
        side="top",
        tickangle=-30,
        fixedrange=True,
        showgrid=False,
        title=None,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=y_labels,
        range=[len(skills) - 0.5, -0.5],
        fixedrange=True,
        showgrid=False,
        ticksuffix="  ",
        title=None,
    )
    fig.update_layout(
        plot_bgcolor=NOT_REQUIRED,
        clickmode="event+select",
        dragmode="zoom",
        hovermode="closest",
        hoverdistance=HEATMAP_ROW_PX * 2,
    )
    _finish(fig, title=title, height=HEATMAP_ROW_PX * len(skills) + 170)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 150 if title else 120, "b": 10})
    return fig
