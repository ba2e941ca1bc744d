"""Loads publish atomically: readers are never blocked or torn, writers queue, and a kill loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from etl.load import FileInput, ingest
from etl.warehouse import file_identity

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"
ROOT = Path(__file__).resolve().parent.parent

READER_SCRIPT = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM employees").fetchall()[0][0], flush=True)
sys.stdin.readline()  # hold the file open until told to go on
print(con.execute("SELECT count(*) FROM employees").fetchall()[0][0], flush=True)
"""


def big_learning_csv(path: Path, rows: int) -> Path:
    lines = ["Employee ID,Program,Program Type,Status,Completion Date,Cost"]
    lines += [
        f"E{i % 3 + 1},Course {i},course,Completed,2025-01-{i % 28 + 1:02d},{i % 500}" for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: S608 - constant names
    finally:
        con.close()


def test_a_cli_load_succeeds_while_another_process_reads(tmp_db: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    reader = subprocess.Popen(
        [sys.executable, "-c", READER_SCRIPT, str(tmp_db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "3"
        before = file_identity(tmp_db)
        result = subprocess.run(
            [sys.executable, "-m", "etl", "ingest", "--db", str(tmp_db), str(INGEST / "learning.csv")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert file_identity(tmp_db) != before  # a new version was published...
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "3"  # ...while the open reader kept its consistent view
    finally:
        reader.kill()
        reader.wait()
    assert count(tmp_db, "learning_records") == 4


def test_two_loads_at_once_both_land(tmp_db: Path, tmp_path: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    files = [big_learning_csv(tmp_path / f"part{i}.csv", 2000 + i) for i in range(2)]
    errors: list[BaseException] = []

    def load(path: Path) -> None:
        try:
            ingest(tmp_db, [FileInput.from_path(path)])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # Both files name the same people, programs and dates for their first 2000 rows: the second updates
    # rather than duplicates, and its extra row lands.
    assert count(tmp_db, "ingest_log") == 3
    assert count(tmp_db, "learning_records") == 2001


def cli_ingest(db: Path, path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "ingest", "--db", str(db), str(path)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_the_warehouse_as_it_was(tmp_db: Path, tmp_path: Path) -> None:
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    before = tmp_db.read_bytes()
    big = big_learning_csv(tmp_path / "big.csv", 60_000)
    # Kill at fractions of what a whole load takes on this machine now, so a faster machine or a faster
    # loader still gets killed mid-way rather than after it finished.
    started = time.monotonic()
    assert cli_ingest(tmp_db, big).wait() == 0
    whole = time.monotonic() - started
    tmp_db.write_bytes(before)
    killed = 0
    for fraction in (0.1, 0.25, 0.4, 0.55, 0.7, 0.85):
        proc = cli_ingest(tmp_db, big)
        time.sleep(whole * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.returncode == 0:  # finished before the kill: undo it by restoring
            tmp_db.write_bytes(before)
            continue
        killed += 1
        if tmp_db.read_bytes() != before:
            # Killed after the atomic publish but before the process exited: then the load is whole.
            assert count(tmp_db, "learning_records") == 60_000, (
                f"killed at {fraction:.0%} left a partial load"
            )
            tmp_db.write_bytes(before)
            continue
        assert count(tmp_db, "employees") == 3
    assert killed >= 3, (
        f"only {killed} of 6 loads were still running when killed (a whole load: {whole:.2f} s)"
    )
    result = ingest(tmp_db, [FileInput.from_path(big)])
    assert result.outcomes[0].rows_loaded == 60_000
    assert not list(tmp_db.parent.glob("*.tmp-*"))  # stale private copies were cleaned up


def test_the_private_copy_is_flushed_while_the_load_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is fdatasync'ed in a thread while the block runs (so COMMIT has less to wait for), and the
    thread is gone when the block ends, also when it fails or there is no file to flush."""
    import etl.warehouse as warehouse

    synced: list[int] = []
    real = os.fdatasync
    monkeypatch.setattr(warehouse, "FLUSH_INTERVAL_S", 0.01)
    monkeypatch.setattr(warehouse.os, "fdatasync", lambda fd: (synced.append(fd), real(fd)))
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(b"x" * 4096)
    with warehouse._flushing(copy):
        time.sleep(0.2)
    assert synced
    with pytest.raises(RuntimeError), warehouse._flushing(copy):
        raise RuntimeError("the load failed")
    with warehouse._flushing(tmp_path / "missing.duckdb"):
        time.sleep(0.05)
    assert not [t for t in threading.enumerate() if t.name == "skillgrid-flush"]


def test_the_copy_is_synced_whole_before_it_is_published(
    tmp_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB does not sync the private copy (fsync_mode NONE, commit straight into the file): the protocol's
    own fsync of the closed copy, before the replace, is what makes the published file durable. So: that
    fsync comes first, no write-ahead log is left beside the published file, and it reads whole on its own."""
    import etl.warehouse as warehouse

    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        events.append(("replace", str(src)))
        real_replace(src, dst)

    monkeypatch.setattr(warehouse.os, "fsync", fsync)
    monkeypatch.setattr(warehouse.os, "replace", replace)
    ingest(tmp_db, [FileInput.from_path(INGEST / "roster.csv")])
    big = big_learning_csv(tmp_path / "big.csv", 130_000)  # more than a row group: written optimistically
    ingest(tmp_db, [FileInput.from_path(big)])
    replaces = [i for i, (what, _) in enumerate(events) if what == "replace"]
    assert len(replaces) == 2
    for i in replaces:
        copy = events[i][1]
        assert ("fsync", copy) in events[:i], f"{copy} was published before it was synced"
    assert not tmp_db.with_name(tmp_db.name + ".wal").exists()
    assert count(tmp_db, "learning_records") == 130_000
    assert count(tmp_db, "employees") == 3
