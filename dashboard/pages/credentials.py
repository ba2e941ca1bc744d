"""Credentials: what people hold, what it cost, and what is about to lapse, has lapsed or was revoked."""

from __future__ import annotations

import functools

import polars as pl
import streamlit as st

from dashboard import components, data, state

STATES = (("expiring", "Expiring"), ("expired", "Expired"), ("revoked", "Revoked"))
# rows of each tab's table on screen (~100,000 expired at 100k employees); the downloads hold every row
ROWS_SHOWN = 2_000


def _catalogue(f) -> None:
    st.subheader("Catalogue")
    result = components.guarded(
        lambda: data.metric("credentials.credentials_catalogue", f), what="credentials"
    )
    if result is None:
        return
    frame = result.frame
    if frame.height:
        a, b, c = st.columns(3)
        a.metric("Programs", f"{frame.height:,}", help="Programs with a learning record in the selection.")
        b.metric(
            "Current holders",
            f"{int(frame.get_column('holders').sum()):,}",
            help="Σ over programs of people holding a valid completion as of the as-of date.",
        )
        c.metric(
            "Not in the catalogue",
            f"{int((~frame.get_column('in_catalogue')).sum()):,}",
            help="Programs seen in learning records that the program catalogue does not list.",
        )
    components.result_table(
        result,
        key="credentials_catalogue",
        file_stem="credentials",
        empty="No learning records in the selection.",
    )


def _tracker(f) -> None:
    st.subheader("Expiry and renewal")
    days = st.slider("Look ahead (days)", 0, 365, 90, step=15, key="credentials_days")
    # Only the rows shown are fetched and sorted; the downloads build each state's full list when clicked.
    view = components.guarded(
        lambda: data.call("credentials.expiry_view", f, days, ROWS_SHOWN), what="expiry tracker"
    )
    if view is None:
        return
    result = view.first_rows
    frame = result.frame
    columns = st.columns(len(STATES) + 1)
    helps = {
        "expiring": f"Valid credentials whose expiry date falls in the next {days} days.",
        "expired": "Credentials whose expiry date has passed (see *Renewed* for a later completion).",
        "revoked": "Credentials the issuer revoked.",
    }
    for col, (name, title) in zip(columns, STATES, strict=False):
        col.metric(
            title if name != "expiring" else f"Expiring in {days} days",
            f"{view.state_rows[name]:,}",
            help=helps[name],
        )
    columns[-1].metric(
        "Already renewed",
        f"{sum(view.state_renewed.values()):,}",
        help=f"Of the {result.total_rows:,} listed, those whose holder has another valid completion of the same "
        "program.",
    )
    tabs = st.tabs([title for _, title in STATES])
    for tab, (name, title) in zip(tabs, STATES, strict=True):
        with tab:
            components.table(
                frame.filter(pl.col("state") == name),
                key=f"credentials_{name}",
                file_stem=f"credentials_{name}",
                empty=f"No {title.lower()} credentials in the selection.",
                max_rows=ROWS_SHOWN,
                total_rows=view.state_rows[name],
                download=functools.partial(_all_of_state, f, days, name),
            )
    components.explain(result.definition)


def _all_of_state(f, days: int, state_name: str) -> pl.DataFrame:
    """Every credential of one state of the tracker, in the table's order."""
    return data.metric("credentials.expiry_tracker", f, days).frame.filter(pl.col("state") == state_name)


def render() -> None:
    st.title("Credentials")
    if not data.has_data():
        components.no_data_state()
        return
    f = state.current()
    _catalogue(f)
    _tracker(f)


render()
