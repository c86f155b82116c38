"""The reader's language: which of the six UN languages is in force, its direction, and its translated words.

A shared leaf module, like ``formatting`` and ``settings``: every stage may ask for the language in force. It is a
context variable, set once per script run (or CLI command) with ``using``, so that functions deep in views and
render translate without a language argument threaded through every call, and two sessions never see each other's.

Words for people come from gettext catalogues managed with Babel (``gcmdash/locales/<lang>/LC_MESSAGES/
gcmdash.po``, committed as text and compiled in memory on first use). A language without a catalogue yet, or a
message without a translation, falls back to English, the source language.
May import: nothing of gcmdash; the standard library and Babel.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from pathlib import Path

#: The UN's six official languages, each named in itself; English, the source language, first.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ru": "Русский",
    "ar": "العربية",
    "zh": "中文",
}
DEFAULT = "en"
RIGHT_TO_LEFT = frozenset({"ar"})
LOCALES = Path(__file__).with_name("locales")
DOMAIN = "gcmdash"

_current: ContextVar[str] = ContextVar("gcmdash_language", default=DEFAULT)


def language_of(value: object) -> str:
    """A supported language code from an address or option ("fr", "FR", "fr-CA", "zh_Hans"), else English."""
    code = str(value or "").strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT


def negotiate(accept_language: str | None) -> str:
    """The language an Accept-Language header prefers most among the six ("fr-CH, fr;q=0.9, en;q=0.8" → "fr")."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue  # a malformed weight: the entry is ignored, not the header
        code = tag.strip().replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES and quality > 0:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else DEFAULT


def current() -> str:
    """The language in force for this run."""
    return _current.get()


@contextmanager
def using(lang: str) -> Iterator[str]:
    """Make `lang` (any spelling ``language_of`` reads) the language in force inside the block."""
    token = _current.set(language_of(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def direction(lang: str | None = None) -> str:
    """ "rtl" for a right-to-left language (Arabic), else "ltr"; the language in force by default."""
    return "rtl" if (lang or current()) in RIGHT_TO_LEFT else "ltr"


@cache
def translations(lang: str, folder: Path = LOCALES) -> NullTranslations:
    """The language's compiled catalogue (English, or no catalogue yet: the messages themselves)."""
    source = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not source.exists():
        return NullTranslations()
    from babel.messages.mofile import write_mo  # here: the CLI's --help must not load Babel
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with source.open("rb") as po:
        catalogue = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)  # a fuzzy (unchecked) translation is never shown
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(message: str) -> str:
    """The message in the language in force (itself, in English or where no translation exists yet)."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for n, in the language in force (its own plural rules)."""
    return translations(current()).ngettext(singular, plural, n)
