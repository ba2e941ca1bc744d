"""Write the hostile-corpus files that are binary, oddly encoded or tedious to type by hand.

Run: .venv/bin/python tests/corpus/make_corpus.py   (writes into tests/corpus/hostile/, deterministically)

The outputs under 1 MB are checked in. The big cases (200,000 rows, a 2 MB cell, thousands of columns) are
not: tests/test_hostile_corpus.py calls `big_learning_file`, `big_cell_roster` and `wide_roster` at run time
and writes them into the test's tmp_path.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent / "hostile"
STAMP = (2024, 1, 1, 0, 0, 0)
ROSTER_HEADER = "Employee ID,Full Name,Work Email,Department,Job Title,Hire Date"


# ---------------------------------------------------------------------------------------------------------
# Big files, generated at test time


def big_learning_file(rows: int = 200_000) -> bytes:
    """`rows` valid learning rows, then one whose Cost is a word: exactly one rejected row, the last."""
    out = io.StringIO()
    out.write("Employee ID,Program,Program Type,Status,Start Date,Completion Date,Cost\n")
    start = dt.date(2020, 1, 1)
    for i in range(rows):
        day = start + dt.timedelta(days=i % 1500)
        out.write(f"P{i:06d},Course {i % 97},traditional_course,Completed,{day},{day},{i % 500}\n")
    out.write("P999999,Course 1,traditional_course,Completed,2024-01-01,2024-01-02,twelve\n")
    return out.getvalue().encode()


def big_cell_roster(cell_bytes: int = 2 * 1024 * 1024) -> bytes:
    """Three people; the second has a `cell_bytes`-long name: that row is rejected, the other two load."""
    name = "A" * cell_bytes
    return (
        f"{ROSTER_HEADER}\n"
        "E301,Ann Archer,ann@example.com,Sales,Analyst,2021-04-01\n"
        f"E302,{name},bo@example.com,Sales,Analyst,2021-05-01\n"
        "E303,Cy Chen,cy@example.com,Sales,Analyst,2021-06-01\n"
    ).encode()


def wide_roster(columns: int) -> bytes:
    """A roster with `columns` columns in all: four real ones, the rest filler an HR export might carry."""
    filler = columns - 4
    header = ["Employee ID", "Full Name", "Work Email", "Department"] + [f"Extra {i}" for i in range(filler)]
    lines = [",".join(header)]
    for n in range(1, 4):
        lines.append(",".join([f"W{n}", f"Wide Person {n}", f"w{n}@example.com", "Ops"] + ["x"] * filler))
    return ("\n".join(lines) + "\n").encode()


# ---------------------------------------------------------------------------------------------------------
# Checked-in files


def _roster_text(*rows: str) -> str:
    return ROSTER_HEADER + "\n" + "\n".join(rows) + "\n"


def _zip(entries: dict[str, bytes], *, stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=STAMP), data, compress_type=method)
    return buffer.getvalue()


def _workbook(path: Path, build: Callable[[xlsxwriter.Workbook], None]) -> None:
    book = xlsxwriter.Workbook(path)
    book.set_properties({"created": dt.datetime(2024, 1, 1), "author": "skillgrid tests"})
    build(book)
    book.close()


def binary_files() -> dict[str, bytes]:
    """Things that are not text tables at all, whatever their name says."""
    png = (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    )
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(48)
    docx = _zip(
        {
            "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
            "word/document.xml": b"<?xml version='1.0'?><w:document/>",
        }
    )
    return {
        "empty.csv": b"",
        "bom_only.csv": b"\xef\xbb\xbf",
        "png_renamed.csv": png,
        "pdf_renamed.csv": pdf,
        "elf_renamed.csv": elf,
        "zip_renamed.csv": _zip(
            {"people.csv": _roster_text("E101,Ann,a@example.com,Sales,Analyst,").encode()}
        ),
        "docx_renamed.xlsx": docx,
    }


def encoding_files() -> dict[str, bytes]:
    """Encodings and bytes that trip text readers."""
    clean = _roster_text(
        "E101,Zoë Åberg,zoe@example.com,Sales,Analyst,2021-04-01",
        "E102,Jürgen Müller,jurgen@example.com,Sales,Analyst,2021-05-01",
    )
    nul = _roster_text(
        "E101,Ann Archer,ann@example.com,Sales,Analyst,2021-04-01",
        "E102,Bo\x00Brandt,bo@example.com,Sales,Analyst,2021-05-01",
    )
    # Saved by two programs: the header and first row in UTF-8, the second row appended in Latin-1.
    mixed = _roster_text("E101,Zoë Åberg,zoe@example.com,Sales,Analyst,2021-04-01").encode(
        "utf-8"
    ) + "E102,Jürgen Müller,jurgen@example.com,Sales,Analyst,2021-05-01\n".encode("latin-1")
    lines = [
        ROSTER_HEADER,
        "E101,Ann Archer,ann@example.com,Sales,Analyst,2021-04-01",
        "E102,Bo Brandt,bo@example.com,Sales,Analyst,2021-05-01",
        "E103,Cy Chen,cy@example.com,Sales,Analyst,2021-06-01",
        "E104,Di Dorn,di@example.com,Sales,Analyst,2021-06-02",
    ]
    crlf_lf = "\r\n".join(lines[:3]) + "\n" + "\n".join(lines[3:]) + "\r\n"
    controls = _roster_text(
        "E101,Ann\x07Archer,ann@example.com,Sales,Analyst,2021-04-01",
        "E102,Bo Brandt,bo@example.com,\x1b[31mSales\x1b[0m,Analyst,2021-05-01",
        "E103,Cy\u202eChen,cy@example.com,Sales,Analyst,2021-06-01",
        "E104,Di Dorn\x7f,di@example.com,Sales,Analyst,2021-06-02",
        "E105,Ed Eng,ed@example.com,Sales,Analyst,2021-06-03",
        "E106,Flo Fox,flo@example.com,Sales,Analyst,2021-06-04",
        "E107,Gus Gray,gus@example.com,Sales,Analyst,2021-06-05",
        "E108,Hal Hart,hal@example.com,Sales,Analyst,2021-06-06",
        "E109,Isa Ito,isa@example.com,Sales,Analyst,2021-06-07",
    )
    long_name = _roster_text(
        "E101,Ann Archer,ann@example.com,Sales,Analyst,2021-04-01",
        f"E102,{'N' * 10_000},bo@example.com,Sales,Analyst,2021-05-01",
        "E103,Cy Chen,cy@example.com,Sales,Analyst,2021-06-01",
    )
    return {
        "utf16_no_bom.csv": clean.encode("utf-16-le"),
        "latin1_utf8_mix.csv": mixed,
        "nul_bytes.csv": nul.encode(),
        "crlf_lf_mixed.csv": crlf_lf.encode(),
        "control_chars.csv": controls.encode(),
        "long_name_10k.csv": long_name.encode(),
    }


def json_files() -> dict[str, bytes]:
    depth = 500
    nested = '{"employees": [{"employee_id": "E1", "deep": ' + "[" * depth + "]" * depth + "}]}"
    return {
        "json_nested_500.json": nested.encode(),
        "json_nested_100k.json": ("[" * 100_000 + "]" * 100_000).encode(),
    }


def zip_bombs() -> dict[str, bytes]:
    """Small files that would unpack to far more than they weigh."""
    workbook_xml = b'<?xml version="1.0"?><workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>'
    bomb = _zip({"xl/workbook.xml": workbook_xml, "xl/worksheets/sheet1.xml": bytes(64 * 1024 * 1024)})
    # An honest-looking archive whose central directory claims one entry unpacks to about 4 GB.
    small = _zip({"xl/workbook.xml": workbook_xml, "xl/worksheets/sheet1.xml": b"<worksheet/>" * 100})
    central = small.rindex(b"PK\x01\x02")
    size_at = central + 24  # uncompressed-size field of the last central-directory entry
    liar = small[:size_at] + struct.pack("<I", 0xFFFF0000) + small[size_at + 4 :]
    return {"zip_bomb.xlsx": bomb, "zip_declared_huge.xlsx": liar}


def workbooks(folder: Path) -> None:
    def instructions(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("Instructions")
        sheet.write("A1", "How to fill in this template")
        sheet.write_row("A3", ["Column", "Meaning"])
        sheet.write_row("A4", ["Employee ID", "the HR system's id"])
        sheet.write_row("A5", ["Hire Date", "first day, YYYY-MM-DD"])
        data = book.add_worksheet("Data")
        data.write_row("A1", ["Employee ID", "Full Name", "Work Email", "Department", "Hire Date"])
        data.write_row("A2", ["E401", "Ivy Irving", "ivy@example.com", "Legal", "2022-02-01"])
        data.write_row("A3", ["E402", "Jon Jones", "jon@example.com", "Legal", "2022-03-01"])

    def two_kinds(book: xlsxwriter.Workbook) -> None:
        people = book.add_worksheet("People")
        people.write_row("A1", ["Employee ID", "Full Name", "Work Email", "Department"])
        people.write_row("A2", ["E501", "Kai Kim", "kai@example.com", "Ops"])
        people.write_row("A3", ["E502", "Lea Lund", "lea@example.com", "Ops"])
        training = book.add_worksheet("Training")
        training.write_row("A1", ["Employee ID", "Program", "Program Type", "Status", "Completion Date"])
        training.write_row("A2", ["E501", "Forklift Safety", "traditional_course", "Completed", "2024-05-02"])
        training.write_row("A3", ["E502", "Forklift Safety", "traditional_course", "Completed", "2024-05-03"])
        training.write_row("A4", ["E501", "First Aid", "certification", "Passed", "2024-06-01"])

    def misnamed(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("Roster")
        sheet.write_row("A1", ["Employee ID", "Full Name", "Work Email", "Department"])
        sheet.write_row("A2", ["E601", "Max Moss", "max@example.com", "IT"])

    _workbook(folder / "workbook_instructions_sheet.xlsx", instructions)
    _workbook(folder / "workbook_two_kinds.xlsx", two_kinds)
    _workbook(folder / "workbook_named.csv", misnamed)


def main(folder: Path = HERE) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for files in (binary_files(), encoding_files(), json_files(), zip_bombs()):
        for name, data in files.items():
            (folder / name).write_bytes(data)
    workbooks(folder)


if __name__ == "__main__":
    main()
