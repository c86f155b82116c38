"""The GCM's own vocabulary: its 23 objectives and 10 guiding principles (A/RES/73/195)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: The Hub tags some items with no single objective as "General"; it is kept as this label.
GENERAL = "General"
OBJECTIVE_NUMBERS = range(1, 24)
REFERENCE_VERSION = "2026.11.1"


@dataclass(frozen=True)
class Objective:
    """One of the 23 GCM objectives."""

    number: int
    short_label: str
    title: str

    @property
    def label(self) -> str:
        """Number and short label, as shown on chart axes."""
        return f"{self.number}. {self.short_label}"


def _read_reference(name: str) -> list[dict[str, str]]:
    with resources.files("gcmdash.model").joinpath("reference", name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def objectives() -> tuple[Objective, ...]:
    """The 23 objectives in order."""
    return tuple(Objective(int(r["number"]), r["short_label"], r["title"]) for r in _read_reference("objectives.csv"))


def objective(number: int) -> Objective:
    """The objective with this number (1–23)."""
    return objectives()[number - 1]


@cache
def principles() -> tuple[str, ...]:
    """The 10 guiding principles in the Compact's order."""
    return tuple(r["label"] for r in _read_reference("principles.csv"))


#: The UN's six official languages, English first: the languages the GCM vocabulary is kept in.
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


@dataclass(frozen=True)
class Label:
    """A word of the GCM vocabulary in one language: its text, whether an official source gives it, and which."""

    text: str
    lang: str
    official: bool
    source: str


def _checked_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


@cache
def _labels(name: str, field: str) -> dict[tuple[int, str], tuple[str, str]]:
    """(number, language) -> (text, source) for every label of one reference file that has this field filled."""
    found: dict[tuple[int, str], tuple[str, str]] = {}
    for row in _read_reference(name):
        key = (int(row["number"]), _checked_language(row["lang"]))
        if key in found or not row["source"].strip():
            raise ValueError(f"{name}: {key} is repeated or has no source")
        if row[field].strip():
            found[key] = (row[field].strip(), row["source"].strip())
    return found


def _label(name: str, field: str, number: int, lang: str, english: Label) -> Label:
    if _checked_language(lang) == "en":
        return english
    found = _labels(name, field).get((number, lang))
    if found is None:
        # Not read in an official source: English stands in, and the Label says it is not the official wording.
        return Label(english.text, "en", False, f"no official wording in {lang} in the reference data")
    return Label(found[0], lang, True, found[1])


def objective_label(number: int, lang: str) -> Label:
    """An objective's short label in a language, as the UN Network's Hub publishes it; English (unofficial) else."""
    english = Label(objective(number).short_label, "en", True, "UN Network on Migration Hub")
    return _label("objective-labels.csv", "short_label", number, lang, english)


def objective_title(number: int, lang: str) -> Label:
    """An objective's official title in a language; English (unofficial) where it was not read in a source."""
    english = Label(objective(number).title, "en", True, "A/RES/73/195, para. 16")
    return _label("objective-labels.csv", "title", number, lang, english)


def principle_label(number: int, lang: str) -> Label:
    """A guiding principle (1–10) in a language, as the Hub publishes it; English (unofficial) else."""
    english = Label(principles()[number - 1], "en", True, "A/RES/73/195, para. 15")
    return _label("principle-labels.csv", "label", number, lang, english)
