"""The Brief sections dataset: the words of a Regional Information Brief around its figures, one row per item.

A row is one item of one section of one region's brief (a paragraph, a list of points, a link); the app shows the
sections in the briefs' order (``vocabularies.BRIEF_SECTIONS``) and the items of a section by their Order.
"""

from __future__ import annotations

from gcmdash.model.common_columns import PROVENANCE, SOURCE
from gcmdash.model.schema import Column, DatasetSpec, Kind
from gcmdash.model.vocabularies import BRIEF_SECTIONS, FIGURE_REGIONS

SECTIONS = DatasetSpec(
    "sections",
    "Brief sections",
    "The text of the Regional Information Briefs around their figures (the Regional Network, the Regional Review, "
    "stakeholder engagement, guidance, links …): one row per item of a section. Plain text: paragraphs are "
    'separated by an empty line and a line starting with "- " or "• " is a bullet point; nothing is read as markup.',
    (
        Column(
            "region",
            "Region",
            Kind.CHOICE,
            "Regional commission whose brief the item belongs to; World for an item every region's brief shows "
            "(the review timeline).",
            "ECE",
            required=True,
            vocabulary=FIGURE_REGIONS,
        ),
        Column(
            "section",
            "Section",
            Kind.CHOICE,
            "Which part of the brief the item belongs to; sections are shown in the briefs' order.",
            "Regional Network",
            required=True,
            vocabulary=BRIEF_SECTIONS,
            synonyms=("part", "brief section"),
        ),
        Column(
            "order",
            "Order",
            Kind.NUMBER,
            "Position of the item within its section: 1 first (1.5 goes between 1 and 2).",
            "1",
            required=True,
            minimum=0,
            synonyms=("position", "item", "sort order"),
        ),
        Column(
            "heading",
            "Heading",
            Kind.TEXT,
            "A heading over the item; empty for none (the section's own title is always shown).",
            "Based in Vienna",
            synonyms=("title",),
        ),
        Column(
            "text",
            "Text",
            Kind.TEXT,
            'The item\'s words, as plain text: an empty line between paragraphs, "- " before each bullet point.',
            "The Regional Network is co-chaired by IOM, UNDP and UNHCR.",
            required=True,
            synonyms=("body", "content", "paragraph"),
        ),
        Column(
            "link",
            "Link",
            Kind.URL,
            "A web address (http or https) the item points to, e.g. a form to submit a practice.",
            "https://migrationnetwork.un.org/how-submit-practice",
            synonyms=("url",),
        ),
        Column(
            "link_text",
            "Link text",
            Kind.TEXT,
            "What the link says (needs a Link); empty shows the address's site and page.",
            "Submit a practice",
            synonyms=("link label", "link title"),
        ),
        Column(
            "as_of",
            "As of",
            Kind.DATE,
            "Date the text was published or last checked.",
            "2024-03-01",
            required=True,
            synonyms=("date", "as of date"),
        ),
        SOURCE,
        PROVENANCE,
    ),
    synonyms=("sections", "brief text", "brief sections", "text"),
    unique_together=("region", "section", "order"),
    optional=True,
)
