"""The brief's sections of a region, in the briefs' order: items of text read from the Brief sections dataset (pure).

Text is plain: an empty line separates paragraphs, and a line starting with "- ", "• " or "* " is a bullet point.
Nothing in it is markup; whoever shows it escapes it for what it lands in (Markdown or HTML).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from gcmdash import formatting
from gcmdash.model import countries, memo
from gcmdash.model.dataset import Dataset
from gcmdash.model.vocabularies import BRIEF_SECTIONS, WORLD
from gcmdash.views import metrics

#: Each section's title as a page or the brief prints it.
TITLES = {
    "Introduction": "The region and this brief",
    "Regional Network": "The Regional UN Network on Migration",
    "Regional Review": "The Regional Review",
    "Practices": "What the brief says about the practices",
    "Pledges": "What the brief says about the pledges",
    "Country Networks": "Country UN Networks on Migration",
    "Champions": "Champion countries",
    "IMRF engagement": "Engagement at the International Migration Review Forum (IMRF)",
    "UNCT support": "Support to UN Country Teams",
    "Guidance": "Guidance on implementing the GCM",
    "Stakeholder engagement": "Stakeholder engagement",
    "M-MPTF": "The Migration Multi-Partner Trust Fund (M-MPTF)",
    "Resources": "Resources and tools",
    "Timeline": "The GCM review timeline",
    "Footnote": "Notes",
}
_BULLET = re.compile(r"^\s*[-•*]\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph (one line) or a bullet list (one line per point) of an item's text."""

    bullets: bool
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One row of Brief sections, ready to show: its text in blocks, its link, where it comes from and whom it names."""

    region: str
    section: str
    heading: str | None
    blocks: tuple[Block, ...]
    link: str | None
    link_text: str | None
    as_of: dt.date | None
    source: str | None
    source_link: str | None
    provenance: str
    named: tuple[str, ...]

    @property
    def text(self) -> str:
        """The item's words as one plain string (for search and tests)."""
        return " ".join(line for block in self.blocks for line in block.lines)


@dataclass(frozen=True)
class Network:
    """A Country Network of the region and its Terms of Reference address (None where not public)."""

    iso3: str
    name: str
    terms_of_reference: str | None


@dataclass(frozen=True)
class Part:
    """One section of a region's brief: its items in order (empty when the data holds none)."""

    section: str
    title: str
    items: tuple[Item, ...]


def blocks(text: str) -> tuple[Block, ...]:
    """Plain text as paragraphs and bullet lists: an empty line ends a paragraph, "- " starts a bullet point."""
    found: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        paragraph: list[str] = []
        points: list[str] = []
        for line in (raw.strip() for raw in chunk.split("\n")):
            if not line:
                continue
            if _BULLET.match(line):
                if paragraph:
                    found.append(Block(False, (" ".join(paragraph),)))
                    paragraph = []
                points.append(_BULLET.sub("", line))
            elif points and not paragraph:
                points[-1] += " " + line  # a bullet point's text carried on to the next line
            else:
                paragraph.append(line)
        if paragraph:
            found.append(Block(False, (" ".join(paragraph),)))
        if points:
            found.append(Block(True, tuple(points)))
    return tuple(found)


def link_label(link: str | None, text: str | None) -> str | None:
    """What a link says: its Link text, or the address's site and page when there is none."""
    if link is None:
        return None
    if text:
        return text
    parts = urlsplit(link)
    return (parts.netloc + parts.path).rstrip("/")


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def _item(row: pd.Series) -> Item:
    words = str(row["text"])
    heading = _text(row["heading"])
    link = formatting.web_address(row["link"])
    source = _text(row["source"])
    return Item(
        region=str(row["region"]),
        section=str(row["section"]),
        heading=heading,
        blocks=blocks(words),
        link=link,
        link_text=link_label(link, _text(row["link_text"])),
        as_of=None if pd.isna(row["as_of"]) else row["as_of"],
        source=source,
        source_link=formatting.web_address(source),
        provenance=str(row["provenance"]),
        named=countries.named_in(f"{heading or ''}\n{words}"),
    )


@memo.per_version
def items(data: Dataset) -> tuple[Item, ...]:
    """Every item of the data, in the briefs' section order, then by Order within each region and section."""
    table = data["sections"]
    rank = {name: n for n, name in enumerate(BRIEF_SECTIONS.values)}
    ordered = table.assign(_rank=table["section"].map(rank)).sort_values(["_rank", "region", "order"], kind="stable")
    return tuple(_item(row) for _, row in ordered.iterrows())


def brief_sections(data: Dataset, region: str | None) -> list[Part]:
    """The region's sections in the briefs' order: its own items and the World items every brief shows."""
    wanted = {WORLD} if region is None else {region, WORLD}
    mine = [item for item in items(data) if item.region in wanted]
    return [
        Part(section, TITLES[section], tuple(item for item in mine if item.section == section))
        for section in BRIEF_SECTIONS.values
    ]


def missing(parts: list[Part]) -> list[str]:
    """Titles of the sections the data holds nothing for (notes excepted: a brief need not have any)."""
    return [part.title for part in parts if not part.items and part.section != "Footnote"]


def naming(data: Dataset, iso3: str) -> list[Item]:
    """Every item, of any region, whose heading or text names the country."""
    return [item for item in items(data) if iso3 in item.named]


def networks(data: Dataset, region: str | None) -> list[Network]:
    """The region's Country Networks by name, each with its Terms of Reference address or None."""
    rows = metrics.activities_in(data, region, "Country Network").drop_duplicates("country")
    found = [
        Network(str(code), countries.country_name(str(code)), formatting.web_address(tor))
        for code, tor in zip(rows["country"], rows["terms_of_reference"], strict=True)
        if countries.is_known(str(code))
    ]
    return sorted(found, key=lambda n: n.name)


def names_kosovo(parts: list[Part], listed: list[Network]) -> bool:
    """Whether the sections or the networks listed name Kosovo: its footnote must then be shown."""
    return any(countries.KOSOVO in item.named for part in parts for item in part.items) or any(
        n.iso3 == countries.KOSOVO for n in listed
    )
