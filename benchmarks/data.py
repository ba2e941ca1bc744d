"""Scale data for the benchmarks, made by the sample-org generator and cached under benchmarks/out/data.

The generator gives about 280k Credly badge rows at 100k employees; the 1M-row badge file is the
generator's own rows followed by deterministic re-issues of them (a fresh Earner Badge ID, dates moved
back by whole quarters) until the count is reached, so every row is in the real Credly analytics shape
and has its own record key.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from etl.sample_org import (
    CATALOGUE_FILE,
    COURSES_FILE,
    CREDLY_FILE,
    ROLES_FILE,
    ROSTER_2025_FILE,
    ROSTER_2026_FILE,
    write_sample_files,
)

OUT_DIR = Path(__file__).resolve().parent / "out"
DATA_VERSION = "1"  # bump when the way files are derived changes, so stale caches are rebuilt
_ID_COLUMN = "Earner Badge ID"
_DATE_COLUMNS = ("Issue Date", "Expiration Date")


@dataclass(frozen=True)
class ScaleData:
    """Paths of one generated data set."""

    directory: Path
    catalogue: Path
    roles: Path
    rosters: tuple[Path, Path]
    badges: Path  # exactly `badge_rows` data rows
    courses: Path  # exactly `course_rows` data rows (or all the generator made, if fewer)
    badge_rows: int
    course_rows: int

    @property
    def base_files(self) -> list[Path]:
        """What the ingest benchmark's warehouse already holds: catalogue, roles and the rosters."""
        return [self.catalogue, self.roles, *self.rosters]


def scale_data(
    employees: int = 100_000,
    badge_rows: int = 1_000_000,
    course_rows: int = 200_000,
    seed: int = 42,
    out_dir: Path = OUT_DIR,
) -> ScaleData:
    """Generate (or reuse) the files for one scale; cached by every parameter that shapes them."""
    directory = out_dir / "data" / f"e{employees}-b{badge_rows}-c{course_rows}-s{seed}-v{DATA_VERSION}"
    manifest = directory / "manifest.json"
    data = ScaleData(
        directory=directory,
        catalogue=directory / CATALOGUE_FILE,
        roles=directory / ROLES_FILE,
        rosters=(directory / ROSTER_2025_FILE, directory / ROSTER_2026_FILE),
        badges=directory / f"credly_badges_{badge_rows}.csv",
        courses=directory / f"course_completions_{course_rows}.csv",
        badge_rows=badge_rows,
        course_rows=course_rows,
    )
    if manifest.exists():
        saved = json.loads(manifest.read_text(encoding="utf-8"))
        return ScaleData(**{**data.__dict__, "course_rows": saved["course_rows"]})
    if directory.exists():
        shutil.rmtree(directory)
    generated = directory / "generated"
    write_sample_files(generated, employees=employees, seed=seed)
    for name in (CATALOGUE_FILE, ROLES_FILE, ROSTER_2025_FILE, ROSTER_2026_FILE):
        shutil.move(generated / name, directory / name)
    extend_badges(generated / CREDLY_FILE, data.badges, badge_rows, seed)
    courses = take_rows(generated / COURSES_FILE, data.courses, course_rows)
    shutil.rmtree(generated)
    manifest.write_text(
        json.dumps({"employees": employees, "badge_rows": badge_rows, "course_rows": courses, "seed": seed}),
        encoding="utf-8",
    )
    return ScaleData(**{**data.__dict__, "course_rows": courses})


def extend_badges(source: Path, target: Path, rows: int, seed: int) -> None:
    """Write exactly `rows` badge rows: the source's, then re-issues of them with new ids and dates."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        original = list(reader)
    if not original:
        raise ValueError(f"{source} has no badge rows to extend")
    id_at = header.index(_ID_COLUMN)
    date_at = [header.index(c) for c in _DATE_COLUMNS]
    rng = random.Random(seed)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        written = 0
        generation = 0
        while written < rows:
            take = original[: rows - written]
            if generation == 0:
                writer.writerows(take)
            else:
                shift = dt.timedelta(days=91 * generation)
                for row in take:
                    row = list(row)
                    row[id_at] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                    for i in date_at:
                        if row[i]:
                            row[i] = (dt.date.fromisoformat(row[i]) - shift).isoformat()
                    writer.writerow(row)
            written += len(take)
            generation += 1


def take_rows(source: Path, target: Path, rows: int) -> int:
    """Copy the header and the first `rows` data rows (fewer if the source has fewer); returns the count."""
    with (
        source.open(encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        reader = csv.reader(src)
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(next(reader))
        count = 0
        for row in reader:
            if count >= rows:
                break
            writer.writerow(row)
            count += 1
    return count
