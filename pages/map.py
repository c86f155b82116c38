"""Map: Country UN Networks, UNCT workshops, champion countries and voluntary reports, over practices or pledges."""

import streamlit as st

from gcmdash.render import map_facts, map_layers, map_legend, map_text, map_view, maps
from gcmdash.ui import blocks, downloads, notices, sections, shell, sidebar, tabular

data, f = shell.page_start()
notices.page_head("Map of GCM implementation", data, f)

labels = [layer.label for layer in map_layers.LAYERS]
# One above the other, full width: side by side, one of the two was cut off at 1280 px with the sidebar open.
layers = st.pills("Markers", labels, selection_mode="multi", default=labels, key="layers", bind="query-params")
shade = st.segmented_control(
    "Shade countries by", list(map_layers.SHADES), default="Practices", key="shade", bind="query-params"
)
choropleth = map_layers.SHADES.get(shade)

facts = map_facts.country_facts(data, f)
if facts.empty:
    notices.empty_state("countries")
    st.stop()
narrowed = map_view.narrowed(f)
st.caption(map_text.describe(layers, choropleth))
if choropleth and not facts[choropleth].any():
    notices.empty_state(choropleth)

event = st.pydeck_chart(
    maps.deck(facts, layers, choropleth, f.region, narrowed=narrowed),
    height=map_view.HEIGHT,
    on_select="rerun",
    selection_mode="single-object",
    key="map",
    alt=map_text.alt_text(facts, layers, choropleth),
)
picked = maps.selected_country(event.selection, facts)
if picked:
    sidebar.open_profile(picked)
st.caption(map_text.view_note(facts, f.region, narrowed, layers))
blocks.map_legend(map_legend.legend(layers, choropleth, facts))
sections.map_notes(facts.index)
sidebar.profile_picker(list(facts.index))

st.subheader("The countries")
tabular.data_table(
    map_facts.table(facts), column_config={"Terms of Reference": st.column_config.LinkColumn(display_text="ToR")}
)
downloads.table_downloads({"Countries": map_facts.table(facts)}, "map", f.region)
