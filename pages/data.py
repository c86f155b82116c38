"""Data: upload spreadsheets, see every problem, preview the dashboard with them, and publish them."""

import streamlit as st

from gcmdash.ingest import template
from gcmdash.ui import analysts, shell

shell.page_start()
st.title("Upload, check and publish data")
st.caption(
    "Checking and previewing need no account; publishing needs a signed-in analyst. Nothing is published "
    "until you press Publish, and a file with any error is never published, in part or in whole."
)

left, right = st.columns([3, 2], gap="large")
with right:
    st.download_button(
        "Blank template (.xlsx)",
        template.template_bytes(),
        "gcmdash-template.xlsx",
        icon=":material/table_view:",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    with st.expander("The spreadsheet format"):
        st.markdown(analysts.data_format_text())
with left:
    files = analysts.uploaded_files()

if not files:
    st.stop()

result = analysts.checked(files)
analysts.upload_report(result)
if not result.valid:
    st.stop()

concerns = analysts.upload_changes(result)
analysts.preview_button(result)
analysts.publish_section(files, concerns)
