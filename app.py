"""gcmdash: the entry point; shared data, filters and navigation for every page."""

from pathlib import Path

import streamlit as st

from gcmdash.ui import language, presenter, session, shell

ASSETS = Path(__file__).resolve().parent / "assets"

language.start_run()  # first: every word drawn from here on is in the reader's language
# A local image: a Material icon as favicon is fetched from an outside font server.
st.set_page_config(page_title="gcmdash · GCM implementation", page_icon=str(ASSETS / "favicon.png"), layout="wide")

shell.leave_pages_folder_mode()
data = session.dataset_or_stop()
presenter.present_button()
shell.shell(data, mark=True)
# Presentation mode (?present=1): the slides instead of the page; the sidebar is drawn (it keeps the filters in the
# URL) but hidden, and so is the navigation.
presenting = presenter.presenting()

pages = {
    "The brief": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/compare.py", title="Compare regions", icon=":material/compare_arrows:"),
    ],
    "Explore": [
        st.Page("pages/practices.py", title="Practices", icon=":material/lightbulb:"),
        st.Page("pages/pledges.py", title="Pledges", icon=":material/handshake:"),
        st.Page("pages/funding.py", title="Funding", icon=":material/payments:"),
        st.Page("pages/map.py", title="Map", icon=":material/map:"),
        st.Page("pages/country.py", title="Country profile", icon=":material/flag:"),
    ],
    "Analysts": [
        st.Page("pages/data.py", title="Upload and publish", icon=":material/upload_file:"),
        st.Page("pages/history.py", title="Version history", icon=":material/history:"),
    ],
}
navigation = st.navigation(pages, position="hidden" if presenting else "top")
try:
    if presenting:
        presenter.presentation(data)
    else:
        navigation.run()
finally:
    shell.shell_done(data, "present" if presenting else navigation.url_path)
