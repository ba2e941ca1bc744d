"""Delimited text: encodings, delimiters, header finding, ragged rows, quoting, refusals and limits."""

from __future__ import annotations

import pickle
import random
import time
from pathlib import Path

import polars as pl
import pytest

from etl.readers import MAX_COLUMNS, RawTable, ReadError, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
REALDATA = Path("/work/shared/realdata")


def read_one(name: str) -> RawTable:
    tables = read_file((FIXTURES / name).read_bytes(), name)
    assert len(tables) == 1
    return tables[0]


def read_bytes(data: bytes, name: str = "upload.csv") -> RawTable:
    tables = read_file(data, name)
    assert len(tables) == 1
    return tables[0]


def assert_all_text(table: RawTable) -> None:
    assert table.frame.columns == table.columns
    assert all(dtype == pl.String for dtype in table.frame.dtypes)
    assert len(table.source_rows) == table.frame.height


def refusal(data: bytes, name: str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_file(data, name)
    assert caught.value.file_name == name
    assert name in str(caught.value)
    assert str(caught.value).endswith(".")
    return caught.value


# --- encodings ------------------------------------------------------------------------------------------


def test_bom_crlf_semicolons_trailing_spaces_and_decimal_commas():
    table = read_one("bom_crlf_semicolon.csv")
    assert_all_text(table)
    assert table.part is None
    assert table.columns == ["Employee_Name", "EmpID", "Department", "Salary", "DateofHire"]
    assert table.frame.row(0) == ("Adinolfi, Wilson  K", "10026", "Production", "62506,50", "2011/07/05")
    assert table.frame.row(-1) == ("Åkesson, Jörg", "10196", "Sales", "64955,25", "2011/07/05")
    assert list(table.source_rows) == [2, 3, 4]
    assert table.meta["encoding"] == "utf-8-sig"
    assert table.meta["delimiter"] == ";"
    assert table.meta["decimal"] == ","
    assert table.documents is None


def test_cp1252_is_the_fallback_when_strict_utf8_fails():
    table = read_one("cp1252.csv")
    assert table.meta["encoding"] == "cp1252"
    assert table.columns == ["Name", "City", "Program", "Cost"]
    assert table.frame.row(0) == ("Zoë Müller", "Köln", "\u201cData Basics\u201d", "€ 450")
    assert table.frame.row(-1) == ("François Lefèvre", "Besançon", "Café Ops", "€ 1.200")
    assert list(table.source_rows) == [2, 3]


def test_latin1_when_bytes_are_undefined_in_cp1252():
    table = read_one("latin1.csv")
    assert table.meta["encoding"] == "latin-1"
    assert table.frame.row(0) == ("Anna", "café \x81")


def test_utf16_le_with_bom_tab_delimited():
    table = read_one("utf16le_bom.txt")
    assert table.meta["encoding"] == "utf-16-le"
    assert table.meta["delimiter"] == "\t"
    assert table.columns == ["Employee ID", "Full Name", "Hours Viewed"]
    assert table.frame.row(0) == ("E-001", "Nguyễn Văn An", "1:05:30")
    assert table.frame.row(-1) == ("E-002", "李雷", "0:45:00")
    assert list(table.source_rows) == [2, 3]


def test_utf16_be_with_bom():
    table = read_one("utf16be_bom.csv")
    assert table.meta["encoding"] == "utf-16-be"
    assert table.frame.rows() == [("1", "Łódź logistics"), ("2", "Python")]


def test_utf16_without_bom_is_recognised_rather_than_called_binary():
    table = read_bytes("name,team\r\nAnn,Data\r\n".encode("utf-16-le"))
    assert table.meta["encoding"] == "utf-16-le"
    assert table.frame.rows() == [("Ann", "Data")]


# --- delimiters and header ------------------------------------------------------------------------------


def test_pipe_delimiter_wins_over_commas_inside_values():
    table = read_one("pipe.txt")
    assert table.meta["delimiter"] == "|"
    assert table.columns == ["Learner", "Course", "Skills"]
    assert table.frame.row(0) == ("Doe, Jane", "Intro to SQL", "sql, databases")
    assert table.frame.row(-1) == ("Roe, Rick", "Excel Power Query", "excel")


def test_tab_delimiter_with_commas_in_text():
    data = b"Code\tTitle\tDescription\n11-1011.00\tChief Executives\tDetermine, plan, and direct\n"
    table = read_bytes(data, "onet.txt")
    assert table.meta["delimiter"] == "\t"
    assert table.frame.row(0) == ("11-1011.00", "Chief Executives", "Determine, plan, and direct")


def test_semicolon_file_with_one_decimal_comma_per_row_is_not_taken_for_commas():
    data = b"Name;Hours;Cost\nAnn;1,5;2,25\nBob;3,5;4,75\n"
    table = read_bytes(data)
    assert table.meta["delimiter"] == ";"
    assert table.meta["decimal"] == ","
    assert table.columns == ["Name", "Hours", "Cost"]


def test_comma_file_reports_decimal_point():
    table = read_bytes(b"a,b\n1.5,2\n")
    assert table.meta["decimal"] == "."


def test_title_and_blank_lines_above_the_header_and_empty_rows_in_the_body():
    table = read_one("title_lines.csv")
    assert table.columns == ["Employee ID", "Course", "Status", "Score"]
    assert table.frame.row(0) == ("E1", "SQL 101", "Completed", "88,5")
    assert table.frame.row(1) == ("E2", "Python", "In progress", None)
    assert table.frame.row(-1) == ("E3", "Excel", "Completed", "91")
    # Record numbers counting the header as 1: the blank line and the ";;;" line are rows 3 and 4.
    assert list(table.source_rows) == [2, 5, 6]
    assert table.meta["header_line"] == "4"


def test_duplicate_and_empty_headers_are_made_unique_and_empty_unnamed_columns_dropped():
    table = read_one("dup_headers.csv")
    assert table.columns == ["Date", "Name", "date_2", "column_4", "Date_3"]
    assert table.frame.row(0) == ("2024-01-01", "Ann", "x", "keep", "y")
    assert table.frame.row(-1) == ("2024-01-02", "Bob", "z", None, "w")


def test_single_column_file():
    table = read_bytes(b"Email\nann@example.com\nbob@example.com\n")
    assert table.columns == ["Email"]
    assert table.meta["delimiter"] == ","
    assert list(table.source_rows) == [2, 3]


def test_whitespace_is_stripped_and_blank_cells_are_null():
    table = read_bytes(b" id , name \n 1 ,   \n2,\xc2\xa0Bob\xc2\xa0\n")
    assert table.columns == ["id", "name"]
    assert table.frame.rows() == [("1", None), ("2", "Bob")]


def test_json_looking_csv_name_still_reads_as_csv():
    table = read_one("bracket_header.csv")
    assert table.columns == ["[Employee ID]", "Name"]
    assert table.frame.rows() == [("1", "Ann")]


# --- quoting and ragged rows ----------------------------------------------------------------------------


def test_quoted_multiline_cells_doubled_quotes_and_record_numbers():
    table = read_one("multiline.csv")
    assert table.columns == ["id", "name", "altLabels", "comment"]
    assert table.frame.row(0) == (
        "1",
        "Lee, Ann",
        "data analyst\nBI analyst\nreporting analyst",
        'said "great"',
    )
    assert table.frame.row(-1) == ("3", "Cy", "a\nb", "x")
    # Record numbers, not line numbers: record 3 starts on physical line 5.
    assert list(table.source_rows) == [2, 3, 4]


def test_short_rows_are_padded_and_empty_extra_fields_tolerated():
    table = read_one("ragged_short.csv")
    assert table.columns == ["a", "b", "c"]
    assert table.frame.rows() == [("1", "2", "3"), ("4", "5", None), ("6", None, None), ("7", "8", "9")]
    assert list(table.source_rows) == [2, 3, 4, 5]
    assert table.meta["parser"] == "csv"


def test_row_with_more_fields_than_the_header_is_refused_by_row_number():
    error = refusal((FIXTURES / "ragged_long.csv").read_bytes(), "ragged_long.csv")
    assert error.row == 4
    assert "row 4 has 5 fields, the header has 3" in str(error)


def test_ragged_row_numbers_count_records_after_multiline_cells():
    data = b'a,b\n1,"two\nlines"\n3,4,5\n'
    error = refusal(data, "late.csv")
    assert error.row == 3
    assert "row 3 has 3 fields, the header has 2" in str(error)


def test_unclosed_quote_names_the_row_where_it_opened():
    error = refusal((FIXTURES / "unclosed_quote.csv").read_bytes(), "unclosed_quote.csv")
    assert error.row == 3
    assert "row 3 opens a quoted cell that is never closed" in str(error)


def test_unclosed_quote_on_the_last_line():
    error = refusal(b'a,b\n1,2\n3,"x', "tail.csv")
    assert error.row == 3


def test_stray_quote_inside_an_unquoted_cell_is_kept_as_text():
    table = read_bytes(b'name,size\nMonitor,27" wide\nDesk,big\n')
    assert table.frame.rows() == [("Monitor", '27" wide'), ("Desk", "big")]
    assert list(table.source_rows) == [2, 3]


def test_bare_carriage_return_line_endings():
    table = read_one("bare_cr.csv")
    assert table.frame.rows() == [("1", "2"), ("3", "4")]
    assert list(table.source_rows) == [2, 3]


def test_polars_and_csv_module_paths_agree():
    # ragged_short forces the csv module; the same rows without the ragged tail go through polars.
    careful = read_bytes(b'a,b,c\n1,"x\ny",3\n\n4,5\n6,7,8,,\n')
    fast = read_bytes(b'a,b,c\n1,"x\ny",3\n\n4,5\n6,7,8\n')
    assert careful.meta["parser"] == "csv"
    assert fast.meta["parser"] == "polars"
    assert careful.frame.equals(fast.frame)
    assert careful.source_rows == fast.source_rows == [2, 4, 5]


def test_row_numbers_without_a_gap_are_a_range():
    # A million-row file's numbers as a list of ints cost ~0.1 s and ~50 MB beside its cells.
    table = read_bytes(b"a,b\n1,2\n3,4\n5,6\n")
    assert table.meta["parser"] == "polars"
    assert table.source_rows == range(2, 5)


# --- empty files and refusals ---------------------------------------------------------------------------


def test_header_only_gives_zero_rows():
    table = read_one("header_only.csv")
    assert table.columns == ["Employee ID", "Email", "Department"]
    assert table.frame.height == 0
    assert list(table.source_rows) == []
    assert_all_text(table)


@pytest.mark.parametrize("name", ["empty.csv", "blank.csv"])
def test_empty_files_are_refused(name):
    error = refusal((FIXTURES / name).read_bytes(), name)
    assert "the file is empty" in str(error)


def test_nul_bytes_are_refused_as_binary():
    error = refusal((FIXTURES / "nul_bytes.csv").read_bytes(), "nul_bytes.csv")
    assert "binary file" in str(error)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "a Windows program"),
        (b"\x7fELF\x02\x01\x01\x00", "a Linux program"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a gzip archive"),
        (b"SQLite format 3\x00\x10\x00", "an SQLite database"),
    ],
)
def test_other_binary_formats_are_named(data, what):
    error = refusal(data, "upload.csv")
    assert what in str(error)


def test_html_saved_as_csv_is_refused():
    error = refusal(b"<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table>", "report.csv")
    assert "an HTML page" in str(error)


def test_size_limit_is_checked_before_parsing():
    # NUL bytes would be refused as binary; the size refusal must come first.
    with pytest.raises(ReadError) as caught:
        read_file(b"a,b\n" + b"1,\x002\n" * 100, "big.csv", max_bytes=100)
    assert "big.csv" in str(caught.value)
    assert "it is 504 bytes; the upload limit is 100 bytes" in str(caught.value)
    assert read_file(b"a,b\n1,2\n", "small.csv", max_bytes=100)[0].frame.rows() == [("1", "2")]


# --- large inputs ---------------------------------------------------------------------------------------


def test_two_megabyte_cell_reads_in_both_parsers():
    big = "x" * (2 * 1024 * 1024)
    for tail, parser in (("", "polars"), (",,", "csv")):
        data = f'id,notes,after\n1,"{big}\nstill the same cell",end{tail}\n2,short,end\n'.encode()
        table = read_bytes(data)
        assert table.meta["parser"] == parser
        assert table.frame.height == 2
        assert len(table.frame.item(0, "notes")) == len(big) + len("\nstill the same cell")
        assert table.frame.row(1) == ("2", "short", "end")
        assert list(table.source_rows) == [2, 3]


def test_two_thousand_columns_read_and_one_more_is_refused():
    header = ",".join(f"col{i}" for i in range(MAX_COLUMNS))
    row = ",".join(str(i) for i in range(MAX_COLUMNS))
    table = read_bytes(f"{header}\n{row}\n{row}\n".encode())
    assert len(table.columns) == MAX_COLUMNS
    assert table.columns[-1] == f"col{MAX_COLUMNS - 1}"
    assert table.frame.row(1)[-1] == str(MAX_COLUMNS - 1)

    header += ",one_too_many"
    row += ",x"
    error = refusal(f"{header}\n{row}\n".encode(), "wide.csv")
    assert "2,001 columns" in str(error)
    assert "2,000" in str(error)


@pytest.mark.slow
def test_a_million_rows_read_through_polars_in_seconds():
    lines = ["Employee ID;Name;Email;Department;Course;Status;Completed;Hours"]
    lines += [
        f"E{i:07d};Person {i};p{i}@example.com ;Dept {i % 40};Course {i % 500};Done;2024-01-02;1,5"
        for i in range(1_000_000)
    ]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
    started = time.perf_counter()
    table = read_bytes(data, "million.csv")
    elapsed = time.perf_counter() - started
    assert table.meta["parser"] == "polars"
    assert table.frame.height == 1_000_000
    assert table.frame.row(-1) == (
        "E0999999",
        "Person 999999",
        "p999999@example.com",
        "Dept 39",
        "Course 499",
        "Done",
        "2024-01-02",
        "1,5",
    )
    assert table.source_rows[-1] == 1_000_001
    assert elapsed < 30, f"took {elapsed:.1f} s"


# --- real exports (read-only shared folder) -------------------------------------------------------------

HUEBNER = REALDATA / "hr_huebner_hrdataset_v14"


@pytest.mark.skipif(not HUEBNER.is_dir(), reason="shared real-data folder not mounted")
def test_real_huebner_export_bom_crlf_semicolons_trailing_spaces():
    (path,) = sorted(HUEBNER.glob("*.csv"))
    table = read_bytes(path.read_bytes(), path.name)
    assert table.meta["encoding"] == "utf-8-sig"
    assert table.meta["delimiter"] == ";"
    assert table.frame.height == 310
    assert len(table.columns) == 36
    assert table.columns[:3] == ["First_Name", "Last_Name", "EmpID"]
    assert {"ManagerName", "ManagerID", "Department", "DateofHire", "DateofTermination"} <= set(table.columns)
    assert table.source_rows[0] == 2 and table.source_rows[-1] == 311
    departments = set(table.frame.get_column("Department").drop_nulls())
    assert all(value == value.strip() for value in departments)
    assert "Production" in departments


def test_arbitrary_input_only_ever_raises_read_error():
    rng = random.Random(20240501)
    pieces = [
        "a",
        ",",
        ";",
        "\t",
        "|",
        '"',
        "\n",
        "\r",
        "\r\n",
        " ",
        "1",
        "2,5",
        "{",
        "}",
        "[",
        "]",
        ":",
        "é",
        "//",
    ]
    names = ["x.csv", "x.tsv", "x.txt", "x.json", "x.ndjson", "x.jwt", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        data = text.encode(rng.choice(["utf-8", "utf-16", "cp1252"]), errors="replace")
        name = rng.choice(names)
        try:
            tables = read_file(data, name)
        except ReadError as error:
            assert name in str(error)
            continue
        for table in tables:
            assert_all_text(table)
            assert len({c.lower() for c in table.columns}) == len(table.columns)


def test_read_error_sentence_names_file_row_and_column_and_survives_pickling():
    error = ReadError("staff.csv", "the value is not an email", row=7, column="Email")
    assert str(error) == 'Cannot read staff.csv: the value is not an email (row 7, column "Email").'
    assert str(ReadError("staff.csv", "row 7 has 3 fields, the header has 2", row=7)) == (
        "Cannot read staff.csv: row 7 has 3 fields, the header has 2."
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file_name, copy.reason, copy.row, copy.column) == (
        "staff.csv",
        "the value is not an email",
        7,
        "Email",
    )
    assert str(copy) == str(error)


# --- large plain UTF-8 files: read from their bytes -------------------------------------------------------


@pytest.fixture
def small_head(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shrink the sizes behind the large-file path so that small files take it too."""
    import etl.readers.text as text

    monkeypatch.setattr(text, "_HEAD_BYTES", 64)
    monkeypatch.setattr(text, "_SAMPLE_CHARS", 16)
    monkeypatch.setattr(text, "_SCAN_BYTES", 8)


def _outcome(data: bytes, name: str) -> object:
    try:
        tables = read_file(data, name)
    except ReadError as exc:
        return ("refused", str(exc), exc.row, exc.column)
    return [(t.columns, t.frame.to_dicts(), list(t.source_rows), t.meta, t.part) for t in tables]


_LARGE_PATH_CASES: dict[str, str | bytes] = {
    "plain.csv": "Name,Email,Score\n" + "".join(f"Person {i},p{i}@x.example,{i}\n" for i in range(40)),
    "accents.csv": "Nom;Ville\n" + "".join(f"Zoë {i} – ✓;Montréal 🍁\n" for i in range(40)),
    "blank_body.csv": "a,b\n" + " \n" * 60,
    "crlf_cells.csv": 'a,b\r\n"x\r\ny",2\r\n' + "p,q\r\n" * 40,
    "bare_cr.csv": "a,b\r1,2\r" + "3,4\r" * 40,
    "ragged.csv": "a,b\n" + "1,2\n" * 30 + "1,2,3\n" + "5,6\n",
    "unclosed.csv": "a,b\n" + "1,2\n" * 30 + '7,"never closed\n8,9\n',
    "spaces.csv": "a,b\n" + '  x  ,""\n' * 30 + "\u00a0y\u00a0,z\n",
    "title.csv": "Training report\n\nname,hours\n" + "Ann,2\n" * 40,
    "long_header.csv": ",".join(f"column {i}" for i in range(30)) + "\n" + "1," * 29 + "1\n",
    "tabs.tsv": "a\tb\n" + "1\t2\n" * 40,
    "json_like.txt": '[{"a": 1}]' + " " * 100,
    "cp1252_tail.csv": ("name,city\n" + "Ann,Oslo\n" * 30).encode() + b"Jos\xe9,M\xe1laga\n",
    "nul_tail.csv": ("a,b\n" + "1,2\n" * 30).encode() + b"3,\x00\n",
}


@pytest.mark.parametrize("name", sorted(_LARGE_PATH_CASES))
def test_large_file_path_reads_exactly_like_the_text_path(
    name: str, small_head: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import etl.readers as readers

    case = _LARGE_PATH_CASES[name]
    data = case if isinstance(case, bytes) else case.encode("utf-8")
    fast = _outcome(data, name)
    monkeypatch.setattr(readers, "plain_utf8_head", lambda _data: None)
    assert _outcome(data, name) == fast


def test_large_file_path_reads_every_fixture_exactly_like_the_text_path(
    small_head: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import etl.readers as readers
    import etl.readers.text as text

    files = [p for p in sorted(FIXTURES.parent.rglob("*")) if p.suffix in (".csv", ".txt", ".tsv")]
    fast = {p: _outcome(p.read_bytes(), p.name) for p in files}
    assert sum(text.plain_utf8_head(p.read_bytes()) is not None for p in files) >= 20
    monkeypatch.setattr(readers, "plain_utf8_head", lambda _data: None)
    for p in files:
        assert _outcome(p.read_bytes(), p.name) == fast[p], p


_INVALID_UTF8 = {
    "byte_ff": b"\xff",
    "overlong_nul": b"\xc0\x80",
    "surrogate": b"\xed\xa0\x80",
    "above_10ffff": b"\xf4\x90\x80\x80",
    "cut_short": b"\xe2\x80",
    "stray_continuation": b"\x80",
}
_BODY = ("name,city\n" + "Ann,Oslo\n" * 30).encode()
_PLACES = {
    "cell": lambda bad: _BODY + b"Jo" + bad + b"e,Lima\n" + b"Bo,Rome\n",
    "quoted_cell": lambda bad: _BODY + b'"Jo' + bad + b'e, Jr",Lima\n',
    "last_line_without_newline": lambda bad: _BODY + b"Bo,Ro" + bad,
    "line_of_its_own": lambda bad: _BODY + bad + b"\n" + b"Bo,Rome\n",
    "bare_cr_file": lambda bad: _BODY.replace(b"\n", b"\r") + b"Jo" + bad + b",Lima\r",
    "blank_body": lambda bad: b"name,city\n" + b" \n" * 40 + bad + b"\n",
}


@pytest.mark.parametrize("bad", sorted(_INVALID_UTF8))
@pytest.mark.parametrize("place", sorted(_PLACES))
def test_invalid_utf8_anywhere_reads_exactly_like_the_text_path(
    bad: str, place: str, small_head: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The large-file path checks no UTF-8 up front: polars' parser or a strict decode must catch it."""
    import etl.readers as readers

    data = _PLACES[place](_INVALID_UTF8[bad])
    fast = _outcome(data, "people.csv")
    monkeypatch.setattr(readers, "plain_utf8_head", lambda _data: None)
    assert _outcome(data, "people.csv") == fast


def test_strip_check_knows_what_polars_strips() -> None:
    """build_table strips only the columns `needs_strip` flags; that must be every column a strip changes."""
    from etl.readers.text import needs_strip

    points = pl.Series("c", [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000])
    for cells in (points, "x" + points, points + "x"):
        frame = cells.alias("c").to_frame()
        changed = (frame["c"].str.strip_chars() != frame["c"]).any()
        assert frame.select(needs_strip("c")).item() == changed
    one = pl.DataFrame({"c": ["a"] * 5 + ["\u3000b"]})
    assert one.select(needs_strip("c")).item()
