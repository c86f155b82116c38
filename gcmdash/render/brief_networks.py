"""The brief's section on Country UN Networks on Migration and UNCT workshops: the map, its legend and the lists."""

from __future__ import annotations

from dataclasses import dataclass

from gcmdash import formatting
from gcmdash.model import shapes
from gcmdash.model.dataset import Dataset
from gcmdash.render import map_text
from gcmdash.render.brief_lists import CountryList, country_list
from gcmdash.render.brief_map import MARKERS, MapDrawing, Symbol, legend_symbol, map_drawing
from gcmdash.views import metrics
from gcmdash.views.metrics import Figure

#: The headline figure whose published source each marker's list is checked against.
_METRICS = {"network": "country_networks", "workshop": "unct_workshops"}


@dataclass(frozen=True)
class Marked:
    """One kind of country marked on the map: its symbol, legend text, count, heading and list."""

    symbol: Symbol
    label: str
    n: int
    heading: str
    countries: CountryList | None


@dataclass(frozen=True)
class Networks:
    """The map with its legend and caption, and the list of each kind of country it marks."""

    drawing: MapDrawing
    kinds: list[Marked]
    marked: bool
    unnamed: str | None
    disclaimer: str


def _heading(what: str, n: int) -> str:
    if what == "network":
        return formatting.counted(n, "{n} Country UN Network on Migration", "{n} Country UN Networks on Migration")
    return "UN Network workshops for " + formatting.counted(n, "{n} UN Country Team", "{n} UN Country Teams")


def networks(data: Dataset, region: str, figures: dict[str, Figure]) -> Networks:
    """The networks section's content: what the map marks, and the names it could not fit."""
    kinds, marked = [], set()
    for marker in MARKERS:
        rows = metrics.activities_in(data, region, marker.activity)
        marked |= set(rows["country"].astype(str)) & set(shapes.centres())
        n = rows["country"].nunique()
        listed = country_list(rows, figures.get(_METRICS[marker.what]))
        kinds.append(Marked(legend_symbol(marker), marker.label, n, _heading(marker.what, n), listed))
    drawing = map_drawing(data, region)
    unnamed = len(marked) - len(drawing.labels)  # names that found no free place on the map
    return Networks(
        drawing=drawing,
        kinds=kinds,
        marked=bool(marked),
        unnamed=formatting.counted(unnamed, "{n} name was", "{n} names were") if unnamed > 0 else None,
        disclaimer=map_text.DISCLAIMER,
    )
