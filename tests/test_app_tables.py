"""How tables and charts read: headings, number formats, hidden internal keys, labelled program types,
one colour per program type, and a coverage heatmap whose cells tile and can be clicked."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import pytest
from app_fixtures import demo_db, demo_db_path, reader, run_page

from dashboard import charts, components, labels
from metrics.coverage import coverage
from metrics.filters import Filters

__all__ = ["demo_db", "demo_db_path", "reader"]

FRAME = pl.DataFrame(
    {
        "skill_id": ["sql"],
        "skill": ["SQL"],
        "program_key": ["a|b"],
        "program_name": ["A"],
        "program_type": ["micro_credential"],
        "record_id": [7],
        "total_cost": [2306374.45],
        "completion_rate": [0.9388],
        "median_days_to_complete": [105.55],
        "met": [True],
        "month": [dt.date(2024, 1, 1)],
        "roi_pct": [-100.0],
        "mystery_column": [1],
    }
)


def _config(spec) -> dict:
    return spec if isinstance(spec, dict) else dict(spec)


def test_column_formats_label_format_and_hide():
    config = components.column_formats(FRAME)
    for key in ("skill_id", "program_key", "record_id"):
        assert config[key] is None, key
    assert _config(config["total_cost"])["label"] == "Total cost"
    money = _config(config["total_cost"])["type_config"]
    assert (money["type"], money["format"], money["step"]) == ("number", "localized", 1)
    rate = _config(config["completion_rate"])["type_config"]
    assert rate["format"] == "percent"
    days = _config(config["median_days_to_complete"])["type_config"]
    assert days["step"] == 0.1
    assert _config(config["met"])["type_config"]["type"] == "checkbox"
    assert _config(config["month"])["type_config"]["format"] == "MMM YYYY"
    assert _config(config["roi_pct"])["type_config"]["format"] == "%.0f%%"
    assert _config(config["mystery_column"])["label"] == "Mystery column"


def test_a_key_without_its_readable_partner_stays_visible():
    config = components.column_formats(pl.DataFrame({"skill_id": ["sql"], "people_with_gap": [3]}))
    assert config["skill_id"] is not None
    assert _config(config["people_with_gap"])["label"] == "People with a gap"


def test_display_values_name_program_types_but_leave_unknown_codes():
    frame = pl.DataFrame(
        {"program_type": ["micro_credential", "podcast", None], "group": ["no_completion"] * 3}
    )
    shown = components.display_values(frame)
    assert shown["program_type"].to_list() == ["Micro-credential", "podcast", None]
    assert shown["group"].to_list() == ["No completion"] * 3
    assert components.display_values(pl.DataFrame({"x": [1]})).columns == ["x"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2752500.45, "2.75 M"),
        (446126.0, "446 k"),
        (44612.0, "44.6 k"),
        (8450.2, "8,450"),
        (-2306374.45, "-2.31 M"),
        (None, "—"),
        (float("nan"), "—"),
    ],
)
def test_fmt_compact(value, text):
    assert components.fmt_compact(value) == text


def test_every_program_type_and_group_has_one_label_and_colour():
    for code, name in {**labels.PROGRAM_TYPE_LABELS, **labels.GROUP_LABELS}.items():
        assert labels.colour(name), code
    assert labels.program_type_label("traditional_course") == "Traditional course"
    assert labels.colour(labels.GROUP_LABELS["micro_credentials_and_certifications"]) == labels.colour(
        "Micro-credential"
    )


def test_charts_have_titles_axis_titles_and_fixed_colours():
    frame = pl.DataFrame(
        {
            "month": [dt.date(2024, 1, 1), dt.date(2024, 2, 1)] * 2,
            "program_type": ["Degree", "Degree", "Micro-credential", "Micro-credential"],
            "spend": [10.0, 20.0, 30.0, 40.0],
        }
    )
    fig = charts.stacked_months(frame, x="month", y="spend", color="program_type", fmt="money", title="Spend")
    assert fig.layout.title.text == "Spend" and fig.layout.yaxis.title.text is None
    assert fig.layout.xaxis.title.text == "Month"
    # fixed order (micro-credential before degree) and fixed colours, whatever order the data came in
    assert [t.name for t in fig.data] == ["Micro-credential", "Degree"]
    assert [t.marker.color for t in fig.data] == [labels.colour("Micro-credential"), labels.colour("Degree")]
    bars = charts.bar(
        pl.DataFrame({"team": ["<b>Ops</b>", "Data"], "rate": [0.5, 0.25]}),
        x="team",
        y="rate",
        horizontal=True,
        percent=True,
        title="Rate",
        x_title="Met",
        y_title="Team",
    )
    assert bars.data[0].y == ("&lt;b&gt;Ops&lt;/b&gt;", "Data")
    assert bars.layout.xaxis.tickformat == ".0%" and bars.layout.xaxis.title.text == "Met"


def test_coverage_heatmap_tiles_and_is_selectable(demo_db, reader):
    frame = coverage(reader(demo_db), Filters()).frame
    fig = charts.coverage_heatmap(frame, title="Coverage")
    heat, cells = fig.data
    assert isinstance(heat, go.Heatmap) and isinstance(cells, go.Scatter)
    teams, skills = frame["team"].n_unique(), frame["skill"].n_unique()
    assert len(heat.x) == teams and len(heat.y) == skills
    assert len(heat.z) == skills and all(len(row) == teams for row in heat.z)
    filled = sum(v is not None for row in heat.z for v in row)
    assert filled == frame.height == len(cells.x)
    # one clickable point per frame row, in frame order: the page maps point_index back to the row
    assert list(cells.x[:3]) == frame["team"].head(3).to_list()
    assert fig.layout.clickmode == "event+select"
    assert fig.layout.dragmode not in ("select", "lasso")  # Streamlit turns clickmode to "event" for those
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "category"
    assert fig.layout.height == charts.HEATMAP_ROW_PX * skills + 170
    assert fig.data[0].colorbar.tickformat == ".0%"


def test_tables_on_a_page_use_labels(demo_db):
    at = run_page("roi")
    table = next(df for df in at.dataframe if "group" in df.value.columns)
    assert table.proto.columns  # the column config travels with the table
    assert "Micro-credentials + certifications" in set(table.value["group"])
    assert '"label": "Cost per completion"' in table.proto.columns


@pytest.mark.parametrize("page", ["overview", "coverage", "gaps", "roi", "credentials", "people", "data"])
@pytest.mark.parametrize(
    "params",
    [{"from": "1990-01-01", "to": "1990-01-31"}, {"ptype": "degree", "asof": "2000-01-01", "min": "50"}],
    ids=["no-records-in-range", "nobody-employed-yet"],
)
def test_filtered_to_nothing_is_friendly(demo_db, page, params):
    at = run_page(page, query_params=params)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def _capped_table() -> None:
    import polars as pl

    from dashboard import components

    frame = pl.DataFrame({"employee_id": [f"E{i}" for i in range(10)], "gap": list(range(10, 0, -1))})
    components.table(frame, key="capped", file_stem="capped", max_rows=3)


def test_a_capped_table_shows_its_first_rows_and_says_the_downloads_hold_all():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_capped_table).run()
    assert not at.exception
    assert at.dataframe[0].value.shape[0] == 3
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["E0", "E1", "E2"]
    assert any("first 3 of 10 rows" in c.value and "every row" in c.value for c in at.caption)
    assert len(at.get("download_button")) == 2
