"""The brief's content is kept when its layout changes: its text, links and labels, region by region, equal (ignoring
whitespace) to what the f-string brief wrote before the brief moved into Jinja2 templates (commit eecdd2c).

The files in tests/fixtures/brief-text/ were written by that code on the bundled data. When the brief's content is
meant to change (new data, new words), rewrite them with ``python -m tests.test_brief_text`` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gcmdash.ingest.loading import bundled
from gcmdash.model import regions
from gcmdash.render import brief

EXPECTED = Path(__file__).resolve().parent / "fixtures" / "brief-text"
#: Attributes that are content: where a link goes, what a screen reader or a tooltip says, the language.
_CONTENT_ATTRIBUTES = ("href", "aria-label", "alt", "title", "lang")


class _Words(HTMLParser):
    """A page's words in order: each text node (whitespace collapsed) and each content attribute as [name=value]."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._in_style = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style += tag == "style"
        self.words += [f"[{name}={value}]" for name, value in attrs if name in _CONTENT_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        self._in_style -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._in_style and data.strip():
            self.words.append(" ".join(data.split()))


def brief_words(region: str) -> list[str]:
    """The words of the brief for region on the bundled data, made on a fixed day."""
    page = _Words()
    page.feed(brief.brief_html(bundled().dataset, region, version_label="bundled data", made=dt.date(2026, 12, 1)))
    page.close()
    return page.words


@pytest.mark.parametrize("region", regions.REGIONS)
def test_the_brief_says_what_it_said(region):
    expected = (EXPECTED / f"{region}.txt").read_text(encoding="utf-8").splitlines()
    words = brief_words(region)
    squeeze = "".join  # ignoring whitespace: where a text node starts or ends is layout, not content
    if "".join(squeeze(words).split()) != "".join(squeeze(expected).split()):
        diff = "\n".join(difflib.unified_diff(expected, words, "before", "now", lineterm="", n=1))
        pytest.fail(f"the {region} brief's content changed:\n{diff[:4000]}")


if __name__ == "__main__":  # rewrite the expected words (only when the content is meant to change)
    for code in sys.argv[1:] or regions.REGIONS:
        (EXPECTED / f"{code}.txt").write_text("\n".join(brief_words(code)) + "\n", encoding="utf-8")
