"""Practices: per GCM objective, per member State, by scope and implementer type; click a bar to filter."""

import streamlit as st

from gcmdash import formatting
from gcmdash.ui import blocks, notices, picks, shell, tabular
from gcmdash.views import pages as views

data, f = shell.page_start()
picked = {
    "objective": picks.clicked("practice-objectives", "pick_objective", "objective"),
    "implementer_type": picks.clicked("practice-implementers", "pick_implementer", "implementer_type"),
}
notices.page_head("Practices", data, f, picked)

view = views.practices(data, f, picked["objective"], picked["implementer_type"])
if view.by_objective.sum() == 0 and view.records.empty:
    notices.empty_state("practices")
    st.stop()
st.caption(
    f"**{formatting.plain(formatting.counted(len(view.records), '{n} practice', '{n} practices'))}** shown; "
    f"{formatting.plain(formatting.several_note(view.multi_objective))}. "
    f"{formatting.plain(formatting.highlight_note(view.top, 'practices'))} Click an objective or "
    "implementer bar to filter the rest of the page, double-click the chart to clear; the sidebar's "
    "“GCM objectives” and “Implementer types” filters do the same (and narrow these charts too)."
)

practices = blocks.ChartsOf("Practices", f.region)
left, right = st.columns([3, 2], gap="large")
with left:
    practices.objectives(view.by_objective, view.top_objectives, "practice-objectives", picked=picked["objective"])
with right:
    practices.categories(
        view.by_implementer,
        "implementer_type",
        "Implementer type",
        "practice-implementers",
        note="A practice with several implementers counts under each.",
        picked=picked["implementer_type"],
        name="practices-by-implementer",
    )
    practices.categories(view.by_scope, "scope", "Scope", "practice-scope")

several = "A practice implemented in several States counts once in each."
practices.categories(
    view.by_country, "country", "Member State", "practice-countries", note=several, table_title="Country"
)

st.subheader("The practices")
tabular.records_section(data, "practices", view.records, f.region)
