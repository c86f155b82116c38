"""Cards: a headline figure with its published comparison, and whether a country has each GCM activity."""

from __future__ import annotations

import streamlit as st

from gcmdash import formatting
from gcmdash.views.metrics import Figure
from gcmdash.views.pages import CountryProfile

#: A country's activities as their cards name them, and the activity each card looks for in the records.
ACTIVITIES = (
    ("Country UN Network", "Country Network"),
    ("UNCT workshop", "UNCT workshop"),
    ("Champion country", "Champion country"),
    ("Voluntary GCM report", "Voluntary GCM report"),
)


def figure_card(figure: Figure) -> None:
    """One headline figure as a bordered card: value, label, note and the published comparison."""
    with st.container(border=True):
        st.metric(figure.label, formatting.shown_value(figure), help=figure.description)
        if figure.note and not figure.without_records:
            st.caption(figure.note)
        line = formatting.published_line(figure)
        if figure.source:
            mark = ":orange[⚠]" if figure.differs else "✓"
            st.caption(f"{mark} {line} · {formatting.link('source', figure.source)}")
        else:
            st.caption(line)


def yes_no(present: bool) -> str:
    """Whether something exists, in words and a symbol (not colour alone)."""
    return "✔ Yes" if present else "✘ No"


def yes_no_card(label: str, present: bool, detail: str = "") -> None:
    """A card saying whether something exists, in words and a symbol (not colour alone)."""
    with st.container(border=True):
        st.metric(label, yes_no(present))
        if detail:
            st.caption(detail)


def activity_cards(profile: CountryProfile) -> None:
    """A row of yes/no cards saying whether the country has each activity of ``ACTIVITIES``."""
    for column, (label, activity) in zip(st.columns(len(ACTIVITIES)), ACTIVITIES, strict=True):
        with column:
            yes_no_card(label, profile.has(activity))
