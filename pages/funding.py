"""Funding: the Migration Multi-Partner Trust Fund — progress to target, contributions, joint programmes."""

import streamlit as st

from gcmdash import formatting
from gcmdash.render import fund_charts
from gcmdash.ui import blocks, downloads, notices, shell, tabular
from gcmdash.views import pages as views

data, f = shell.page_start()
notices.page_head("M-MPTF funding", data, f)
view = views.funding(data, f)

if view.target:
    blocks.chart(fund_charts.progress_bar(view.mobilised, view.target))
    st.caption(
        f"{formatting.money(view.mobilised)} mobilised by all contributors of "
        f"{formatting.money(view.target)} targeted by the 2026 IMRF "
        f"({100 * view.mobilised / view.target:.1f}%). This bar is worldwide; the rest of the page follows the "
        "filters."
    )

st.subheader("Contributions")
if view.contributions.empty:
    notices.empty_state("contributions")
else:
    contributions = blocks.ChartsOf("Contributions", f.region)
    left, right = st.columns([3, 2], gap="large")
    with left:
        contributions.categories(view.by_contributor, "contributor", "Contributor", "fund-contributors", money=True)
    with right:
        contributions.years(view.by_year, "amount_usd", "Contributions per year", "fund-years", money=True)
    downloads.record_downloads("contributions", view.contributions, "contributions", f.region)

st.subheader("Joint programmes")
if view.programmes.empty:
    notices.empty_state("joint programmes")
    st.stop()
programmes = blocks.ChartsOf("Programmes", f.region)
left, right = st.columns(2, gap="large")
with left:
    by_region = view.programmes_by_region
    programmes.statuses(by_region, "region", "Region", "fund-jp-regions", chart=fund_charts.region_bars(by_region))
with right:
    by_country = view.programmes_by_country
    programmes.statuses(
        by_country, "country", "Country", "fund-jp-countries", chart=fund_charts.country_dots(by_country)
    )
# The whole width: thematic areas have long names, and half a page left a sliver of a plot.
programmes.statuses(
    view.programmes_by_area, "thematic_area", "Thematic area", "fund-jp-areas", name="programmes-by-area"
)
tabular.records_section(data, "programmes", view.programmes, f.region)
