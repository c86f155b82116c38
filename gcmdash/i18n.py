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


def choose(lang: str) -> str:
    """Make `lang` the language in force for the rest of this run (a Streamlit script run, a CLI command)."""
    _current.set(language_of(lang))
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


@cache
def complete(lang: str, folder: Path = LOCALES) -> bool:
    """True when the language's catalogue translates every entry (none empty, none fuzzy): only then is it offered
    to readers who did not ask for it by name."""
    if lang == DEFAULT:
        return True
    source = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not source.exists():
        return False
    from babel.messages.pofile import read_po

    with source.open("rb") as po:
        catalogue = read_po(po, locale=lang, domain=DOMAIN)
    entries = [m for m in catalogue if m.id]
    return bool(entries) and all(_translated(m) for m in entries)


def _translated(message: object) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
    return not message.fuzzy and all(strings)  # type: ignore[attr-defined]


def offered() -> list[str]:
    """The languages a reader can choose: English and every language whose catalogue is complete."""
    return [lang for lang in LANGUAGES if complete(lang)]


def gettext(message: str) -> str:
    """The message in the language in force (itself, in English or where no translation exists yet)."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for n, in the language in force (its own plural rules)."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """The message in the language in force, where the same English words need telling apart ("Scope" the column,
    "Scope" the filter)."""
    return translations(current()).pgettext(context, message)


#: The usual short name, found by ``pybabel extract``: ``_("Practices by objective")``.
_ = gettext


def N_(message: str) -> str:  # noqa: N802 - the name pybabel and translators know
    """Mark a message for the catalogue where it is defined (a module's constant) and translate it where it is shown
    with ``_(…)``: the constant keeps its English, which is also its key."""
    return message


#: The Babel locale behind each language: its numbers, dates and the names of countries. English is written the
#: United Nations' way, "1 March 2024", which is the British English pattern.
BABEL_LOCALES: dict[str, str] = {"en": "en_GB", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_Hans"}


def babel_locale(lang: str | None = None) -> str:
    """The Babel locale for a language (the one in force by default), e.g. "fr", "en_GB"."""
    return BABEL_LOCALES[language_of(lang or current())]
