"""The brief's figures: the headline cards (value, published value beside it, country list), the notice on
illustrative data, and the closing table of every figure against the one the brief published."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from gcmdash import formatting
from gcmdash.model import regions
from gcmdash.model.dataset import Dataset
from gcmdash.render.brief_lists import ILLUSTRATIVE, CountryList, country_list
from gcmdash.render.brief_text import country_name, join_words
from gcmdash.views import metrics
from gcmdash.views.metrics import Figure

#: Which activity rows each headline figure with a country list is made of.
_LISTS = {
    "country_networks": "Country Network",
    "champion_countries": "Champion country",
    "voluntary_reports": "Voluntary GCM report",
    "unct_workshops": "UNCT workshop",
    "steering_committee_members": "Steering Committee member",
}
#: Lists written out in full among the headline figures (the brief names these countries).
_NAMED = ("country_networks", "champion_countries", "unct_workshops")
#: Cards drawn wider (their country list beside the figure): over two columns, or the whole row.
_WIDE_CARDS = {
    "country_networks": "wide full",
    "champion_countries": "wide",
    "unct_workshops": "wide",
    "mobilised_pct": "span2",
}


@dataclass(frozen=True)
class Card:
    """One headline figure: the value computed from the records, what it is, and the published one beside it."""

    metric: str
    value: str
    label: str
    note: str | None
    line: str
    published: bool
    differs: bool
    source: str | None
    wide: str
    countries: CountryList | None
    progress: str | None

    @property
    def beside(self) -> bool:
        """Whether the card's country list or bar goes beside its figure (a wide card) rather than under it."""
        return "wide" in self.wide


@dataclass(frozen=True)
class Notice:
    """How many records are illustrative stand-ins, in all and (in words) in the region."""

    count: str
    inside: str | None


@dataclass(frozen=True)
class FigureRow:
    """A row of the closing table: a figure computed, as published, whether they agree, its date and source."""

    label: str
    computed: str
    published: str
    check: str
    as_of: str
    source: str
    href: str | None


@dataclass(frozen=True)
class About:
    """The closing section: when and from what the brief was made, how figures count, and every figure."""

    made: str
    label: str
    members: int
    covered: str | None
    region: str
    confirmed: bool
    notice: Notice | None
    rows: list[FigureRow]


def _card(data: Dataset, region: str, figure: Figure) -> Card:
    listed = None
    if figure.metric in _LISTS:
        rows = metrics.activities_in(data, region, _LISTS[figure.metric])
        listed = country_list(rows, figure, names=figure.metric in _NAMED)
    progress = f"{max(0.0, min(100.0, figure.value)):.1f}" if figure.metric == "mobilised_pct" else None
    has_more = listed is not None or progress is not None
    return Card(
        metric=figure.metric,
        value=formatting.shown_value(figure),
        label=figure.label,
        note=figure.note if figure.note and not figure.without_records else None,
        line=formatting.published_line(figure),
        published=figure.published is not None,
        differs=figure.differs,
        source=formatting.web_address(figure.source),
        wide=_WIDE_CARDS.get(figure.metric, "") if has_more else "",
        countries=listed,
        progress=progress,
    )


def headline(data: Dataset, region: str, figures: dict[str, Figure]) -> list[Card]:
    """The headline cards, one per figure of the region's summary, in its order."""
    return [_card(data, region, figure) for figure in figures.values()]


def _illustrative_counts(data: Dataset, region: str) -> list[str]:
    parts = [
        ("practices", metrics.practices_in(data, region)),
        ("pledges", metrics.pledges_in(data, region)),
        ("contributions", metrics.contributions_in(data, region)),
        ("joint programmes", pd.concat([metrics.programmes_in(data, region, s) for s in ("Funded", "Pipeline")])),
        ("country activities", data["activities"][data["activities"]["country"].isin(regions.coverage(region))]),
    ]
    return [
        f"{int((t['provenance'] == ILLUSTRATIVE).sum())} of {len(t)} {what}"
        for what, t in parts
        if len(t) and (t["provenance"] == ILLUSTRATIVE).any()
    ]


def notice(data: Dataset, region: str) -> Notice | None:
    """The notice on illustrative records, when the data holds any (None otherwise)."""
    if not data.illustrative_count:
        return None
    inside = _illustrative_counts(data, region)
    return Notice(f"{data.illustrative_count:,}", join_words(inside) if inside else None)


def _row(figure: Figure) -> FigureRow:
    if figure.published is None:
        published, check = "—", ""
    else:
        published = formatting.published(figure)
        check = "warn" if figure.differs else "ok"
    return FigureRow(
        label=figure.label,
        computed=formatting.shown_value(figure),
        published=published,
        check=check,
        as_of=formatting.day(figure.as_of),
        source=figure.source or "",
        href=formatting.web_address(figure.source),
    )


def about(
    data: Dataset, region: str, figures: list[Figure], label: str, made: dt.date, warning: Notice | None
) -> About:
    """The closing section's content: the data's name, the region's membership and every figure's row."""
    return About(
        made=formatting.day(made),
        label=label,
        members=len(regions.members(region)),
        covered=join_words(sorted(country_name(c) for c in regions.coverage(region) - regions.members(region))) or None,
        region=region,
        confirmed=regions.is_confirmed(region),
        notice=warning,
        rows=[_row(f) for f in figures],
    )
