"""`etl demo`: the demo warehouse, built from the shipped sample files through the normal ingest path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from etl.load import FileInput, ingest
from etl.warehouse import write_lock

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
SHIPPED = {"employees": 500, "seed": 42}


# The shipped files, in the order an analyst would load them (the loader orders by kind anyway).
SAMPLE_FILE_NAMES = (
    "program_catalogue.csv",
    "role_requirements.csv",
    "roster_2025-06-30.csv",
    "roster_2026-06-30.csv",
    "credly_badges.csv",
    "course_completions.csv",
    "tuition_records.csv",
)


def sample_files(employees: int, seed: int, work_dir: Path) -> list[Path]:
    """The shipped files for the default org; a freshly generated org for any other size or seed."""
    shipped = [SAMPLE_DIR / name for name in SAMPLE_FILE_NAMES]
    if employees == SHIPPED["employees"] and seed == SHIPPED["seed"] and all(p.exists() for p in shipped):
        return shipped
    from etl.sample_org import write_sample_files

    return write_sample_files(work_dir, employees=employees, seed=seed)


def build_demo(db_path: Path, *, employees: int = 500, seed: int = 42, replace: bool = False) -> str:
    """Build into a private file, then publish it atomically over db_path."""
    from etl.admin import AdminError, status

    if db_path.exists() and not replace:
        raise AdminError(f"{db_path} already exists; pass --replace to rebuild it with demo data")
    from etl.sample_org import MIN_EMPLOYEES

    if employees < MIN_EMPLOYEES:
        raise AdminError(f"--employees must be at least {MIN_EMPLOYEES}: every role needs someone in it")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="skillgrid-demo-") as tmp:
        tmp_dir = Path(tmp)
        files = sample_files(employees, seed, tmp_dir)
        # Built beside the target so the final rename stays on one filesystem (atomic).
        staging_db = db_path.with_name(f"{db_path.name}.demo-{os.getpid()}")
        try:
            result = ingest(staging_db, [FileInput.from_path(p) for p in files])
            with write_lock(db_path):
                os.replace(staging_db, db_path)
        finally:
            for leftover in (staging_db, staging_db.with_name(staging_db.name + ".lock")):
                leftover.unlink(missing_ok=True)
    figures = status(db_path)
    lines = [f"Demo warehouse written to {db_path}"]
    for o in result.outcomes:
        lines.append(
            f"  load {o.load_id}: {o.file_name} — {o.rows_read} rows read, {o.rows_loaded} written, "
            f"{o.rows_unchanged} unchanged, {o.rows_rejected} rejected"
        )
    lines.append(
        f"  {figures['employees']} employees, {figures['learning_records']} learning records "
        f"({figures['unmatched_learning_records']} unmatched), {figures['role_requirements']} role requirements"
    )
    return "\n".join(lines)
