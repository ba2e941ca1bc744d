"""Skillgrid's loader: files into staging, staging into the warehouse, the warehouse into marts."""

from etl.allocator import configure as _configure_allocator

_configure_allocator()  # before anything imports polars (etl/allocator.py)
