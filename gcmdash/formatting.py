"""Numbers and dates written for people in the language in force: '70', '28.0%', 'USD 56.3 million', '1 March 2024';
'28,0 %', '56,3 millions USD', '1 mars 2024' in French (Babel's CLDR data; English kept exactly as before).

May import: gcmdash.i18n (the language in force), the standard library and Babel.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sized
from decimal import Decimal
from functools import cache
from typing import Protocol
from urllib.parse import quote, urlsplit

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import NumberPattern, parse_pattern

from gcmdash import i18n
from gcmdash.i18n import N_, _

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


def number(n: float) -> str:
    """A whole number with the language's thousands separators: "12,000", "12 000" (fr), "12.000" (es)."""
    if i18n.current() == i18n.DEFAULT:
        return f"{n:,.0f}"
    return _pattern("decimal", 0).apply(Decimal(f"{n:.0f}"), _locale())


def decimal(value: float, digits: int = 1) -> str:
    """A number with `digits` decimals and the language's marks: "56.3", "56,3" (fr); rounded as Python rounds."""
    if i18n.current() == i18n.DEFAULT:
        return f"{value:,.{digits}f}"
    # Rounded once, here, so every language shows the same digits; Babel only places the marks.
    return _pattern("decimal", digits).apply(Decimal(f"{value:.{digits}f}"), _locale())


def percent(value: float, digits: int = 1) -> str:
    """A share given in percent (28.0 for 28 %) as the language writes it: "28.0%", "28,0 %" (fr)."""
    if i18n.current() == i18n.DEFAULT:
        return f"{value:,.{digits}f}%"
    return _pattern("percent", digits).apply(Decimal(f"{value:.{digits}f}") / 100, _locale())


def _locale() -> Locale:
    return _babel_locale(i18n.babel_locale())


@cache
def _babel_locale(name: str) -> Locale:
    return Locale.parse(name)


@cache
def _pattern_for(name: str, kind: str, digits: int) -> NumberPattern:
    locale = _babel_locale(name)
    formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
    pattern = parse_pattern(formats[None].pattern)
    pattern.frac_prec = (digits, digits)
    return pattern


def _pattern(kind: str, digits: int) -> NumberPattern:
    return _pattern_for(i18n.babel_locale(), kind, digits)


def _tenths(value: float) -> str:
    """One decimal, none when it is 0: "17.5", "150"."""
    rounded = round(value, 1)
    return number(rounded) if float(f"{value:.1f}").is_integer() else decimal(value, 1)


def money(value: float) -> str:
    """An amount of US dollars, the one way every page, slide, card, chart, brief and the CLI write it:
    "USD 850,000", "USD 17.5 million", "USD 150 million", "USD 1.2 billion" (one decimal, none when it is 0)."""
    size = abs(value)
    if size < 999_950:  # what would round to "1,000.0 thousand" is written as a million
        return _("USD {amount}").format(amount=number(value))
    if size >= 999_950_000:
        return _("USD {amount} billion").format(amount=_tenths(value / 1e9))
    return _("USD {amount} million").format(amount=_tenths(value / 1e6))


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
        return percent(value)
    return number(value)


def exact(value: float, unit: str) -> str:
    """A cell's value in full, with thousands separators and its unit ("USD 6,180,000", "2,700.5"): what an analyst
    typed, for a diff or a warning (headline figures are rounded by ``amount`` instead)."""
    if unit == "%":
        return percent(value, 0 if float(value).is_integer() else 2)
    text = number(value) if float(value).is_integer() else decimal(value, 2)
    return _("USD {amount}").format(amount=text) if unit == "USD" else text


def shown_value(figure: Figure) -> str:
    """The figure's value for its card; a dash when the data holds nothing on it."""
    return NO_RECORDS if figure.without_records else amount(figure.value, figure.unit)


def day(value: dt.date | None) -> str:
    """A date as the language writes it: "1 March 2024", "1 mars 2024", "2024年3月1日" (empty when unknown)."""
    if value is None:
        return ""
    if i18n.current() == i18n.DEFAULT:
        return f"{value.day} {value:%B %Y}"
    return format_date(value, "long", locale=_locale())


def month(value: dt.date | None) -> str:
    """A month as the language writes it alone: "March 2024", "mars 2024" (empty when unknown)."""
    if value is None:
        return ""
    if i18n.current() == i18n.DEFAULT:
        return f"{value:%B %Y}"
    return format_skeleton("yMMMM", value, locale=_locale())


def hedged(qualifier: str | None, value: str) -> str:
    """A published value with the words it was given with: "over USD 56 million", "close to 40.0%", or as it is."""
    if qualifier == "Over":
        return _("over {value}").format(value=value)
    if qualifier == "Close to":
        return _("close to {value}").format(value=value)
    return value


def published(figure: Figure) -> str:
    """The value the brief published, in its words: "over USD 56 million"."""
    return hedged(figure.qualifier, amount(figure.published, figure.unit))


def published_line(figure: Figure) -> str:
    """How the brief published the figure, with its as-of date, or why there is none."""
    if figure.without_records:
        return _("No records of this kind for this region in the data, and no published figure.")
    if figure.published is None:
        return _("No published figure to compare.")
    if figure.differs:
        return _("Brief, {date}: {value} — differs from the records").format(
            date=day(figure.as_of), value=published(figure)
        )
    return _("Brief, {date}: {value} — the records agree").format(date=day(figure.as_of), value=published(figure))


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


def counted(n: int, singular: str, plural: str) -> str:
    """A count with its noun in the language in force: counted(3, "{n} pledge", "{n} pledges") → "3 pledges".

    Both messages are catalogue entries (``pybabel extract`` reads this function as it reads ngettext), and the
    language's own plural rules choose among its forms (Russian has three)."""
    return i18n.ngettext(singular, plural, n).format(n=number(n))


# Whole sentences, one set per thing counted: the words around a count agree with it in most languages.
_HIGHLIGHTS = {
    "practices": (
        N_("No objective has any practices: none is highlighted."),
        N_("Highlighted: the objective with the most practices ({least})."),
        N_("Highlighted: all {k} objectives with any practices."),
        N_("Highlighted: the {k} objectives with the most practices, tied at {least} each."),
        N_("Highlighted: the {k} objectives with the most practices ({least} or more)."),
        N_("Highlighted: the {k} objectives with the most practices ({least} or more; {tied} tied at the cut)."),
    ),
    "pledges": (
        N_("No objective has any pledges: none is highlighted."),
        N_("Highlighted: the objective with the most pledges ({least})."),
        N_("Highlighted: all {k} objectives with any pledges."),
        N_("Highlighted: the {k} objectives with the most pledges, tied at {least} each."),
        N_("Highlighted: the {k} objectives with the most pledges ({least} or more)."),
        N_("Highlighted: the {k} objectives with the most pledges ({least} or more; {tied} tied at the cut)."),
    ),
}


def highlight_note(top: Top, what: str) -> str:
    """Which objectives are highlighted and why, e.g. "Highlighted: the 8 objectives with the most practices (3 or
    more; 2 tied at the cut)" (what: "practices" or "pledges")."""
    none, one, every, tied, cut, cut_tied = _HIGHLIGHTS[what]
    k = len(top.counts)
    values = {"k": number(k), "least": number(top.least), "tied": number(top.tied_at_cut)}
    if k == 0:
        message = none
    elif k == 1:
        message = one
    elif k == top.having and k <= top.asked:  # fewer values than asked have any: every one is highlighted
        message = every
    elif k == top.tied_at_cut:  # every highlighted value has the same count
        message = tied
    else:
        message = cut_tied if k > top.asked else cut
    return _(message).format(**values)


def several_note(several: int) -> str:
    """How many of the records shown address several objectives, e.g. "3 of them address several objectives and
    count under each"."""
    if several == 0:
        return _("none of them addresses more than one objective")
    return counted(
        several,
        "{n} of them addresses several objectives and counts under each",
        "{n} of them address several objectives and count under each",
    )
