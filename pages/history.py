"""History: every published version; view, compare, download and restore any of them."""

import streamlit as st

from gcmdash.store import history
from gcmdash.ui import widgets as ui
from gcmdash.views import changes

ui.page_start()
st.title("Version history")
store = ui.store_or_none()
if store is None:
    st.stop()

versions = store.versions()
ui.data_table(history.versions_table(versions))
number = st.selectbox(
    "Version", [v.number for v in versions], format_func=history.version_label(versions), key="version"
)
if number is None:
    st.stop()
chosen = store.version(number)
current = versions[0]

view, download, restore = st.columns(3)
view.button(
    "View this version on every page",
    icon=":material/visibility:",
    on_click=ui.start_preview,
    args=(ui.version_dataset(number), f"Viewing version {number} ({history.when(chosen)})"),
    disabled=number == current.number,
)
download.download_button(
    "Download its original files (.zip)",
    lambda: history.zip_files(store.files(number)),
    f"gcmdash-version-{number}.zip",
    mime="application/zip",
    icon=":material/download:",
    on_click="ignore",
)

if number != current.number:
    st.subheader(f"Version {number} compared with the current version {current.number}")
    found = changes.dataset_changes(ui.version_dataset(number), ui.version_dataset(current.number))
    ui.data_table(changes.summary_table(found))
    with st.expander("Records added, removed and changed since then"):
        ui.data_table(changes.details_table(found))
    with restore:
        analyst = ui.signed_in_analyst()
        if st.button(
            f"Restore version {number}",
            icon=":material/history:",
            disabled=analyst is None,
            help="Makes a new version with this version's files; nothing is deleted. Sign in on the Data page first.",
        ):
            ui.restore(number, analyst)

with st.expander("Audit log: every publish and rollback, including refused attempts"):
    ui.data_table(history.audit_table(store.audit()))
