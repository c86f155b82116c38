"""Numbers and dates written for people: '70', '28.0%', 'USD 56.3M', '1 March 2024'."""

from __future__ import annotations

import datetime as dt
import re

from gcmdash.metrics import Figure, Top

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


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 pledge', '3 pledges', '1 country', '12,000 countries' (many: the plural when it is not one + 's')."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def highlight_note(top: Top, what: str, noun: str = "objective") -> str:
    """Which bars are highlighted and why, e.g. "Highlighted: the 8 objectives with the most practices (3 or more;
    2 tied at the cut)" (what: the plural counted, "practices"; empty when nothing is counted)."""
    k, nouns = len(top.counts), noun + "s"
    if k == 0:
        return f"No {noun} has any {what}: none is highlighted."
    if k == 1:
        return f"Highlighted: the {noun} with the most {what} ({top.least})."
    if k == top.having and k <= top.asked:  # fewer values than asked have any: every one is highlighted
        return f"Highlighted: all {k} {nouns} with any {what}."
    if k == top.tied_at_cut:  # every highlighted value has the same count
        return f"Highlighted: the {k} {nouns} with the most {what}, tied at {top.least} each."
    tied = f"; {top.tied_at_cut} tied at the cut" if k > top.asked else ""
    return f"Highlighted: the {k} {nouns} with the most {what} ({top.least} or more{tied})."


def several_note(several: int) -> str:
    """How many of the records shown address several objectives, e.g. "3 of them address several objectives and
    count under each"."""
    if several == 0:
        return "none of them addresses more than one objective"
    if several == 1:
        return "1 of them addresses several objectives and counts under each"
    return f"{several:,} of them address several objectives and count under each"
