"""Breakdowns and long tables inside expanders are computed only once the expander is opened.

A closed expander asks no metric and sends no table; opening it (its key in session state, as a click sets
it) reruns the page and shows the content, with no error.
"""

from __future__ import annotations

import pytest
from app_fixtures import asked, demo_db, demo_db_path, run_page

__all__ = ["asked", "demo_db", "demo_db_path"]

# page, expander label (start), its key, the metric only it asks for (None: a table of data already shown)
EXPANDERS = [
    ("roi", "By program type", "roi_program_types_open", "economics.program_type_economics"),
    ("roi", "ROI by program", "roi_programs_open", "roi.roi_by_program"),
    ("roi", "Economics by program or provider", "roi_breakdown_open", "economics.program_economics"),
    ("coverage", "Coverage table", "coverage_table_open", None),
    ("people", "Everyone in the selection", "people_list_open", "people.people"),
]


@pytest.mark.parametrize(("page", "label", "key", "metric"), EXPANDERS, ids=[e[2] for e in EXPANDERS])
def test_an_expander_computes_its_content_only_when_open(
    demo_db, asked: list[str], page: str, label: str, key: str, metric: str | None
) -> None:
    at = run_page(page)
    assert any(e.label.startswith(label) for e in at.expander), [e.label for e in at.expander]
    if metric is not None:
        assert metric not in asked
    closed_tables = len(at.dataframe)

    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert len(at.dataframe) == closed_tables + 1
    if metric is not None:
        assert metric in asked

    at.session_state[key] = False
    at.run()
    assert not at.exception
    assert len(at.dataframe) == closed_tables
