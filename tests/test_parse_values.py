"""Missing spellings, booleans, multi-valued cells and Skill:level items."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.parse import MISSING, CellProblem, normalize_missing, parse_bool, parse_skill_items, split_multi


def col(*values: str | None) -> pl.Series:
    return pl.Series("flag", list(values), dtype=pl.String)


@pytest.mark.parametrize(
    "spelling", sorted(MISSING) + ["N/A", "NULL", "None", "NaN", "#N/A", "(Blank)", "  n.a.  "]
)
def test_every_missing_spelling_becomes_null(spelling: str) -> None:
    assert normalize_missing(col(spelling)).to_list() == [None]


def test_normalize_strips_blanks_and_keeps_real_values() -> None:
    out = normalize_missing(
        col("\u00a0 Alice \u202f", "\ufeffBob", "\t", None, "na-ve", "nanny", "-5", "--x")
    )
    assert out.to_list() == ["Alice", "Bob", None, None, "na-ve", "nanny", "-5", "--x"]
    assert out.name == "flag" and out.dtype == pl.String


def test_normalize_accepts_non_string_input() -> None:
    assert normalize_missing(pl.Series("n", [1, None])).to_list() == ["1", None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes", True),
        ("no", False),
        ("Y", True),
        ("n", False),
        ("TRUE", True),
        ("False", False),
        ("true", True),
        ("1", True),
        ("0", False),
        ("x", True),
        ("X", True),
        ("T", True),
        ("f", False),
        (" yes\u00a0", True),
        ("N/A", None),
        ("", None),
    ],
)
def test_parse_bool_words(text: str, expected: bool | None) -> None:
    parsed = parse_bool(col(text))
    assert parsed.values.dtype == pl.Boolean
    assert parsed.values.to_list() == [expected]
    assert parsed.problems == []


@pytest.mark.parametrize("text", ["Completed", "maybe", "2", "yes please", "✓"])
def test_parse_bool_refuses_non_boolean_words(text: str) -> None:
    parsed = parse_bool(col("yes", text))
    assert parsed.values.to_list() == [True, None]
    assert parsed.problems == [
        CellProblem(1, text, f"'{text}' is not a yes/no value (use Yes/No, Y/N, True/False, 1/0 or x)")
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Python; SQL", ["Python", "SQL"]),
        ("Python | SQL|Excel", ["Python", "SQL", "Excel"]),
        ("Python\nSQL\r\nExcel", ["Python", "SQL", "Excel"]),
        ("Leadership, Coaching; Python", ["Leadership, Coaching", "Python"]),
        (" ; Python ;; |\u00a0", ["Python"]),
        ("", []),
    ],
)
def test_split_multi(cell: str, expected: list[str]) -> None:
    assert split_multi(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Python:3; SQL | Data Viz:2", [("Python", 3), ("SQL", None), ("Data Viz", 2)]),
        ("Python (3); Go (L4)", [("Python", 3), ("Go", 4)]),
        ("Python - L3; Rust - Level 2; Java – L0", [("Python", 3), ("Rust", 2), ("Java", 0)]),
        ("Python : 5 ; SQL:0", [("Python", 5), ("SQL", 0)]),
        ("Python:L2", [("Python", 2)]),
        ("Amazon Web Services (AWS)", [("Amazon Web Services (AWS)", None)]),
        ("Data - Science; C++ (advanced)", [("Data - Science", None), ("C++ (advanced)", None)]),
        ("Python:", [("Python", None)]),
        ("", []),
    ],
)
def test_parse_skill_items(cell: str, expected: list[tuple[str, int | None]]) -> None:
    assert parse_skill_items(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Python:7", "skill level 7 in 'Python:7' is outside 0 to 5"),
        ("SQL:3; Python:-1", "skill level -1 in 'Python:-1' is outside 0 to 5"),
        ("Python (6)", "outside 0 to 5"),
        ("Python:three", "skill level 'three' in 'Python:three' is not a whole number from 0 to 5"),
        ("Python:2.5", "not a whole number"),
        ("Python (3.5)", "not a whole number"),
        ("Go - L9", "outside 0 to 5"),
        (":3", "skill item ':3' has a level but no skill name"),
    ],
)
def test_parse_skill_items_refuses_bad_levels(cell: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_skill_items(cell)


skill_names = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" +#."),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(lambda s: s != "" and not s[0].isdigit())
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(skill_names, st.one_of(st.none(), st.integers(0, 5))), min_size=1, max_size=6))
def test_skill_items_round_trip(items: list[tuple[str, int | None]]) -> None:
    cell = " | ".join(name if level is None else f"{name}:{level}" for name, level in items)
    assert parse_skill_items(cell) == items


def _every_code_point() -> pl.Series:
    return pl.Series([chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000], dtype=pl.String)


def test_missing_spellings_hold_every_text_that_lowercases_to_a_missing_word() -> None:
    """normalize_missing matches MISSING_SPELLINGS instead of lower-casing each cell; that is only the
    same when every character that lower-cases to a letter of a missing word is among the spellings."""
    from etl.parse.values import MISSING_SPELLINGS

    chars = pl.Series(sorted(set("".join(MISSING))), dtype=pl.String)
    points = _every_code_point()
    lowered = points.str.to_lowercase()
    onto = points.filter(lowered.is_in(chars.to_list()) & (points != lowered)).to_list()
    covered = {c for spelling in MISSING_SPELLINGS for c in spelling}
    assert set(onto) <= covered
    assert all(s.lower() in MISSING for s in MISSING_SPELLINGS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(MISSING)), min_size=1, max_size=5), st.randoms())
def test_any_casing_of_a_missing_word_is_missing(words: list[str], rnd) -> None:
    spelled = ["".join(c.upper() if rnd.random() < 0.5 else c for c in w) for w in words]
    spelled = [s.replace("k", "\u212a") if rnd.random() < 0.2 else s for s in spelled]
    assert normalize_missing(col(*spelled, "kept")).to_list() == [None] * len(spelled) + ["kept"]


def test_normalize_returns_a_clean_column_unchanged_and_cleans_many_columns_alike() -> None:
    from etl.parse.values import normalize_missing_columns

    clean = col("a", None, "b c")
    assert normalize_missing(clean).to_list() == ["a", None, "b c"]
    frame = pl.DataFrame(
        {"x": ["a", " NULL ", "\u200bb\ufeff"], "y": ["1", "2", "3"], "z": [None, "N/A", "ok"]}
    )
    out = normalize_missing_columns(frame, ["z", "x", "y"])
    assert out.columns == ["z", "x", "y"]
    for name in out.columns:
        assert out[name].to_list() == normalize_missing(frame[name]).to_list()


def test_cleaning_hands_on_each_repeating_columns_distinct_values_as_cleaned(monkeypatch) -> None:
    """clean_columns gives, for every column it looked at per distinct value, the distinct non-missing values
    of the column as cleaned: dirty columns (blanks, missing words) and clean ones alike."""
    from etl.parse import values
    from etl.parse.values import clean_columns

    monkeypatch.setattr(values, "SAMPLE_ROWS", 0)  # every column counts as repeating
    frame = pl.DataFrame(
        {
            "dirty": [" A", "A", "n/a", None, "B\u200b", "B", "NULL"],
            "clean": ["x", "y", "x", None, "y", "y", "x"],
            "empty": [None, " ", "-", None, "", "NA", None],
        }
    )
    cleaned = clean_columns(frame, ["dirty", "clean", "empty"])
    assert sorted(cleaned.distinct) == ["clean", "dirty", "empty"]
    for name, found in cleaned.distinct.items():
        expected = cleaned.frame[name].drop_nulls().unique()
        assert sorted(found.to_list()) == sorted(expected.to_list()), name
        assert found.null_count() == 0 and found.n_unique() == found.len()
    assert sorted(cleaned.distinct["dirty"].to_list()) == ["A", "B"]
    assert cleaned.distinct["empty"].len() == 0
