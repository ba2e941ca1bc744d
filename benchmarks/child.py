"""Run one measurement in a child process and collect its timing and peak memory.

The child (`python -m benchmarks.contenders NAME ARGS_JSON`) times only the operation itself and prints one
JSON line with its own peak resident memory (VmHWM, the high-water mark of the address space the exec gave
it); the parent adds the child's CPU time from os.wait4, so contenders never share an address space or an
allocator's high-water mark.

The peak is not wait4's ru_maxrss: Linux carries the resident size of the address space a child leaves at
exec into it, and subprocess starts children with vfork, whose address space until exec is the parent's. So
ru_maxrss is never below the benchmark runner's own resident size: once the runner had grown to 647 MB
(building a cached warehouse in-process), every DuckDB run reported exactly 647 MB while its own high-water
mark was 419-597 MB. ru_maxrss is kept beside it as `rusage_maxrss_mb`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def warehouse_code_fingerprint() -> str:
    """A hash of the code that decides what a built warehouse holds (schema, load and mart SQL, loader, demo
    generator): a cached warehouse built by other code is rebuilt rather than measured."""
    import hashlib

    digest = hashlib.sha256()
    etl = ROOT / "etl"
    for path in sorted([*etl.rglob("*.sql"), *etl.rglob("*.py")]):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_is_current(path: Path) -> bool:
    """Whether `path` exists and was built by the code as it is now (its .fingerprint file says so)."""
    stamp = path.with_name(path.name + ".fingerprint")
    return path.exists() and stamp.exists() and stamp.read_text().strip() == warehouse_code_fingerprint()


def stamp_built(path: Path) -> None:
    path.with_name(path.name + ".fingerprint").write_text(warehouse_code_fingerprint() + "\n")


class ChildFailed(RuntimeError):
    """A contender exited with an error; the message carries its stderr tail."""


def run_child(name: str, args: dict[str, Any], *, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run contender `name` with `args` in a fresh interpreter; returns its JSON result plus rusage."""
    command = [sys.executable, "-m", "benchmarks.contenders", name, json.dumps(args)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    stdout, stderr = _drain(proc)
    _, status, usage = os.wait4(proc.pid, 0)
    process_seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = stderr.decode("utf-8", "replace")[-2000:]
        raise ChildFailed(f"contender {name} exited with {proc.returncode}:\n{tail}")
    lines = [line for line in stdout.decode("utf-8").splitlines() if line.startswith("{")]
    if not lines:
        raise ChildFailed(f"contender {name} printed no result:\n{stdout[-2000:]!r}")
    result = json.loads(lines[-1])
    result.update(
        contender=name,
        process_seconds=process_seconds,
        child_cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=result.get("vmhwm_mb"),  # None for a contender that reports no peak (pages)
        rusage_maxrss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux; see the module docstring
    )
    return result


def _drain(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    """Read both pipes to the end without reaping the child, so os.wait4 can still read its rusage."""
    chunks: dict[str, bytes] = {}

    def read(stream, key: str) -> None:
        chunks[key] = stream.read()

    threads = [
        threading.Thread(target=read, args=(proc.stdout, "out")),
        threading.Thread(target=read, args=(proc.stderr, "err")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return chunks.get("out", b""), chunks.get("err", b"")
