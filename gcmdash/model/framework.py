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
