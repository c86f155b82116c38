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
