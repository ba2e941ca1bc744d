"""Skillgrid's benchmark suite: `make bench` (python -m benchmarks.run). Not part of the tests or CI timing.

Every contender runs in its own child process so that its peak memory (VmHWM, see child.py) is its own; results go
to BENCHMARKS.md (the table) and benchmarks/out/ (raw JSON, git-ignored).
"""
