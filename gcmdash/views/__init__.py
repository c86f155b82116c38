"""Views: what each page shows, as pure functions: a Dataset and Filters in, frames and figures out.

Gives headline metrics beside the published figures, each page's records and counts, country profiles, records
as people read them, search and paging of tables, the changes an upload would make and the plausibility warnings.
May import: gcmdash.store (never does), gcmdash.ingest, gcmdash.model, gcmdash.settings, gcmdash.formatting;
pandas. Never streamlit, Altair or pydeck.
"""
