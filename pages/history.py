"""History: every published version; view, compare, download and restore any of them."""

import streamlit as st

from gcmdash.store import history
from gcmdash.ui import analysts, session, shell, tabular
from gcmdash.views import changes

shell.page_start()
st.title("Version history")
store = session.store_or_none()
if store is None:
    st.stop()

versions = store.versions()
tabular.data_table(history.versions_table(versions))
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
    on_click=session.start_preview,
    args=(session.version_dataset(number), f"Viewing version {number} ({history.when(chosen)})"),
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
    found = changes.dataset_changes(session.version_dataset(number), session.version_dataset(current.number))
    tabular.data_table(changes.summary_table(found))
    with st.expander("Records added, removed and changed since then"):
        tabular.data_table(changes.details_table(found))
    with restore:
        analyst = analysts.signed_in_analyst()
        if st.button(
            f"Restore version {number}",
            icon=":material/history:",
            disabled=analyst is None,
            help="Makes a new version with this version's files; nothing is deleted. Sign in on the Data page first.",
        ):
            analysts.restore(number, analyst)

with st.expander("Audit log: every publish and rollback, including refused attempts"):
    tabular.data_table(history.audit_table(store.audit()))
