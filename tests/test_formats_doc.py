"""docs/FORMATS.md stays true: every format, field and vocabulary word it should list is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.formats.canonical import FIELDS_BY_KIND
from etl.formats.registry import ALL_FORMATS
from etl.formats.vocab import PROGRAM_TYPE_WORDS, STATUS_WORDS

DOC = (Path(__file__).parent.parent / "docs" / "FORMATS.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [f.name for f in ALL_FORMATS])
def test_every_format_is_documented(name):
    assert f"`{name}`" in DOC


@pytest.mark.parametrize(
    ("table", "canonical", "word"),
    [("status", c, w) for c, ws in STATUS_WORDS.items() for w in ws]
    + [("program type", c, w) for c, ws in PROGRAM_TYPE_WORDS.items() for w in ws],
)
def test_every_vocabulary_word_is_documented_in_its_row(table, canonical, word):
    rows = [line for line in DOC.splitlines() if line.startswith(f"| `{canonical}` |")]
    assert rows, f"no {table} row for {canonical}"
    assert any(f"`{word}`" in row for row in rows), f"{table} word {word!r} missing from the {canonical} row"


@pytest.mark.parametrize(("kind", "field"), [(k, f.name) for k, fs in FIELDS_BY_KIND.items() for f in fs])
def test_every_canonical_field_is_documented(kind, field):
    section = DOC.split(f"### `{kind}`", 1)[1].split("\n### ", 1)[0]
    assert f"| `{field}` |" in section


def test_the_reject_or_refuse_rule_and_the_hashed_recipient_hook_are_documented():
    assert "## Reject the row or refuse the file" in DOC
    assert "resolve_hashed_recipients(frame, emails)" in DOC
    assert "credential_program_type" in DOC and "course_program_type" in DOC
