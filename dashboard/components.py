"""The pieces every page repeats: explain boxes, tables and charts with downloads, empty states, safe text.

Data never reaches the page as HTML: text from the warehouse goes through ``md_escape`` before markdown,
and no call here uses ``unsafe_allow_html``. Every frame a page draws (table, download or chart) passes
through ``shown``, which applies pseudonymised mode, so no page can forget it.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import polars as pl
import streamlit as st

from dashboard import charts, exports, labels, state
from dashboard.minicharts import MiniChart
from metrics.definitions import Definition, MetricResult

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:])")
UPLOAD_PAGE = "dashboard/pages/upload.py"

HIDDEN = "(hidden)"
# A column naming a person → the id column shown in its place when pseudonymised.
ID_FOR_NAME = {"full_name": "employee_id", "manager_name": "manager_id"}
# Columns that identify a person and have no id beside them: their values are hidden when pseudonymised.
HIDDEN_COLUMNS = frozenset(
    {
        "full_name",
        "manager_name",
        "first_name",
        "last_name",
        "email",
        "source_email",
        "source_name",
        "raw_row",
        "holders",
    }
)
# Roster fields that identify a person (for raw file previews and rejected-row values).
PERSONAL_FIELDS = frozenset({"full_name", "first_name", "last_name", "email", "manager_name"})
_ALREADY_HIDDEN = r"^(\(hidden\)|\d+ people \(names hidden\))$"
_PERSONAL_COLUMN = re.compile(r"(?i)(mail|^(full|first|last|manager|source|given|family|sur)?[ _]?name$)")


def md_escape(text: object) -> str:
    """Text from the data, shown literally in markdown (no HTML, no links, no emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def pseudonymise(frame: pl.DataFrame, *, extra_columns: tuple[str, ...] = ()) -> pl.DataFrame:
    """Names become employee ids, emails and other identifying text become ``(hidden)``; nulls stay null.

    ``extra_columns`` names further columns to hide (e.g. the columns of an uploaded file that hold names).
    A rejected-row ``value`` is hidden when its ``column_name`` is a name or email column.
    """
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if name in ID_FOR_NAME and ID_FOR_NAME[name] in frame.columns:
            exprs.append(pl.col(ID_FOR_NAME[name]).cast(pl.String).alias(name))
        elif isinstance(dtype, pl.List | pl.Array) and (name in HIDDEN_COLUMNS or name in extra_columns):
            exprs.append(
                pl.when(col.is_null())
                .then(None)
                .otherwise(pl.format("{} people (names hidden)", col.list.len()))
                .alias(name)
            )
        elif name in HIDDEN_COLUMNS or name in extra_columns:
            already = col.cast(pl.String).str.contains(_ALREADY_HIDDEN)  # so applying it twice is harmless
            exprs.append(
                pl.when(col.is_null() | already)
                .then(col.cast(pl.String))
                .otherwise(pl.lit(HIDDEN))
                .alias(name)
            )
        elif name == "value" and (label := _column_label(frame)) is not None:
            personal = pl.col(label).cast(pl.String).str.contains(_PERSONAL_COLUMN.pattern).fill_null(False)
            exprs.append(
                pl.when(personal & col.is_not_null()).then(pl.lit(HIDDEN)).otherwise(col).alias(name)
            )
        else:
            exprs.append(col)
    return frame.select(exprs) if exprs else frame


def _column_label(frame: pl.DataFrame) -> str | None:
    """The column that says which source column a rejected ``value`` came from, if the frame has one."""
    return next((c for c in ("column_name", "column") if c in frame.columns), None)


def personal_columns(columns: list[str], mapping: Mapping[str, str]) -> tuple[str, ...]:
    """Columns of an uploaded file that identify a person: those mapped to a name or email field, and any
    whose header reads like one (a name or email the detector did not map is still personal)."""
    mapped = {column for field, column in mapping.items() if field in PERSONAL_FIELDS}
    return tuple(c for c in columns if c in mapped or _PERSONAL_COLUMN.search(c))


def shown(frame: pl.DataFrame, *, extra_columns: tuple[str, ...] = ()) -> pl.DataFrame:
    """The frame as this session may see it: pseudonymised when that mode is on, else unchanged."""
    return pseudonymise(frame, extra_columns=extra_columns) if state.pseudonymised() else frame


def person_label(employee_id: object, name: object = None, *details: object, hide: bool | None = None) -> str:
    """How a person is named in pickers and headings: their name and id, or only the id when pseudonymised.

    Pickers pass ``hide`` read once per run: a widget's format function may be called after the run.
    """
    hide = state.pseudonymised() if hide is None else hide
    parts = [] if hide else [str(name) if name else "(no name)"]
    parts.append(str(employee_id))
    parts.extend(str(d) for d in details)
    return " · ".join(parts)


def person_labels(frame: pl.DataFrame, *, hide: bool, team: bool = True) -> dict[str, str]:
    """``person_label(id, full_name[, team or "no team"], hide=hide)`` for every row, by id.

    Person pickers list everyone in the selection (102,000 people at 100k employees); calling the label
    function once per option took ~0.5 s of every run of such a page. Passing ``labels.__getitem__`` as the
    picker's format function keeps each option's label exactly as ``person_label`` words it.
    """
    name = pl.col("full_name")
    parts = [] if hide else [pl.when(name.is_null() | (name == "")).then(pl.lit("(no name)")).otherwise(name)]
    parts.append(pl.col("employee_id").cast(pl.String))
    if team:
        parts.append(
            pl.when(pl.col("team").is_null() | (pl.col("team") == ""))
            .then(pl.lit("no team"))
            .otherwise(pl.col("team"))
        )
    labels = frame.select("employee_id", pl.concat_str(parts, separator=" · ").alias("label"))
    return dict(zip(labels.get_column("employee_id"), labels.get_column("label"), strict=True))


def chart(
    build: Callable[..., Any],
    frame: pl.DataFrame,
    *,
    key: str,
    plot: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """Build a figure from the frame as this session may see it and draw it; returns the chart's event."""
    charts.use_streamlit_plotly_theme()
    figure = build(shown(frame), **kwargs)
    return st.plotly_chart(figure, key=key, **dict(plot or {}))


def mini_chart(chart: MiniChart) -> None:
    """A server-drawn SVG chart as a markdown image (a data: URL), with its alt text.

    Markdown rather than st.image: the browser has already loaded Streamlit's markdown renderer for the page
    title, while an image element waits for its own lazily loaded component, and on a cold start that waits
    behind the plotly bundle. As an <img>, the SVG can run no script and load nothing.
    """
    encoded = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    st.markdown(f"![{md_escape(chart.alt)}](data:image/svg+xml;base64,{encoded})")


def column_formats(frame: pl.DataFrame) -> dict[str, Any]:
    """Headings and number formats for every known column of ``frame``; internal keys hidden.

    Money reads with thousands separators and no decimals, shares as percentages, days and hours with one
    decimal. Only the screen changes: downloads are written from the raw frame.
    """
    config: dict[str, Any] = {}
    for name, dtype in frame.schema.items():
        if name in labels.INTERNAL_KEYS:
            partner = labels.INTERNAL_KEYS[name]
            if partner is None or partner in frame.columns:
                config[name] = None
                continue
        spec = labels.COLUMNS.get(name)
        if spec is None:
            config[name] = st.column_config.Column(labels.heading(name))
        else:
            config[name] = _column(spec, dtype)
    return config


def _column(spec: labels.Column, dtype: pl.DataType) -> Any:
    cc = st.column_config
    if dtype == pl.Boolean:
        return cc.CheckboxColumn(spec.label, help=spec.help)
    if isinstance(dtype, pl.List | pl.Array):
        return cc.ListColumn(spec.label, help=spec.help)
    if isinstance(dtype, pl.Datetime):
        return cc.DatetimeColumn(spec.label, help=spec.help, format="YYYY-MM-DD HH:mm")
    if dtype == pl.Date:
        fmt = "MMM YYYY" if spec.kind == "month" else "YYYY-MM-DD"
        return cc.DateColumn(spec.label, help=spec.help, format=fmt)
    if not dtype.is_numeric():
        return cc.TextColumn(spec.label, help=spec.help)
    formats: dict[str, tuple[str, float]] = {
        "int": ("localized", 1),
        "money": ("localized", 1),
        "percent": ("percent", 0.001),
        "days": ("localized", 0.1),
        "hours": ("localized", 0.1),
        "months": ("localized", 0.1),
        "ratio": ("localized", 0.01),
    }
    if spec.kind == "pct_value":
        return cc.NumberColumn(spec.label, help=spec.help, format="%.0f%%")
    fmt, step = formats.get(spec.kind, ("localized", 0.01 if dtype.is_float() else 1))
    return cc.NumberColumn(spec.label, help=spec.help, format=fmt, step=step)


def display_values(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes shown as words (``micro_credential`` → ``Micro-credential``); other values untouched."""
    exprs = [
        pl.col(name).replace(mapping)
        for name, mapping in labels.VALUE_LABELS.items()
        if name in frame.columns and frame.schema[name] == pl.String
    ]
    return frame.with_columns(exprs) if exprs else frame


@contextmanager
def lazy_expander(label: str, *, key: str) -> Iterator[bool]:
    """An expander whose content is computed only while it is open: yields whether it is.

    A plain expander runs and sends its content on every run, open or not; a breakdown that costs a query
    (a quarter of a second at 100,000 employees) or a table of thousands of rows then slows every view of
    the page for what most views never open. Opening it reruns the page (Streamlit's ``on_change="rerun"``),
    and the metrics the page already asked for come back from the connection's cache.
    """
    box = st.expander(label, key=key, on_change="rerun")
    with box:
        yield bool(box.open)


def explain(definition: Definition | None, *, label: str = "How is this computed?") -> None:
    """The metric's own account of its formula, filters, n and exclusions."""
    if definition is None:
        return
    with st.expander(label):
        st.markdown(definition.as_markdown())


def suppressed_note(result: MetricResult, min_group_size: int, what: str = "groups") -> None:
    """Say how many small groups the metric hid, so a missing team is never a mystery."""
    if result.suppressed_groups:
        st.caption(
            f"{result.suppressed_groups} small {what} hidden (fewer than {min_group_size} people; "
            "change *Min group size* in the sidebar)."
        )


def download_buttons(frame: pl.DataFrame, *, key: str, file_stem: str) -> None:
    """CSV and Excel copies of exactly the table shown, formula-safe (and pseudonymised when that is on)."""
    _downloads(shown(frame), key=key, file_stem=file_stem)


def _downloads(frame: pl.DataFrame | Callable[[], pl.DataFrame], *, key: str, file_stem: str) -> None:
    """CSV and Excel buttons whose bytes are built only when clicked: building them on every run cost
    seconds per large table (an 18 s Excel file for a 49k-row gaps table). ``frame`` may itself be a
    function that builds the frame on the click."""

    def rows() -> pl.DataFrame:
        return frame() if callable(frame) else frame

    left, right = st.columns(2)
    with left:
        st.download_button(
            "Download CSV",
            data=lambda: exports.to_csv_bytes(rows()),
            file_name=f"{file_stem}.csv",
            mime="text/csv",
            key=f"{key}__csv",
            on_click="ignore",
        )
    with right:
        st.download_button(
            "Download Excel",
            data=lambda: exports.to_excel_bytes(rows(), sheet_name=file_stem),
            file_name=f"{file_stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}__xlsx",
            on_click="ignore",
        )


def table(
    frame: pl.DataFrame,
    *,
    key: str,
    file_stem: str,
    empty: str = "Nothing to show for the current filters.",
    column_config: Mapping[str, Any] | None = None,
    height: int | None = None,
    max_rows: int | None = None,
    total_rows: int | None = None,
    download: Callable[[], pl.DataFrame] | None = None,
) -> bool:
    """A table with its download buttons, or an info box when it is empty. Returns whether rows were shown.

    `max_rows` shows only the first rows on screen (the frame's order decides which) while both downloads
    keep every row: a 500,000-row table costs seconds to send and nobody reads it in a browser. A page that
    fetched only the first rows passes `total_rows` (the full list's length) and `download`, which builds
    the full list when a download button is clicked.
    """
    if frame.is_empty():
        st.info(empty)
        return False
    frame = shown(frame)
    config = {**column_formats(frame), **dict(column_config or {})}
    kwargs: dict[str, Any] = {"hide_index": True, "key": f"{key}__table", "column_config": config}
    if height:
        kwargs["height"] = height
    on_screen = frame if max_rows is None or frame.height <= max_rows else frame.head(max_rows)
    st.dataframe(display_values(on_screen), **kwargs)
    total = frame.height if total_rows is None else max(total_rows, frame.height)
    if on_screen.height < total:
        st.caption(
            f"Showing the first {on_screen.height:,} of {total:,} rows; "
            "the CSV and Excel downloads hold every row."
        )
    if download is None:
        _downloads(frame, key=key, file_stem=file_stem)
    else:
        _downloads(_shown_later(download), key=key, file_stem=file_stem)
    return True


def _shown_later(build: Callable[[], pl.DataFrame]) -> Callable[[], pl.DataFrame]:
    """``build``'s frame as this session may see it, decided now: a download runs after the script run,
    where the session's pseudonymised setting cannot be read."""
    hide = state.pseudonymised()
    return lambda: pseudonymise(build()) if hide else build()


def result_table(
    result: MetricResult,
    *,
    key: str,
    file_stem: str,
    min_group_size: int | None = None,
    empty: str = "Nothing to show for the current filters.",
    column_config: Mapping[str, Any] | None = None,
) -> bool:
    """A metric's frame as a table, with its explain box and small-group note."""
    shown = table(result.frame, key=key, file_stem=file_stem, empty=empty, column_config=column_config)
    if min_group_size is not None:
        suppressed_note(result, min_group_size)
    explain(result.definition)
    return shown


def no_data_state() -> None:
    """What an empty warehouse looks like: where to get data, not an error."""
    st.info(
        "The warehouse is empty. Load files on the **Upload** page, or build the demo warehouse with "
        "`python -m etl demo` (then reload this page)."
    )
    st.page_link(UPLOAD_PAGE, label="Go to Upload", icon=":material/upload:")


# Options in a person picker at most: a selectbox of all 102,000 people of a large employer took ~0.5 s of
# every run of its page; a search box narrows the list instead (components.search_people).
PICKER_LIMIT = 1_000


def people_search_box(label: str, *, key: str, hide: bool, narrows: str) -> str:
    """The text box that narrows a person picker (see search_people); ``narrows`` names the picker."""
    return st.text_input(
        label,
        key=key,
        placeholder="Employee id" if hide else "Name or employee id",
        help=f"Narrows {narrows}; part of an id"
        + ("" if hide else " or a name")
        + " is enough, upper or lower case alike.",
    )


def search_people(frame: pl.DataFrame, query: str | None, *, hide: bool) -> pl.DataFrame:
    """The rows of a people frame whose employee id (or, unless names are hidden, full name) contains every
    word of ``query``, case-insensitively; all rows for an empty query. In pseudonymised mode names are not
    searched: a match would tell which id carries a name."""
    words = (query or "").lower().split()
    if not words:
        return frame
    haystack = pl.col("employee_id").cast(pl.String).str.to_lowercase()
    if not hide:
        haystack = pl.concat_str(
            [haystack, pl.col("full_name").fill_null("").str.to_lowercase()], separator=" "
        )
    wanted = pl.all_horizontal([haystack.str.contains(word, literal=True) for word in words])
    return frame.filter(wanted)


def picker_people(
    frame: pl.DataFrame, query: str | None, *, hide: bool, current: str | None
) -> tuple[pl.DataFrame, int]:
    """What a person picker offers, and how many people the search found: the rows of ``frame`` the search
    finds (search_people), at most PICKER_LIMIT of them, with ``current`` (the person already chosen) first
    whatever the search says, so the page does not lose them; ``current`` is left out once ``frame`` no
    longer holds them."""
    matches = search_people(frame, query, hide=hide)
    shown = matches.head(PICKER_LIMIT)
    if current is not None and not (shown.get_column("employee_id") == current).any():
        shown = frame.filter(pl.col("employee_id") == current).vstack(shown)
    return shown, matches.height


def picker_caption(found: int, total: int, query: str | None, *, list_name: str) -> None:
    """Says when a person picker holds only part of what the search found, or how many it found."""
    searched = bool((query or "").strip())
    if found > PICKER_LIMIT:
        st.caption(
            f"{list_name} holds the first {PICKER_LIMIT:,} of {found:,} people"
            + (" matching the search" if searched else "")
            + ": type part of a name or id above to narrow it."
        )
    elif searched:
        st.caption(f"{found:,} of {total:,} people match the search.")


def guarded(fn: Callable[[], Any], *, what: str) -> Any:
    """Run a metrics call; an error the metrics layer explains becomes a message, not a traceback."""
    from metrics.errors import MetricsError

    try:
        return fn()
    except MetricsError as exc:
        st.error(f"Could not compute {what}: {exc}")
        return None


def _number(value: object) -> float | str:
    """The figure as a float, or the text to show instead: an em dash for None/NaN, the value itself when it
    is not a number (so a formatter never shows 'None' or 'nan')."""
    if value is None:
        return "—"
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    return "—" if number != number else number


def fmt_number(value: object, *, digits: int = 0, prefix: str = "", suffix: str = "") -> str:
    """A figure for st.metric; missing values show as an em dash rather than 'None' or 'nan'."""
    number = _number(value)
    if isinstance(number, str):
        return number
    return f"{prefix}{number:,.{digits}f}{suffix}"


def fmt_compact(value: object) -> str:
    """A large figure the way a reader says it: 2,752,500 → '2.75 M', 446,126 → '446 k', 8,450 → '8,450'."""
    number = _number(value)
    if isinstance(number, str):
        return number
    size = abs(number)
    if size >= 1e9:
        return f"{number / 1e9:,.2f} B"
    if size >= 1e6:
        return f"{number / 1e6:,.2f} M"
    if size >= 1e5:
        return f"{number / 1e3:,.0f} k"
    if size >= 1e4:
        return f"{number / 1e3:,.1f} k"
    return f"{number:,.0f}"


def fmt_percent(value: object, *, digits: int = 0) -> str:
    """A share in 0..1 as a percentage."""
    number = _number(value)
    if isinstance(number, str):
        return number
    return f"{number * 100:.{digits}f}%"
