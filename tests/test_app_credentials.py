"""Credentials page: catalogue and the expiry / renewal / revoked tracker."""

from __future__ import annotations

import polars as pl
from app_fixtures import (
    assert_empty_state,
    demo_db,
    demo_db_path,
    empty_db,
    metrics_by_label,
    reader,
    run_page,
    spy_downloads,
)

from metrics.credentials import credentials_catalogue, expiry_tracker
from metrics.filters import Filters

__all__ = ["demo_db", "demo_db_path", "empty_db", "reader"]


def _counts(frame) -> dict[str, int]:
    return {
        state: frame.filter(frame["state"] == state).height for state in ("expiring", "expired", "revoked")
    }


def test_credentials_catalogue_and_tracker(demo_db, reader):
    con = reader(demo_db)
    catalogue = credentials_catalogue(con, Filters()).frame
    counts = _counts(expiry_tracker(con, Filters(), 90).frame)
    at = run_page("credentials")
    shown = metrics_by_label(at)
    assert shown["Programs"] == f"{catalogue.height:,}"
    assert shown["Current holders"] == f"{int(catalogue['holders'].sum()):,}"
    assert shown["Expiring in 90 days"] == f"{counts['expiring']:,}"
    assert shown["Expired"] == f"{counts['expired']:,}"
    assert shown["Revoked"] == f"{counts['revoked']:,}"
    assert counts["revoked"] > 0


def test_credentials_look_ahead_window(demo_db, reader):
    expected = _counts(expiry_tracker(reader(demo_db), Filters(), 180).frame)
    at = run_page("credentials")
    at.slider(key="credentials_days").set_value(180).run()
    assert not at.exception
    assert metrics_by_label(at)["Expiring in 180 days"] == f"{expected['expiring']:,}"


def test_credentials_tabs_show_their_first_rows_and_download_all(demo_db, reader, monkeypatch):
    full = expiry_tracker(reader(demo_db), Filters(), 90).frame
    downloads = spy_downloads(monkeypatch)
    at = run_page("credentials")
    assert not at.exception
    shapes = [df.value.shape[0] for df in at.dataframe]
    for state in ("expiring", "expired", "revoked"):
        of_state = full.filter(pl.col("state") == state)
        if of_state.height:
            assert min(of_state.height, 2_000) in shapes
        # the page fetched only the rows it shows; each tab's downloads build that state's whole list
        assert downloads[f"credentials_{state}"].equals(of_state)
        if of_state.height > 2_000:
            assert any(f"first 2,000 of {of_state.height:,} rows" in c.value for c in at.caption)
    renewed = int(full.get_column("renewed").sum())
    assert metrics_by_label(at)["Already renewed"] == f"{renewed:,}"


def test_credentials_empty_warehouse(empty_db):
    assert_empty_state(run_page("credentials"))
