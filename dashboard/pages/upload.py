"""Upload: preview and validate files before anything is written, commit them, undo a load; apply and save
named mapping profiles. Only analysts (and the local user) get this page."""

from __future__ import annotations

import duckdb
import polars as pl
import streamlit as st

from dashboard import components, data, state
from dashboard import upload_flow as flow
from etl.admin import AdminError, load_history, undo_load
from etl.detect import fields_for
from etl.load import FileInput, PreparedFile
from etl.profiles import ProfileError, get_profile, list_profiles, save_profile
from etl.staging import Refused
from etl.warehouse import WarehouseBusy

AUTO = "(detect automatically)"
PREVIEW_ROWS = 10
NO_PROFILE = "(no profile)"


def _choices(sha: str) -> flow.FileChoices:
    key = f"upload_choices::{sha}"
    if key not in st.session_state:
        st.session_state[key] = flow.FileChoices()
    return st.session_state[key]


def _set_mapping(sha: str, field_name: str, widget_key: str) -> None:
    choice = st.session_state.get(widget_key)
    mapping = _choices(sha).mapping
    if choice in (None, AUTO):
        mapping.pop(field_name, None)
    else:
        mapping[field_name] = choice


def _profile_names() -> list[str]:
    """Saved profiles, by name; none when there is no warehouse yet (a profile is saved into it)."""
    path = data.db_path()
    if not path.exists():
        return []
    try:
        return [p.name for p in list_profiles(path)]
    except duckdb.Error as exc:
        st.warning(f"Saved mapping profiles cannot be read from {path.name}: {exc}")
        return []


def _apply_profile(sha: str, widget_key: str) -> None:
    name = st.session_state.get(widget_key)
    if name in (None, NO_PROFILE):
        return
    try:
        profile = get_profile(data.db_path(), name)
    except (ProfileError, duckdb.Error) as exc:
        st.session_state[f"upload_profile_message::{sha}"] = ("error", str(exc))
        return
    _choices(sha).apply_profile(profile)
    st.session_state[f"upload_profile_message::{sha}"] = ("success", f"Applied the mapping profile {name!r}.")


def _profile_picker(file: FileInput, choices: flow.FileChoices, names: list[str]) -> None:
    sha = file.sha256[:16]
    if not names:
        st.caption("No saved mapping profiles yet: set the mapping below and save it to reuse it next time.")
        return
    widget_key = f"upload_profile::{sha}"
    if st.session_state.get(widget_key) not in (NO_PROFILE, *names):
        st.session_state[widget_key] = NO_PROFILE
    st.selectbox(
        "Apply a saved mapping profile",
        [NO_PROFILE, *names],
        key=widget_key,
        on_change=_apply_profile,
        args=(file.sha256, widget_key),
        help="Sets the kind, format, column mapping and date order saved under that name.",
    )


def _profile_saver(file: FileInput, choices: flow.FileChoices, prepared: PreparedFile | None) -> None:
    sha = file.sha256[:16]
    message = st.session_state.pop(f"upload_profile_message::{file.sha256}", None)
    if message:
        (st.error if message[0] == "error" else st.success)(message[1])
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    name = left.text_input(
        "Profile name", key=f"upload_profile_name::{sha}", max_chars=100, placeholder="e.g. Workday roster"
    )
    if right.button("Save this mapping as a profile", key=f"upload_profile_save::{sha}"):
        if not name.strip():
            st.error("Give the profile a name before saving it.")
            return
        profile = flow.profile_from(name, choices, prepared)
        data.release()  # saving publishes a new warehouse file; our next read must open it
        try:
            save_profile(data.db_path(), profile)
        except (ProfileError, WarehouseBusy, OSError, duckdb.Error) as exc:
            st.error(f"The profile {name.strip()!r} was not saved: {exc}")
            return
        choices.profile = profile.name
        st.session_state[f"upload_profile_message::{file.sha256}"] = (
            "success",
            f"Saved the mapping profile {profile.name!r} ({profile.kind}"
            + (f", {profile.format_name}" if profile.format_name else "")
            + f", {len(profile.mapping)} mapped field(s)).",
        )
        st.rerun()


def _options_controls(file: FileInput, choices: flow.FileChoices, profiles: list[str]) -> None:
    sha = file.sha256[:16]
    rev = choices.revision
    _profile_picker(file, choices, profiles)
    left, middle, right = st.columns(3)
    previous_kind = choices.kind
    choices.kind = left.selectbox(
        "Kind of file",
        flow.KIND_CHOICES,
        index=flow.KIND_CHOICES.index(choices.kind),
        key=f"upload_kind::{sha}::{rev}",
        help="Leave on auto unless detection picked the wrong kind.",
    )
    if choices.kind != previous_kind:
        choices.mapping.clear()  # a mapping chosen for one kind means nothing for another
        choices.format_name = None
    choices.date_order = middle.selectbox(
        "Date order",
        list(flow.DATE_ORDER_LABELS),
        index=list(flow.DATE_ORDER_LABELS).index(choices.date_order),
        format_func=flow.DATE_ORDER_LABELS.get,
        key=f"upload_dates::{sha}::{rev}",
        help="Needed when every date in a column could be read either way (e.g. 03/04/2024).",
    )
    choices.effective_date = right.date_input(
        "Effective date (optional)",
        value=choices.effective_date,
        key=f"upload_effective::{sha}::{rev}",
        format="YYYY-MM-DD",
        help="The date the file describes; by default a date in the file name, else today.",
    )


def _mapping_editor(file: FileInput, prepared: PreparedFile, part_index: int) -> None:
    part = prepared.parts[part_index]
    sha = file.sha256[:16]
    rev = _choices(file.sha256).revision
    detection = part.detection
    columns = [AUTO, *part.table.columns]
    with st.expander("Column mapping (change a field to re-check the file)"):
        for fld in fields_for(detection.kind):
            current = detection.mapping.get(fld.name)
            widget_key = f"upload_map::{sha}::{rev}::{part_index}::{detection.kind}::{fld.name}"
            label = f"{fld.name}{' *' if fld.required else ''}"
            st.selectbox(
                label,
                columns,
                index=columns.index(current) if current in columns else 0,
                key=widget_key,
                help=fld.help or None,
                on_change=_set_mapping,
                args=(file.sha256, fld.name, widget_key),
            )


def _part_report(file: FileInput, prepared: PreparedFile, index: int) -> None:
    part = prepared.parts[index]
    detection = part.detection
    staged = part.staged
    if part.table.part:
        st.markdown(f"**Part:** {components.md_escape(part.table.part)}")
    cols = st.columns(4)
    cols[0].metric("Detected kind", detection.kind)
    cols[1].metric("Format", detection.format.label)
    cols[2].metric("Confidence", f"{detection.confidence:.0%}")
    cols[3].metric("Rows read", f"{staged.rows_read:,}")
    notes = [*detection.reasons, *staged.notes]
    if notes:
        with st.expander("Why this kind and format"):
            st.markdown("\n".join(f"- {components.md_escape(n)}" for n in notes))
    st.caption(f"First {PREVIEW_ROWS} rows as read from the file")
    personal = components.personal_columns(part.table.frame.columns, detection.mapping)
    st.dataframe(
        components.shown(part.table.frame.head(PREVIEW_ROWS), extra_columns=personal),
        hide_index=True,
        key=f"upload_preview::{file.sha256[:16]}::{index}",
    )
    _mapping_editor(file, prepared, index)


def _validation(file: FileInput, prepared: PreparedFile) -> None:
    rejects = flow.rejects_frame(prepared)
    rejected_rows = rejects["row"].n_unique() if rejects.height else 0
    to_load = sum(p.staged.frame.height for p in prepared.parts)
    cols = st.columns(3)
    cols[0].metric("Rows to load", f"{to_load:,}")
    cols[1].metric("Rows rejected", f"{rejected_rows:,}")
    if any(p.staged.kind == "learning" for p in prepared.parts):
        cols[2].metric(
            "Unmatched people", "after load", help="Learning rows are matched to the roster when written."
        )
        st.caption(
            "People are matched when the file is committed; the load history shows how many stayed unmatched."
        )
    if rejects.height:
        st.warning(
            f"{rejected_rows} row(s) will be rejected and listed on the Data page; the rest will load."
        )
        components.table(
            rejects, key=f"upload_rejects::{file.sha256[:16]}", file_stem="rejected_rows_preview"
        )


def _file_section(file: FileInput, profiles: list[str]) -> tuple[FileInput, flow.FileChoices, bool]:
    choices = _choices(file.sha256)
    with st.container(border=True):
        st.subheader(components.md_escape(file.name))
        _options_controls(file, choices, profiles)
        try:
            prepared = flow.prepare(file, choices.options())
        except Refused as exc:
            st.error(str(exc))
            st.caption(
                "Fix the file, or change the kind, date order or mapping above, and it is checked again."
            )
            _profile_saver(file, choices, None)
            return file, choices, False
        for index in range(len(prepared.parts)):
            _part_report(file, prepared, index)
        _validation(file, prepared)
        _profile_saver(file, choices, prepared)
    return file, choices, True


def _commit(items: list[tuple[FileInput, flow.FileChoices]]) -> None:
    db_path = data.db_path()
    with st.status(f"Loading {len(items)} file(s) into {db_path.name}…", expanded=True) as status:
        data.release()  # our own next read must open the newly published file
        report = flow.commit(db_path, [(f, c.options()) for f, c in items], progress=status.write)
        if report.refusals or report.errors:
            status.update(label="Nothing more was written", state="error")
        else:
            status.update(label="Loaded", state="complete")
    st.session_state["upload_last_report"] = report
    if not report.refusals and not report.errors:
        st.session_state["upload_generation"] = st.session_state.get("upload_generation", 0) + 1
        st.rerun()


def _last_report() -> None:
    report: flow.CommitReport | None = st.session_state.get("upload_last_report")
    if report is None:
        return
    outcomes = report.outcomes_frame()
    if outcomes.height:
        st.success(f"Committed {outcomes.height} file(s).")
        components.table(outcomes, key="upload_outcomes", file_stem="load_outcomes")
    for refusal in report.refusals:
        st.error(f"Refused, nothing of this batch was written — {refusal}")
    if report.refusals:
        components.table(flow.refusal_frame(report.refusals), key="upload_refusals", file_stem="refusals")
    for message in report.errors:
        st.error(message)


def _undo(load_id: int) -> None:
    data.release()
    try:
        result = undo_load(data.db_path(), load_id)
    except (AdminError, WarehouseBusy) as exc:
        st.session_state["upload_undo_message"] = ("error", str(exc))
    else:
        st.session_state["upload_undo_message"] = (
            "success",
            f"Load {result.load_id} ({result.file_name}) undone; {result.restored_versions} earlier version(s) restored.",
        )


def _history() -> None:
    st.header("Load history")
    message = st.session_state.pop("upload_undo_message", None)
    if message:
        (st.error if message[0] == "error" else st.success)(message[1])
    rows = load_history(data.db_path())
    if not rows:
        st.info("No loads yet.")
        return
    frame = pl.DataFrame(rows, infer_schema_length=None)
    components.table(frame, key="upload_history", file_stem="load_history")
    st.caption("Undo restores what a load replaced. A load cannot be undone while a later load built on it.")
    for row in rows:
        if row["status"] == "undone":
            continue
        left, right = st.columns([5, 1])
        left.text(
            f"Load {row['load_id']}: {row['file_name']} ({row['kind']}, {row['rows_loaded']} rows, {row['status']})"
        )
        right.button(
            "Undo", key=f"upload_undo::{row['load_id']}", on_click=_undo, args=(int(row["load_id"]),)
        )


def render() -> None:
    st.title("Upload")
    if not state.access().can_write:
        st.error("Only analysts can load data. Your view is read-only.")
        return
    st.write(
        "Add rosters, learning records, role requirements or a programme catalogue. Each file is checked "
        "and previewed here; nothing is written until you press **Commit**."
    )
    _last_report()
    generation = st.session_state.get("upload_generation", 0)
    uploaded = st.file_uploader(
        f"Files (up to {flow.MAX_UPLOAD_MB} MB each)",
        type=flow.UPLOAD_TYPES,
        accept_multiple_files=True,
        key=f"upload_files::{generation}",
        max_upload_size=flow.MAX_UPLOAD_MB,
    )
    items: list[tuple[FileInput, flow.FileChoices]] = []
    all_ok = True
    profiles = _profile_names() if uploaded else []
    for uf in uploaded or []:
        if flow.too_large(uf.size):
            st.error(flow.oversize_message(uf.name, uf.size))
            all_ok = False
            continue
        file, choices, ok = _file_section(FileInput(uf.name, uf.getvalue()), profiles)
        items.append((file, choices))
        all_ok = all_ok and ok
    if items:
        if not all_ok:
            st.warning("Every file must pass its checks before committing: fix or remove the refused ones.")
        if st.button("Commit", type="primary", disabled=not all_ok, key="upload_commit"):
            _commit(items)
    else:
        st.info(
            "Choose one or more files (CSV, TSV, TXT, Excel .xlsx/.xls/.xlsm, OpenDocument .ods, JSON or JWT) "
            "to preview them."
        )
    _history()


render()
