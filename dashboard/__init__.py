"""Skillgrid's Streamlit dashboard: the frame is streamlit_app.py, the pages are dashboard/pages/*.py."""
