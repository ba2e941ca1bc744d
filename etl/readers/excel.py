"""Spreadsheets (XLSX/XLSM/XLSB/XLS/ODS) through fastexcel (calamine): cell values only, macros never run.

Every sheet holding a table becomes one RawTable, in workbook order. `source_rows` are the sheet's own row
numbers (1-based, as Excel shows them), whatever title or blank rows sit above the header.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import fastexcel
import polars as pl

from etl.readers.errors import RawTable, ReadError
from etl.readers.text import build_table, header_index

# An .xlsx is a zip; refuse archives that would unpack to more than this, or unpack suspiciously well.
MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".xltx", ".xltm", ".ods")

_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_STAMP_FORMAT = "%Y-%m-%d %H:%M:%S%.f"
# calamine renders serial 0 as 1899-12-31: stamps before March 1900 are clock times or durations.
_SERIAL_ZERO = datetime(1899, 12, 31)
_FIRST_REAL_DATE = datetime(1900, 3, 1)


def named_excel(file_name: str) -> str | None:
    lowered = file_name.lower()
    return next((ext for ext in EXCEL_EXTENSIONS if lowered.endswith(ext)), None)


def refusal(file_name: str, looks_like: str) -> ReadError:
    """The error for a file that is something else; an Excel name on it gets the "is named" wording."""
    named = named_excel(file_name)
    if named:
        return ReadError(
            file_name, f"it is named {named} but is not an Excel workbook (it looks like {looks_like})"
        )
    return ReadError(file_name, f"it looks like {looks_like}, not a table; upload a CSV, Excel or JSON file")


def check_zip_workbook(data: bytes, file_name: str) -> str:
    """Vet a zip before calamine opens it: size and ratio limits (zip bombs), then what it really holds.

    Returns "xlsx", "xlsb" or "ods"; anything else is refused with a description of what it is.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise refusal(file_name, "a damaged zip archive") from exc
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(
            file_name,
            f"it would unpack to {unpacked / 2**20:,.0f} MB, over the "
            f"{MAX_UNCOMPRESSED_BYTES / 2**20:,.0f} MB limit for workbooks",
        )
    if packed and unpacked / packed > MAX_COMPRESSION_RATIO:
        raise ReadError(
            file_name,
            f"it unpacks to {unpacked / packed:,.0f} times its size (the limit is {MAX_COMPRESSION_RATIO}), "
            "which is how zip bombs look, so it was not opened",
        )
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    try:
        mimetype = archive.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise refusal(file_name, "a damaged zip archive") from exc
    if mimetype == _ODS_MIMETYPE:
        return "ods"
    if "word/document.xml" in names:
        raise refusal(file_name, "a Word document")
    if "ppt/presentation.xml" in names:
        raise refusal(file_name, "a PowerPoint presentation")
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise refusal(file_name, "an OpenDocument file that is not a spreadsheet")
    shown = ", ".join(sorted(n for n in names if not n.endswith("/"))[:3])
    what = f"a zip archive ({shown or 'empty'})"
    if named_excel(file_name):
        raise refusal(file_name, f"{what}; unzip it and upload the file inside")
    raise ReadError(file_name, f"it is {what}, not a table; unzip it and upload the file inside")


def read_workbook(data: bytes, file_name: str, workbook_format: str) -> list[RawTable]:
    """One RawTable per sheet that holds a header and at least one more non-empty row."""
    try:
        reader = fastexcel.read_excel(data)
        sheet_names = list(reader.sheet_names)
    except BaseException as exc:  # calamine can also panic (BaseException) on malformed files
        _reraise_interrupts(exc)
        if workbook_format == "xls":
            raise refusal(
                file_name, "an older Microsoft Office (OLE2) file that is not a readable spreadsheet"
            ) from exc
        raise ReadError(
            file_name, f"it is not a readable {workbook_format} workbook ({_first_line(exc)})"
        ) from exc
    tables = []
    for index, name in enumerate(sheet_names):
        try:
            sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0)
            grid = sheet.to_polars()
            state = str(sheet.visible)
        except BaseException as exc:
            _reraise_interrupts(exc)
            raise ReadError(file_name, f'sheet "{name}" cannot be read ({_first_line(exc)})') from exc
        table = _sheet_table(grid, file_name, name, state, workbook_format)
        if table is not None:
            tables.append(table)
    if not tables:
        listed = ", ".join(f'"{n}"' for n in sheet_names) or "none"
        raise ReadError(
            file_name, f"no sheet holds a table (a header and at least one more row); sheets found: {listed}"
        )
    return tables


def _reraise_interrupts(exc: BaseException) -> None:
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _sheet_table(
    grid: pl.DataFrame, file_name: str, sheet: str, state: str, workbook_format: str
) -> RawTable | None:
    columns = grid.columns
    if not columns or grid.height == 0:
        return None
    grid = grid.select(_cell_text(pl.col(c).cast(pl.String)).str.strip_chars().alias(c) for c in columns)
    grid = grid.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in columns)
    counts = grid.select(pl.sum_horizontal(pl.col(c).is_not_null() for c in columns)).to_series().to_list()
    filled = [i for i, n in enumerate(counts) if n]
    if len(filled) < 2:
        return None
    header_at = filled[header_index([counts[i] for i in filled], len(columns))]
    # grid row i is sheet row i + 1 (skip_rows=0 keeps the blank rows above the data).
    meta = {"format": workbook_format, "sheet": sheet, "header_row": str(header_at + 1), "decimal": "."}
    if state != "visible":
        meta["sheet_state"] = state
    return build_table(
        file_name=file_name,
        part=sheet,
        headers=list(grid.row(header_at)),
        frame=grid.slice(header_at + 1),
        source_rows=list(range(header_at + 2, grid.height + 1)),
        meta=meta,
    )


def _cell_text(cell: pl.Expr) -> pl.Expr:
    """calamine writes date cells as "YYYY-MM-DD HH:MM:SS[.fff]"; make them ISO, and times "HH:MM:SS".

    Midnight stamps become dates; stamps before March 1900 are Excel times of day or [h]:mm:ss durations
    (serial < 60), so they become hours:minutes:seconds counted from serial 0.
    """
    stamp = cell.str.to_datetime(_STAMP_FORMAT, strict=False)
    seconds = (stamp - pl.lit(_SERIAL_ZERO)).dt.total_seconds().cast(pl.Int64)
    clock = pl.format(
        "{}:{}:{}",
        (seconds // 3600).cast(pl.String).str.zfill(2),
        (seconds % 3600 // 60).cast(pl.String).str.zfill(2),
        (seconds % 60).cast(pl.String).str.zfill(2),
    )
    iso = cell.str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00(?:\.0+)?$", "${1}").str.replace(
        r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})", "${1}T${2}"
    )
    return (
        pl.when(stamp.is_null()).then(cell).when(stamp < pl.lit(_FIRST_REAL_DATE)).then(clock).otherwise(iso)
    )
