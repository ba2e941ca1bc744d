"""Table downloads: CSV and Excel bytes with formula injection neutralised and numbers left as numbers."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl

from dashboard.exports import neutralise, to_csv_bytes, to_excel_bytes

FRAME = pl.DataFrame(
    {
        "name": ['=HYPERLINK("http://x")', "+1 555", "-cmd", "@SUM(A1)", "\tTab", "\rCR", "Ada", None, "a=b"],
        "amount": [-5.0, 1.5, 0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        "when": [dt.date(2024, 1, 1)] * 9,
        "skills": [["=x", "y"]] * 9,
    }
)


def test_neutralise_prefixes_dangerous_text_only():
    safe = neutralise(FRAME)
    assert safe["name"].to_list() == [
        '\'=HYPERLINK("http://x")',
        "'+1 555",
        "'-cmd",
        "'@SUM(A1)",
        "'\tTab",
        "'\rCR",
        "Ada",
        None,
        "a=b",
    ]
    assert safe["amount"].to_list() == FRAME["amount"].to_list()
    assert safe["skills"][0] == "'=x; y"


def test_csv_bytes_are_safe_and_readable():
    data = to_csv_bytes(FRAME)
    assert data.startswith("\ufeff".encode())
    back = pl.read_csv(io.BytesIO(data[3:]))
    assert back["name"][0].startswith("'=")
    assert back["amount"][0] == -5.0


def test_excel_bytes_hold_text_not_formulas():
    data = to_excel_bytes(FRAME, sheet_name="a/b:c[d]*")
    back = pl.read_excel(io.BytesIO(data))
    assert back["name"][0] == '\'=HYPERLINK("http://x")'
    assert back["name"][3] == "'@SUM(A1)"
    assert back["amount"][0] == -5.0
    assert b"<f>" not in _sheet_xml(data)


def test_empty_frame_exports():
    empty = FRAME.clear()
    assert to_csv_bytes(empty).decode("utf-8-sig").startswith("name,amount,when,skills")
    assert pl.read_excel(io.BytesIO(to_excel_bytes(empty))).height == 0


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml")
