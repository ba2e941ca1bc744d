"""The report behind `python -m etl report`: JSON shape, field names, and the text rendering."""

from __future__ import annotations

import json

from metrics_fixture import GOLDEN_AS_OF, empty_warehouse, golden_org, read_expected

from metrics.filters import Filters
from metrics.report import REPORT_FIELDS, build_report, render_report_text


def test_report_shape_and_field_names() -> None:
    report = build_report(golden_org(), GOLDEN_AS_OF)
    assert json.loads(json.dumps(report)) == report  # plain JSON types only
    assert report["as_of"] == "2025-06-30"
    for key in ("coverage", "target_achievement", "gaps", "program_types"):
        assert isinstance(report[key], list) and report[key]
        assert all(tuple(row) == REPORT_FIELDS[key] for row in report[key])
    assert REPORT_FIELDS["coverage"] == ("team", "skill", "required_members", "members_meeting", "coverage")
    assert REPORT_FIELDS["target_achievement"] == ("team", "requirements", "met", "rate")
    assert report["suppressed_groups"] == {"coverage": 2, "target_achievement": 2}
    assert report["org_target_achievement"] == {"requirements": 20, "met": 10, "rate": 0.5}
    assert "Skill coverage" in report["definitions"]["coverage"]


def test_report_arrays_equal_the_golden_files() -> None:
    report = build_report(golden_org(), GOLDEN_AS_OF)
    assert report["coverage"] == read_expected("expected_coverage.csv")
    assert report["target_achievement"] == read_expected("expected_target_achievement.csv")
    assert report["gaps"] == read_expected("expected_gaps.csv")
    assert report["program_types"] == read_expected("expected_program_types.csv")


def test_report_takes_filters_but_as_of_wins() -> None:
    report = build_report(golden_org(), GOLDEN_AS_OF, Filters(teams=("Analytics",), min_group_size=1))
    assert {row["team"] for row in report["coverage"]} == {"Analytics"}
    assert report["as_of"] == "2025-06-30"


def test_text_rendering_is_aligned() -> None:
    text = render_report_text(build_report(golden_org(), GOLDEN_AS_OF))
    assert text.startswith("Skillgrid report as of 2025-06-30")
    lines = text.splitlines()
    header = lines.index("Coverage by team and skill") + 1
    table = lines[header : header + 5]
    assert table[0].split() == ["team", "skill", "required_members", "members_meeting", "coverage"]
    assert table[2].startswith("Platform  Cloud Computing") and table[2].endswith("25.0%")
    assert len({len(line) for line in table[1:]}) == 1  # every row as wide as the rule under the header
    assert "(2 team(s) with fewer than 5 people hidden)" in text
    assert "degree" in text and "6,000.00" in text


def test_empty_warehouse_report() -> None:
    report = build_report(empty_warehouse(), GOLDEN_AS_OF)
    assert report["coverage"] == [] and report["program_types"] == []
    assert report["org_target_achievement"]["rate"] is None
    assert "(no rows)" in render_report_text(report)
