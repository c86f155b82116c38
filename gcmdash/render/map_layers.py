"""The map's layers: the switchable marker layers, and the pydeck layers drawing shapes, markers and names.

Each marker layer has its own symbol and its own corner around the country's centre; names are placed beside
their markers without overlaps (``maplabels``). Layers are stacked by depth and blending, not by drawing order:
see ``deck_layers``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from gcmdash.model import shapes
from gcmdash.render import maplabels, projection
from gcmdash.render.map_colours import CONTEXT_FILL, CONTEXT_LINE, RGB, SHOWN_LINE
from gcmdash.render.map_facts import display_name
from gcmdash.render.map_view import PAGE, Size


@dataclass(frozen=True)
class Layer:
    """A switchable marker layer: the facts column it marks, and how (symbol, colour, place beside the centre)."""

    label: str
    column: str
    symbol: str
    colour: RGB
    offset: tuple[int, int]
    size: int = 17
    halo: RGB = (255, 255, 255)


#: The marker layers, in legend order. Each has its own symbol AND its own corner around the country's centre,
#: so none relies on colour alone and markers of one country never cover each other. Sizes even out the
#: glyphs' own proportions (a star is drawn smaller than a disc); colours are warm or neutral to stand out
#: from the blue-green shading, and the white diamond gets a dark outline instead of a white one.
LAYERS: tuple[Layer, ...] = (
    Layer("Country UN Networks", "network", "●", (0, 0, 0), (-9, -9), 16),
    Layer("UNCT workshops", "workshops", "▲", (213, 94, 0), (9, -9), 17),
    Layer("Champion countries", "champion", "★", (170, 51, 119), (-9, 9), 22),
    Layer("Voluntary GCM reports", "reports", "◆", (255, 255, 255), (9, 9), 18, (40, 40, 40)),
)
#: Choropleth choices as the page offers them -> the facts column they shade by (None: no shading).
SHADES: dict[str, str | None] = {"Practices": "practices", "Pledges": "pledges", "None": None}

#: The marker layers whose countries are named on the map (the brief's: Country Networks, workshops, champions).
NAMED_COLUMNS = ("network", "workshops", "champion")


def named(facts: pd.DataFrame, layers: Iterable[str]) -> list[str]:
    """The countries named on the map (marked by a switched-on Network, workshop or champion layer), by name."""
    columns = [e.column for e in LAYERS if e.label in set(layers) and e.column in NAMED_COLUMNS]
    codes = facts.index[facts[columns].astype(bool).any(axis=1)] if columns else []
    return sorted(codes, key=display_name)


def _marker_boxes(fit: projection.Fit, facts: pd.DataFrame, wanted: list[Layer], size: Size) -> dict[str, list]:
    """Each marked country's marker boxes in pixels of the first view (what names must not cover)."""
    where = projection.projected_centres(fit.projection)
    boxes: dict[str, list] = {}
    for entry in wanted:
        half = entry.size * size.marker_scale / 2
        for code in facts.index[facts[entry.column].astype(bool)]:
            if code in where:
                x, y = fit.pixel(where[code])
                x, y = x + entry.offset[0] * size.marker_scale, y + entry.offset[1] * size.marker_scale
                boxes.setdefault(code, []).append((x - half, y - half, x + half, y + half))
    return boxes


def labels(
    facts: pd.DataFrame, layers: Iterable[str], fit: projection.Fit, size: Size = PAGE
) -> tuple[list[maplabels.Label], list[str]]:
    """Names of the countries marked by a switched-on Network, workshop or champion layer, placed without overlaps."""
    wanted = [entry for entry in LAYERS if entry.label in set(layers)]
    boxes = _marker_boxes(fit, facts, wanted, size)
    named = {entry.column for entry in wanted} & set(NAMED_COLUMNS)
    items = [
        maplabels.Item(code, str(facts.loc[code, "name"]), tuple(boxes[code]))
        for code in facts.index
        if code in boxes and any(bool(facts.loc[code, column]) for column in named)
    ]
    return maplabels.place(
        items,
        fit.width,
        fit.height,
        size.font,
        obstacles=[b for code, own in boxes.items() for b in own if code not in {item.code for item in items}],
    )


def _features(fit: projection.Fit, codes: Collection[str], properties: Mapping[str, dict]) -> dict:
    """The shapes of these countries in the fit's world units, with only the given properties (a small payload)."""
    shown = projection.projected_shapes(fit.projection)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "MultiPolygon", "coordinates": shown[code]},
                "properties": properties.get(code, {}),
            }
            for code in sorted(codes)
            if code in shown
        ],
    }


_FONT = "'DejaVu Sans, Segoe UI, Arial, sans-serif'"
# Symbols are outside deck.gl's default ASCII atlas: 'auto' builds the atlas from the data, drawn locally from the
# browser's own fonts, so no font is fetched. The SDF halo keeps glyphs and names legible on any fill.
_TEXT = {
    "character_set": "'auto'",
    "font_settings": {"sdf": True, "fontSize": 64, "buffer": 10, "radius": 14},
    "size_units": "'pixels'",
    "get_alignment_baseline": "'center'",
}


def _marker_layer(
    entry: Layer, facts: pd.DataFrame, tips: Mapping[str, str], where: Mapping[str, tuple], size: Size
) -> pdk.Layer:
    marked = [c for c in facts.index[facts[entry.column].astype(bool)] if c in where]
    rows = [{"iso3": c, "position": list(where[c]), "glyph": entry.symbol, "tip": tips[c]} for c in marked]
    return pdk.Layer(
        "TextLayer",
        rows,
        id=f"marker-{entry.column}",
        pickable=True,
        get_position="position",
        get_text="glyph",
        get_size=round(entry.size * size.marker_scale),
        get_color=[*entry.colour, 255],
        get_pixel_offset=[round(v * size.marker_scale) for v in entry.offset],
        font_family=_FONT,
        outline_width=5,
        outline_color=[*entry.halo, 255],
        get_text_anchor="'middle'",
        **_TEXT,
    )


def _label_layers(
    facts: pd.DataFrame, layers: Iterable[str], fit: projection.Fit, tips: Mapping[str, str], size: Size
) -> list[pdk.Layer]:
    """The names: beside their markers (kept beside them at any zoom), or further out with a leader line."""
    where = projection.projected_centres(fit.projection)
    placed, _ = labels(facts, layers, fit, size)
    rows, leaders = [], []
    for label in placed:
        anchor_world = where[label.code]
        anchor_px = fit.pixel(anchor_world)
        row = {"iso3": label.code, "text": "\n".join(label.lines), "anchor": label.anchor, "tip": tips[label.code]}
        if label.leader:
            # Away from its markers: placed in world units, with a leader, so that both move together when zooming.
            row |= {"position": list(fit.world((label.x, label.y))), "offset": [0, 0]}
            leaders.append({"from": list(fit.world(label.spot)), "to": list(fit.world(label.leader_end))})
        else:
            row |= {
                "position": list(anchor_world),
                "offset": [round(label.x - anchor_px[0], 1), round(label.y - anchor_px[1], 1)],
            }
        rows.append(row)
    # The names first, their leaders after them (non-pickable: see deck()) but behind them.
    return [
        pdk.Layer(
            "TextLayer",
            rows,
            id="labels",
            pickable=True,
            get_position="position",
            get_text="text",
            get_size=size.font,
            get_color=[27, 42, 58, 255],
            get_pixel_offset="offset",
            get_text_anchor="anchor",
            font_family=_FONT,
            font_weight=600,
            line_height=maplabels.LINE_HEIGHT,
            outline_width=4,
            outline_color=[255, 255, 255, 255],
            **_TEXT,
        ),
        pdk.Layer(
            "LineLayer",
            leaders,
            id="leaders",
            pickable=False,
            get_source_position="from",
            get_target_position="to",
            get_color=[*SHOWN_LINE, 255],
            get_width=1,
            width_units="'pixels'",
            model_matrix=_behind(fit, BORDERS_DEPTH),
        ),
    ]


def _behind(fit: projection.Fit, steps: int) -> list[float]:
    """A model matrix moving a layer `steps` pixels (at the fitted zoom) away from the viewer, behind the others."""
    # Depth, not drawing order, stacks the layers: every non-pickable layer must be drawn after the pickable ones
    # (deck.gl 9.4 loses the first pick of a pickable layer drawn after a non-pickable one) yet lie under them.
    depth = -round(steps * 2**-fit.zoom, 6)
    return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, depth, 1]


#: How far behind the names and markers (at depth 0) each layer of lines and fills lies, in pixels at the fitted zoom.
BORDERS_DEPTH, FILLS_DEPTH = 1, 2
#: The context is composited *under* what is drawn (Porter-Duff "destination over", the framebuffer holding
#: premultiplied colour): drawn last, it fills only what is still transparent, and the soft edges of the names'
#: halos blend into it. Depth would instead leave those edges see-through (a dark fringe in the dark theme).
UNDER = {
    "depthCompare": "always",
    "depthWriteEnabled": False,
    "blend": True,
    "blendColorOperation": "add",
    "blendColorSrcFactor": "one-minus-dst-alpha",
    "blendColorDstFactor": "one",
    "blendAlphaOperation": "add",
    "blendAlphaSrcFactor": "one-minus-dst-alpha",
    "blendAlphaDstFactor": "one",
}


def deck_layers(
    facts: pd.DataFrame,
    layers: Iterable[str],
    fills: Mapping[str, RGB],
    fit: projection.Fit,
    tips: Mapping[str, str],
    size: Size = PAGE,
) -> list[pdk.Layer]:
    """Every pydeck layer of the map, in drawing order: fills, markers and names per switched-on layer, lines last."""
    layers = list(layers)
    shown = set(facts.index)
    where = projection.projected_centres(fit.projection)
    properties = {code: {"iso3": code, "tip": tips[code], "fill": list(fills[code])} for code in shown}
    context = pdk.Layer(
        "GeoJsonLayer",
        _features(fit, shapes.shape_codes() - shown, {}),
        id="context",
        pickable=False,
        stroked=True,
        filled=True,
        get_fill_color=list(CONTEXT_FILL),
        get_line_color=list(CONTEXT_LINE),
        line_width_min_pixels=0.5,
        line_width_units="'pixels'",
        get_line_width=0.5,
        parameters=UNDER,
    )
    # Only the fills are picked; the borders are a layer of their own. deck.gl picks synchronously at pointerdown,
    # and picking the borders too took ~110 ms in Chromium without a GPU (fills only: ~20 ms): under load the
    # release came after the 250 ms a press may last to count as a click, and the click was lost.
    countries_layer = pdk.Layer(
        "GeoJsonLayer",
        _features(fit, shown, properties),
        id="countries",
        pickable=True,
        auto_highlight=True,
        highlight_color=[0, 158, 219, 110],
        stroked=False,
        filled=True,
        get_fill_color="properties.fill",
        model_matrix=_behind(fit, FILLS_DEPTH),
    )
    borders = pdk.Layer(
        "GeoJsonLayer",
        _features(fit, shown, {}),
        id="borders",
        pickable=False,
        stroked=True,
        filled=False,
        get_line_color=list(SHOWN_LINE),
        line_width_min_pixels=0.8,
        line_width_units="'pixels'",
        get_line_width=0.8,
        model_matrix=_behind(fit, BORDERS_DEPTH),
    )
    markers = [_marker_layer(entry, facts, tips, where, size) for entry in LAYERS if entry.label in set(layers)]
    # The non-pickable layers are drawn last but lie behind (_behind, UNDER): deck.gl 9.4 loses the first pick
    # of any pickable layer drawn after one (instant clicks opened 0 profiles in 10; drawn last, 20 in 20).
    return [countries_layer, *markers, *_label_layers(facts, layers, fit, tips, size), borders, context]
