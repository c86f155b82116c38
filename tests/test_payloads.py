"""The brief (one HTML file, downloaded and opened anywhere) keeps spreadsheet text as text: with a Markdown/HTML
payload in every free-text and link cell (tests/payloads.py) it has exactly the elements of the brief with harmless
text in the same cells, and nothing in it points at the attacker or runs script."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from gcmdash.ingest.loading import load_files
from gcmdash.model import regions
from gcmdash.render import brief
from tests.payloads import ATTACKER, INERT_LINKS, INERT_TEXT, TEXT, poisoned_workbook


class _Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(page)
    return parser.tags


@pytest.fixture(scope="module")
def datasets():
    # The control: harmless text in the same cells, as many distinct values (the brief lists each source once).
    clean = load_files([("inert.xlsx", poisoned_workbook(INERT_TEXT, INERT_LINKS))], complete=True).dataset
    poisoned = load_files([("gcm-data.xlsx", poisoned_workbook())], complete=True)
    assert poisoned.valid, poisoned.issues[:3]  # the payloads are all text a sheet may hold
    return clean, poisoned.dataset


@pytest.mark.parametrize("region", regions.REGIONS)
def test_the_brief_of_poisoned_data_has_the_clean_briefs_elements_and_no_way_out(datasets, region):
    clean, poisoned = datasets
    page = brief.brief_html(poisoned, region, version_label="test")
    tags = _elements(page)
    control = _elements(brief.brief_html(clean, region, version_label="test"))
    assert Counter(t for t, _ in tags) == Counter(t for t, _ in control)
    for tag, attrs in tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "xlink:href", "action"):
            url = attrs.get(name) or ""
            assert urlsplit(url).hostname != ATTACKER and not url.lower().startswith(("javascript:", "data:text")), (
                tag,
                attrs,
            )


def test_the_brief_shows_payloads_as_written(datasets):
    page = brief.brief_html(datasets[1], "ECE", version_label="test")
    assert "<script" not in page.lower()
    escaped = [p for p in TEXT if p.split("\n")[0].replace("&", "&amp;").replace("<", "&lt;") in page]
    assert escaped or ATTACKER not in page, "payload text neither shown escaped nor left out"
