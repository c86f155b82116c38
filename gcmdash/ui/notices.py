"""What a page says about the data it shows: its title with the region, the filters in force, and notices."""

from __future__ import annotations

import streamlit as st

from gcmdash.model import regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.render import active


def region_title(region: str | None) -> str:
    """The region's name for a page title."""
    return "all regions" if region is None else regions.region_label(region)


def page_head(title: str, data: Dataset, f: Filters, clicked: dict[str, list] | None = None) -> None:
    """A filtered page's top: "TITLE — REGION", the filters in force, and the notice of illustrative data."""
    st.title(f"{title} — {region_title(f.region)}")
    active_filters(f, clicked)
    illustrative_notice(data)


def active_filters(f: Filters, clicked: dict[str, list] | None = None) -> None:
    """A line under the page title naming every filter in force, the bars clicked included (nothing when none)."""
    line = active.caption(f, clicked)
    if line:
        st.caption(line)


def membership_caveat(region: str | None) -> None:
    """Says so when the region's member list has not been checked against the commission's own list."""
    if region is not None and not regions.is_confirmed(region):
        st.caption(
            f":orange[Membership of {region} as used here has not yet been checked against the commission's "
            "published list; counts may change when it is.]"
        )


def illustrative_notice(data: Dataset) -> None:
    """A one-line notice on the page itself, so it stays visible when the sidebar is closed (screen-sharing)."""
    count = data.illustrative_count
    if count:
        st.info(
            f"Illustrative data: {count:,} records are invented stand-ins for records that are not "
            "public; totals match the published briefs.",
            icon=":material/science:",
        )


def empty_state(what: str) -> None:
    """Says plainly that the filters keep nothing, instead of drawing empty charts."""
    st.info(
        f"No {what} match the filters. Widen them in the sidebar, or press Reset filters.",
        icon=":material/filter_alt_off:",
    )
