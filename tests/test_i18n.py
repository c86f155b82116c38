"""The language in force: read from the address or the browser, kept per run, and its catalogue's words."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from gcmdash import i18n

CATALOGUE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Practices"
msgstr "Pratiques"

msgid "{n} practice"
msgid_plural "{n} practices"
msgstr[0] "{n} pratique"
msgstr[1] "{n} pratiques"

#, fuzzy
msgid "Pledges"
msgstr "Engagements (à vérifier)"
"""


@pytest.mark.parametrize(
    ("value", "code"), [("fr", "fr"), ("FR", "fr"), ("fr-CA", "fr"), ("zh_Hans", "zh"), ("de", "en"), (None, "en")]
)
def test_an_address_names_a_language_or_gets_english(value, code):
    assert i18n.language_of(value) == code


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
        ("de-DE, es;q=0.7, en;q=0.6", "es"),
        ("en;q=0.5, ar;q=0.9", "ar"),
        ("ru;q=0, zh;q=0.1", "zh"),
        ("de, it", "en"),
        ("fr;q=abc, es", "es"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_the_browser_s_preference_is_negotiated(header, code):
    assert i18n.negotiate(header) == code


def test_the_language_is_kept_per_run_and_restored():
    assert i18n.current() == "en"
    seen = {}

    def other_session():
        seen["other"] = i18n.current()  # a new thread starts in English, whatever another run chose

    with i18n.using("ar") as lang:
        assert lang == "ar" and i18n.direction() == "rtl"
        thread = threading.Thread(target=other_session)
        thread.start()
        thread.join()
    assert seen == {"other": "en"} and i18n.current() == "en" and i18n.direction() == "ltr"


def test_a_catalogue_translates_and_falls_back_to_english(tmp_path: Path):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "gcmdash.po").write_text(CATALOGUE, encoding="utf-8")
    words = i18n.translations("fr", tmp_path)
    assert words.gettext("Practices") == "Pratiques"
    assert words.ngettext("{n} practice", "{n} practices", 2) == "{n} pratiques"
    assert words.ngettext("{n} practice", "{n} practices", 1) == "{n} pratique"
    assert words.gettext("Pledges") == "Pledges"  # a fuzzy entry is not a translation yet
    assert words.gettext("Map") == "Map"  # nor is a missing one
    assert i18n.translations("es", tmp_path).gettext("Practices") == "Practices"  # no catalogue yet


def test_english_is_the_messages_themselves():
    with i18n.using("en"):
        assert i18n.gettext("Practices") == "Practices"
        assert i18n.ngettext("a pledge", "pledges", 3) == "pledges"
