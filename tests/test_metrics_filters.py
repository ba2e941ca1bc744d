"""Filters: validation with messages that name the field, bound parameters, and plain-words description."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from metrics.errors import FilterError
from metrics.filters import Filters


def test_defaults_and_params() -> None:
    f = Filters()
    assert f.as_of == date.today() and f.min_group_size == 5
    params = f.params()
    assert params["teams"] == [] and params["manager_id"] is None and params["date_from"] is None
    assert f.describe() == [f"as of {date.today().isoformat()}"]
    assert not f.restricts_records


def test_lists_become_tuples_and_describe_names_everything() -> None:
    f = Filters(
        as_of=date(2025, 1, 31),
        teams=["Platform", "Data"],
        program_types=["degree"],
        manager_id="E1",
        date_from=date(2024, 1, 1),
    )
    assert f.teams == ("Platform", "Data") and hash(f)
    assert f.describe() == [
        "as of 2025-01-31",
        "teams: Platform, Data",
        "program types: degree",
        "manager subtree: E1 and everyone under them",
        "learning records dated 2024-01-01 to the end (completed_on, else started_on)",
    ]
    assert f.restricts_records


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"teams": "Platform"}, "'teams' must be a list"),
        ({"roles": [1]}, "'roles' must hold strings"),
        ({"as_of": "2025-01-01"}, "'as_of' must be a date"),
        ({"as_of": datetime(2025, 1, 1)}, "'as_of' must be a date"),
        ({"date_from": date(2025, 2, 1), "date_to": date(2025, 1, 1)}, "date_from .* is after date_to"),
        ({"program_types": ["bootcamp"]}, "unknown value 'bootcamp'"),
        ({"min_group_size": 0}, "'min_group_size' must be at least 1"),
        ({"min_group_size": True}, "'min_group_size' must be a whole number"),
        ({"manager_id": 7}, "'manager_id' must be a string"),
    ],
)
def test_bad_filters_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(FilterError, match=message):
        Filters(**kwargs)
