"""An installed Skillgrid carries every SQL file it runs: pyproject's package-data must cover them all."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("package", ["etl", "metrics"])
def test_every_sql_file_is_in_the_package_data(package: str) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"][package]
    files = sorted(p.relative_to(ROOT / package).as_posix() for p in (ROOT / package).rglob("*.sql"))
    assert files, f"no SQL files under {package}/"
    left_out = [
        f for f in files if not any(fnmatch(f, pat) and f.count("/") == pat.count("/") for pat in patterns)
    ]
    assert not left_out, f"pyproject.toml [tool.setuptools.package-data] {package} misses {left_out}"
