"""Overview: the region's headline figures, computed from the records beside the published brief."""

import streamlit as st

from gcmdash import metrics, ui

data = ui.dataset_or_stop()
region = ui.region_filter()
ui.data_banner(data)

st.title(f"GCM implementation — {ui.region_title(region)}")
st.caption(
    "Headline figures of the Regional Information Brief, computed from the records. Where the brief published a "
    "figure, it is shown under the card with its date; ⚠ marks a figure the records do not reproduce."
)
ui.membership_caveat(region)
ui.illustrative_notice(data)
figures = metrics.summary(data, region)
for start in range(0, len(figures), 4):
    for column, figure in zip(st.columns(4), figures[start : start + 4]):
        with column:
            ui.figure_card(figure)
