"""The user interface: the only package that imports streamlit.

Takes the session (widgets, the address, the signed-in user). Gives the pages' building blocks: which data a
session sees, the sidebar and its URL state, chart, table and download blocks, the analysts' upload, publish and
sign-in, and presentation mode. Imported only by app.py and pages/.
May import: every other gcmdash package.
"""
