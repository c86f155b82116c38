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


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """The table with missing text shown as blank rather than "None" (numeric and date columns untouched)."""
    text = [c for c in table.columns if table[c].dtype == object]
    return table.assign(**{c: table[c].map(lambda v: "" if v is None or v is pd.NA else v) for c in text})


def count_text(n: int, noun: str) -> str:
    """'1 record', '3 records'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
