"""Numbers and dates written for people: '70', '28.0%', 'USD 56.3 million', '1 March 2024'."""

from __future__ import annotations

import datetime as dt

from gcmdash.metrics import Figure


def amount(value: float, unit: str) -> str:
    """A value in its unit, short enough for a headline card."""
    if unit == "USD":
        return f"USD {value / 1e6:,.1f} million" if value >= 1e6 else f"USD {value:,.0f}"
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.0f}"


def day(value: dt.date | None) -> str:
    """A date as '1 March 2024' (empty when unknown)."""
    return "" if value is None else f"{value.day} {value:%B %Y}"


def published_line(figure: Figure) -> str:
    """How the brief published the figure, with its as-of date, or why there is none."""
    if figure.published is None:
        return "No published figure to compare."
    mark = " — differs from the records" if figure.differs else " — matches the records"
    return f"Brief: {amount(figure.published, figure.unit)} as of {day(figure.as_of)}{mark}"
