"""Pledges: by objective, pledging entity type, kind and form, country and year."""

import streamlit as st

from gcmdash import formatting
from gcmdash.render import charts
from gcmdash.ui import widgets as ui
from gcmdash.views import pages as views

data, f = ui.page_start()
picked = {"objective": ui.clicked("pledge-objectives", "pick_objective", "objective")}
st.title(f"Pledges — {ui.region_title(f.region)}")
ui.active_filters(f, picked)
ui.illustrative_notice(data)

view = views.pledges(data, f, picked["objective"])
if view.by_objective.sum() == 0 and view.records.empty:
    ui.empty_state("pledges")
    st.stop()
st.caption(
    f"**{formatting.plain(formatting.plural(len(view.records), 'pledge'))}** shown. "
    f"{formatting.plain(formatting.highlight_note(view.top, 'pledges'))} A pledge with several objectives "
    "counts under each. Click an objective bar to filter the rest of the page, double-click the chart to clear; "
    "the sidebar's “GCM objectives” filter does the same (and narrows this chart too)."
)

frame = charts.objective_frame(view.by_objective, view.top_objectives)
ui.chart_block(
    charts.objective_bars(frame, "Pledges", selection="pick_objective", picked=tuple(picked["objective"])),
    frame,
    "pledge-objectives",
    clickable=True,
    name="pledges-by-objective",
    region=f.region,
)

left, middle, right = st.columns([3, 2, 2], gap="large")  # entity types have the longest names
with left:
    ui.chart_block(
        charts.category_bars(view.by_entity_type, "entity_type", "Pledges", "Entity type"),
        charts.counts_table(view.by_entity_type, "Entity type", "Pledges"),
        "pledge-entities",
        name="pledges-by-entity-type",
        region=f.region,
    )
with middle:
    ui.chart_block(
        charts.category_bars(view.by_kind, "kind", "Pledges", "Kind"),
        charts.counts_table(view.by_kind, "Kind", "Pledges"),
        "pledge-kinds",
        name="pledges-by-kind",
        region=f.region,
    )
with right:
    ui.chart_block(
        charts.category_bars(
            view.by_form, "form", "Pledges", "Form", note="A pledge of several forms counts under each."
        ),
        charts.counts_table(view.by_form, "Form", "Pledges"),
        "pledge-forms",
        name="pledges-by-form",
        region=f.region,
    )

left, right = st.columns([1, 1], gap="large")
with left:
    ui.chart_block(
        charts.category_bars(
            view.by_country,
            "country",
            "Pledges",
            "Country",
            note="A pledge concerning several countries counts once in each.",
        ),
        charts.counts_table(view.by_country, "Country", "Pledges"),
        "pledge-countries",
        name="pledges-by-country",
        region=f.region,
    )
with right:
    ui.chart_block(
        charts.yearly_bars(view.by_year, "pledges", "Pledges", "Pledges per year, by kind", color="kind"),
        charts.yearly_table(view.by_year, "pledges", "Pledges"),
        "pledge-years",
        name="pledges-by-year",
        region=f.region,
    )

st.subheader("The pledges")
ui.records_table(data, "pledges", view.records, "q")
ui.record_downloads("pledges", view.records, "pledges", f.region)
