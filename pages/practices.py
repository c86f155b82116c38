"""Practices: per GCM objective, per member State, by scope and implementer type; click a bar to filter."""

import streamlit as st

from gcmdash import formatting
from gcmdash.render import charts
from gcmdash.ui import widgets as ui
from gcmdash.views import pages as views

data, f = ui.page_start()
picked = {
    "objective": ui.clicked("practice-objectives", "pick_objective", "objective"),
    "implementer_type": ui.clicked("practice-implementers", "pick_implementer", "implementer_type"),
}
st.title(f"Practices — {ui.region_title(f.region)}")
ui.active_filters(f, picked)
ui.illustrative_notice(data)

view = views.practices(data, f, picked["objective"], picked["implementer_type"])
if view.by_objective.sum() == 0 and view.records.empty:
    ui.empty_state("practices")
    st.stop()
st.caption(
    f"**{formatting.plain(formatting.plural(len(view.records), 'practice'))}** shown; "
    f"{formatting.plain(formatting.several_note(view.multi_objective))}. "
    f"{formatting.plain(formatting.highlight_note(view.top, 'practices'))} Click an objective or "
    "implementer bar to filter the rest of the page, double-click the chart to clear; the sidebar's "
    "“GCM objectives” and “Implementer types” filters do the same (and narrow these charts too)."
)

left, right = st.columns([3, 2], gap="large")
with left:
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    ui.chart_block(
        charts.objective_bars(frame, "Practices", selection="pick_objective", picked=tuple(picked["objective"])),
        frame,
        "practice-objectives",
        clickable=True,
        name="practices-by-objective",
        region=f.region,
    )
with right:
    ui.chart_block(
        charts.category_bars(
            view.by_implementer,
            "implementer_type",
            "Practices",
            "Implementer type",
            selection="pick_implementer",
            note="A practice with several implementers counts under each.",
            picked=tuple(picked["implementer_type"]),
        ),
        charts.counts_table(view.by_implementer, "Implementer type", "Practices"),
        "practice-implementers",
        clickable=True,
        name="practices-by-implementer",
        region=f.region,
    )
    ui.chart_block(
        charts.category_bars(view.by_scope, "scope", "Practices", "Scope"),
        charts.counts_table(view.by_scope, "Scope", "Practices"),
        "practice-scope",
        name="practices-by-scope",
        region=f.region,
    )

ui.chart_block(
    charts.category_bars(
        view.by_country,
        "country",
        "Practices",
        "Member State",
        note="A practice implemented in several States counts once in each.",
    ),
    charts.counts_table(view.by_country, "Country", "Practices"),
    "practice-countries",
    name="practices-by-country",
    region=f.region,
)

st.subheader("The practices")
ui.records_table(data, "practices", view.records, "q")
ui.record_downloads("practices", view.records, "practices", f.region)
