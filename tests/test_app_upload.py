"""Upload page: preview and validation before writing, commit, history, undo, refusals; and a load made
outside the app (the CLI) shows on the next rerun without a restart."""

from __future__ import annotations

from app_fixtures import UPLOAD_FIXTURES, app, empty_db, metrics_by_label, page_path, run_page

from etl.admin import load_history
from etl.load import FileInput, ingest

__all__ = ["empty_db"]


def _file(name: str) -> tuple[str, bytes, str]:
    return (name, (UPLOAD_FIXTURES / name).read_bytes(), "text/csv")


def _history_frame(at):
    return next(
        df.value for df in at.dataframe if "load_id" in df.value.columns and "batch_id" in df.value.columns
    )


def test_upload_preview_commit_history_undo(empty_db):
    at = run_page("upload")
    assert any("No loads yet" in i.value for i in at.info)
    at.file_uploader[0].set_value([_file("roster_small.csv"), _file("learning_small.csv")]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not empty_db.exists(), "nothing is written before Commit"
    kinds = [m.value for m in at.metric if m.label == "Detected kind"]
    assert sorted(kinds) == ["learning", "roster"]
    to_load = [m.value for m in at.metric if m.label == "Rows to load"]
    rejected = [m.value for m in at.metric if m.label == "Rows rejected"]
    assert sorted(to_load) == ["3", "4"] and sorted(rejected) == ["0", "1"]
    rejects = next(
        df.value for df in at.dataframe if list(df.value.columns) == ["row", "column", "value", "reason"]
    )
    assert rejects.iloc[0]["row"] == 6 and rejects.iloc[0]["column"] == "started_on"
    assert "Unmatched people" in metrics_by_label(at)

    at.button(key="upload_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert empty_db.exists()
    history = load_history(empty_db)
    assert [h["file_name"] for h in sorted(history, key=lambda h: h["load_id"])] == [
        "roster_small.csv",
        "learning_small.csv",
    ]
    shown = _history_frame(at)
    assert set(shown["file_name"]) == {"roster_small.csv", "learning_small.csv"}
    assert any("Committed 2 file(s)" in s.value for s in at.success)
    learning = next(h for h in history if h["kind"] == "learning")
    assert learning["rows_unmatched"] == 1 and learning["rows_rejected"] == 1

    at.button(key=f"upload_undo::{learning['load_id']}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Load {learning['load_id']}" in s.value and "undone" in s.value for s in at.success)
    statuses = dict(zip(_history_frame(at)["load_id"], _history_frame(at)["status"], strict=True))
    assert statuses[learning["load_id"]] == "undone"
    assert not any(b.key == f"upload_undo::{learning['load_id']}" for b in at.button)


def test_upload_refusals_name_file_and_column(empty_db):
    at = run_page("upload")
    at.file_uploader[0].set_value([_file("learning_ambiguous_dates.csv"), _file("not_a_table.csv")]).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(
        "learning_ambiguous_dates.csv" in e and "started_on" in e and "date order" in e for e in errors
    )
    assert any("not_a_table.csv" in e for e in errors)
    assert at.button(key="upload_commit").disabled
    # Say the dates are day first: the file now passes and only the unreadable one is refused.
    date_box = next(s for s in at.selectbox if s.key and s.key.startswith("upload_dates::"))
    date_box.set_value("day_first").run()
    errors = [e.value for e in at.error]
    assert not any("learning_ambiguous_dates.csv" in e for e in errors)
    assert any(m.label == "Rows to load" and m.value == "2" for m in at.metric)
    assert not empty_db.exists()


def test_load_from_another_process_shows_without_restart(empty_db):
    at = app()
    at.run()
    at.switch_page(page_path("data")).run()
    assert metrics_by_label(at)["Employees"] == "0"
    # The CLI (or a second browser tab) loads while the app is open.
    ingest(empty_db, [FileInput.from_path(UPLOAD_FIXTURES / "roster_small.csv")])
    at.run()
    assert not at.exception
    assert metrics_by_label(at)["Employees"] == "3"
    ingest(empty_db, [FileInput.from_path(UPLOAD_FIXTURES / "learning_small.csv")])
    at.run()
    assert metrics_by_label(at)["Learning records"] == "4"
    assert metrics_by_label(at)["Unmatched records"] == "1"
