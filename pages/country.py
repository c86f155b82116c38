"""Country profile: everything recorded about one country or area."""

import streamlit as st

from gcmdash import formatting
from gcmdash.model import regions
from gcmdash.ui import blocks, cards, downloads, notices, sections, shell, sidebar, tabular
from gcmdash.views import pages as views

data, _ = shell.page_start()
# The title first, then the picker under it: a placeholder, filled once the picker says which country (its name),
# or "Country profile" while none is chosen.
title = st.empty()
iso3 = sidebar.country_picker(views.profile_countries(data))
if iso3 is None:
    title.title("Country profile")
    st.info("Choose a country or area above, or select one on the Map.", icon=":material/travel_explore:")
    st.stop()

profile = views.country_profile(data, iso3)
title.title(profile.name)
where = "; ".join(regions.region_label(r) for r in profile.regions) or "not in a regional commission's review region"
st.caption(
    formatting.plain(
        f"Regions: {where}" + (f" · Subregions: {', '.join(profile.subregions)}" if profile.subregions else "")
    )
)
notices.illustrative_notice(data)

cards.activity_cards(profile)
counts = st.columns(4)
counts[0].metric("Practices", len(profile.practices))
counts[1].metric("Pledges", len(profile.pledges))
counts[2].metric("Joint programmes", len(profile.programmes))
counts[3].metric("M-MPTF contributions", formatting.money(profile.contributed_usd))

st.subheader("Activities")
tabular.records_table(data, "activities", profile.activities, "q_activities")

record_kinds = [
    ("Practices", "practices", profile.practices, profile.practice_objectives),
    ("Pledges", "pledges", profile.pledges, profile.pledge_objectives),
]
for column, (what, key, records, by_objective) in zip(st.columns(2, gap="large"), record_kinds, strict=True):
    with column:
        st.subheader(what)
        blocks.ChartsOf(what).objectives(
            by_objective, [], f"country-{key}-objectives", name=f"{iso3}-{key}-by-objective"
        )
        tabular.records_table(data, key, records, f"q_{key}")

sections.naming_country(data, iso3)
st.subheader("M-MPTF joint programmes")
tabular.records_table(data, "programmes", profile.programmes, "q_programmes")
st.subheader("M-MPTF contributions")
tabular.records_table(data, "contributions", profile.contributions, "q_contributions")
downloads.workbook_download(profile.records_by_sheet, f"country-{iso3}", None)
