"""The README stays true: every CLI command is documented, the two set-up commands exist, links resolve."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from etl.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


@pytest.mark.parametrize("command", commands())
def test_every_cli_command_is_in_the_readme(command: str) -> None:
    assert f"python -m etl {command}" in README


def test_quick_start_is_two_commands_that_the_makefile_defines() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```\n(.*?)\n```", quick, flags=re.S)
    assert blocks == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("link", sorted(set(re.findall(r"\]\(((?:docs/)?[A-Z_a-z]+\.md)[)#]", README))))
def test_readme_links_to_existing_docs(link: str) -> None:
    assert (ROOT / link).is_file(), link


def test_folder_table_names_real_folders() -> None:
    for folder in re.findall(r"^\| `([a-z_]+)/` \|", README, flags=re.M):
        assert (ROOT / folder).is_dir(), folder
