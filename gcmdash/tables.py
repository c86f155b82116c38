"""Operations on tables as people read them: searching text across columns."""

from __future__ import annotations

import pandas as pd


def matching(table: pd.DataFrame, query: str) -> pd.Series:
    """Rows where every word of the query appears in some column (case-insensitive, literal, not a pattern)."""
    text = table.astype(str).agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=table.index)
    for word in query.casefold().split():
        keep &= text.str.contains(word, regex=False)
    return keep


def _blank(value: object) -> object:
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else value


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """The table with missing text shown as blank cells rather than "None" (numeric columns stay numeric)."""
    # Mixing "" into a number column would make Streamlit's Arrow conversion fail and fall back, slowly.
    gappy = [c for c in table.columns
             if table[c].isna().any() and not pd.api.types.is_numeric_dtype(table[c])]
    return table.assign(**{c: table[c].astype(object).map(_blank) for c in gappy})


def count_text(n: int, noun: str) -> str:
    """'1 record', '3 records'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
