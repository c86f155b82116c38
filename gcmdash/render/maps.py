"""The map: the offline pydeck Deck showing the facts per country, and the country picked on it (pure).

The map draws no basemap and makes no outside request: the country shapes are bundled
(``gcmdash.model.shapes``), ``map_provider`` is None, and ``map_style`` is left at pydeck's placeholder,
which Streamlit drops (``map_style=None`` would make Streamlit fetch a Carto style instead).

Tooltips are plain text (``{"text": ...}``), which deck.gl shows through ``innerText``: a country
name or note such as ``<img src=x onerror=...>`` is shown as those characters in every renderer.
HTML tooltips were not used because Streamlit 1.67 already escapes the values it puts into one, so
escaping them here too would print "Côte d&#x27;Ivoire"; and pydeck outside Streamlit does not.

What the map is made of lives beside it: ``map_facts`` (a row per country), ``map_colours`` (the choropleth),
``map_view`` (size and first view), ``map_layers`` (markers, names, shapes), ``map_legend`` and ``map_text``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from gcmdash.render import map_colours, map_layers, map_text, map_view
from gcmdash.render.map_view import FRAME_COLUMNS, PAGE, Size

_TOOLTIP_STYLE = {
    "backgroundColor": "white",
    "color": "#1f2933",
    "fontSize": "13px",
    "lineHeight": "1.45",
    "border": "1px solid #c8c8c8",
    "borderRadius": "4px",
    "padding": "6px 9px",
    "maxWidth": "340px",
}


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON has no indentation: pydeck indents by two spaces, which makes the shapes 6× larger."""

    def to_json(self) -> str:
        """The Deck's JSON without whitespace (Streamlit sends exactly this to the browser)."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def deck(
    facts: pd.DataFrame,
    layers: Iterable[str],
    choropleth: str | None,
    region: str | None,
    *,
    narrowed: bool = False,
    columns: Collection[str] = FRAME_COLUMNS,
    size: Size = PAGE,
) -> pdk.Deck:
    """The map of these facts: countries shaded by records, markers and names per switched-on layer, no basemap.

    Drawn in an equal-area projection fitted to ``map_view.framed(facts, region, narrowed, columns)``, shown in an
    OrthographicView.
    """
    tips = {code: map_text.tooltip_text(row) for code, row in facts.iterrows()}
    fills = map_colours.fills(facts, choropleth)
    fit = map_view.fit_for(map_view.framed(facts, region, narrowed, columns), size)
    return CompactDeck(
        layers=map_layers.deck_layers(facts, layers, fills, fit, tips, size),
        views=[map_view.view()],
        initial_view_state=map_view.initial_state(fit),
        map_provider=None,
        tooltip={"text": "{tip}", "style": _TOOLTIP_STYLE},
        height=size.height,
    )


def selected_country(selection: Mapping, facts: pd.DataFrame) -> str | None:
    """The ISO3 code of the country picked on the map (a shape or a marker), if it is one of the facts' countries."""
    # The selection comes from the browser: anything not shaped as expected is ignored, never trusted.
    objects = selection.get("objects") if isinstance(selection, Mapping) else None
    for picked in objects.values() if isinstance(objects, Mapping) else ():
        for obj in picked if isinstance(picked, list) else ():
            if not isinstance(obj, Mapping):
                continue
            properties = obj.get("properties")
            code = obj.get("iso3") or (properties.get("iso3") if isinstance(properties, Mapping) else None)
            if isinstance(code, str) and code in facts.index:
                return code
    return None
