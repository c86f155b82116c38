"""The brief's static map, drawn here from the bundled country shapes: the region's countries shaded, Country
Networks and UNCT workshops marked by shape, and as many names as fit without covering anything.

This module computes the drawing (paths, symbols, label positions); ``brief/map.svg.j2`` writes it as SVG.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gcmdash.model import regions, shapes
from gcmdash.model.dataset import Dataset
from gcmdash.render.brief_charts import WIDTH
from gcmdash.render.brief_text import country_name
from gcmdash.views import metrics


@dataclass(frozen=True)
class Marker:
    """What the map marks: the records' activity, the symbol drawn, its fill and its legend text."""

    what: str
    activity: str
    kind: str
    fill: str
    label: str


MARKERS = (
    Marker("network", "Country Network", "circle", "#000000", "Country UN Network on Migration"),
    Marker("workshop", "UNCT workshop", "triangle", "#D55E00", "UN Network workshop for the UN Country Team"),
)
REGION_FILL, OTHER_FILL, SEA = "#CFE0EE", "#ECECEC", "#FFFFFF"
_LABEL_SIZE = 10.5

Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Symbol:
    """A marker's shape at its place: a circle (cx, cy, r) or a triangle (points), with its fill."""

    kind: str
    fill: str
    cx: str = ""
    cy: str = ""
    r: str = ""
    points: str = ""


@dataclass(frozen=True)
class Shape:
    """A country's outline as an SVG path, with its name (shown on hover)."""

    d: str
    name: str


@dataclass(frozen=True)
class Mark:
    """A marked country's symbol and what it says on hover."""

    symbol: Symbol
    title: str


@dataclass(frozen=True)
class Line:
    """One line of a country's name, at its place."""

    x: str
    y: str
    text: str


@dataclass(frozen=True)
class Label:
    """A country's name beside its symbols, on one line or two, and which of its ends is at the anchor."""

    anchor: str
    lines: list[Line]


@dataclass(frozen=True)
class MapDrawing:
    """Everything the map draws, in pixels of a `width` × `height` view, and what it says to a screen reader."""

    label: str
    width: int
    height: int
    outside: list[Shape]
    inside: list[Shape]
    marks: list[Mark]
    labels: list[Label]
    sea: str = SEA
    other_fill: str = OTHER_FILL
    region_fill: str = REGION_FILL


def symbol(kind: str, x: float, y: float, fill: str, size: float = 5.2) -> Symbol:
    """A circle or a triangle centred about (x, y), as on the map and in its legend."""
    if kind == "circle":
        return Symbol(kind, fill, cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{size:.1f}")
    h = size * 2.1
    points = f"{x:.1f},{y - h * 0.62:.1f} {x - h * 0.58:.1f},{y + h * 0.38:.1f} {x + h * 0.58:.1f},{y + h * 0.38:.1f}"
    return Symbol(kind, fill, points=points)


def legend_symbol(marker: Marker) -> Symbol:
    """A legend's symbol, drawn in a 16 × 16 box (the same drawing as on the map)."""
    return symbol(marker.kind, 8, 8.5, marker.fill)


def _view_box(marked: Iterable[str], region: str) -> Box:
    """The longitudes and latitudes the map shows: the marked countries with a margin, else the whole region."""
    known = shapes.shape_codes()
    # A region with nothing marked (no Country Network, no workshop in the data) shows all its countries.
    shown = [c for c in marked if c in known] or [c for c in regions.coverage(region) if c in known]
    west, south, east, north = shapes.bounds(shown)
    pad_x, pad_y = max(3.0, 0.08 * (east - west)), max(2.0, 0.1 * (north - south))
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    # Not flatter than 2:1 once projected: a thin band of countries gets some of their surroundings too.
    squeeze = math.cos(math.radians((south + north) / 2))
    wanted = (east - west) * squeeze / 2
    if north - south < wanted:
        grow = (wanted - (north - south)) / 2
        south, north = max(-80.0, south - grow), min(84.0, north + grow)
    return west, south, east, north


def _free(box: Box, taken: list[Box], width: float, height: float) -> bool:
    x0, y0, x1, y1 = box
    if x0 < 2 or y0 < 2 or x1 > width - 2 or y1 > height - 2:
        return False
    return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in taken)


def _lines(name: str) -> list[list[str]]:
    """A name on one line, and a long name also on two (split at the space nearest its middle)."""
    ways = [[name]]
    if len(name) > 14 and " " in name:
        middle = len(name) / 2
        cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
        ways.append([name[:cut], name[cut + 1 :]])
    return ways


def _place_label(name: str, points: list[Point], taken: list[Box], width: float, height: float) -> Label | None:
    """The name beside its symbols where it covers nothing yet (taking that room), or None when no place is free."""
    west, east = min(p[0] for p in points) - 7, max(p[0] for p in points) + 7
    y = sum(p[1] for p in points) / len(points)
    middle = (west + east) / 2
    line = _LABEL_SIZE + 1.5
    for lines in _lines(name):
        w, h = 0.56 * _LABEL_SIZE * max(len(t) for t in lines), line * len(lines) + 0.5
        for x0, y0, anchor in (
            (east + 1, y - h / 2, "start"),
            (west - 1 - w, y - h / 2, "end"),
            (middle - w / 2, y - 8 - h, "middle"),
            (middle - w / 2, y + 8, "middle"),
            (west - w + 4, y - 6 - h, "end"),
            (east - 4, y - 6 - h, "start"),
            (west - w + 4, y + 6, "end"),
            (east - 4, y + 6, "start"),
        ):
            box = (x0, y0, x0 + w, y0 + h)
            if _free(box, taken, width, height):
                taken.append(box)
                tx = {"start": x0, "end": x0 + w, "middle": x0 + w / 2}[anchor]
                return Label(
                    anchor, [Line(f"{tx:.1f}", f"{y0 + (i + 1) * line - 3:.1f}", t) for i, t in enumerate(lines)]
                )
    return None


def _markers(
    marked: dict[str, list[str]], point: Callable[[float, float], Point], width: float, height: float
) -> tuple[list[Mark], list[Label]]:
    """The symbols of the marked countries, and their names wherever one fits without covering anything."""
    centres = shapes.centres()
    both = set(marked["network"]) & set(marked["workshop"])
    marks, spots = [], {}
    for marker in MARKERS:
        for code in marked[marker.what]:
            if code not in centres:
                continue
            x, y = point(*centres[code])
            if code in both:
                x += -6 if marker.what == "network" else 6
            marks.append(Mark(symbol(marker.kind, x, y, marker.fill), f"{country_name(code)}: {marker.label}"))
            spots.setdefault(code, []).append((x, y))
    # Names are placed greedily, west to east, beside their symbols (right, left, above, below); a name that would
    # cover a symbol or another name is left out: the lists under the map name every country.
    taken = [(x - 7, y - 7, x + 7, y + 7) for points in spots.values() for x, y in points]
    labels = []
    for code, points in sorted(spots.items(), key=lambda item: min(p[0] for p in item[1])):
        label = _place_label(country_name(code), points, taken, width, height)
        if label:
            labels.append(label)
    return marks, labels


def _outline(feature: dict, point: Callable[[float, float], Point], view: Box) -> str:
    """A country's polygons that meet the view, as one SVG path's data (empty when none does)."""
    west, south, east, north = view
    parts = []
    for polygon in feature["geometry"]["coordinates"]:
        lons = [lon for lon, _ in polygon[0]]
        lats = [lat for _, lat in polygon[0]]
        if max(lats) < south - 5 or min(lats) > north + 5:
            continue
        # Shapes are split at ±180: a polygon is drawn where it meets the view (east may pass 180).
        shift = next((s for s in (0, 360, -360) if min(lons) + s < east + 5 and max(lons) + s > west - 5), None)
        if shift is None:
            continue
        for ring in polygon:
            coords, last = [], None
            for lon, lat in ring:
                x, y = point(lon + shift, lat)
                here = f"{x:.1f},{y:.1f}"
                if here != last:
                    coords.append(here)
                    last = here
            if len(coords) > 2:
                parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def map_drawing(data: Dataset, region: str, width: int = WIDTH) -> MapDrawing:
    """A static map: the region's countries shaded, Country Networks and UNCT workshops marked by shape."""
    coverage = regions.coverage(region)
    marked = {
        m.what: sorted(set(metrics.activities_in(data, region, m.activity)["country"].astype(str))) for m in MARKERS
    }
    view = _view_box({c for codes in marked.values() for c in codes}, region)
    west, south, east, north = view
    squeeze = math.cos(math.radians((south + north) / 2))  # equirectangular, true to scale at the middle latitude
    scale = width / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def point(lon: float, lat: float) -> Point:
        return (lon - west) * squeeze * scale, (north - lat) * scale

    shaded: dict[bool, list[Shape]] = {True: [], False: []}
    for feature in shapes.load_shapes()["features"]:
        code = feature["properties"]["iso3"]
        outline = _outline(feature, point, view)
        if outline:
            shaded[code in coverage].append(Shape(outline, country_name(code)))
    marks, labels = _markers(marked, point, width, height)
    label = (
        f"Map of the {regions.region_label(region)} region: Country UN Networks on Migration "
        f"({len(marked['network'])}) and UNCT workshops ({len(marked['workshop'])})"
    )
    return MapDrawing(label, width, height, shaded[False], shaded[True], marks, labels)
