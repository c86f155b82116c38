"""The brief's country lists: which countries a headline figure or a map is made of, whether the list is
published, inferred or illustrative (and why), and the notes its records carry."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

from gcmdash.render.brief_text import country_name
from gcmdash.views.metrics import Figure

#: Provenance of a country list, strongest first.
PUBLISHED, INFERRED, ILLUSTRATIVE = "Published", "Inferred", "Illustrative"


@dataclass(frozen=True)
class Note:
    """A record's note and whom it is about ("All" when it concerns every row)."""

    who: str
    text: str


@dataclass(frozen=True)
class CountryList:
    """A region's country list as the brief shows it: the names (when written out), provenance, why, notes."""

    names: str | None
    status: str
    why: str
    notes: list[Note]


def _brief_words(figure: Figure | None) -> str | None:
    """The region's words in the address of the brief a figure cites ("unece", "african region"), if any."""
    if figure is None or not figure.source:
        return None
    slug = urlsplit(figure.source).path.rstrip("/").rsplit("/", 1)[-1].lower()
    if not slug.startswith("regional-information-brief-"):
        return None
    return slug.removeprefix("regional-information-brief-").replace("-", " ") or None


def list_provenance(rows: pd.DataFrame, figure: Figure | None) -> tuple[str, str]:
    """Whether a region's country list is published, inferred or illustrative, and why.

    A list is published only when its rows cite the region's own brief (the one the figure cites). Rows citing a
    wider list (such as the 28 champion countries named at the Network's Accra event), placed in the region by
    its membership, make the region's list an inference, even when each row is itself published.
    """
    provenance = rows["provenance"].astype(str)
    sources = sorted(set(rows["source"].dropna().astype(str)))
    illustrative = int((provenance == ILLUSTRATIVE).sum())
    if illustrative:
        return ILLUSTRATIVE, f"{illustrative} of the {len(rows)} records are illustrative stand-ins."
    words = _brief_words(figure)
    from_brief = words is not None and all(
        "regional information brief" in s.lower() and words in s.lower() for s in rows["source"].astype(str)
    )
    if (provenance == INFERRED).any() or not from_brief:
        return INFERRED, (
            "Not named in the brief: the region's members among those listed in "
            + "; ".join(f"“{s}”" for s in sources)
            + "."
        )
    return PUBLISHED, "As named in " + "; ".join(sources) + "."


def _notes(rows: pd.DataFrame) -> list[Note]:
    """The rows' notes, each once, with the countries it is about (or "All" when it concerns every row)."""
    notes = []
    noted = rows.dropna(subset=["note"])
    for note, group in noted.groupby(noted["note"].astype(str), sort=False):
        names = sorted({country_name(c) for c in group["country"].astype(str)})
        who = "All" if len(group) == len(rows) and len(rows) > 1 else ", ".join(names)
        notes.append(Note(who, str(note)))
    return notes


def names_of(rows: pd.DataFrame) -> str:
    """The rows' countries by name, each once, in alphabetical order, comma-separated."""
    return ", ".join(sorted({country_name(c) for c in rows["country"].astype(str)}))


def country_list(rows: pd.DataFrame, figure: Figure | None, *, names: bool = True) -> CountryList | None:
    """A region's country list, its provenance and its notes (names and notes only when `names`); None if empty."""
    if rows.empty:
        return None
    status, why = list_provenance(rows, figure)
    if not names:
        return CountryList(None, status, why, [])
    return CountryList(names_of(rows), status, why, _notes(rows))
