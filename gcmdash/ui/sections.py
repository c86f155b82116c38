"""The brief's text on the pages and slides: its sections in order, the items naming a country, the Kosovo footnote.

The data's words (headings, paragraphs, links, sources) reach the page as HTML from a template (``ui/items.html.j2``,
autoescaped) through st.html, never through Streamlit's Markdown: Markdown turns any web address in a text into a
link, escaped or not. The app's own words (titles, counts, checked statements) are Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

from gcmdash import formatting
from gcmdash.model import countries, regions
from gcmdash.model.dataset import Dataset
from gcmdash.render import map_text, templating
from gcmdash.render.brief_sections import sources
from gcmdash.views import sections, statements
from gcmdash.views.sections import Item, Network, Part
from gcmdash.views.statements import Statement

#: The sections each text slide shows, by the slide's kind (``render.slides``).
SLIDE_SECTIONS = {
    "network-review": ("Regional Network", "Regional Review"),
    "stakeholders": ("Stakeholder engagement", "Guidance"),
}
_VERDICT = {
    True: "✓ The records bear this out",
    False: "⚠ The records do not bear this out",
    None: "– Cannot be checked",
}


def items_html(items: Iterable[tuple[str | None, Item]]) -> str:
    """Items, each with an optional label of where it is from, and their sources as HTML; every word escaped."""
    chosen = list(items)
    return templating.render("ui/items.html.j2", items=chosen, sources=sources(i for _, i in chosen))


def _statement(found: Statement) -> None:
    st.markdown(f"**{_VERDICT[found.holds]}:** {formatting.plain(found.claim)} {formatting.plain(found.evidence)}")


def _networks(listed: list[Network]) -> None:
    if not listed:
        return
    public = sum(1 for n in listed if n.terms_of_reference)
    names = ", ".join(
        formatting.link(f"{n.name} ↗", n.terms_of_reference) if n.terms_of_reference else formatting.plain(n.name)
        for n in listed
    )
    said = (
        "none has its Terms of Reference in the data"
        if not public
        else f"{public} with their Terms of Reference (linked)"
        if public < len(listed)
        else "each linked to its Terms of Reference"
    )
    counted = formatting.counted(len(listed), "{n} Country Network", "{n} Country Networks")
    st.markdown(f"**{counted} in the records**, {said}: {names}.")


def _part(part: Part, checked: tuple[Statement, ...], listed: list[Network]) -> None:
    st.subheader(part.title)
    if part.items:
        st.html(items_html((None, item) for item in part.items))
    if part.section == "Country Networks":
        _networks(listed)
    for found in checked:
        _statement(found)


def kosovo_footnote() -> None:
    """The footnote the UN requires wherever Kosovo is named or drawn."""
    st.caption("\\* " + formatting.plain(countries.KOSOVO_FOOTNOTE))


def map_notes(drawn: Iterable[str]) -> None:
    """Under a map: the briefs' disclaimer, and the Kosovo footnote when Kosovo is among the countries drawn."""
    st.caption(map_text.DISCLAIMER)
    if countries.KOSOVO in set(drawn):
        kosovo_footnote()


def brief_sections(data: Dataset, region: str | None) -> None:
    """The brief's sections for the region, in the brief's order, each with its source and date."""
    parts = sections.brief_sections(data, region)
    found = statements.statements(data, region)
    listed = sections.networks(data, region) if region else []
    st.header("What the brief says", anchor="what-the-brief-says")
    st.caption(
        "The Regional Information Brief's text around its figures, from the Brief sections sheet, in the brief's "
        "order; statements about the records are checked against them."
        + ("" if region else " Choose a region in the sidebar to see its brief; shown here: what every brief shares.")
    )
    for part in parts:
        checked = statements.of_section(found, part.section)
        if part.items or checked or (part.section == "Country Networks" and listed):
            _part(part, checked, listed)
    gone = sections.missing(parts)
    if region and gone:
        st.caption(formatting.plain(f"Not in the data for this region: {', '.join(gone)}."))
    if sections.names_kosovo(parts, listed):
        kosovo_footnote()


def naming_country(data: Dataset, iso3: str) -> None:
    """Every item of the briefs' text that names the country, with the region and section it is from."""
    found = sections.naming(data, iso3)
    st.subheader("In the briefs' text")
    if not found:
        st.caption("No item of the Brief sections names this country.")
    for item in found:
        where = "every region" if item.region not in regions.REGIONS else regions.region_label(item.region)
        st.html(items_html([(f"{where} · {sections.TITLES[item.section]}", item)]))
    if iso3 == countries.KOSOVO or any(countries.KOSOVO in item.named for item in found):
        kosovo_footnote()


def text_slide(data: Dataset, region: str | None, kind: str) -> None:
    """A slide of the brief's text: each section's item headings as big bullet points (the text is on the pages)."""
    wanted = SLIDE_SECTIONS[kind]
    by_section = {p.section: p for p in sections.brief_sections(data, region)}
    parts = [by_section[section] for section in wanted]
    shown = [p for p in parts if p.items]
    if not shown:
        with st.container(key="present-empty"):
            st.markdown(formatting.plain(f"No {' or '.join(p.title for p in parts)} in the data for this region."))
        return
    longest = max(len(p.items) for p in shown)
    size = "big" if longest <= 4 else "long"
    for column, part in zip(st.columns(len(shown), gap="large"), shown, strict=True):
        with column, st.container(key=f"present-{size}-{re.sub(r'[^a-z0-9]+', '-', part.section.lower())}"):
            lines = [i.heading or i.text for i in part.items]
            st.html(templating.render("ui/slide-list.html.j2", title=part.title, lines=lines))
    st.html(templating.render("ui/items.html.j2", items=[], sources=sources(i for p in shown for i in p.items)))
    absent = [p.title for p in parts if not p.items]
    if absent:
        st.caption(formatting.plain(f"Not in the data for this region: {', '.join(absent)}."))
    if any(countries.KOSOVO in countries.named_in(i.heading or i.text) for p in shown for i in p.items):
        kosovo_footnote()
