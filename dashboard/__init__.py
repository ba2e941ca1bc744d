"""Skillgrid's Streamlit dashboard: the frame is streamlit_app.py, the pages are dashboard/pages/*.py."""

import etl  # noqa: F401  (first: sets polars' allocator options before polars loads, see etl/allocator.py)
