"""Bundled country shapes (GeoJSON, keyed by ISO3) for the offline pydeck map."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise

_RESOURCE = "reference/country-shapes.geojson"

Box = tuple[float, float, float, float]


@lru_cache(maxsize=1)
def load_shapes() -> dict:
    """Return the country-shapes FeatureCollection (shared and cached: treat it as read-only)."""
    return json.loads(files("gcmdash.model").joinpath(_RESOURCE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shape_codes() -> frozenset[str]:
    """Return the ISO3 codes that have a shape."""
    return frozenset(_polygon_boxes())


@lru_cache(maxsize=1)
def _polygon_boxes() -> dict[str, tuple[Box, ...]]:
    # One box per polygon rather than per country: the file is split at the antimeridian, so each
    # polygon's longitudes form an honest interval, while a country's (Russia, USA) may not.
    boxes: dict[str, tuple[Box, ...]] = {}
    for feature in load_shapes()["features"]:
        own = []
        for polygon in feature["geometry"]["coordinates"]:
            lons = [lon for lon, _ in polygon[0]]
            lats = [lat for _, lat in polygon[0]]
            own.append((min(lons), min(lats), max(lons), max(lats)))
        boxes[feature["properties"]["iso3"]] = tuple(own)
    return boxes


def bounds(iso3_codes: Iterable[str]) -> Box:
    """Return (min_lon, min_lat, max_lon, max_lat) around the countries; max_lon > 180 if it crosses ±180."""
    # Longitudes are a circle, so the box is the narrowest one: it leaves out the widest stretch
    # of longitude that no shape touches. When that box crosses the antimeridian, max_lon goes past
    # 180 (Russia: about 19.7 to 190.1) instead of wrapping, so min_lon < max_lon and the width is
    # always max_lon - min_lon, which is what fitting a zoom needs; a centre beyond 180 is valid
    # after subtracting 360. Codes without a shape are skipped, as data may carry aggregates, but
    # if none of them has a shape there is nothing to fit and ValueError is raised.
    if isinstance(iso3_codes, str):
        # A bare string is an Iterable[str] of letters; take it as the single code it surely means.
        iso3_codes = [iso3_codes]
    table = _polygon_boxes()
    boxes = [box for code in iso3_codes for box in table.get(code.strip().upper(), ())]
    if not boxes:
        raise ValueError("none of the given codes has a shape")

    merged: list[list[float]] = []
    for west, _, east, _ in sorted(boxes):
        if merged and west <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], east)
        else:
            merged.append([west, east])
    # Start with the gap that wraps across ±180; a strictly wider inner gap moves the box across it.
    gap, min_lon, max_lon = merged[0][0] + 360 - merged[-1][1], merged[0][0], merged[-1][1]
    for (_, east), (west, _) in pairwise(merged):
        if west - east > gap:
            gap, min_lon, max_lon = west - east, west, round(east + 360, 9)
    return min_lon, min(b[1] for b in boxes), max_lon, max(b[3] for b in boxes)


@lru_cache(maxsize=1)
def _polygons_by_code() -> dict[str, list]:
    return {feature["properties"]["iso3"]: feature["geometry"]["coordinates"] for feature in load_shapes()["features"]}


def polygons(iso3: str) -> list:
    """A country's polygons (lists of rings of [lon, lat]; the first ring is the outline), or [] without a shape."""
    return _polygons_by_code().get(iso3, [])


def _ring_area_centre(ring: list) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (shoelace formula, in degrees)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in pairwise(ring):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area / 2, cx / (3 * area), cy / (3 * area)


def _inside(ring: list, x: float, y: float) -> bool:
    crossings = 0
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def _widest_run(ring: list, y: float) -> float:
    """The middle of the widest stretch of the ring's inside along latitude y."""
    xs = sorted(x1 + (y - y1) * (x2 - x1) / (y2 - y1) for (x1, y1), (x2, y2) in pairwise(ring) if (y1 > y) != (y2 > y))
    runs = list(zip(xs[::2], xs[1::2], strict=False))
    west, east = max(runs, key=lambda run: run[1] - run[0])
    return (west + east) / 2


@lru_cache(maxsize=1)
def centres() -> dict[str, tuple[float, float]]:
    """A point (lon, lat) inside each country's largest polygon (its centroid when that lies inside), for markers."""
    # The largest polygon only: France's centre must not fall in the Atlantic between Europe and Guiana,
    # nor the United States' between Alaska and Hawaii. A concave shape whose centroid lies outside it
    # gets the middle of its widest inside stretch at the centroid's latitude instead.
    found: dict[str, tuple[float, float]] = {}
    for code, polygons_of in _polygons_by_code().items():
        ring = max((polygon[0] for polygon in polygons_of), key=lambda r: abs(_ring_area_centre(r)[0]))
        _, x, y = _ring_area_centre(ring)
        if not _inside(ring, x, y):
            x = _widest_run(ring, y)
        found[code] = (round(x, 3), round(y, 3))
    return found
