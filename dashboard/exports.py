"""Table downloads as CSV and Excel bytes, safe to open in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return would be run as a formula
by Excel or LibreOffice (CSV/formula injection), so such text gets a leading apostrophe. Numbers stay
numbers: a negative amount is not text and is left alone.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import polars as pl

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_SHEET_NAME_MAX = 31


def neutralise_text(value: str) -> str:
    """The text as a spreadsheet should show it: never interpreted as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, structs) become readable text so both formats can hold them."""
    out = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List | pl.Array):
            out.append(col.cast(pl.List(pl.String)).list.join("; ").alias(name))
        elif isinstance(dtype, pl.Struct | pl.Object):
            out.append(col.map_elements(str, return_dtype=pl.String).alias(name))
        else:
            out.append(col)
    return frame.select(out) if out else frame


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell made formula-safe; other columns untouched."""
    frame = _flatten(frame)
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype in (pl.String, pl.Categorical, pl.Enum) or isinstance(dtype, pl.Categorical | pl.Enum):
            text = pl.col(name).cast(pl.String)
            exprs.append(
                pl.when(text.str.contains(r"^[=+\-@\t\r]"))
                .then(pl.lit("'") + text)
                .otherwise(text)
                .alias(name)
            )
        else:
            exprs.append(pl.col(name))
    return frame.select(exprs) if exprs else frame


def to_csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads accented names correctly."""
    return "\ufeff".encode() + neutralise(frame).write_csv().encode("utf-8")


def _excel_value(value: object) -> object:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def to_excel_bytes(frame: pl.DataFrame, sheet_name: str = "data") -> bytes:
    """One sheet: bold header, dates as dates; text is never turned into formulas or links."""
    import xlsxwriter  # here, not at the top: only a click on a download needs it, not every cold start

    safe = neutralise(frame)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet(_sheet_name(sheet_name))
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    for col, name in enumerate(safe.columns):
        sheet.write_string(0, col, name, bold)
    for row_index, row in enumerate(safe.iter_rows(), start=1):
        for col, raw in enumerate(row):
            value = _excel_value(raw)
            if value is None:
                sheet.write_blank(row_index, col, None)
            elif isinstance(value, bool):
                sheet.write_boolean(row_index, col, value)
            elif isinstance(value, int | float):
                sheet.write_number(row_index, col, value)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(row_index, col, value.replace(tzinfo=None), datetime_format)
            elif isinstance(value, dt.date):
                sheet.write_datetime(row_index, col, dt.datetime.combine(value, dt.time()), date_format)
            else:
                sheet.write_string(row_index, col, str(value))
    workbook.close()
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'") or "data"
    return cleaned[:EXCEL_SHEET_NAME_MAX]
