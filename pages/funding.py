"""Funding: the Migration Multi-Partner Trust Fund — progress to target, contributions, joint programmes."""

import streamlit as st

from gcmdash import formatting
from gcmdash.render import charts, fund_charts
from gcmdash.ui import widgets as ui
from gcmdash.views import pages as views

data, f = ui.page_start()
st.title(f"M-MPTF funding — {ui.region_title(f.region)}")
ui.active_filters(f)
ui.illustrative_notice(data)
view = views.funding(data, f)

if view.target:
    ui.chart(fund_charts.progress_bar(view.mobilised, view.target))
    st.caption(
        f"{formatting.money(view.mobilised)} mobilised by all contributors of "
        f"{formatting.money(view.target)} targeted by the 2026 IMRF "
        f"({100 * view.mobilised / view.target:.1f}%). This bar is worldwide; the rest of the page follows the "
        "filters."
    )

st.subheader("Contributions")
if view.contributions.empty:
    ui.empty_state("contributions")
else:
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.chart_block(
            charts.category_bars(view.by_contributor, "contributor", "Contributions", "Contributor", money=True),
            charts.counts_table(view.by_contributor, "Contributor", "USD million", money=True),
            "fund-contributors",
            name="contributions-by-contributor",
            region=f.region,
        )
    with right:
        ui.chart_block(
            charts.yearly_bars(view.by_year, "amount_usd", "Contributions", "Contributions per year", money=True),
            charts.yearly_table(view.by_year, "amount_usd", "Contributions", money=True),
            "fund-years",
            name="contributions-by-year",
            region=f.region,
        )
    ui.record_downloads("contributions", view.contributions, "contributions", f.region)

st.subheader("Joint programmes")
if view.programmes.empty:
    ui.empty_state("joint programmes")
    st.stop()
left, right = st.columns(2, gap="large")
with left:
    ui.chart_block(
        fund_charts.region_bars(view.programmes_by_region),
        fund_charts.status_table(view.programmes_by_region, "region", "Region"),
        "fund-jp-regions",
        name="programmes-by-region",
        region=f.region,
    )
with right:
    ui.chart_block(
        fund_charts.country_dots(view.programmes_by_country),
        fund_charts.status_table(view.programmes_by_country, "country", "Country"),
        "fund-jp-countries",
        name="programmes-by-country",
        region=f.region,
    )
# The whole width: thematic areas have long names, and half a page left a sliver of a plot.
ui.chart_block(
    fund_charts.status_bars(view.programmes_by_area, "thematic_area", "Thematic area"),
    fund_charts.status_table(view.programmes_by_area, "thematic_area", "Thematic area"),
    "fund-jp-areas",
    name="programmes-by-area",
    region=f.region,
)
ui.records_table(data, "programmes", view.programmes, "q")
ui.record_downloads("programmes", view.programmes, "programmes", f.region)
