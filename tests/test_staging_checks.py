"""Staging's fast paths give the same rows, rejects and notes as checking every cell one step at a time."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

import etl.parse.values as values
from etl.detect import detect
from etl.formats.credly import combine_name_parts
from etl.readers import RawTable, read_file
from etl.staging import CLEAN_EMAIL_RE, CONTROL_RE, EMAIL_RE, Refused, StagedTable, stage


def _staged(data: bytes, name: str) -> tuple:
    table = read_file(data, name)[0]
    result = stage(table, detect(table))
    return result.frame.to_dicts(), result.rejects, result.notes, result.rows_read


def _learning_csv(rows: int) -> bytes:
    """A learning file whose text columns repeat a few values, with a few bad cells among them."""
    programs = ["Python Basics", "SQL for Analysts", "Cloud \x1bFundamentals", "x" * 4001, "Data Viz"]
    lines = ["Employee ID,Email,Program,Provider,Status,Completion Date,Record ID"]
    for i in range(rows):
        program = programs[i % 3] if i not in (7, 4999) else programs[3 if i == 7 else 2]
        email = f"p{i}@Example.COM" if i != 11 else "not-an-email"
        provider = "Acme\x07" if i == 13 else ("Acme" if i % 2 else "Globex")
        lines.append(
            f"E{i},{email},{program},{provider},completed,2024-01-{1 + i % 28:02d},R{i % (rows - 3)}"
        )
    lines.append(lines[2])  # the same attempt twice
    return ("\n".join(lines) + "\n").encode()


def test_distinct_value_checks_match_checking_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _learning_csv(12_000)
    fast = _staged(data, "learning.csv")
    reasons = {r.reason for r in fast[1]}
    assert "value longer than 4,000 characters" in reasons
    assert "control character U+001B in the value" in reasons
    assert "control character U+0007 in the value" in reasons
    assert "not an email address" in reasons
    assert any(r.startswith("same learning record") for r in reasons)
    monkeypatch.setattr(values, "SAMPLE_ROWS", 10**9)  # every column checked cell by cell
    assert _staged(data, "learning.csv") == fast


def test_email_rule_does_not_depend_on_lower_case() -> None:
    """Staging tests the email as given and stores it lower-cased: the same verdict only because
    lower-casing never makes, removes or changes an '@', a '.' or a blank, nor empties a character."""
    points = pl.Series([chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000], dtype=pl.String)
    lowered = points.str.to_lowercase()
    special = r"[@.\s]"
    assert (points.str.contains(special) == lowered.str.contains(special)).all()
    assert (lowered.str.len_chars() >= 1).all()
    emails = pl.Series(["A@B.CO", "İ@x.io", "a b@c.d", "a@b", "ǅ@Ǆ.Ǳ", "x@y.z\u2028"])
    assert (
        emails.str.contains(EMAIL_RE).to_list() == emails.str.to_lowercase().str.contains(EMAIL_RE).to_list()
    )


def test_one_email_pass_answers_both_the_address_and_the_control_character_checks() -> None:
    """CLEAN_EMAIL_RE refuses a cell exactly when EMAIL_RE refuses it or CONTROL_RE finds something in it:
    every code point, in each part of an address and on its own."""
    points = pl.Series([chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000], dtype=pl.String)
    cells = pl.concat(
        [
            points,
            "a" + points + "b@example.com",
            "ab@ex" + points + "ample.com",
            "ab@example.c" + points + "m",
            "ab" + points + "@example.com",
            "ab@example." + points,
            pl.Series(["a@b.c", "a@b", "@b.c", "a@.c", "a@b.", "a b@c.d", "a@@b.c", "a.b@c.d.e", ""]),
        ]
    )
    expected = cells.str.contains(EMAIL_RE) & ~cells.str.contains(CONTROL_RE)
    assert (cells.str.contains(CLEAN_EMAIL_RE) == expected).all()
    assert expected.sum() > 1_000_000  # the cases are not all refused


def test_an_email_column_rejects_bad_addresses_and_control_characters_with_their_reasons() -> None:
    rows = ["ok@example.com", "not-an-email", "b\x07ad@example.com", "no@control\x1b", "", "fine@x.io"]
    data = (
        "Employee ID,Email,Program,Completion Date\n"
        + "".join(f"E{i},{email},Python,2024-01-0{i + 1}\n" for i, email in enumerate(rows))
    ).encode()
    frame, rejects, _, _ = _staged(data, "learning.csv")
    assert [(r.row, r.column, r.reason) for r in rejects] == [
        (3, "Email", "not an email address"),
        (4, "Email", "control character U+0007 in the value"),
        (5, "Email", "not an email address"),
    ]
    assert [r["email"] for r in frame] == ["ok@example.com", None, "fine@x.io"]


def _names(*rows: tuple[str | None, str | None]) -> list[str | None]:
    frame = pl.DataFrame(
        {"First Name": [r[0] for r in rows], "Last Name": [r[1] for r in rows]},
        schema={"First Name": pl.String, "Last Name": pl.String},
    )
    table = RawTable("f.csv", None, frame.columns, frame, list(range(2, len(rows) + 2)), {})
    return combine_name_parts(table, ("first name", "last name")).frame["Full Name"].to_list()


def test_name_parts_join_with_single_spaces() -> None:
    assert _names(("Ada", "Okafor"), ("Ben", None), (None, None)) == ["Ada Okafor", "Ben", None]
    assert _names(("Mary  Ann", "Lee"), ("Jo\tSue", "Kim"), ("", "Ng")) == [
        "Mary Ann Lee",
        "Jo Sue Kim",
        "Ng",
    ]


def _names_one_step(parts: list[list[str | None]]) -> list[str | None]:
    """The joined name cell by cell: blanks collapsed to one space, the ends stripped, empty as missing."""
    out = []
    for row in zip(*parts, strict=True):
        joined = " ".join(p or "" for p in row)
        if re.search(r"\s\s|[^\S ]", joined):
            joined = re.sub(r"\s+", " ", joined)
        joined = joined.strip()
        out.append(joined or None)
    return out


@pytest.mark.parametrize("width", [2, 3])
def test_name_parts_decided_per_distinct_part_equal_joining_every_cell(width: int) -> None:
    """combine_name_parts skips the collapse and the strip when no distinct part value can need them; on
    every mix of part values (blanks inside, at either end, other blanks, empty, missing) the names equal
    those of joining and cleaning each cell. Each column holds one kind of part, so the skips are taken."""
    kinds = ["Ada", "Mary Ann", "Mary  Ann", " Ada", "Ada ", "Jo\tSue", "Zoë\u00a0Lee", "", None, "\u2003"]
    names = ("first name", "middle name", "last name")[:width] if width == 3 else ("first name", "last name")
    columns = [c.title() for c in names]
    for kind in kinds:
        for position in range(width):
            parts: list[list[str | None]] = [["Lee", "Kim", "Ng"] for _ in range(width)]
            parts[position] = [kind, "Bo", kind]
            frame = pl.DataFrame(
                dict(zip(columns, parts, strict=True)), schema=dict.fromkeys(columns, pl.String)
            )
            table = RawTable("f.csv", None, frame.columns, frame, [2, 3, 4], {})
            got = combine_name_parts(table, names).frame["Full Name"].to_list()
            assert got == _names_one_step(parts), (kind, position)
            assert all(c is None or (c == c.strip() and "  " not in c) for c in got)


def test_nothing_is_left_for_strip_chars_after_normalising() -> None:
    """Record keys use the staged record id without stripping it again: every character polars'
    str.strip_chars() removes is in BLANKS, which normalize_missing_columns strips."""
    points = pl.Series([chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000], dtype=pl.String)
    whitespace = points.str.strip_chars() == ""
    assert whitespace.sum() >= 25
    assert (~whitespace | (points.str.strip_chars(values.BLANKS) == "")).all()


@pytest.mark.parametrize(
    ("data", "name", "padded_column", "pad", "keys"),
    [
        # The source's own record id makes the key.
        (
            b"Badge Name,Earner Badge ID,Issued to Email,Issued by,Issue Date,Status\n"
            b"Python Basics,id-1,a@x.io,Acme,2024-01-02,accepted\n"
            b"SQL Basics,id-2,b@x.io,Acme,2024-01-03,accepted\n",
            "credly.csv",
            "Earner Badge ID",
            " {}\t",
            ["credly:id-1", "credly:id-2"],
        ),
        # Without a record id the key is person + program + date.
        (
            b"Employee ID,Email,Program,Provider,Status,Completion Date\n"
            b"E1,a@x.io,Python Basics,Acme,completed,2024-01-02\n"
            b"e2,b@x.io,SQL Basics,Acme,completed,2024-01-03\n",
            "learning.csv",
            "Employee ID",
            "\u00a0{} ",
            ["e1|python basics|acme|2024-01-02", "e2|sql basics|acme|2024-01-03"],
        ),
    ],
)
def test_record_keys_carry_no_blanks_whatever_built_the_table(
    data: bytes, name: str, padded_column: str, pad: str, keys: list[str]
) -> None:
    """A table whose ids were not stripped by a reader still gets keys without the blanks."""
    table = read_file(data, name)[0]
    detection = detect(table)
    assert _keys(stage(table, detection)) == keys
    padded = table.frame.with_columns(pl.col(padded_column).map_elements(pad.format, pl.String))
    table = RawTable(table.file_name, table.part, table.columns, padded, table.source_rows, table.meta)
    assert _keys(stage(table, detection)) == keys


def _keys(staged: StagedTable) -> list[str]:
    """The record keys the load writes: staging's natural key, else `namespace:record_id`
    (etl/sql/load/staged_learning.sql)."""
    own = [
        f"{staged.record_namespace}:{i}" if staged.record_namespace and i is not None else None
        for i in staged.frame.get_column("record_id").to_list()
    ]
    return [
        k if k is not None else o
        for k, o in zip(staged.frame.get_column("record_key").to_list(), own, strict=True)
    ]


def _dated_csv(starts: list[str], completions: list[str]) -> bytes:
    lines = ["Employee ID,Program,Status,Start Date,Completion Date"]
    lines += [
        f"E{i},Python,completed,{s},{c}" for i, (s, c) in enumerate(zip(starts, completions, strict=True))
    ]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("starts", "completions", "refused_column"),
    [
        (["01/02/2024", "03/04/2024"], ["2024-05-01", "2024-06-01"], "Start Date"),
        (["2024-01-02", "2024-03-04"], ["05/06/2024", "07/08/2024"], "Completion Date"),
        # Both undecidable: the first date field (started_on) is the one named, as when they were read in turn.
        (["01/02/2024", "03/04/2024"], ["05/06/2024", "07/08/2024"], "Start Date"),
    ],
)
def test_an_undecidable_date_column_refuses_the_file_naming_it(
    starts: list[str], completions: list[str], refused_column: str
) -> None:
    """The date columns are read beside the other checks; a refusal still names the column it is about."""
    table = read_file(_dated_csv(starts, completions), "dates.csv")[0]
    with pytest.raises(Refused) as info:
        stage(table, detect(table))
    assert info.value.column == refused_column
    assert "day" in info.value.reason.lower() and "month" in info.value.reason.lower()


def test_one_date_column_decides_the_order_of_another() -> None:
    """A start date past the 12th proves day-first; the completion dates, all days <= 12, follow it."""
    table = read_file(_dated_csv(["13/02/2024", "01/03/2024"], ["01/05/2024", "03/04/2024"]), "dates.csv")[0]
    staged = stage(table, detect(table))
    assert staged.frame.get_column("started_on").to_list() == [dt.date(2024, 2, 13), dt.date(2024, 3, 1)]
    assert staged.frame.get_column("completed_on").to_list() == [dt.date(2024, 5, 1), dt.date(2024, 4, 3)]
    assert staged.rejects == []
    # Told month-first, the completion dates follow that (the start dates still decide their own order):
    # 01/05 is then 5 January, before its start date, and that row alone is rejected.
    month_first = stage(table, detect(table), day_first=False)
    assert {(r.row, r.column) for r in month_first.rejects} == {(2, "Completion Date")}
    assert month_first.frame.get_column("completed_on").to_list() == [dt.date(2024, 3, 4)]
