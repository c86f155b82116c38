"""The map: facts per country, the switchable layers, and the offline pydeck Deck and legend that show them (pure).

The map draws no basemap and makes no outside request: the country shapes are bundled
(``gcmdash.shapes``), ``map_provider`` is None, and ``map_style`` is left at pydeck's placeholder,
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

import html
import json
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from gcmdash import countries, filters, memo, regions, shapes
from gcmdash.dataset import Dataset, rows_of
from gcmdash.filters import Filters

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
    Layer("Voluntary GCM reports", "reports", "◆", (255, 255, 255), (9, 9), 18,
          (40, 40, 40)),
)
#: Choropleth choices as the page offers them -> the facts column they shade by (None: no shading).
SHADES: dict[str, str | None] = {"Practices": "practices", "Pledges": "pledges", "None": None}

#: ColorBrewer YlGnBu (7 classes) without its palest step, which would read as "none": light to dark.
RAMP: tuple[RGB, ...] = ((199, 233, 180), (127, 205, 187), (65, 182, 196), (29, 145, 192), (34, 94, 168),
                         (12, 44, 132))
MAX_CLASSES = 5
NO_RECORDS: RGB = (255, 255, 255)
CONTEXT_FILL: RGB = (236, 236, 236)
CONTEXT_LINE: RGB = (205, 205, 205)
SHOWN_FILL: RGB = (250, 250, 250)
SHOWN_LINE: RGB = (90, 90, 90)
HEIGHT = 560
#: The map's width the initial zoom is fitted to; the page is usually wider, which only adds margin.
FIT_WIDTH = 900
#: Mercator stretches the poles without limit: fit views to these latitudes at most.
FIT_LATITUDES = (-58.0, 78.0)
MAX_FIT_ZOOM = 5.5
# A region wider than this in longitude (ECE: Alaska to Chukotka) is fitted to its countries' centres instead.
_WIDE = 200.0
_TILE = 512  # deck.gl's Web Mercator world is 512 px wide at zoom 0
_TOOLTIP_STYLE = {"backgroundColor": "white", "color": "#1f2933", "fontSize": "13px", "lineHeight": "1.45",
                  "border": "1px solid #c8c8c8", "borderRadius": "4px", "padding": "6px 9px", "maxWidth": "340px"}
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
    return facts.reset_index(drop=True).rename(columns={
        "name": "Country", "regions": "Regions", "network": "Country UN Network", "tor": "Terms of Reference",
        "workshops": "UNCT workshops", "champion": "Champion country", "reports": "Voluntary GCM reports",
        "practices": "Practices", "pledges": "Pledges"})


# --- Geometry: centres and the initial view ----------------------------------------------------------------------


def _ring_area_centre(ring: list) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (shoelace formula, in degrees)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area / 2, cx / (3 * area), cy / (3 * area)


def _inside(ring: list, x: float, y: float) -> bool:
    crossings = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def _widest_run(ring: list, y: float) -> float:
    """The middle of the widest stretch of the ring's inside along latitude y."""
    xs = sorted(x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                for (x1, y1), (x2, y2) in zip(ring, ring[1:]) if (y1 > y) != (y2 > y))
    runs = list(zip(xs[::2], xs[1::2]))
    west, east = max(runs, key=lambda run: run[1] - run[0])
    return (west + east) / 2


@lru_cache(maxsize=1)
def centres() -> dict[str, tuple[float, float]]:
    """A point inside each country's largest polygon (its centroid when that lies inside), for markers."""
    # The largest polygon only: France's centre must not fall in the Atlantic between Europe and Guiana,
    # nor the United States' between Alaska and Hawaii. A concave shape whose centroid lies outside it
    # gets the middle of its widest inside stretch at the centroid's latitude instead.
    found: dict[str, tuple[float, float]] = {}
    for feature in shapes.load_shapes()["features"]:
        polygons = feature["geometry"]["coordinates"]
        ring = max((polygon[0] for polygon in polygons), key=lambda r: abs(_ring_area_centre(r)[0]))
        _, x, y = _ring_area_centre(ring)
        if not _inside(ring, x, y):
            x = _widest_run(ring, y)
        found[feature["properties"]["iso3"]] = (round(x, 3), round(y, 3))
    return found


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _narrowest_interval(lons: Iterable[float]) -> tuple[float, float]:
    """The shortest arc of longitude holding every point; its east end passes 180 when it crosses the antimeridian."""
    ordered = sorted(lons)
    gap, west, east = ordered[0] + 360 - ordered[-1], ordered[0], ordered[-1]
    for a, b in zip(ordered, ordered[1:]):
        if b - a > gap:
            gap, west, east = b - a, b, a + 360
    return west, east


def fit_box(codes: Collection[str]) -> shapes.Box:
    """The box the initial view shows: the countries' bounds, or their centres (padded) for very wide regions."""
    try:
        west, south, east, north = shapes.bounds(codes)
    except ValueError:
        return -170.0, FIT_LATITUDES[0], 190.0, FIT_LATITUDES[1]
    if east - west > _WIDE:
        points = [centres()[c] for c in codes if c in centres()]
        west, east = _narrowest_interval(lon for lon, _ in points)
        south = min(lat for _, lat in points)
        north = max(lat for _, lat in points)
        # Centres sit inside the countries; pad so that the countries around them show too.
        west, east, south, north = west - 22, east + 22, south - 10, north + 10
        if east - west > 300:
            # Centres round the whole globe (all regions): the usual world map, split in the Pacific.
            west, east = -170.0, 190.0
    low, high = FIT_LATITUDES
    return west, max(south, low), east, min(north, high)


def view_state(codes: Collection[str], width: int = FIT_WIDTH, height: int = HEIGHT,
               padding: int = 24) -> pdk.ViewState:
    """The Web Mercator view fitting the countries' box into a map of this size."""
    west, south, east, north = fit_box(codes)
    span_x = math.radians(east - west)
    span_y = _mercator_y(north) - _mercator_y(south)
    per_radian = _TILE / (2 * math.pi)
    zoom = min(math.log2((width - 2 * padding) / (per_radian * span_x)),
               math.log2((height - 2 * padding) / (per_radian * span_y)))
    # A single small country would zoom in until it fills the map; stop where its neighbours still show.
    zoom = max(0.0, min(zoom, MAX_FIT_ZOOM))
    longitude = (west + east) / 2
    longitude = longitude - 360 if longitude > 180 else longitude
    latitude = _latitude((_mercator_y(north) + _mercator_y(south)) / 2)
    return pdk.ViewState(longitude=round(longitude, 4), latitude=round(latitude, 4), zoom=round(zoom, 3),
                         min_zoom=0, max_zoom=9)


# --- Choropleth classes ------------------------------------------------------------------------------------------


def class_breaks(counts: Iterable[int]) -> list[tuple[int, int]]:
    """Whole-number classes (low, high) of the non-zero counts: at most five, about equally filled."""
    values = sorted(int(c) for c in counts if c > 0)
    if not values:
        return []
    k = min(MAX_CLASSES, len(set(values)))
    uppers = sorted({values[math.ceil(i / k * len(values)) - 1] for i in range(1, k + 1)})
    return [(previous + 1, upper) for previous, upper in zip([0, *uppers], uppers)]


def class_colours(n: int) -> list[RGB]:
    """Colours for n classes, spread over the whole ramp so that two classes still look clearly apart."""
    if n <= 1:
        return list(RAMP[len(RAMP) // 2: len(RAMP) // 2 + n])
    return [RAMP[round(i * (len(RAMP) - 1) / (n - 1))] for i in range(n)]


def _fill(count: int, breaks: list[tuple[int, int]], colours: list[RGB]) -> RGB:
    for (low, high), colour in zip(breaks, colours):
        if low <= count <= high:
            return colour
    return NO_RECORDS


# --- The deck --------------------------------------------------------------------------------------------------


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def tooltip_text(row: pd.Series) -> str:
    """The tooltip of one country: its name, regions and facts, as plain text (never HTML)."""
    lines = [str(row["name"]) + (f" ({row['regions']})" if row["regions"] else "")]
    if row["network"]:
        lines.append("● Country UN Network on Migration" + (" · Terms of Reference in the table"
                                                            if isinstance(row["tor"], str) else ""))
    if row["workshops"]:
        lines.append("▲ " + _count(int(row["workshops"]), "UNCT workshop", "UNCT workshops"))
    if row["champion"]:
        lines.append("★ GCM champion country")
    if row["reports"]:
        lines.append("◆ " + _count(int(row["reports"]), "voluntary GCM report", "voluntary GCM reports"))
    lines.append(f"{_count(int(row['practices']), 'practice', 'practices')} · "
                 f"{_count(int(row['pledges']), 'pledge', 'pledges')}")
    lines.append("Select to open the country profile")
    return "\n".join(lines)


def _features(codes: Collection[str], properties: Mapping[str, dict]) -> dict:
    """The shapes of these countries with only the given properties (the payload stays small)."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": feature["geometry"], "properties": properties.get(code, {})}
        for feature in shapes.load_shapes()["features"] if (code := feature["properties"]["iso3"]) in codes]}


def _marker_layer(entry: Layer, facts: pd.DataFrame, tips: Mapping[str, str]) -> pdk.Layer:
    marked = [c for c in facts.index[facts[entry.column].astype(bool)] if c in centres()]
    rows = [{"iso3": c, "position": list(centres()[c]), "glyph": entry.symbol, "tip": tips[c]} for c in marked]
    return pdk.Layer(
        "TextLayer", rows, id=f"marker-{entry.column}", pickable=True,
        get_position="position", get_text="glyph", get_size=entry.size, size_units="'pixels'",
        get_color=[*entry.colour, 255], get_pixel_offset=list(entry.offset),
        # Symbols are outside deck.gl's default ASCII atlas: 'auto' builds the atlas from the data, drawn
        # locally from the browser's own fonts, so no font is fetched. The SDF halo keeps them legible on
        # any fill.
        character_set="'auto'", font_family="'DejaVu Sans, Segoe UI Symbol, Arial Unicode MS, sans-serif'",
        font_settings={"sdf": True, "fontSize": 64, "buffer": 10, "radius": 14},
        outline_width=5, outline_color=[*entry.halo, 255],
        get_text_anchor="'middle'", get_alignment_baseline="'center'",
    )


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON has no indentation: pydeck indents by two spaces, which makes the shapes 6× larger."""

    def to_json(self) -> str:
        """The Deck's JSON without whitespace (Streamlit sends exactly this to the browser)."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def deck(facts: pd.DataFrame, layers: Iterable[str], choropleth: str | None, region: str | None) -> pdk.Deck:
    """The map of these facts: countries shaded by records, a marker per switched-on layer, no basemap."""
    tips = {code: tooltip_text(row) for code, row in facts.iterrows()}
    shown = set(facts.index)
    if choropleth:
        breaks = class_breaks(facts[choropleth])
        colours = class_colours(len(breaks))
        fills = {code: _fill(int(n), breaks, colours) for code, n in facts[choropleth].items()}
    else:
        fills = dict.fromkeys(shown, SHOWN_FILL)
    properties = {code: {"iso3": code, "tip": tips[code], "fill": list(fills[code])} for code in shown}
    context = pdk.Layer(
        "GeoJsonLayer", _features(shapes.shape_codes() - shown, {}), id="context", pickable=False,
        stroked=True, filled=True, get_fill_color=list(CONTEXT_FILL), get_line_color=list(CONTEXT_LINE),
        line_width_min_pixels=0.5, line_width_units="'pixels'", get_line_width=0.5)
    countries_layer = pdk.Layer(
        "GeoJsonLayer", _features(shown, properties), id="countries", pickable=True, auto_highlight=True,
        highlight_color=[0, 158, 219, 110], stroked=True, filled=True, get_fill_color="properties.fill",
        get_line_color=list(SHOWN_LINE), line_width_min_pixels=0.8, line_width_units="'pixels'", get_line_width=0.8)
    wanted = set(layers)
    markers = [_marker_layer(entry, facts, tips) for entry in LAYERS if entry.label in wanted]
    # With nothing to show, the view still frames the region (or the world).
    framed = shown or (regions.coverage(region) if region is not None else set())
    view = view_state(framed)
    west, _, east, _ = fit_box(framed)
    return CompactDeck(
        layers=[context, countries_layer, *markers],
        # repeat draws copies east and west of ±180, which a view crossing the antimeridian (ESCAP) needs.
        views=[pdk.View(type="MapView", controller=True, repeat=east > 180 or west < -180)],
        initial_view_state=view, map_provider=None, tooltip={"text": "{tip}", "style": _TOOLTIP_STYLE},
        height=HEIGHT)


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
    entries = [LegendEntry(e.symbol, e.label, int(facts[e.column].astype(bool).sum()), e.colour)
               for e in LAYERS if e.label in wanted]
    if choropleth:
        one, many = _NOUNS.get(choropleth, (choropleth, choropleth))
        counts = facts[choropleth]
        entries.append(LegendEntry("□", f"No {many}", int((counts == 0).sum()), NO_RECORDS, shade=True))
        breaks = class_breaks(counts)
        for (low, high), colour in zip(breaks, class_colours(len(breaks))):
            span = str(low) if low == high else f"{low}–{high}"
            entries.append(LegendEntry("■", f"{span} {one if span == '1' else many}",
                                       int(counts.between(low, high).sum()), colour, shade=True))
    return entries


def _legend_item(e: LegendEntry) -> str:
    # White symbols (the diamond, the "none" swatch) need an outline to be seen at all, as on the map.
    edge = "-webkit-text-stroke:1px #3c3c3c;" if e.colour == (255, 255, 255) else ""
    colour = "#%02x%02x%02x" % e.colour
    return (f'<span style="white-space:nowrap;margin-right:1.2em">'
            f'<span style="color:{colour};{edge}font-size:1.25em">{html.escape(e.symbol)}</span> '
            f'{html.escape(e.label)} <span style="color:#6b7280">({e.count})</span></span> ')


def legend_html(entries: Iterable[LegendEntry]) -> str:
    """The legend as small HTML (for st.html): each symbol in its colour, then its label; all text escaped."""
    entries = list(entries)
    rows = []
    for title, group in (("Markers", [e for e in entries if not e.shade]),
                         ("Shading", [e for e in entries if e.shade])):
        if group:
            rows.append(f'<div><span style="color:#6b7280;margin-right:0.6em">{title}:</span>'
                        f'{"".join(_legend_item(e) for e in group)}</div>')
    if rows:
        rows.append('<div style="color:#6b7280;font-size:0.8rem">In brackets: number of countries.</div>')
    return f'<div style="line-height:1.9;font-size:0.9rem">{"".join(rows)}</div>'


def describe(layers: Iterable[str], choropleth: str | None) -> str:
    """One sentence saying what the map shows, for the caption under the title."""
    wanted = [e.label for e in LAYERS if e.label in set(layers)]
    parts = []
    if choropleth:
        parts.append(f"countries shaded by their number of {choropleth} (one implemented or pledged in several "
                     "countries counts in each)")
    if wanted:
        parts.append("markers for " + ", ".join(wanted))
    if not parts:
        return "The countries of the selection, outlined. Switch on a layer to see more."
    return "Shown: " + "; ".join(parts) + ". Select a country to open its profile."
