"""Compare regions: every headline figure of the five regions side by side, their overlaps, practices per objective."""

import streamlit as st

from gcmdash import formatting
from gcmdash.render import compare_charts as charts
from gcmdash.ui import blocks, downloads, notices, shell, tabular
from gcmdash.views import compare
from gcmdash.views import compare_tables as tables

data, f = shell.page_start()
comparison = compare.compare(data, f)
st.title("Compare regions")
st.caption(
    "The five regional commissions side by side: each region is a column, so the sidebar's region, subregion and "
    "countries do not apply on this page. Objectives, implementer types, scopes and years narrow the figures counted "
    "from records (practices, pledges, joint programmes, contributions); country activities count the whole region. "
    + (
        "Where the filters narrow a figure, the brief's figure is for the whole region and is not compared; — means "
        "no records of this kind."
        if comparison.narrowed
        else "Beside each computed value, the region's published brief figure and its date; ⚠ marks one the records "
        "do not reproduce; — means no records of this kind."
    )
)
notices.active_filters(comparison.filters)
notices.illustrative_notice(data)

figures = tables.figures_table(comparison)
tabular.text_table(figures)
bases = compare.share_bases(comparison)
overlaps = compare.overlaps(data, f)
sheets = {
    "Figures": tables.figures_long(comparison),
    "Shares": tables.shares_table(bases),
    "Overlaps": tables.overlaps_table(overlaps),
    "Practices per objective": charts.heat_table(compare.objective_matrix(data, f)),
}
downloads.table_downloads(sheets, "compare", None)

st.subheader("Shares of all practices, and what they are shares of")
st.caption(formatting.plain(tables.share_note(bases)))
tabular.text_table(sheets["Shares"])

st.subheader("Countries and records in two regions")
lines = tables.overlap_lines(overlaps, compare.counted_twice(data, f))
st.markdown("\n".join(f"- {formatting.plain(line)}" for line in lines))
tabular.text_table(sheets["Overlaps"])

st.subheader("Each figure, region by region")
frame = charts.multiples_frame(comparison)
blocks.chart_block(
    charts.figure_multiples(frame), charts.multiples_table(frame), "compare-figures", name="compare-figures"
)

st.subheader("Practices per GCM objective")
heat = charts.heat_frame(compare.objective_matrix(data, f))
blocks.chart_block(
    charts.heat_map(heat), sheets["Practices per objective"], "compare-objectives", name="compare-objectives"
)
