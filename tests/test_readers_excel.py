"""Workbooks: sheet choice, title rows, cell text, zip safety checks and misnamed files."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import polars as pl
import pytest

from etl.readers import ReadError, read_file
from etl.readers import excel as excel_reader

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
REALDATA = Path("/work/shared/realdata")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def refusal(data: bytes, name: str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_file(data, name)
    assert caught.value.file_name == name
    assert name in str(caught.value)
    return caught.value


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_title_row_sheet_dates_times_numbers_and_gaps():
    tables = read_file(fixture("title_row.xlsx"), "title_row.xlsx")
    # "Notes" has a single non-empty row, so only the data sheet comes back.
    assert [t.part for t in tables] == ["Completions"]
    (table,) = tables
    assert table.columns == [
        "Employee ID",
        "Course",
        "Completed",
        "Started at",
        "Hours",
        "Cost",
        "Passed",
        "Score",
        "Course_2",
        "column_10",
    ]
    assert all(dtype == pl.String for dtype in table.frame.dtypes)
    assert table.frame.row(0) == (
        "E-001",
        "SQL Basics",
        "2024-01-15",
        "2024-01-10T09:30:05",
        "01:30:00",
        "450",
        "true",
        "90",
        "dup header",
        None,
    )
    assert table.frame.row(1) == (
        "E-002",
        "Python",
        None,
        None,
        None,
        "1234.5",
        None,
        None,
        None,
        "no header",
    )
    assert table.frame.row(-1) == (
        "E-003",
        "Excel",
        "2024-03-01",
        None,
        "30:15:00",
        "0.1",
        "false",
        None,
        None,
        None,
    )
    # Sheet row numbers: header on row 4, row 7 left empty.
    assert table.source_rows == [5, 6, 8]
    assert table.meta == {"format": "xlsx", "sheet": "Completions", "header_row": "4", "decimal": "."}
    assert table.documents is None


def test_every_data_sheet_in_workbook_order_skipping_empty_and_one_row_sheets():
    tables = read_file(fixture("multi_sheet.xlsx"), "multi_sheet.xlsx")
    assert [t.part for t in tables] == ["Roster", "Training", "Lists"]
    roster, training, lists = tables
    assert roster.columns == ["Employee ID", "Name", "Department"]
    assert roster.frame.rows() == [("E-001", "Ann Lee", "Finance"), ("E-002", "Bob Roe", "IT")]
    assert roster.source_rows == [2, 3]
    assert training.frame.rows() == [("E-001", "SQL")]
    assert training.meta["sheet"] == "Training"
    assert "sheet_state" not in training.meta
    assert lists.meta["sheet_state"] == "hidden"


def test_workbook_without_any_table_is_refused_with_the_sheet_names():
    error = refusal(fixture("no_table.xlsx"), "no_table.xlsx")
    assert "no sheet holds a table" in str(error)
    assert '"Cover", "Blank"' in str(error)


def test_opendocument_spreadsheet():
    (table,) = read_file(fixture("skills.ods"), "skills.ods")
    assert table.part == "Skills"
    assert table.meta["format"] == "ods"
    assert table.columns == ["Role", "Skill", "Level"]
    assert table.frame.rows() == [("Analyst", "SQL", "3"), ("Analyst", "Excel", "4.5")]
    assert table.source_rows == [2, 3]


def test_content_wins_over_extension_for_workbooks():
    # A workbook saved with a .csv name, and a macro-enabled name: both are read as the workbook they are.
    for name in ("export.csv", "report.xlsm", "no_extension"):
        tables = read_file(fixture("multi_sheet.xlsx"), name)
        assert [t.part for t in tables] == ["Roster", "Training", "Lists"]
        assert tables[0].file_name == name


def test_text_named_xlsx_is_refused():
    error = refusal(b"Employee ID,Name\n1,Ann\n", "roster.xlsx")
    assert "is named .xlsx but is not an Excel workbook" in str(error)


def test_html_named_xls_is_refused_as_html():
    error = refusal(b"<html><body><table><tr><td>1</td></tr></table></body></html>", "report.xls")
    assert "is named .xls but is not an Excel workbook (it looks like an HTML page)" in str(error)


def test_excel_2003_xml_gets_a_save_as_hint():
    data = (
        b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
    )
    error = refusal(data, "old.xml")
    assert "Excel 2003 XML spreadsheet" in str(error)


def test_zip_bomb_ratio_is_refused_before_opening():
    data = zip_bytes(
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\x00" * (20 * 1024 * 1024)}
    )
    error = refusal(data, "bomb.xlsx")
    assert "zip bombs" in str(error)
    assert "limit is 200" in str(error)


def test_uncompressed_size_limit(monkeypatch):
    monkeypatch.setattr(excel_reader, "MAX_UNCOMPRESSED_BYTES", 1024)
    error = refusal(fixture("multi_sheet.xlsx"), "multi_sheet.xlsx")
    assert "limit for workbooks" in str(error)


def test_word_document_named_xlsx():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    error = refusal(data, "skills.xlsx")
    assert "is named .xlsx but is not an Excel workbook (it looks like a Word document)" in str(error)


def test_plain_zip_archive_names_its_contents():
    data = zip_bytes({"export/roster.csv": b"a,b\n1,2\n"})
    error = refusal(data, "export.zip")
    assert "a zip archive (export/roster.csv)" in str(error)
    assert "unzip it" in str(error)


def test_damaged_zip_named_xlsx():
    error = refusal(b"PK\x03\x04" + b"\x14\x00" * 20, "broken.xlsx")
    assert "is named .xlsx but is not an Excel workbook (it looks like a damaged zip archive)" in str(error)


def test_workbook_xml_without_a_real_workbook_is_refused_cleanly():
    data = zip_bytes({"xl/workbook.xml": b"not xml at all"})
    error = refusal(data, "fake.xlsx")
    assert "is not a readable xlsx workbook" in str(error)


def test_ole2_file_that_is_not_a_workbook():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    error = refusal(data, "letter.xls")
    assert "is named .xls but is not an Excel workbook" in str(error)
    assert "older Microsoft Office (OLE2) file" in str(error)


IBM = REALDATA / "hr_ibm_attrition" / "WA_Fn-UseC_-HR-Employee-Attrition.xlsx"


@pytest.mark.skipif(not IBM.is_file(), reason="shared real-data folder not mounted")
def test_real_ibm_attrition_workbook():
    (table,) = read_file(IBM.read_bytes(), IBM.name)
    assert table.frame.height == 1470
    assert len(table.columns) == 35
    assert table.columns[:3] == ["Age", "Attrition", "BusinessTravel"]
    assert table.source_rows[0] == 2 and table.source_rows[-1] == 1471
    # Integral numbers come back without a trailing ".0".
    assert all("." not in value for value in table.frame.get_column("Age").to_list())


def test_binary_named_xlsx_is_refused_as_misnamed():
    error = refusal(b"\x00\x01\x02\x03garbage\x00", "data.xlsx")
    assert "is named .xlsx but is not an Excel workbook (it looks like a binary file)" in str(error)


def test_pdf_named_xlsx_says_what_it_is():
    error = refusal(b"%PDF-1.4\n", "data.xlsx")
    assert "is named .xlsx but is not an Excel workbook (it looks like a PDF document)" in str(error)


def test_corrupted_workbooks_only_ever_raise_read_error():
    rng = random.Random(7)
    originals = [fixture("title_row.xlsx"), fixture("multi_sheet.xlsx"), fixture("skills.ods")]
    for _ in range(300):
        damaged = bytearray(rng.choice(originals))
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.2:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            tables = read_file(bytes(damaged), "damaged.xlsx")
        except ReadError as error:
            assert "damaged.xlsx" in str(error)
            continue
        for table in tables:
            assert len(table.source_rows) == table.frame.height
