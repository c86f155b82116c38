"""Data: upload spreadsheets, see every problem, preview the dashboard with them, and publish them."""

import streamlit as st

from gcmdash.ingest import report, template
from gcmdash.ui import widgets as ui
from gcmdash.views import changes, plausibility, tables

ui.page_start()
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
        st.markdown(ui.data_format_text())
with left:
    files = ui.uploaded_files()

if not files:
    st.stop()

result = ui.checked(files)
st.subheader("What was read")
ui.data_table(report.sheets_table(result))

st.subheader("Problems")
errors, warnings = result.error_count, len(result.issues) - min(result.error_count, len(result.issues))
if result.valid:
    st.success(
        f"No errors{f', {warnings} warnings' if warnings else ''}: these files can be previewed and published.",
        icon=":material/check_circle:",
    )
else:
    st.error(
        f"{tables.count_text(errors, 'error')}: nothing can be published until they are fixed. Each is listed "
        "below with its sheet, row and column.",
        icon=":material/error:",
    )
if result.issues:
    ui.text_table(report.counts_table(result.issues))
    issues = report.issues_table(result.issues)
    ui.text_table(issues)
    ui.table_downloads({"Problems": issues}, "validation-report", None)
if not result.valid:
    st.stop()

st.subheader("What would change")
number, published = ui.published_dataset()
st.caption(f"Against the published version {number}." if number else "Against the bundled data.")
concerns = plausibility.upload_concerns(published, result)
if concerns:
    st.warning(
        f"{tables.count_text(len(concerns), 'value')} to check: read exactly as written, but unlikely against "
        "the published data. Fix the file if one is wrong; publishing asks you to confirm them.",
        icon=":material/warning:",
    )
    ui.text_table(report.issues_table(concerns))
found = changes.dataset_changes(published, result.dataset)
ui.data_table(changes.summary_table(found))
with st.expander("Records added, removed and changed (old → new)"):
    ui.data_table(changes.details_table(found))
moved = changes.figure_changes(published, result.dataset)
st.caption("Headline figures that would move:" if len(moved) else "No headline figure would move.")
if len(moved):
    ui.data_table(moved)

st.button(
    "Preview the dashboard with these files",
    icon=":material/preview:",
    on_click=ui.start_preview,
    args=(result.dataset, "Previewing your upload"),
)

st.subheader("Publish")
analyst = ui.sign_in_box()
note = st.text_area("Note for the version history", placeholder="What changed and why", key="publish-note")
confirmed = not concerns or st.checkbox(
    "I have checked the values flagged above: they are right", key="publish-confirm"
)
if st.button(
    "Publish for everyone",
    type="primary",
    icon=":material/publish:",
    disabled=analyst is None or not note or not confirmed,
):
    ui.publish(files, note, analyst)
