"""Saved mapping profiles: correct a mapping once, reuse it for the next export."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.cli import main
from etl.profiles import Profile, ProfileError, get_profile, list_profiles, save_profile

ODD = "Worker Number,Name,Mail,Dept\nW1,Ada Lovelace,ada@example.com,Engineering\n"


def test_save_list_get_and_delete(tmp_db: Path) -> None:
    save_profile(tmp_db, Profile("HR export", "roster", None, {"employee_id": "Worker Number"}, True))
    assert [p.name for p in list_profiles(tmp_db)] == ["HR export"]
    got = get_profile(tmp_db, "HR export")
    assert got.mapping == {"employee_id": "Worker Number"} and got.day_first is True
    options = got.options(mapping={"email": "Mail"})
    assert options.kind == "roster" and options.mapping == {"employee_id": "Worker Number", "email": "Mail"}
    assert main(["profiles", "--db", str(tmp_db), "--delete", "HR export"]) == 0
    assert list_profiles(tmp_db) == []


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (Profile(" ", "roster", None, {}, None), "needs a name"),
        (Profile("x", "payroll", None, {}, None), "kind must be one of"),
        (Profile("x", "roster", "nope_format", {}, None), "unknown format 'nope_format'"),
        (
            Profile("x", "roster", None, {"shoe_size": "Shoe"}, None),
            "unknown field(s) in the mapping: shoe_size",
        ),
    ],
)
def test_invalid_profiles_are_refused(tmp_db: Path, profile: Profile, message: str) -> None:
    with pytest.raises(ProfileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        save_profile(tmp_db, profile)


def test_cli_saves_a_profile_and_uses_it_next_time(tmp_db: Path, tmp_path: Path, capsys) -> None:
    first = tmp_path / "march.csv"
    first.write_text(ODD)
    args = ["ingest", "--db", str(tmp_db), "--kind", "roster", "--map", "employee_id=Worker Number"]
    assert main([*args, "--save-profile", "Workday", str(first)]) == 0
    assert "Saved mapping profile 'Workday'" in capsys.readouterr().out
    second = tmp_path / "april.csv"
    second.write_text(ODD + "W2,Alan Turing,alan@example.com,Data\n")
    assert main(["ingest", "--db", str(tmp_db), "--profile", "Workday", str(second)]) == 0
    assert "1 written, 1 unchanged" in capsys.readouterr().out
    assert main(["ingest", "--db", str(tmp_db), "--profile", "Nope", str(second)]) == 1
    assert "no mapping profile named 'Nope' (profiles: Workday)" in capsys.readouterr().err
