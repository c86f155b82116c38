"""gcmdash: entry point; declares the pages and the shared page set-up."""

import streamlit as st

st.set_page_config(page_title="gcmdash · GCM implementation", page_icon=":material/public:", layout="wide")

pages = {
    "The brief": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    ],
}
st.navigation(pages).run()
