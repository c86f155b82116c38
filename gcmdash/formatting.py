"""Numbers and dates written for people: '70', '28.0%', 'USD 56.3 million', '1 March 2024'."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sized
from typing import Protocol
from urllib.parse import quote, urlsplit

NO_RECORDS = "—"


# What is read of views' figures (gcmdash.views.metrics.Figure, Top): this module sits below every stage, so it
# names the attributes it writes rather than importing the classes.
class Figure(Protocol):
    """A headline figure: its value and unit, and the value the brief published, with its date and qualifier."""

    value: float
    unit: str
    published: float | None
    qualifier: str | None
    as_of: dt.date | None

    @property
    def differs(self) -> bool:
        """True when the records do not reproduce the published value."""

    @property
    def without_records(self) -> bool:
        """True when nothing in the data speaks to the figure."""


class Top(Protocol):
    """The highlighted bars of a chart: how many, the lowest count among them, and the ties at the cut."""

    counts: Sized
    asked: int
    having: int

    @property
    def least(self) -> int:
        """The smallest count among the highlighted bars."""

    @property
    def tied_at_cut(self) -> int:
        """How many highlighted bars share the cut's count."""


def money(value: float) -> str:
    """An amount of US dollars, the one way every page, slide, card, chart, brief and the CLI write it:
    "USD 850,000", "USD 17.5 million", "USD 150 million", "USD 1.2 billion" (one decimal, none when it is 0)."""
    size = abs(value)
    if size < 999_950:  # what would round to "1,000.0 thousand" is written as a million
        return f"USD {value:,.0f}"
    unit, scale = ("billion", 1e9) if size >= 999_950_000 else ("million", 1e6)
    return f"USD {value / scale:,.1f}".removesuffix(".0") + f" {unit}"


def money_decimals(millions: Iterable[float]) -> int:
    """How many decimals a chart of amounts in USD million writes every label and tick with: one, or as many as the
    smallest non-zero amount needs to not read 0 (one chart never mixes 17.45, 8.2 and 1)."""
    smallest = min((abs(v) for v in millions if v and not math.isnan(v)), default=1.0)
    return 1 if smallest >= 0.05 else min(3, max(1, math.ceil(-math.log10(smallest))))


def amount(value: float, unit: str) -> str:
    """A value in its unit, as a headline card, a slide and the CLI write it."""
    if unit == "USD":
        return money(value)
    if unit == "%":
        return f"{value:,.1f}%"
    return f"{value:,.0f}"


def exact(value: float, unit: str) -> str:
    """A cell's value in full, with thousands separators and its unit ("USD 6,180,000", "2,700.5"): what an analyst
    typed, for a diff or a warning (headline figures are rounded by ``amount`` instead)."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"USD {text}" if unit == "USD" else f"{text}%" if unit == "%" else text


def shown_value(figure: Figure) -> str:
    """The figure's value for its card; a dash when the data holds nothing on it."""
    return NO_RECORDS if figure.without_records else amount(figure.value, figure.unit)


def day(value: dt.date | None) -> str:
    """A date as '1 March 2024' (empty when unknown)."""
    return "" if value is None else f"{value.day} {value:%B %Y}"


def hedge(qualifier: str | None) -> str:
    """The words a published value is given with: "over ", "close to ", or none for an exact one."""
    return {"Over": "over ", "Close to": "close to "}.get(qualifier or "", "")


def published_line(figure: Figure) -> str:
    """How the brief published the figure, with its as-of date, or why there is none."""
    if figure.without_records:
        return "No records of this kind for this region in the data, and no published figure."
    if figure.published is None:
        return "No published figure to compare."
    verdict = "differs from the records" if figure.differs else "the records agree"
    return f"Brief, {day(figure.as_of)}: {hedge(figure.qualifier)}{amount(figure.published, figure.unit)} — {verdict}"


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")
#: Streamlit's Markdown (GFM) makes a link of any web or mail address in a text, escaped or not: a word joiner
#: (U+2060, invisible) after the scheme, the "www" or the "@" keeps the address text.
_AUTOLINKS = re.compile(r"(?i)(https?(?=:)|ftp(?=:)|mailto(?=:)|www(?=\.)|@)")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """Text from a spreadsheet or a URL made safe to show through Streamlit's Markdown: every special escaped, and
    no address made a link."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _AUTOLINKS.sub(rf"\1{WORD_JOINER}", text))


#: What a web address keeps as it is in a Markdown link, besides letters, digits and "_.-~"; everything else
#: (brackets, parentheses, spaces, quotes, *, `, $, <, >, backslash) is percent-encoded: it cannot close the link.
_LINK_KEEPS = "/:?#&=%+@,;"


def web_address(value: object) -> str | None:
    """An http(s) address to link to, or None for anything else (which is never made a link)."""
    text = value.strip() if isinstance(value, str) else ""
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def link(text: str, url: str | None) -> str:
    """A Markdown link to an http(s) address for Streamlit, both parts made inert; the text alone for any other."""
    if web_address(url) is None:
        return plain(text)
    return f"[{plain(text)}]({quote(url, safe=_LINK_KEEPS)})"


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
