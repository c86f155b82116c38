"""The map: facts per country, the switchable layers, and the offline pydeck Deck and legend that show them (pure).

The map draws no basemap and makes no outside request: the country shapes are bundled
(``gcmdash.model.shapes``), ``map_provider`` is None, and ``map_style`` is left at pydeck's placeholder,
which Streamlit drops (``map_style=None`` would make Streamlit fetch a Carto style instead).

Tooltips are plain text (``{"text": ...}``), which deck.gl shows through ``innerText``: a country
name or note such as ``<img src=x onerror=...>`` is shown as those characters in every renderer.
HTML tooltips were not used because Streamlit 1.67 already escapes the values it puts into one, so
escaping them here too would print "Côte d&#x27;Ivoire"; and pydeck outside Streamlit does not.

Choropleth classes: countries with no records form their own class (white). The others are split
at whole-number breaks into at most five classes holding about equal numbers of countries (the
nearest-rank quantiles of the non-zero counts; equal breaks merge, so small counts give fewer
classes). Classes are coloured with steps of ColorBrewer's YlGnBu, a sequential ramp that
ColorBrewer rates safe for colour-blind readers and that stays ordered in greyscale: light for few
records, dark for many. (Viridis was tried first: its saturated yellow-green drowned the markers.)
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import jinja2
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from gcmdash.model import countries, filters, memo, regions, shapes
from gcmdash.model.dataset import Dataset, rows_of
from gcmdash.model.filters import Filters
from gcmdash.render import maplabels, projection

RGB = tuple[int, int, int]


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

#: ColorBrewer YlGnBu (7 classes) without its palest step, which would read as "none": light to dark.
RAMP: tuple[RGB, ...] = ((199, 233, 180), (127, 205, 187), (65, 182, 196), (29, 145, 192), (34, 94, 168), (12, 44, 132))
MAX_CLASSES = 5
NO_RECORDS: RGB = (255, 255, 255)
CONTEXT_FILL: RGB = (236, 236, 236)
CONTEXT_LINE: RGB = (205, 205, 205)
SHOWN_FILL: RGB = (250, 250, 250)
SHOWN_LINE: RGB = (90, 90, 90)
HEIGHT = 560
#: The map's width its first view is fitted to: about the page's narrowest (a 1280 px screen with the sidebar); a
#: wider page only adds margin around the fitted countries.
FIT_WIDTH = 760
#: The map is panned and zoomed by dragging, the wheel and the keyboard, never by double-click (see ``deck``).
CONTROLLER = {"doubleClickZoom": False, "scrollZoom": True, "dragPan": True, "keyboard": True, "inertia": False}
#: The marker layers whose countries are named on the map (the brief's: Country Networks, workshops, champions).
NAMED_COLUMNS = ("network", "workshops", "champion")
#: The columns whose marked countries a region's first view frames (every marker layer, switched on or not: the view
#: stays put while layers are switched), and how far from their centre (degrees of arc) a country still counts.
FRAME_COLUMNS = ("network", "workshops", "champion", "reports")
CORE_ARC = 55.0
LINE_HEIGHT = maplabels.LINE_HEIGHT
#: Under every map, as the Regional Information Briefs print it under theirs.
DISCLAIMER = (
    "This map is for illustration purposes only. The boundaries and names shown and the designations used "
    "on this map do not imply official endorsement or acceptance by the United Nations Network on "
    "Migration."
)
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
#: A point inside each country for its markers (``shapes.centres``; here too for the brief and the tests).
centres = shapes.centres
FACT_COLUMNS = ("name", "regions", "network", "tor", "workshops", "champion", "reports", "practices", "pledges")


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a symbol, what it means, how many countries it marks, and its colour."""

    symbol: str
    label: str
    count: int
    colour: RGB
    shade: bool = False


# --- Facts per country -----------------------------------------------------------------------------------------


def _name(iso3: str) -> str:
    return countries.country_name(iso3) if countries.is_known(iso3) else iso3


def _per_country(long: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """Records per country; a record listing several countries counts once in each."""
    rows = rows_of(long, records).drop_duplicates(["key", "iso3"])
    counts = rows["iso3"].value_counts()
    counts = counts[counts > 0]
    counts.index = counts.index.astype(str)
    return counts


def _web_link(value: object) -> str | None:
    # The schema checks links already; this keeps anything but http(s) out of a clickable cell regardless.
    text = str(value).strip() if isinstance(value, str) else ""
    return text if text.lower().startswith(("https://", "http://")) else None


@memo.per_version
def country_facts(data: Dataset, f: Filters) -> pd.DataFrame:
    """One row per country in the filters' scope (every country with a record when unrestricted), indexed by ISO3."""
    acts = filters.activities(data, f)
    acts = acts.assign(country=acts["country"].astype(str))
    practices = _per_country(data["practice_countries"], filters.practices(data, f))
    pledges = _per_country(data["pledge_countries"], filters.pledges(data, f))
    scope = filters.country_scope(f)
    codes = scope if scope is not None else set(acts["country"]) | set(practices.index) | set(pledges.index)

    def of(activity: str) -> pd.DataFrame:
        return acts[acts["activity"] == activity]

    networks = of("Country Network")
    links = networks.assign(link=networks["link"].map(_web_link)).dropna(subset=["link"])
    tor = links.groupby("country")["link"].first()
    index = pd.Index(sorted(codes, key=_name), name="iso3", dtype=object)
    frame = pd.DataFrame(index=index)
    frame["name"] = [_name(c) for c in index]
    frame["regions"] = [", ".join(regions.regions_of(c)) for c in index]
    frame["network"] = index.isin(networks["country"])
    frame["tor"] = pd.Series(tor, dtype=object).reindex(index)
    frame["workshops"] = of("UNCT workshop")["country"].value_counts().reindex(index, fill_value=0).astype(int)
    frame["champion"] = index.isin(of("Champion country")["country"])
    frame["reports"] = of("Voluntary GCM report")["country"].value_counts().reindex(index, fill_value=0).astype(int)
    frame["practices"] = practices.reindex(index, fill_value=0).astype(int)
    frame["pledges"] = pledges.reindex(index, fill_value=0).astype(int)
    return frame[list(FACT_COLUMNS)]


def table(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts as people read them: country names, not codes, and plain column titles."""
    return facts.reset_index(drop=True).rename(
        columns={
            "name": "Country",
            "regions": "Regions",
            "network": "Country UN Network",
            "tor": "Terms of Reference",
            "workshops": "UNCT workshops",
            "champion": "Champion country",
            "reports": "Voluntary GCM reports",
            "practices": "Practices",
            "pledges": "Pledges",
        }
    )


# --- Choropleth classes ------------------------------------------------------------------------------------------


def class_breaks(counts: Iterable[int]) -> list[tuple[int, int]]:
    """Whole-number classes (low, high) of the non-zero counts: at most five, about equally filled."""
    values = sorted(int(c) for c in counts if c > 0)
    if not values:
        return []
    k = min(MAX_CLASSES, len(set(values)))
    uppers = sorted({values[math.ceil(i / k * len(values)) - 1] for i in range(1, k + 1)})
    return [(previous + 1, upper) for previous, upper in zip([0, *uppers], uppers, strict=False)]


def class_colours(n: int) -> list[RGB]:
    """Colours for n classes, spread over the whole ramp so that two classes still look clearly apart."""
    if n <= 1:
        return list(RAMP[len(RAMP) // 2 : len(RAMP) // 2 + n])
    return [RAMP[round(i * (len(RAMP) - 1) / (n - 1))] for i in range(n)]


def _fill(count: int, breaks: list[tuple[int, int]], colours: list[RGB]) -> RGB:
    for (low, high), colour in zip(breaks, colours, strict=True):
        if low <= count <= high:
            return colour
    return NO_RECORDS


# --- The deck --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """A map's size in pixels for fitting its first view, its names' type size and how much its markers grow."""

    width: int = FIT_WIDTH
    height: int = HEIGHT
    font: int = 12
    marker_scale: float = 1.0


PAGE = Size()


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def tooltip_text(row: pd.Series) -> str:
    """The tooltip of one country: its name, regions and facts, as plain text (never HTML)."""
    lines = [str(row["name"]) + (f" ({row['regions']})" if row["regions"] else "")]
    if row["network"]:
        lines.append(
            "● Country UN Network on Migration"
            + (" · Terms of Reference in the table" if isinstance(row["tor"], str) else "")
        )
    if row["workshops"]:
        lines.append("▲ " + _count(int(row["workshops"]), "UNCT workshop", "UNCT workshops"))
    if row["champion"]:
        lines.append("★ GCM champion country")
    if row["reports"]:
        lines.append("◆ " + _count(int(row["reports"]), "voluntary GCM report", "voluntary GCM reports"))
    lines.append(
        f"{_count(int(row['practices']), 'practice', 'practices')} · {_count(int(row['pledges']), 'pledge', 'pledges')}"
    )
    lines.append("Select to open the country profile")
    return "\n".join(lines)


def narrowed(f: Filters) -> bool:
    """Whether the filters narrow the countries (a subregion or chosen countries): the map then frames just those."""
    return bool(f.countries) or (f.region is not None and f.subregion in regions.subregions(f.region))


def named(facts: pd.DataFrame, layers: Iterable[str]) -> list[str]:
    """The countries named on the map (marked by a switched-on Network, workshop or champion layer), by name."""
    columns = [e.column for e in LAYERS if e.label in set(layers) and e.column in NAMED_COLUMNS]
    codes = facts.index[facts[columns].astype(bool).any(axis=1)] if columns else []
    return sorted(codes, key=_name)


def framed(
    facts: pd.DataFrame, region: str | None, narrowed: bool = False, columns: Collection[str] = FRAME_COLUMNS
) -> frozenset[str] | None:
    """The countries the first view is fitted to (None: the whole world).

    A subregion or chosen countries (narrowed): all of them. A region: its countries marked in these columns, less
    the few far from the rest (UNECE's Canada and United States, which would shrink Europe and Central Asia to a
    corner; the caption names them), else all its countries. No region: the world.
    """
    if narrowed and not facts.empty:
        return frozenset(c for c in facts.index if c in shapes.centres()) or None
    if region is None:
        return None
    marked = [c for c in facts.index[facts[list(columns)].astype(bool).any(axis=1)] if c in shapes.centres()]
    codes = _core(marked) or [
        c for c in (facts.index if not facts.empty else regions.coverage(region)) if c in shapes.centres()
    ]
    return frozenset(codes) or None


def _core(codes: list[str]) -> list[str]:
    """The countries within CORE_ARC of their centre, the centre taken again without the far ones until it holds."""
    core = list(codes)
    while core:
        lon0, lat0 = projection.centre_of(shapes.centres()[c] for c in core)
        near = [c for c in codes if projection.arc(lon0, lat0, *shapes.centres()[c]) <= CORE_ARC]
        if set(near) == set(core) or not near:
            return near
        core = near
    return core


def fit_for(codes: Collection[str] | None, size: Size = PAGE) -> projection.Fit:
    """The projection and first view of a map framing these countries (None: the world) at this size."""
    return projection.fit(projection.for_countries(codes), codes or shapes.shape_codes(), size.width, size.height)


def offset_from_middle(facts: pd.DataFrame, region: str | None, code: str, size: Size = PAGE) -> tuple[float, float]:
    """Where a country's marker point lies on the region's map as first shown: pixels right and down of its middle."""
    fit = fit_for(framed(facts, region), size)
    x, y = fit.pixel(projection.projected_centres(fit.projection)[code])
    return x - fit.width / 2, y - fit.height / 2


def outside(fit: projection.Fit, codes: Iterable[str]) -> list[str]:
    """Which of these countries' markers lie outside the first view (the caption names them)."""
    where = projection.projected_centres(fit.projection)
    out = []
    for code in codes:
        if code not in where:
            out.append(code)
            continue
        x, y = fit.pixel(where[code])
        if not (0 <= x <= fit.width and 0 <= y <= fit.height):
            out.append(code)
    return out


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
            line_height=LINE_HEIGHT,
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

    Drawn in an equal-area projection fitted to ``framed(facts, region, narrowed, columns)``, shown in an
    OrthographicView.
    """
    layers = list(layers)
    tips = {code: tooltip_text(row) for code, row in facts.iterrows()}
    shown = set(facts.index)
    if choropleth:
        breaks = class_breaks(facts[choropleth])
        colours = class_colours(len(breaks))
        fills = {code: _fill(int(n), breaks, colours) for code, n in facts[choropleth].items()}
    else:
        fills = dict.fromkeys(shown, SHOWN_FILL)
    fit = fit_for(framed(facts, region, narrowed, columns), size)
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
    view = pdk.ViewState(
        target=[*fit.centre, 0],
        zoom=round(fit.zoom, 3),
        min_zoom=round(fit.zoom - 2, 3),
        max_zoom=round(fit.zoom + 5, 3),
    )
    return CompactDeck(
        # The non-pickable layers are drawn last but lie behind (_behind, UNDER): deck.gl 9.4 loses the first pick
        # of any pickable layer drawn after one (instant clicks opened 0 profiles in 10; drawn last, 20 in 20).
        layers=[countries_layer, *markers, *_label_layers(facts, layers, fit, tips, size), borders, context],
        # No double-click zoom: with it, deck.gl holds every click back to see whether a second one follows, and a
        # press of ordinary length was lost (the profile opened for 2 clicks in 5).
        views=[pdk.View(type="OrthographicView", controller=CONTROLLER, flip_y=True)],
        initial_view_state=view,
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


# --- Legend ------------------------------------------------------------------------------------------------------

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

_LEGEND = jinja2.Environment(autoescape=True).from_string(
    '<div class="gcm-map-legend" style="line-height:1.9;font-size:0.9rem;color:{{ c.text }}">'
    "{% for title, group in groups %}<div>"
    '<span style="color:{{ c.muted }};margin-right:0.6em">{{ title }}:</span>'
    "{% for e in group %}"
    '<span style="white-space:nowrap;margin-right:1.2em">'
    "{% if e.shade %}"
    '<span aria-hidden="true" style="display:inline-block;width:0.95em;height:0.95em;vertical-align:-0.12em;'
    'background:{{ e.hex }};border:1px solid {{ c.edge }}"></span>'
    "{% else %}"
    '<span aria-hidden="true" style="display:inline-block;min-width:1.45em;line-height:1.35em;text-align:center;'
    "background:{{ c.chip }};border:1px solid {{ c.edge }};border-radius:3px;color:{{ e.hex }};"
    '{% if e.white %}-webkit-text-stroke:1.2px {{ diamond }};{% endif %}font-size:1.1em">{{ e.symbol }}</span>'
    "{% endif %}"
    ' {{ e.label }} <span style="color:{{ c.muted }}">({{ e.count }})</span></span> '
    "{% endfor %}</div>{% endfor %}"
    '{% if groups %}<div style="color:{{ c.muted }};font-size:0.8rem">In brackets: number of countries.</div>'
    "{% endif %}</div>"
)


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
    return _LEGEND.render(groups=groups, c=LEGEND_COLOURS[bool(dark)], diamond=_DIAMOND_EDGE)


def alt_text(facts: pd.DataFrame, layers: Iterable[str], choropleth: str | None) -> str:
    """A text alternative of the map for screen readers: what is shaded, how many countries each marker marks."""
    parts = [
        f"Map of {_count(len(facts), 'country', 'countries')}"
        + (f", shaded by their number of {choropleth}" if choropleth else "")
    ]
    parts += [f"{e.label}: {e.count}" for e in legend(layers, None, facts)]
    return "; ".join(parts) + ". The table below the map lists every country."


def describe(layers: Iterable[str], choropleth: str | None) -> str:
    """One sentence saying what the map shows, for the caption under the title."""
    wanted = [e.label for e in LAYERS if e.label in set(layers)]
    parts = []
    if choropleth:
        parts.append(
            f"countries shaded by their number of {choropleth} (one implemented or pledged in several "
            "countries counts in each)"
        )
    if wanted:
        parts.append("markers for " + ", ".join(wanted))
    if not parts:
        return "The countries of the selection, outlined. Switch on a layer to see more."
    return (
        "Shown: "
        + "; ".join(parts)
        + ". Select a country, or choose it in the list under the map, to open its profile."
    )


def view_note(
    facts: pd.DataFrame,
    region: str | None,
    narrowed: bool = False,
    layers: Iterable[str] = (),
    columns: Collection[str] = FRAME_COLUMNS,
    size: Size = PAGE,
) -> str:
    """What the first view is fitted to, and which marked countries lie outside it (to find by zooming out)."""
    codes = framed(facts, region, narrowed, columns)
    if codes is None:
        return "An equal-area map of the world; drag to move, scroll to zoom."
    marks = [e.label for e in LAYERS if e.column in columns]
    what = (
        "the countries of the selection"
        if narrowed or codes == frozenset(facts.index) & shapes.centres().keys()
        else "the countries with markers (" + ", ".join(marks) + ")"
    )
    wanted = [e.column for e in LAYERS if e.label in set(layers)]
    marked = facts.index[facts[wanted].astype(bool).any(axis=1)] if wanted else []
    away = sorted(_name(c) for c in outside(fit_for(codes, size), marked))
    more = f" Outside the first view: {', '.join(away)}." if away else ""
    return f"An equal-area map fitted to {what}; drag to move, scroll to zoom.{more}"
