"""Ingest: from an analyst's files to a validated Dataset, or located issues saying why not.

Takes bytes (xlsx, ods, csv, tsv, txt) or paths. Gives a LoadResult: the Dataset when valid and every issue as
(sheet, row, column, code, message, value), plus the validation report, the template workbook and the
data-format document, all from the one schema. Files are read by a guarded reader in a limited child process.
May import: gcmdash.model, gcmdash.settings, gcmdash.formatting. Never streamlit.
"""
