"""The model: what the data is, once read.

Takes nothing from other stages. Gives the Dataset (typed tables of one data version), the one schema of every
dataset and column, the GCM framework (objectives, principles), regions and their members, country names and
shapes, the shared filters, snapshots of typed tables, and per-version memoisation.
May import: gcmdash.settings, gcmdash.formatting; pandas, numpy, pyarrow. Never streamlit.
"""
