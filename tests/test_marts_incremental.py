"""Marts rebuilt only for what a load changed equal marts rebuilt from scratch, after every load of a series."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from etl.admin import undo_load
from etl.load import FileInput, ingest
from etl.marts import MART_ORDER, build_marts

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def assert_marts_match_a_full_rebuild(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "full.duckdb"
    shutil.copyfile(db, copy)
    full = duckdb.connect(str(copy))
    try:
        build_marts(full)  # every mart from scratch
        full.execute("ATTACH ? AS incremental (READ_ONLY)", [str(db)])
        for name in MART_ORDER:
            mart = Path(name).stem
            diff = full.execute(
                f"SELECT (SELECT count(*) FROM (SELECT * FROM {mart} EXCEPT ALL SELECT * FROM incremental.{mart}))"  # noqa: S608
                f" + (SELECT count(*) FROM (SELECT * FROM incremental.{mart} EXCEPT ALL SELECT * FROM {mart}))"  # noqa: S608
            ).fetchall()[0][0]
            assert diff == 0, f"{mart} differs from a full rebuild"
    finally:
        full.close()
        copy.unlink()


def test_selective_rebuilds_equal_full_rebuilds(tmp_db: Path, tmp_path: Path) -> None:
    # learning before the roster and the catalogue last: every mart's inputs change in a different load
    steps = ["learning.csv", "roster.csv", "roles.csv", "catalogue.csv"]
    outcomes = []
    for name in steps:
        outcomes.append(ingest(tmp_db, [FileInput.from_path(INGEST / name)]).outcomes[0])
        assert_marts_match_a_full_rebuild(tmp_db, tmp_path)
    changed = (INGEST / "roster.csv").read_text().replace("Software Engineer", "Data Analyst")
    (tmp_path / "roster_changed.csv").write_text(changed)
    later = ingest(tmp_db, [FileInput.from_path(tmp_path / "roster_changed.csv")]).outcomes[0]
    assert_marts_match_a_full_rebuild(tmp_db, tmp_path)
    undo_load(tmp_db, later.load_id)
    assert_marts_match_a_full_rebuild(tmp_db, tmp_path)


def test_a_view_counts_as_changed_only_when_its_inputs_or_definition_did(tmp_db: Path) -> None:
    for name in ["roster.csv", "roles.csv", "catalogue.csv", "learning.csv"]:
        ingest(tmp_db, [FileInput.from_path(INGEST / name)])
    con = duckdb.connect(str(tmp_db))
    try:
        learning = build_marts(con, {"learning_record_rows", "learning_identities", "learning_record_skills"})
        # mart_role_skills is recreated, but over unchanged inputs: its readers keep their rows
        assert "mart_requirements" not in learning and "mart_role_skills" not in learning
        rebuilt_by_learning = {
            "mart_record_facts",
            "mart_records",
            "mart_evidence",
            "mart_requirement_evidence",
        }
        assert rebuilt_by_learning <= set(learning)
        by_role = ["mart_role_skills", "mart_requirements", "mart_requirement_evidence"]
        assert build_marts(con, {"role_requirements"}) == by_role
        assert build_marts(con, set()) == []
        # a view whose definition changed (a new version of Skillgrid) makes its readers rebuild
        requirements = con.execute("SELECT count(*) FROM mart_requirements").fetchall()[0][0]
        con.execute(
            "CREATE OR REPLACE VIEW mart_role_skills AS SELECT r.role_key, s.skill_key, r.skill_id, s.skill, "
            "r.required_level, r.importance FROM role_requirements AS r "
            "INNER JOIN mart_skills AS s ON s.skill_id = r.skill_id WHERE r.required_level > 5"
        )
        con.execute(
            "CREATE OR REPLACE TABLE mart_requirements AS SELECT * FROM mart_requirements WHERE false"
        )
        assert build_marts(con, set()) == by_role
        assert con.execute("SELECT count(*) FROM mart_requirements").fetchall()[0][0] == requirements > 0
    finally:
        con.close()
