"""Web addresses from spreadsheets reach the page as inert Markdown links: they cannot close the link or add markup."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from gcmdash import formatting

ESCAPES = [
    "https://x.org/a)[click](javascript:alert(1))",
    "https://x.org/**bold** <img src=x onerror=alert(1)>",
    "https://x.org/$x^2$ `code` \\) [a]",
]
#: A link's address ends at the first unencoded ")" or space; none may be inside it.
_LINK = re.compile(r"^\[source\]\(([^()\s<>\[\]`*$\\\\]*)\)$")


@pytest.mark.parametrize("url", ESCAPES)
def test_an_address_stays_inside_its_link(url):
    shown = formatting.link("source", url)
    match = _LINK.match(shown)
    assert match, shown
    assert match.group(1).startswith("https://x.org/")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "//x.org/a", "x.org", "", None])
def test_anything_but_a_web_address_is_shown_as_its_text_alone(url):
    assert formatting.link("source", url) == "source"


def test_an_ordinary_address_is_left_as_it_is():
    url = "https://migrationnetwork.un.org/hub/repository?region=ECE&page=2#practices"
    assert formatting.link("source", url) == f"[source]({url})"
    assert formatting.link("a [b]", "https://x.org/%20") == r"[a \[b\]](https://x.org/%20)"


@pytest.mark.parametrize(
    "text", ["see http://attacker.invalid/x", "HTTPS://attacker.invalid", "www.attacker.invalid", "me@attacker.invalid"]
)
def test_an_address_in_plain_text_is_never_made_a_link(text):
    # GFM's autolinks act on the text after escapes are read: only a break inside the address keeps it text.
    shown = formatting.plain(text)
    assert not re.search(r"(?i)https?\\?:|www\\?\.|@[\w-]", shown), shown
    assert re.sub(r"\\(.)", r"\1", shown).replace(formatting.WORD_JOINER, "") == text  # it still reads the same


def _card(source: str) -> None:
    import datetime as dt

    from gcmdash.ui import cards
    from gcmdash.views.metrics import Figure

    cards.figure_card(Figure("practices", "Practices", 70, published=70, as_of=dt.date(2024, 8, 1), source=source))


@pytest.mark.parametrize("url", ESCAPES)
def test_a_figure_card_shows_its_source_as_an_inert_link(url):
    app = AppTest.from_function(_card, args=(url,)).run()
    assert not app.exception
    captions = [c.value for c in app.caption]
    line = next(c for c in captions if "source" in c)
    assert _LINK.match(line.rsplit(" · ", 1)[1]), line


def _publish_hostile() -> None:
    from gcmdash.ui import analysts

    # The file's name names its sheet in the refusal (the first problems are its missing columns).
    sheet = b"Practice ID,Title,GCM objectives\nPR-1,A practice,2\n"
    analysts.publish([("[click](javascript:alert(1)).csv", sheet)], "a note", "ana.lyst@example.org")


def test_a_refusal_quoting_spreadsheet_text_shows_it_as_text():
    app = AppTest.from_function(_publish_hostile, default_timeout=60).run()
    assert not app.exception
    (error,) = app.error
    assert "Publishing was refused" in error.value
    assert "](javascript" not in error.value and r"\[click\]" in error.value, error.value
