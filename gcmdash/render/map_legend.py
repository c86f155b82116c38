"""The map's legend: an entry per switched-on marker layer and choropleth class, as HTML in light or dark colours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from gcmdash.render import templating
from gcmdash.render.map_colours import NO_RECORDS, RGB, class_breaks, class_colours
from gcmdash.render.map_layers import LAYERS


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a symbol, what it means, how many countries it marks, and its colour."""

    symbol: str
    label: str
    count: int
    colour: RGB
    shade: bool = False


_NOUNS = {"practices": ("practice", "practices"), "pledges": ("pledge", "pledges")}


def legend(layers: Iterable[str], choropleth: str | None, facts: pd.DataFrame) -> list[LegendEntry]:
    """The legend: a symbol per switched-on marker layer, then the choropleth's classes; counts are countries."""
    wanted = set(layers)
    entries = [
        LegendEntry(e.symbol, e.label, int(facts[e.column].astype(bool).sum()), e.colour)
        for e in LAYERS
        if e.label in wanted
    ]
    if choropleth:
        one, many = _NOUNS.get(choropleth, (choropleth, choropleth))
        counts = facts[choropleth]
        entries.append(LegendEntry("□", f"No {many}", int((counts == 0).sum()), NO_RECORDS, shade=True))
        breaks = class_breaks(counts)
        for (low, high), colour in zip(breaks, class_colours(len(breaks)), strict=True):
            span = str(low) if low == high else f"{low}–{high}"
            entries.append(
                LegendEntry(
                    "■",
                    f"{span} {one if span == '1' else many}",
                    int(counts.between(low, high).sum()),
                    colour,
                    shade=True,
                )
            )
    return entries


#: The legend's colours per theme: its text in the theme's own colours, each marker symbol on a chip of the map's
#: land colour (so it is seen against what it is seen against on the map), chips and swatches edged so that they
#: stand out from the page in light and dark alike.
LEGEND_COLOURS = {
    False: {"background": "#FFFFFF", "text": "#1B2A3A", "muted": "#4A5B6D", "chip": "#FAFAFA", "edge": "#5A5A5A"},
    True: {"background": "#0D1B2A", "text": "#E6EDF5", "muted": "#B5C3D3", "chip": "#FAFAFA", "edge": "#C8D2DC"},
}
_DIAMOND_EDGE = "#282828"  # the white diamond's outline, as on the map


def legend_html(entries: Iterable[LegendEntry], dark: bool = False) -> str:
    """The legend as small HTML (for st.html) in the theme's colours: symbols as on the map; all text escaped."""
    shown = [
        {
            "symbol": e.symbol,
            "label": e.label,
            "count": e.count,
            "shade": e.shade,
            "hex": "#{:02X}{:02X}{:02X}".format(*e.colour),
            "white": e.colour == (255, 255, 255),
        }
        for e in entries
    ]
    groups = [
        (title, group)
        for title, group in (
            ("Markers", [e for e in shown if not e["shade"]]),
            ("Shading", [e for e in shown if e["shade"]]),
        )
        if group
    ]
    return templating.render("maps/legend.html.j2", groups=groups, c=LEGEND_COLOURS[bool(dark)], diamond=_DIAMOND_EDGE)
