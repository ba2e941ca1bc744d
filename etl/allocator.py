"""Polars' allocator hands the memory it frees back to the system promptly.

On Linux polars allocates with its own jemalloc, set to keep freed pages for half a second (for reuse) and
then to mark them free lazily (`MADV_FREE`) for another second before returning them. Lazily freed pages
still count as the process's resident memory, and a Skillgrid load frees a lot as it goes (the file's
parsed text once it is staged, each step's working columns), so the 1M-row load's peak was ~100 MB higher
than the memory it was using (BENCHMARKS.md, entries 30 and 31). Two options, each measured on that load:

- `muzzy_decay_ms:0`: pages are returned outright rather than lazily (peak 968 -> 906 MB, no time cost);
- `dirty_decay_ms:200`: freed pages are kept 0.2 s rather than 0.5 s, so the raw text freed after staging
  is returned before learner matching allocates its working columns (peak 842 -> 802 and 832 -> 804 MB in
  two sets of 5 alternating pairs, the load +0.03 s: polars' jemalloc returns them from its own background
  thread, on the second core). A 50 ms decay saved 25 MB more but cost the load 0.1 s.

The dashboard's process gives memory back the same way after each page.

jemalloc reads its options once, when polars first allocates, so this must run before polars is imported:
`etl/__init__.py` runs it, and `metrics` and `dashboard` import `etl` first. Options the user has set in
`_RJEM_MALLOC_CONF` come after ours, so theirs win.
"""

from __future__ import annotations

import os
import sys

ENV = "_RJEM_MALLOC_CONF"
OPTIONS = "muzzy_decay_ms:0,dirty_decay_ms:200"


def configure() -> bool:
    """Add our options to the environment polars' jemalloc reads; False when polars is already loaded
    (too late: jemalloc has read its options)."""
    if "polars" in sys.modules:
        return False
    current = os.environ.get(ENV, "")
    if not current.startswith(OPTIONS):  # a child process inherits what its parent set
        os.environ[ENV] = f"{OPTIONS},{current}" if current else OPTIONS
    return True
