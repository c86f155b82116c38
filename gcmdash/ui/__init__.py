"""The user interface: the only package that imports streamlit.

Takes the session (widgets, the address, the signed-in user). Gives the pages' building blocks: which data a
session sees (session), the frame every run draws (shell), the sidebar's filters and the address (sidebar, picks),
chart, table and download blocks (blocks, tabular, downloads), notices and cards (notices, cards), the analysts'
upload, sign-in and publishing (analysts), the style sheets (style) and presentation mode (presenter).
Imported only by app.py and pages/.
May import: every other gcmdash package.
"""
