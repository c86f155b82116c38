"""Render: builders of what people see, from views' frames: no Streamlit, so each can run alone.

Gives Altair charts, pydeck maps (with their projection and labels), slides, the Regional Information Brief as
HTML (Jinja2 templates) and PDF, downloads (CSV, XLSX with formulas defused, SVG, PNG) and the filters in words.
May import: gcmdash.views and everything below it (store, ingest, model, settings, formatting). Never streamlit.
"""
