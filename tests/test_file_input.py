"""A file given by path is hashed in blocks and read only while it is parsed; a file that changes is refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from etl.load import FileInput, IngestRefused, ingest, prepare_file
from etl.staging import Refused

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def test_a_path_and_its_bytes_hash_alike_and_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes((INGEST / "roster.csv").read_bytes())
    by_path, by_bytes = FileInput.from_path(path), FileInput("roster.csv", path.read_bytes())
    assert by_path.sha256 == by_bytes.sha256
    assert by_path.read() == by_bytes.read() == by_path.data
    assert by_path.size == by_bytes.size == path.stat().st_size


def test_a_path_s_bytes_are_not_kept_by_a_load(tmp_db: Path) -> None:
    file = FileInput.from_path(INGEST / "roster.csv")
    ingest(tmp_db, [file])
    assert file._data is None  # read for parsing, then let go


def test_a_file_rewritten_after_it_was_hashed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes((INGEST / "roster.csv").read_bytes())
    file = FileInput.from_path(path)
    assert file.sha256
    path.write_bytes(
        (INGEST / "roster.csv").read_bytes() + b"E9,Late Addition,late@example.com,Ops,Data,Analyst\n"
    )
    with pytest.raises(Refused, match="changed while it was being loaded") as caught:
        prepare_file(file)
    assert caught.value.file_name == "roster.csv"


def test_a_file_touched_but_unchanged_in_size_after_hashing_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes((INGEST / "roster.csv").read_bytes())
    file = FileInput.from_path(path)
    assert file.sha256
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    with pytest.raises(Refused, match="changed while it was being loaded"):
        file.read()


@pytest.mark.parametrize("read_ahead", [False, True], ids=["read", "read ahead"])
def test_a_file_removed_after_it_was_named_is_refused_by_name(tmp_path: Path, read_ahead: bool) -> None:
    path = tmp_path / "gone.csv"
    path.write_bytes(b"a,b\n1,2\n")
    file = FileInput.from_path(path)
    path.unlink()
    if read_ahead:
        file.prefetch()  # the thread's refusal is raised where the bytes are asked for
    with pytest.raises(Refused, match="file not found") as caught:
        file.read()
    assert caught.value.file_name == "gone.csv"


@pytest.mark.parametrize("make", ["missing", "folder"])
def test_a_path_that_is_no_file_is_refused_when_named(tmp_path: Path, make: str) -> None:
    path = tmp_path / "x.csv"
    if make == "folder":
        path.mkdir()
    with pytest.raises(Refused, match="not found" if make == "missing" else "is a folder"):
        FileInput.from_path(path)


def test_a_file_input_has_bytes_or_a_path() -> None:
    with pytest.raises(ValueError):
        FileInput("x.csv")
    with pytest.raises(ValueError):
        FileInput("x.csv", b"a", path=Path("x.csv"))


def test_a_load_keeps_only_the_raw_cells_of_rows_it_may_reject(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The raw table shrinks to the rejected rows before the write (their cells go to rejected_rows.raw_row)."""
    import etl.load as load

    seen: list[tuple[int, list[int]]] = []
    original = load._apply_learning

    def spying(con, staged, load_id):
        part = next(p for pf in prepared for p in pf.parts if p.staged is staged)
        seen.append((part.table.frame.height, list(part.table.source_rows)))
        return original(con, staged, load_id)

    prepared: list = []
    original_prepare = load.prepare_file

    def keeping(*args, **kwargs):
        pf = original_prepare(*args, **kwargs)
        prepared.append(pf)
        return pf

    monkeypatch.setattr(load, "_apply_learning", spying)
    monkeypatch.setattr(load, "prepare_file", keeping)
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    outcome = ingest(tmp_db, [FileInput.from_path(INGEST / "learning_bad_rows.csv")]).outcomes[0]
    assert outcome.rows_rejected > 0
    ((height, rows),) = seen
    assert height == len(rows) == outcome.rows_rejected < outcome.rows_read


def test_a_format_with_a_default_program_type_keeps_no_raw_cells_for_untyped_rows(
    tmp_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Credly badges name no program type, but the format's default fills it: no row can be refused for it,
    so only the row refused in staging keeps its raw cells (and rejected_rows holds them)."""
    import etl.load as load

    kept: list[list[int]] = []
    original = load._keep_raw_rows

    def spying(table, rows):
        original(table, rows)
        kept.append(list(table.source_rows))

    monkeypatch.setattr(load, "_keep_raw_rows", spying)
    badges = tmp_path / "badges.csv"
    badges.write_text(
        "Badge Name,Earner Badge ID,Issued To Email,Issued By,Issue Date,Status\n"
        "Cloud Practitioner,b1,ann@example.com,Acme,2025-01-05,accepted\n"
        "Data Literacy,b2,bob@example.com,Acme,2025-13-45,accepted\n"
        "Cloud Practitioner,b3,cy@example.com,Acme,2025-02-01,accepted\n",
        encoding="utf-8",
    )
    (outcome,) = ingest(tmp_db, [FileInput.from_path(badges)]).outcomes
    assert outcome.source_format == "credly_analytics_csv"
    assert (outcome.rows_loaded, outcome.rows_rejected) == (2, 1)
    assert kept == [[3]]
    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        ((raw,),) = con.execute("SELECT raw_row FROM rejected_rows").fetchall()
        types = con.execute("SELECT DISTINCT program_type FROM learning_records").fetchall()
    finally:
        con.close()
    assert json.loads(raw)["Earner Badge ID"] == "b2"
    assert types == [("micro_credential",)]


def _prefetched(path: Path) -> FileInput:
    file = FileInput.from_path(path)
    file.prefetch()
    assert file._prefetch is not None
    file._prefetch[0].join()  # the read in the background has ended
    return file


def test_a_prefetched_file_reads_as_the_file_and_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes((INGEST / "roster.csv").read_bytes())
    file = _prefetched(path)
    assert file.sha256 == FileInput("roster.csv", path.read_bytes()).sha256
    assert file.read() == path.read_bytes()
    assert file._prefetch is None and file._data is None  # handed over once, then let go
    assert file.read() == path.read_bytes()  # a second read reads the file again


def test_a_file_rewritten_between_the_read_ahead_and_the_hashing_is_refused(tmp_path: Path) -> None:
    """The bytes read ahead are the old file's, the hash the new one's: same size, so only the
    modification time the read noted tells them apart."""
    path = tmp_path / "roster.csv"
    original = (INGEST / "roster.csv").read_bytes()
    path.write_bytes(original)
    file = _prefetched(path)
    path.write_bytes(original.replace(b"E1", b"E7", 1))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert file.sha256
    with pytest.raises(Refused, match="changed while it was being loaded"):
        file.read()


def test_a_load_whose_file_changed_after_the_read_ahead_is_refused_and_writes_nothing(
    tmp_db: Path, tmp_path: Path
) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    before = tmp_db.read_bytes()
    path = tmp_path / "learning.csv"
    original = (INGEST / "learning.csv").read_bytes()
    path.write_bytes(original)
    file = _prefetched(path)  # read ahead, as ingest does, then rewritten before ingest hashes it
    path.write_bytes(original.replace(b"E1", b"E2", 1))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    with pytest.raises(IngestRefused) as caught:
        ingest(tmp_db, [file])
    (refusal,) = caught.value.refusals
    assert refusal.file_name == "learning.csv" and "changed while it was being loaded" in refusal.reason
    assert tmp_db.read_bytes() == before


def test_a_prefetched_file_rewritten_after_hashing_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes((INGEST / "roster.csv").read_bytes())
    file = _prefetched(path)
    assert file.sha256
    path.write_bytes(path.read_bytes() + b"E9,Late Addition,late@example.com,Ops,Data,Analyst\n")
    with pytest.raises(Refused, match="changed while it was being loaded"):
        file.read()


def test_a_file_over_the_limit_is_not_read_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import etl.load as load

    path = tmp_path / "roster.csv"
    path.write_bytes((INGEST / "roster.csv").read_bytes())
    monkeypatch.setattr(load, "MAX_UPLOAD_BYTES", 10)
    file = FileInput.from_path(path)
    file.prefetch()
    assert file._prefetch is None
    with pytest.raises(Refused, match="the limit is"):
        prepare_file(file)


def test_a_load_reads_its_first_file_ahead_and_a_reload_drops_what_it_read(
    tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    original = FileInput.prefetch

    def spying(self: FileInput) -> None:
        original(self)
        if self._prefetch is not None:
            started.append(self.name)

    monkeypatch.setattr(FileInput, "prefetch", spying)
    roster, learning = (
        FileInput.from_path(INGEST / "roster.csv"),
        FileInput.from_path(INGEST / "learning.csv"),
    )
    first = ingest(tmp_db, [roster, learning])
    assert [o.status for o in first.outcomes] == ["loaded", "loaded"]
    assert started == ["roster.csv"]  # the first file only: one file's bytes held ahead at most
    assert roster._prefetch is None and roster._data is None
    again = FileInput.from_path(INGEST / "roster.csv")
    (outcome,) = ingest(tmp_db, [again]).outcomes
    assert outcome.status == "duplicate"
    assert started == ["roster.csv", "roster.csv"] and again._prefetch is None
