"""Polars' allocator returns freed memory promptly in every Skillgrid process (etl/allocator.py).

jemalloc prints the options it runs with when `stats_print` is among them, so a child process shows whether
ours reached it: whichever of Skillgrid's packages is imported first, and with the user's own options kept.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import etl.allocator as allocator

ROOT = Path(__file__).resolve().parent.parent


def _jemalloc_option(first_import: str, user_options: str, name: str) -> str:
    """The value jemalloc reports for option `name` in a child that imports `first_import`, then polars."""
    env = {k: v for k, v in os.environ.items() if k != allocator.ENV}
    env[allocator.ENV] = user_options
    code = f"import {first_import}; import polars as pl; pl.DataFrame({{'a': list(range(1000))}}).sum()"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = re.search(rf"opt\.{name}: (\S+)", done.stderr + done.stdout)
    if found is None:
        pytest.skip("this platform's polars does not allocate with jemalloc (no stats printed)")
    return found.group(1)


@pytest.mark.parametrize("first_import", ["etl", "etl.load", "metrics", "dashboard"])
def test_every_entry_point_sets_the_options_before_polars_loads(first_import: str) -> None:
    assert _jemalloc_option(first_import, "stats_print:true", "muzzy_decay_ms") == "0"
    assert _jemalloc_option(first_import, "stats_print:true", "dirty_decay_ms") == "200"


def test_the_users_own_options_win() -> None:
    assert _jemalloc_option("etl", "muzzy_decay_ms:250,stats_print:true", "muzzy_decay_ms") == "250"
    # and theirs for other options are kept beside ours
    assert _jemalloc_option("etl", "dirty_decay_ms:300,stats_print:true", "dirty_decay_ms") == "300"


def test_too_late_once_polars_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a process that loaded polars first the options cannot apply: nothing is changed."""
    import polars  # noqa: F401  (loaded, as in this test process)

    monkeypatch.delenv(allocator.ENV, raising=False)
    assert allocator.configure() is False
    assert allocator.ENV not in os.environ


def test_a_child_process_does_not_repeat_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    del sys.modules["polars"]  # as if polars were not loaded yet (monkeypatch puts it back)
    monkeypatch.setenv(allocator.ENV, f"{allocator.OPTIONS},stats_print:true")
    assert allocator.configure() is True
    assert os.environ[allocator.ENV] == f"{allocator.OPTIONS},stats_print:true"
    monkeypatch.setenv(allocator.ENV, "stats_print:true")
    assert allocator.configure() is True
    assert os.environ[allocator.ENV] == f"{allocator.OPTIONS},stats_print:true"
