"""The store: published data, versioned, and who may change it.

Takes uploaded files that ingest accepted and a signed-in analyst. Gives immutable versions (files, snapshots),
the audit log of every publish, rollback and refusal, the history as people read it, and sign-in (local accounts,
OpenID Connect) with attempts throttled per client.
May import: gcmdash.ingest, gcmdash.model, gcmdash.settings, gcmdash.formatting; SQLAlchemy. Never streamlit.
"""
