"""Overview: the region's headline figures, computed from the records beside the published brief."""

import streamlit as st

from gcmdash.render import brief, exports
from gcmdash.ui import cards, downloads, notices, sections, shell, tabular
from gcmdash.views import metrics

data, f = shell.page_start()

st.title(f"GCM implementation — {notices.region_title(f.region)}")
st.caption(
    "Headline figures of the Regional Information Brief, computed from the records for the whole region. Where the "
    "brief published a figure, it is shown under the card with its date; ⚠ marks a figure the records do not "
    "reproduce." + (" The other filters apply on the other pages." if f.narrowed else "")
)
notices.membership_caveat(f.region)
notices.illustrative_notice(data)
figures = metrics.summary(data, f.region)
for start in range(0, len(figures), 4):
    for column, figure in zip(st.columns(4), figures[start : start + 4], strict=False):
        with column:
            cards.figure_card(figure)

st.subheader("The figures as a table")
table = metrics.figures_table(figures)
tabular.data_table(table, column_config={"Source": st.column_config.LinkColumn()})
downloads.table_downloads({"Headline figures": table}, "overview", f.region)
sections.brief_sections(data, f.region)

if f.region:  # The brief is per region; each file is built only when its button is clicked.
    st.subheader("The Regional Information Brief")
    make = lambda: brief.brief_html(data, f.region, version_label=brief.version_label(data))  # noqa: E731
    st.download_button(
        "Download the brief (HTML)",
        make,
        exports.download_name("brief", f.region, "html"),
        "text/html",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )
    if brief.pdf_available():  # printing needs Chromium on the server
        st.download_button(
            "Download the brief (PDF)",
            lambda: brief.brief_pdf(make()),
            exports.download_name("brief", f.region, "pdf"),
            "application/pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
        )
