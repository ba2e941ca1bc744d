"""The demo employer: shape of every file, the invariants the ingest relies on, and the planted story."""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from etl.sample_org import (
    CATALOGUE_HEADERS,
    COURSES_HEADERS,
    CREDLY_HEADERS,
    DEFAULT_TODAY,
    MIN_EMPLOYEES,
    NO_REQUIREMENTS_ROLE,
    ROLES_HEADERS,
    ROSTER_HEADERS,
    TUITION_HEADERS,
    SampleOrg,
    build_sample_org,
    write_sample_files,
)

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DATA = REPO / "sample_data"
TODAY = DEFAULT_TODAY.isoformat()
LOAD_ORDER = [
    "program_catalogue.csv",
    "role_requirements.csv",
    "roster_2025-06-30.csv",
    "roster_2026-06-30.csv",
    "credly_badges.csv",
    "course_completions.csv",
    "tuition_records.csv",
]
SKILLS_CELL = re.compile(r"^[^:;|]+:[1-5](; [^:;|]+:[1-5])*$")
TWO_DECIMALS = re.compile(r"^\d+\.\d{2}$")


@pytest.fixture(scope="module")
def org() -> SampleOrg:
    return build_sample_org()


@pytest.fixture(scope="module")
def r25(org: SampleOrg) -> list[dict]:
    return org.roster_snapshots["2025-06-30"]


@pytest.fixture(scope="module")
def r26(org: SampleOrg) -> list[dict]:
    return org.roster_snapshots["2026-06-30"]


@pytest.fixture(scope="module")
def programs(org: SampleOrg) -> dict[str, dict]:
    return {row["Program"]: row for row in org.catalogue}


def _skills(cell: str) -> list[tuple[str, int]]:
    return [(item.split(":")[0], int(item.split(":")[1])) for item in cell.split("; ")]


def _resolve(r26: list[dict]) -> dict[str, str]:
    """Email -> employee id, the way identity resolution matches (lower-cased)."""
    return {row["Work Email"]: row["Employee ID"] for row in r26}


def _held_skills(org: SampleOrg, programs: dict[str, dict], r26: list[dict]) -> dict[str, dict[str, int]]:
    """Each matched person's best current level per skill, from valid badges, completions and passes."""
    emails = _resolve(r26)
    held: dict[str, dict[str, int]] = defaultdict(dict)

    def add(person: str | None, skills: list[tuple[str, int]]) -> None:
        for skill, level in skills:
            if person and held[person].get(skill, 0) < level:
                held[person][skill] = level

    for b in org.badges:
        if b["Status"] == "accepted" and b["Expired"] == "false":
            add(
                b["Issuer Earner ID"] or emails.get(b["Issued to Email"].lower()),
                _skills(programs[b["Badge Name"]]["Skills"]),
            )
    for c in org.courses:
        if c["Status"] == "Completed" and (not c["Expiry Date"] or c["Expiry Date"] > TODAY):
            cell = c["Skills"] or programs[c["Course Title"]]["Skills"]
            add(c["Employee ID"] or emails.get(c["Email"]), _skills(cell))
    for t in org.tuition:
        if t["Outcome"] == "Passed":
            add(t["Employee ID"], _skills(programs[t["Program"]]["Skills"]))
    return held


# --- files -------------------------------------------------------------------------------------------------


def test_write_returns_paths_in_load_order_with_exact_headers(tmp_path: Path) -> None:
    paths = write_sample_files(tmp_path, employees=MIN_EMPLOYEES, seed=7)
    assert [p.name for p in paths] == LOAD_ORDER
    expected = [CATALOGUE_HEADERS, ROLES_HEADERS, ROSTER_HEADERS, ROSTER_HEADERS, CREDLY_HEADERS,
                COURSES_HEADERS, TUITION_HEADERS]  # fmt: skip
    for path, headers in zip(paths, expected, strict=True):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
        assert raw.decode("utf-8").split("\n", 1)[0] == ",".join(headers)


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path: Path) -> None:
    first = write_sample_files(tmp_path / "a", employees=200, seed=3)
    second = write_sample_files(tmp_path / "b", employees=200, seed=3)
    other = write_sample_files(tmp_path / "c", employees=200, seed=4)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert first[2].read_bytes() != other[2].read_bytes()
    assert first[4].read_bytes() != other[4].read_bytes()


def test_checked_in_sample_data_equals_a_fresh_generation(tmp_path: Path) -> None:
    fresh = write_sample_files(tmp_path)
    checked_in = sorted(p.name for p in SAMPLE_DATA.iterdir())
    assert checked_in == sorted([*LOAD_ORDER, "README.md"])
    for path in fresh:
        assert (SAMPLE_DATA / path.name).read_bytes() == path.read_bytes(), (
            f"sample_data/{path.name} has drifted: regenerate with write_sample_files(Path('sample_data'))"
        )


def test_in_memory_rows_are_the_file_rows(tmp_path: Path) -> None:
    import csv

    org = build_sample_org(employees=120, seed=11)
    paths = write_sample_files(tmp_path, employees=120, seed=11)
    in_memory = [org.catalogue, org.role_requirements, org.roster_snapshots["2025-06-30"],
                 org.roster_snapshots["2026-06-30"], org.badges, org.courses, org.tuition]  # fmt: skip
    for path, rows in zip(paths, in_memory, strict=True):
        with path.open(encoding="utf-8", newline="") as handle:
            assert list(csv.DictReader(handle)) == rows, path.name


@pytest.mark.parametrize("employees", [0, MIN_EMPLOYEES - 1, -5, 500.0, True, "500"])
def test_bad_employee_counts_are_refused_with_a_clear_message(employees: object) -> None:
    with pytest.raises(ValueError, match="employees must be a whole number of at least"):
        build_sample_org(employees=employees)  # type: ignore[arg-type]


def test_a_today_before_the_latest_snapshot_is_refused() -> None:
    with pytest.raises(ValueError, match="today must be on or after"):
        build_sample_org(today=date(2026, 6, 1))


# --- roster ------------------------------------------------------------------------------------------------


def test_roster_shape_and_hierarchy(r25: list[dict], r26: list[dict]) -> None:
    assert len(r25) == 500 and len(r26) >= 500
    for snapshot in (r25, r26):
        ids = [row["Employee ID"] for row in snapshot]
        assert len(set(ids)) == len(ids) and all(re.fullmatch(r"E\d{5,}", i) for i in ids)
        emails = [row["Work Email"] for row in snapshot]
        assert len(set(emails)) == len(emails)
        assert all(re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+@skillgrid-demo\.example", e) for e in emails)
        by_id = {row["Employee ID"]: row for row in snapshot}
        ceos = [row for row in snapshot if row["Manager ID"] == ""]
        assert [c["Job Title"] for c in ceos] == ["Chief Executive Officer"]
        assert all(row["Manager ID"] in by_id for row in snapshot if row["Manager ID"])
        for row in snapshot:  # every chain reaches the CEO within three steps
            chain, current = 0, row
            while current["Manager ID"]:
                current, chain = by_id[current["Manager ID"]], chain + 1
            assert current is ceos[0] and chain <= 3
        for row in snapshot:
            date.fromisoformat(row["Hire Date"])
    teams = {(row["Department"], row["Team"]) for row in r26}
    assert len({t for _d, t in teams}) >= 8 and len({d for d, _t in teams}) >= 4
    assert len({t for _d, t in teams}) == len(teams), "a team name belongs to one department"
    assert len({row["Job Title"] for row in r26}) >= 20
    assert {row["Location"] for row in r26} == {"London", "Berlin", "Austin", "Bangalore", "Remote"}


def test_each_team_has_a_lead_reporting_to_a_head_reporting_to_the_ceo(r26: list[dict]) -> None:
    by_id = {row["Employee ID"]: row for row in r26}
    ceo = next(row for row in r26 if not row["Manager ID"])
    for team in {row["Team"] for row in r26} - {"Executive Office"}:
        members = [row for row in r26 if row["Team"] == team]
        leads = {
            by_id[row["Manager ID"]]["Employee ID"]
            for row in members
            if by_id[row["Manager ID"]]["Team"] == team
        }
        assert len(leads) == 1, team
        lead = by_id[leads.pop()]
        head = by_id[lead["Manager ID"]]
        assert head["Team"] == "Executive Office" and head["Manager ID"] == ceo["Employee ID"]


def test_between_snapshots_people_leave_join_and_change_role(r25: list[dict], r26: list[dict]) -> None:
    before = {row["Employee ID"]: row for row in r25}
    assert all(row["Termination Date"] == "" for row in r25)
    leavers = [row for row in r26 if row["Termination Date"]]
    hires = [row for row in r26 if row["Employee ID"] not in before]
    changed = [
        r
        for r in r26
        if r["Employee ID"] in before and r["Job Title"] != before[r["Employee ID"]]["Job Title"]
    ]
    moved = [r for r in r26 if r["Employee ID"] in before and r["Team"] != before[r["Employee ID"]]["Team"]]
    assert set(before) <= {row["Employee ID"] for row in r26}, "leavers stay listed in the later snapshot"
    assert 0.06 <= len(leavers) / len(r25) <= 0.10
    assert 0.08 <= len(hires) / len(r25) <= 0.12
    assert 0.04 <= len(changed) / len(r25) <= 0.08
    assert len(moved) >= 3
    assert all("2025-06-30" < row["Termination Date"] <= "2026-06-30" for row in leavers)
    assert all(
        "2025-06-30" < row["Hire Date"] <= "2026-06-30" and not row["Termination Date"] for row in hires
    )
    assert all(before[row["Employee ID"]]["Hire Date"] == row["Hire Date"] for row in leavers)


def test_certified_people_are_promoted_more_and_leave_less(
    org: SampleOrg, programs: dict[str, dict], r25: list[dict], r26: list[dict]
) -> None:
    emails = _resolve(r26)
    certified = set()
    for b in org.badges:
        if programs[b["Badge Name"]]["Program Type"] == "certification" and b["Status"] == "accepted":
            certified.add(b["Issuer Earner ID"] or emails.get(b["Issued to Email"].lower()))
    before = {row["Employee ID"]: row for row in r25}
    staff = [row for row in r26 if row["Employee ID"] in before]
    left = {row["Employee ID"] for row in staff if row["Termination Date"]}
    promoted = {r["Employee ID"] for r in staff if r["Job Title"] != before[r["Employee ID"]]["Job Title"]}

    def rate(outcome: set[str], with_cert: bool) -> float:
        group = [row["Employee ID"] for row in staff if (row["Employee ID"] in certified) == with_cert]
        return sum(1 for e in group if e in outcome) / len(group)

    assert rate(promoted, True) > 1.5 * rate(promoted, False)
    assert rate(left, True) < 0.6 * rate(left, False)


# --- role requirements and catalogue -----------------------------------------------------------------------


def test_role_requirements(
    org: SampleOrg, r25: list[dict], r26: list[dict], programs: dict[str, dict]
) -> None:
    per_role: dict[str, list[dict]] = defaultdict(list)
    for row in org.role_requirements:
        per_role[row["Role"]].append(row)
        assert 1 <= int(row["Required Level"]) <= 5 and 1 <= int(row["Importance"]) <= 5
    assert all(4 <= len(rows) <= 10 for rows in per_role.values())
    assert all(len({r["Skill"] for r in rows}) == len(rows) for rows in per_role.values())
    titles = {row["Job Title"] for row in r25} | {row["Job Title"] for row in r26}
    assert titles - set(per_role) == {NO_REQUIREMENTS_ROLE}
    required = {row["Skill"] for row in org.role_requirements}
    taught = {skill for p in programs.values() for skill, _ in _skills(p["Skills"])}
    assert len(required | taught) >= 60
    assert len(taught - required) >= 3, "a few skills are required by nobody"


def test_catalogue(programs: dict[str, dict], org: SampleOrg) -> None:
    assert len(programs) == len(org.catalogue), "program names are unique"
    assert 60 <= len(programs) <= 95
    assert {p["Program Type"] for p in programs.values()} == {"micro_credential", "certification",
                                                                "traditional_course", "degree"}  # fmt: skip
    assert len({p["Provider"] for p in programs.values()}) >= 15
    cost_range = {"micro_credential": (0, 300), "certification": (150, 1200), "traditional_course": (200, 3000),
                  "degree": (8000, 40000)}  # fmt: skip
    for p in programs.values():
        low, high = cost_range[p["Program Type"]]
        assert TWO_DECIMALS.match(p["Cost"]) and low <= float(p["Cost"]) <= high, p
        assert float(p["Hours"]) > 0
        assert SKILLS_CELL.match(p["Skills"]), p["Skills"]
        if p["Program Type"] in ("traditional_course", "degree"):
            assert p["Validity Months"] == ""
        elif p["Validity Months"]:
            assert 12 <= int(p["Validity Months"]) <= 36


# --- learning files ----------------------------------------------------------------------------------------


def test_volume_and_program_types(org: SampleOrg) -> None:
    assert len(org.badges) + len(org.courses) + len(org.tuition) >= 4000
    kinds = {c["Program Type"] for c in org.courses} | {t["Program Type"] for t in org.tuition}
    assert kinds == {"micro_credential", "certification", "traditional_course", "degree"}
    assert Counter(c["Program Type"] for c in org.courses).most_common(1)[0][0] == "traditional_course"


def test_credly_badges(org: SampleOrg, programs: dict[str, dict], r26: list[dict]) -> None:
    ids = {row["Employee ID"] for row in r26}
    emails = _resolve(r26)
    statuses = Counter(b["Status"] for b in org.badges)
    assert set(statuses) == {"accepted", "pending", "rejected", "revoked"}
    assert statuses["accepted"] > 0.85 * len(org.badges)
    assert len({b["Earner Badge ID"] for b in org.badges}) == len(org.badges)
    for b in org.badges:
        program = programs[b["Badge Name"]]
        assert program["Program Type"] in ("micro_credential", "certification")
        assert b["Issued by"] == program["Provider"]
        assert b["Issuer Earner ID"] == "" or b["Issuer Earner ID"] in ids
        issued = date.fromisoformat(b["Issue Date"])
        assert issued <= DEFAULT_TODAY
        if b["Expiration Date"]:
            assert issued < date.fromisoformat(b["Expiration Date"])
            assert b["Expired"] == ("true" if b["Expiration Date"] < TODAY else "false")
        else:
            assert b["Expired"] == "false" and program["Validity Months"] == ""
    with_id = sum(1 for b in org.badges if b["Issuer Earner ID"]) / len(org.badges)
    assert 0.68 <= with_id <= 0.82
    assert any(b["Issued to Email"] != b["Issued to Email"].lower() for b in org.badges)
    unmatched = [
        b for b in org.badges if not b["Issuer Earner ID"] and b["Issued to Email"].lower() not in emails
    ]
    assert 0.008 <= len(unmatched) / len(org.badges) <= 0.025
    expiring = [
        b for b in org.badges if b["Expiration Date"] and TODAY <= b["Expiration Date"] <= "2027-01-30"
    ]
    assert len(expiring) >= 10 and sum(1 for b in org.badges if b["Expired"] == "true") >= 50


def test_course_completions(org: SampleOrg, programs: dict[str, dict], r26: list[dict]) -> None:
    ids = {row["Employee ID"] for row in r26}
    assert {c["Status"] for c in org.courses} == {"Completed", "In Progress", "Failed", "Enrolled"}
    assert {c["Program Type"] for c in org.courses} == {
        "traditional_course",
        "micro_credential",
        "certification",
    }
    for c in org.courses:
        assert c["Employee ID"] == "" or c["Employee ID"] in ids
        assert c["Email"] and TWO_DECIMALS.match(c["Cost"]) and float(c["Hours"]) > 0
        if c["Skills"]:
            assert SKILLS_CELL.match(c["Skills"])
        else:
            assert c["Course Title"] in programs, "a blank Skills cell relies on the catalogue"
        start = c["Start Date"]
        assert start <= TODAY
        if c["Status"] == "Completed":
            assert start <= c["Completion Date"] <= TODAY
            assert c["Expiry Date"] == "" or c["Completion Date"] < c["Expiry Date"]
        else:
            assert c["Completion Date"] == "" and c["Expiry Date"] == ""
    assert any(c["Course Title"] not in programs for c in org.courses), "the LMS has uncatalogued courses"
    assert any(not c["Employee ID"] for c in org.courses)


def test_tuition_records(org: SampleOrg, r26: list[dict]) -> None:
    ids = {row["Employee ID"] for row in r26}
    assert {t["Outcome"] for t in org.tuition} == {"Passed", "Failed", "Incomplete", "Enrolled"}
    assert {t["Program Type"] for t in org.tuition} == {"degree", "traditional_course"}
    for t in org.tuition:
        assert t["Employee ID"] in ids and TWO_DECIMALS.match(t["Cost"])
        cost = float(t["Cost"])
        if t["Program Type"] == "degree":
            assert 8000 <= cost <= 40000
        else:
            assert 200 <= cost <= 3000
        if t["Outcome"] == "Enrolled":
            assert t["End Date"] == ""
        else:
            assert t["Start Date"] <= t["End Date"] <= TODAY
        if t["Program Type"] == "degree" and t["Outcome"] in ("Passed", "Failed"):
            days = (date.fromisoformat(t["End Date"]) - date.fromisoformat(t["Start Date"])).days
            assert 365 <= days <= 1095
    degrees = [t for t in org.tuition if t["Program Type"] == "degree"]
    assert 0 < len(degrees) < len(org.courses) / 20, "degrees are few"


def test_micro_credentials_finish_more_often_and_faster_than_degrees(org: SampleOrg) -> None:
    micro = [c for c in org.courses if c["Program Type"] == "micro_credential" and c["Status"] != "Enrolled"]
    micro_done = [c for c in micro if c["Status"] == "Completed"]
    degrees = [t for t in org.tuition if t["Program Type"] == "degree" and t["Outcome"] != "Enrolled"]
    degree_done = [t for t in degrees if t["Outcome"] == "Passed"]
    assert len(micro_done) / len(micro) > len(degree_done) / len(degrees) + 0.15

    def days(start: str, end: str) -> int:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days

    micro_days = statistics.median(days(c["Start Date"], c["Completion Date"]) for c in micro_done)
    degree_days = statistics.median(days(t["Start Date"], t["End Date"]) for t in degree_done)
    assert micro_days * 5 < degree_days


# --- the story ---------------------------------------------------------------------------------------------


def test_coverage_story_data_strong_security_missing_cloud_security(
    org: SampleOrg, programs: dict[str, dict], r26: list[dict]
) -> None:
    held = _held_skills(org, programs, r26)
    needs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in org.role_requirements:
        needs[row["Role"]].append((row["Skill"], int(row["Required Level"])))
    met: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    security_cloud = [0, 0]
    for person in (row for row in r26 if not row["Termination Date"]):
        for skill, level in needs.get(person["Job Title"], []):
            ok = held[person["Employee ID"]].get(skill, 0) >= level
            met[person["Team"]][0] += ok
            met[person["Team"]][1] += 1
            if person["Team"] == "Security Operations" and skill == "Cloud Security":
                security_cloud[0] += ok
                security_cloud[1] += 1
    coverage = {team: ok / total for team, (ok, total) in met.items()}
    for strong in ("Data Engineering", "Data Science"):
        assert coverage[strong] > 0.45
        for weak in ("Security Operations", "Sales", "Customer Success"):
            assert coverage[strong] > 2 * coverage[weak], (strong, weak, coverage)
    assert security_cloud[1] >= 20 and security_cloud[0] / security_cloud[1] < 0.1


def test_critical_skills_are_held_by_one_or_two_people(
    org: SampleOrg, programs: dict[str, dict], r26: list[dict]
) -> None:
    held = _held_skills(org, programs, r26)
    active = {row["Employee ID"] for row in r26 if not row["Termination Date"]}
    holders = {
        skill: sum(1 for person, skills in held.items() if person in active and skills.get(skill, 0) >= 3)
        for skill in ("Threat Modelling", "Kubernetes Security", "SOX Compliance")
    }
    assert holders == {"Threat Modelling": 1, "Kubernetes Security": 2, "SOX Compliance": 2}
    required_by = Counter(row["Skill"] for row in org.role_requirements if int(row["Importance"]) >= 4)
    assert all(required_by[skill] >= 2 for skill in holders)


# --- scale -------------------------------------------------------------------------------------------------


def test_records_grow_in_proportion_to_people() -> None:
    small, large = build_sample_org(employees=500, seed=5), build_sample_org(employees=3000, seed=5)

    def learning(o: SampleOrg) -> int:
        return len(o.badges) + len(o.courses) + len(o.tuition)

    assert 5.0 <= learning(large) / learning(small) <= 7.0
    assert len(large.roster_snapshots["2026-06-30"]) == 3300


@pytest.mark.slow
def test_benchmark_size_is_written_within_a_minute(tmp_path: Path) -> None:
    started = time.process_time()
    paths = write_sample_files(tmp_path, employees=100_000, seed=42)
    elapsed = time.process_time() - started
    learning_rows = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in paths[4:])
    assert learning_rows >= 700_000
    assert elapsed < 60, f"100k employees took {elapsed:.1f} s of CPU"
