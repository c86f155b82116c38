"""Pledges: by objective, pledging entity type, kind and form, country and year."""

import streamlit as st

from gcmdash import formatting
from gcmdash.ui import blocks, notices, picks, shell, tabular
from gcmdash.views import pages as views

data, f = shell.page_start()
picked = {"objective": picks.clicked("pledge-objectives", "pick_objective", "objective")}
notices.page_head("Pledges", data, f, picked)

view = views.pledges(data, f, picked["objective"])
if view.by_objective.sum() == 0 and view.records.empty:
    notices.empty_state("pledges")
    st.stop()
st.caption(
    f"**{formatting.plain(formatting.counted(len(view.records), '{n} pledge', '{n} pledges'))}** shown. "
    f"{formatting.plain(formatting.highlight_note(view.top, 'pledges'))} A pledge with several objectives "
    "counts under each. Click an objective bar to filter the rest of the page, double-click the chart to clear; "
    "the sidebar's “GCM objectives” filter does the same (and narrows this chart too)."
)

pledges = blocks.ChartsOf("Pledges", f.region)
pledges.objectives(view.by_objective, view.top_objectives, "pledge-objectives", picked=picked["objective"])

left, middle, right = st.columns([3, 2, 2], gap="large")  # entity types have the longest names
with left:
    pledges.categories(view.by_entity_type, "entity_type", "Entity type", "pledge-entities")
with middle:
    pledges.categories(view.by_kind, "kind", "Kind", "pledge-kinds")
with right:
    pledges.categories(
        view.by_form, "form", "Form", "pledge-forms", note="A pledge of several forms counts under each."
    )

left, right = st.columns([1, 1], gap="large")
with left:
    several = "A pledge concerning several countries counts once in each."
    pledges.categories(view.by_country, "country", "Country", "pledge-countries", note=several)
with right:
    pledges.years(view.by_year, "pledges", "Pledges per year, by kind", "pledge-years", color="kind")

st.subheader("The pledges")
tabular.records_section(data, "pledges", view.records, f.region)
