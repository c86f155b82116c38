"""Numbers and dates written for people: '70', '28.0%', 'USD 56.3M', '1 March 2024'."""

from __future__ import annotations

import datetime as dt
import re

from gcmdash.metrics import Figure

NO_RECORDS = "—"


def amount(value: float, unit: str) -> str:
    """A value in its unit, short enough for a headline card."""
    if unit == "USD":
        return f"USD {value / 1e6:,.1f}M" if value >= 1e6 else f"USD {value:,.0f}"
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.0f}"


def shown_value(figure: Figure) -> str:
    """The figure's value for its card; a dash when the data holds nothing on it."""
    return NO_RECORDS if figure.without_records else amount(figure.value, figure.unit)


def day(value: dt.date | None) -> str:
    """A date as '1 March 2024' (empty when unknown)."""
    return "" if value is None else f"{value.day} {value:%B %Y}"


def published_line(figure: Figure) -> str:
    """How the brief published the figure, with its as-of date, or why there is none."""
    if figure.without_records:
        return "No records of this kind for this region in the data, and no published figure."
    if figure.published is None:
        return "No published figure to compare."
    hedge = {"Over": "over ", "Close to": "close to "}.get(figure.qualifier or "", "")
    verdict = "differs from the records" if figure.differs else "the records agree"
    return f"Brief, {day(figure.as_of)}: {hedge}{amount(figure.published, figure.unit)} — {verdict}"


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def plain(text: str) -> str:
    """Text from a spreadsheet or a URL made safe to show through Streamlit's Markdown: every special escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
