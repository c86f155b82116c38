"""The brief's text in the HTML brief: each figure section's words from the Brief sections data, and the text sections.

The items are ``views.sections`` Items; the templates escape every word of them (Jinja2 autoescaping).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gcmdash import formatting
from gcmdash.model import countries, regions
from gcmdash.model.dataset import Dataset
from gcmdash.views import sections, statements
from gcmdash.views.sections import Item, Network, Part
from gcmdash.views.statements import Statement

#: Which sections' text each section of the HTML brief carries, by the brief section's key (``brief.brief_html``).
PLACES: dict[str, tuple[str, ...]] = {
    "headline": ("Introduction",),
    "network": ("Regional Network", "Regional Review"),
    "practices": ("Practices",),
    "pledges": ("Pledges",),
    "networks": ("Country Networks", "Champions", "IMRF engagement", "UNCT support"),
    "engagement": ("Guidance", "Stakeholder engagement"),
    "fund": ("M-MPTF",),
    "resources": ("Resources", "Timeline"),
    "about": ("Footnote",),
}


@dataclass(frozen=True)
class Source:
    """Where items come from: provenance, date and the source (a link when it is a web address)."""

    provenance: str
    day: str | None
    text: str | None
    href: str | None


@dataclass(frozen=True)
class Text:
    """One section's words in the brief: its items, its Country Networks, its checked statements, its sources."""

    key: str
    title: str
    items: tuple[Item, ...]
    networks: tuple[Network, ...]
    statements: tuple[Statement, ...]
    sources: tuple[Source, ...]

    @property
    def empty(self) -> bool:
        """Whether the data has nothing for this section."""
        return not (self.items or self.networks or self.statements)


@dataclass(frozen=True)
class BriefText:
    """The region's text for the whole brief: each place's sections, what is missing, and the footnotes it needs."""

    places: dict[str, tuple[Text, ...]]
    missing: tuple[str, ...]
    kosovo: str | None

    def at(self, place: str) -> tuple[Text, ...]:
        """The sections' words for one place of the brief, leaving out those the data has nothing for."""
        return tuple(t for t in self.places.get(place, ()) if not t.empty)


def sources(items: Iterable[Item]) -> tuple[Source, ...]:
    """Each distinct source of the items once: provenance, date and the source (linked when a web address)."""
    seen: dict[tuple, None] = {}
    for item in items:
        seen.setdefault((item.provenance, item.as_of, item.source, item.source_link), None)
    return tuple(
        Source(provenance, formatting.day(as_of) if as_of else None, source, href)
        for provenance, as_of, source, href in seen
    )


def _text(part: Part, found: tuple[Statement, ...], listed: list[Network]) -> Text:
    return Text(
        key=part.section.lower().replace(" ", "-"),
        title=part.title,
        items=part.items,
        networks=tuple(listed) if part.section == "Country Networks" else (),
        statements=statements.of_section(found, part.section),
        sources=sources(part.items),
    )


def brief_text(data: Dataset, region: str) -> BriefText:
    """Every section's words for the region's brief, placed where the brief prints them."""
    parts = sections.brief_sections(data, region)
    by_section = {part.section: part for part in parts}
    found = statements.statements(data, region)
    listed = sections.networks(data, region)
    places = {place: tuple(_text(by_section[name], found, listed) for name in names) for place, names in PLACES.items()}
    return BriefText(
        places=places,
        missing=tuple(sections.missing(parts)),
        # The brief's map draws every area the region covers: Kosovo's footnote goes wherever it is drawn or named.
        kosovo=countries.KOSOVO_FOOTNOTE
        if sections.names_kosovo(parts, listed) or countries.KOSOVO in regions.coverage(region)
        else None,
    )
