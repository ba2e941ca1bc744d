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


def _by_prefix(widgets, prefix: str):
    return next(w for w in widgets if w.key and w.key.startswith(prefix))


def test_save_a_mapping_profile_and_apply_it_to_the_next_upload(empty_db):
    from etl.profiles import list_profiles

    at = run_page("upload")
    at.file_uploader[0].set_value([_file("learning_ambiguous_dates.csv")]).run()
    assert any("No saved mapping profiles yet" in c.value for c in at.caption)
    _by_prefix(at.selectbox, "upload_dates::").set_value("day_first").run()
    assert not at.error
    # A profile needs a name.
    _by_prefix(at.button, "upload_profile_save::").click().run()
    assert any("Give the profile a name" in e.value for e in at.error)
    _by_prefix(at.text_input, "upload_profile_name::").input("Day-first learning").run()
    _by_prefix(at.button, "upload_profile_save::").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Saved the mapping profile 'Day-first learning'" in s.value for s in at.success)
    (profile,) = list_profiles(empty_db)
    assert (profile.name, profile.kind, profile.day_first) == ("Day-first learning", "learning", True)
    assert profile.format_name and profile.mapping["program_name"] == "program_name"
    assert not load_history(empty_db), "saving a profile loads nothing"

    # A new session: the same export is refused until the profile is applied.
    at = run_page("upload")
    at.file_uploader[0].set_value([_file("learning_ambiguous_dates.csv")]).run()
    assert any("date order" in e.value for e in at.error)
    picker = _by_prefix(at.selectbox, "upload_profile::")
    assert picker.options == ["(no profile)", "Day-first learning"]
    picker.set_value("Day-first learning").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("Applied the mapping profile 'Day-first learning'" in s.value for s in at.success)
    assert _by_prefix(at.selectbox, "upload_dates::").value == "day_first"
    assert any(m.label == "Rows to load" and m.value == "2" for m in at.metric)
    at.button(key="upload_commit").click().run()
    assert [h["file_name"] for h in load_history(empty_db)] == ["learning_ambiguous_dates.csv"]


def test_file_over_the_limit_is_refused_by_name_before_reading(empty_db, monkeypatch):
    from dashboard import upload_flow

    monkeypatch.setattr(upload_flow, "MAX_UPLOAD_BYTES", 64)
    read: list[str] = []
    real = upload_flow.prepare
    monkeypatch.setattr(upload_flow, "prepare", lambda f, o: read.append(f.name) or real(f, o))
    at = run_page("upload")
    at.file_uploader[0].set_value([_file("roster_small.csv")]).run()
    assert not at.exception
    assert any("roster_small.csv" in e.value and "upload limit is" in e.value for e in at.error)
    assert read == [] and "Detected kind" not in metrics_by_label(at)


def test_upload_limit_and_types_match_the_loader():
    import tomllib

    from app_fixtures import ROOT

    from dashboard.upload_flow import MAX_UPLOAD_MB, UPLOAD_TYPES, oversize_message, too_large
    from etl.load import MAX_UPLOAD_BYTES

    limit = MAX_UPLOAD_MB * 1024 * 1024

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB == 200
    assert MAX_UPLOAD_MB * 1024 * 1024 <= MAX_UPLOAD_BYTES, "the loader must accept what the browser sends"
    assert set(UPLOAD_TYPES) == {"csv", "tsv", "txt", "xlsx", "xls", "xlsm", "ods", "json", "jwt"}
    assert not too_large(limit) and too_large(limit + 1)
    message = oversize_message("big.xlsx", limit + 1)
    assert message.startswith("big.xlsx is 200.0 MB") and "upload limit is 200 MB" in message
    assert "python -m etl ingest" in message
