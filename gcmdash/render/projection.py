"""Equal-area projections of the bundled country shapes, fitted to the countries a map is about (pure).

Web Mercator, which a tiled map needs, makes Canada and Russia look larger than all of Europe and Central Asia
together. With no basemap there is no reason to keep it: each map is drawn in an equal-area projection fitted to
its countries, computed here, and shown in deck.gl's OrthographicView as plain x/y coordinates.

- A region, subregion or set of countries: Lambert azimuthal equal-area, centred on the countries' centre (their
  spherical mean, so a region across the antimeridian such as ESCAP is centred in the Pacific, not in Africa).
  Areas are true everywhere and shapes are true near the centre.
- The whole world: Equal Earth (Šavrič, Patterson and Jenny 2018), an equal-area world map.

Coordinates are "world units": the unit sphere times ``RADIUS``, x to the east and y downwards (screen order, as
deck.gl's OrthographicView and SVG both use). A ``Fit`` says which world box a map of a given size in pixels shows
and at what scale; pixel positions are then ``(world - centre) * scale + size / 2``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from gcmdash.model import shapes

#: World units per unit of the sphere's radius: 1000 keeps one decimal at ~0.6 km, which is what the shapes hold.
RADIUS = 1000.0
#: Countries further than this from the centre (degrees of arc) are left off a regional map: the azimuthal
#: projection squeezes the far side of the globe into a ring around the edge, where nothing is readable.
MAX_ARC = 125.0
#: A fitted view is never narrower than this (world units, about 600 km): one small country keeps its neighbours.
MIN_SPAN = 95.0
#: For fitting, a country's outlying parts (French Guiana, Alaska, Hawaii) count only within this arc (degrees) of
#: its largest part: a map of France is a map of metropolitan France with Corsica, not of the Atlantic.
NEAR_ARC = 18.0

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in world units

# Equal Earth's polynomial coefficients.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


@dataclass(frozen=True)
class Projection:
    """An equal-area projection: azimuthal centred on (lon0, lat0), or Equal Earth for the world."""

    kind: str  # "azimuthal" or "world"
    lon0: float = 0.0
    lat0: float = 0.0

    def visible(self, lon: float, lat: float) -> bool:
        """Whether the point is drawn at all (near enough to the centre of an azimuthal map)."""
        return self.kind == "world" or arc(self.lon0, self.lat0, lon, lat) <= MAX_ARC

    def project(self, lon: float, lat: float) -> Point:
        """World units (x east, y down) of a longitude and latitude in degrees."""
        if self.kind == "world":
            return _equal_earth(lon - self.lon0, lat)
        return _azimuthal(self.lon0, self.lat0, lon, lat)


def arc(lon0: float, lat0: float, lon: float, lat: float) -> float:
    """The angle in degrees between two points on the sphere."""
    p0, p, dl = math.radians(lat0), math.radians(lat), math.radians(lon - lon0)
    cosine = math.sin(p0) * math.sin(p) + math.cos(p0) * math.cos(p) * math.cos(dl)
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def _azimuthal(lon0: float, lat0: float, lon: float, lat: float) -> Point:
    p0, p, dl = math.radians(lat0), math.radians(lat), math.radians(lon - lon0)
    cos_c = math.sin(p0) * math.sin(p) + math.cos(p0) * math.cos(p) * math.cos(dl)
    k = math.sqrt(2 / max(1e-9, 1 + cos_c))
    x = k * math.cos(p) * math.sin(dl)
    y = k * (math.cos(p0) * math.sin(p) - math.sin(p0) * math.cos(p) * math.cos(dl))
    return round(x * RADIUS, 1), round(-y * RADIUS, 1)


def _equal_earth(lon: float, lat: float) -> Point:
    lon = (lon + 180) % 360 - 180 if abs(lon) > 180 else lon
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(lon) * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return round(x * RADIUS, 1), round(-y * RADIUS, 1)


def centre_of(points: Iterable[Point]) -> Point:
    """The spherical mean of (lon, lat) points: the centre of an azimuthal map of them."""
    x = y = z = 0.0
    for lon, lat in points:
        lam, phi = math.radians(lon), math.radians(lat)
        x, y, z = x + math.cos(phi) * math.cos(lam), y + math.cos(phi) * math.sin(lam), z + math.sin(phi)
    if abs(x) + abs(y) + abs(z) < 1e-9:
        return 0.0, 0.0
    return round(math.degrees(math.atan2(y, x)), 3), round(math.degrees(math.atan2(z, math.hypot(x, y))), 3)


def for_countries(codes: Collection[str] | None) -> Projection:
    """The projection of a map about these countries: azimuthal on their centre, or the world map for None/none."""
    known = [shapes.centres()[c] for c in codes or () if c in shapes.centres()]
    if not known:
        return Projection("world", 0.0, 0.0)
    lon0, lat0 = centre_of(known)
    return Projection("azimuthal", lon0, lat0)


def _near_parts(code: str) -> list[list[list[float]]]:
    """The outer rings of a country's parts that lie near its largest part (what a map of it should frame)."""
    lon0, lat0 = shapes.centres()[code]
    return [
        polygon[0]
        for polygon in shapes.polygons(code)
        if any(arc(lon0, lat0, lon, lat) <= NEAR_ARC for lon, lat in polygon[0][::4] or polygon[0])
    ]


def box_of(projection: Projection, codes: Iterable[str]) -> Box | None:
    """The world box around these countries' near parts, or None when none of them has a shape."""
    xs, ys = [], []
    for code in codes:
        if code not in shapes.centres():
            continue
        for ring in _near_parts(code):
            for lon, lat in ring:
                if projection.visible(lon, lat):
                    x, y = projection.project(lon, lat)
                    xs.append(x)
                    ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Fit:
    """What a map of width × height pixels shows: its projection, the world point at its middle, and its scale."""

    projection: Projection
    centre: Point
    scale: float  # pixels per world unit
    width: int
    height: int

    @property
    def zoom(self) -> float:
        """deck.gl's OrthographicView zoom for this scale (zoom 0: one pixel per world unit)."""
        return math.log2(self.scale)

    def pixel(self, point: Point) -> Point:
        """Where a world point lands on the map, in pixels from its top left corner."""
        return (
            (point[0] - self.centre[0]) * self.scale + self.width / 2,
            (point[1] - self.centre[1]) * self.scale + self.height / 2,
        )

    def world(self, pixel: Point) -> Point:
        """The world point at a pixel of the map (the inverse of ``pixel``)."""
        return (
            round((pixel[0] - self.width / 2) / self.scale + self.centre[0], 2),
            round((pixel[1] - self.height / 2) / self.scale + self.centre[1], 2),
        )


def fit(projection: Projection, codes: Collection[str], width: int, height: int, padding: int = 28) -> Fit:
    """The view showing these countries whole in a map of this size, with padding for markers and names."""
    box = box_of(projection, codes)
    if box is None:  # nothing to frame: the whole world map, or the middle of an azimuthal one
        box = (
            (-2.71 * RADIUS, -1.25 * RADIUS, 2.71 * RADIUS, 0.95 * RADIUS)
            if projection.kind == "world"
            else (-RADIUS, -RADIUS, RADIUS, RADIUS)
        )
    x0, y0, x1, y1 = box
    span_x, span_y = max(x1 - x0, MIN_SPAN), max(y1 - y0, MIN_SPAN * height / width)
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    return Fit(projection, (round((x0 + x1) / 2, 2), round((y0 + y1) / 2, 2)), scale, width, height)


def _ring(projection: Projection, ring: list) -> list[list[float]]:
    """A ring in world units, dropping points that round onto the one before (the payload stays small)."""
    out: list[list[float]] = []
    for lon, lat in ring:
        point = list(projection.project(lon, lat))
        if not out or point != out[-1]:
            out.append(point)
    return out


@lru_cache(maxsize=64)
def projected_shapes(projection: Projection) -> dict[str, list[list[list[list[float]]]]]:
    """Every country's polygons in world units (rings of [x, y]), leaving out parts too far to draw."""
    out: dict[str, list] = {}
    for code in shapes.shape_codes():
        polygons = []
        for polygon in shapes.polygons(code):
            if not all(projection.visible(lon, lat) for lon, lat in polygon[0]):
                continue
            rings = [_ring(projection, ring) for ring in polygon]
            if len(rings[0]) > 3:
                polygons.append([r for r in rings if len(r) > 3])
        if polygons:
            out[code] = polygons
    return out


def projected_centres(projection: Projection) -> dict[str, Point]:
    """Each drawn country's marker point (``shapes.centres``) in world units."""
    return {code: projection.project(*point) for code, point in shapes.centres().items() if projection.visible(*point)}
