"""The Regional Information Brief's words for what it counts: country names, lists in words, rankings, links.

Plain text only: the brief's templates escape it where it lands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from gcmdash import formatting
from gcmdash.model import countries, framework
from gcmdash.views import metrics


def country_name(iso3: str) -> str:
    """A country's UN name, or the code itself when it is not a known country."""
    return countries.country_name(iso3) if countries.is_known(iso3) else str(iso3)


def join_words(items: Sequence[str], last: str = "and") -> str:
    """Items as a sentence writes them: "A and B", "A, B and C"."""
    items = list(items)
    if len(items) <= 2:
        return f" {last} ".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def counted_under_each(several: int, total: int, what: str) -> str:
    """Says how many records cover several objectives: each counts under every one of them."""
    share = (
        f"most {what} cover several GCM objectives ({several} of {total})"
        if several > total / 2
        else f"{several} of the {total} {what} cover several GCM objectives"
    )
    return (
        f"Please note that {share}: a record counts under each of its objectives, so the bars add up to more "
        f"than the number of {what}."
    )


def objective_names(numbers: Iterable[int]) -> str:
    """Objectives by number and short name: "2 (Minimize adverse drivers), 7 (…) and 15 (…)"."""
    return join_words([f"{n} ({framework.objective(n).short_label})" for n in numbers])


_RANKED = {"practices": ("{n} practice", "{n} practices"), "pledges": ("{n} pledge", "{n} pledges")}


def ranked(counts: pd.Series, what: str, n: int = 3) -> str:
    """ "A (12 practices), followed by B (8) and C (5)": the most frequent values of a count, every value tied with
    the n-th included (``metrics.top_with_ties``)."""
    top = [(str(k), int(v)) for k, v in metrics.top_with_ties(counts, n).items()]
    if not top:
        return ""
    first = f"{top[0][0]} ({formatting.counted(top[0][1], *_RANKED[what])})"
    rest = [f"{k} ({v})" for k, v in top[1:]]
    return first + (f", followed by {join_words(rest)}" if rest else "")
