"""The map: facts per country, the offline Deck (no basemap, plain-text tooltips, views per region), legend, page."""

from __future__ import annotations

import json
import math
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gcmdash.ingest.loading import bundled, load_paths
from gcmdash.model import countries, dataset, regions, shapes
from gcmdash.model.filters import Filters
from gcmdash.render import (
    map_colours,
    map_facts,
    map_layers,
    map_legend,
    map_text,
    map_view,
    maplabels,
    maps,
    projection,
)
from tests.conftest import headers, valid_sheets

ROOT = Path(__file__).resolve().parent.parent
ALL_LAYERS = [layer.label for layer in map_layers.LAYERS]
ECE_NETWORKS = {"ALB", "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "MKD", "SRB", "TJK", "TKM", "TUR", "UZB", "XKX"}
ECE_WORKSHOPS = {"ARM", "BIH", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB"}
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def data():
    result = bundled()
    assert result.dataset is not None
    return result.dataset


@pytest.fixture(scope="module")
def ece(data) -> pd.DataFrame:
    return map_facts.country_facts(data, Filters(region="ECE"))


def _layers(deck) -> dict[str, dict]:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def _hostile_facts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [HOSTILE, "Georgia"],
            "regions": ["ECE</div>", "ECE"],
            "network": [True, False],
            "tor": ["https://example.org/?a=1&b=<x>", None],
            "workshops": [1, 0],
            "champion": [False, True],
            "reports": [2, 0],
            "practices": [3, 0],
            "pledges": [0, 1],
        },
        index=pd.Index(["KAZ", "GEO"], name="iso3"),
    )


# --- Facts ---------------------------------------------------------------------------------------------------


def test_ece_facts_reproduce_the_brief(ece):
    assert set(ece.index) == regions.coverage("ECE")
    assert set(ece.index[ece["network"]]) == ECE_NETWORKS
    assert set(ece.index[ece["workshops"] > 0]) == ECE_WORKSHOPS and ece["workshops"].sum() == 9
    assert ece["champion"].sum() == 5
    assert ece["reports"].sum() == 24
    assert list(ece.columns) == list(map_facts.FACT_COLUMNS)
    assert ece.loc["XKX", "name"] == "Kosovo" and ece.loc["KAZ", "regions"] == "ECE, ESCAP"


def test_counts_are_of_the_filtered_records(data, ece):
    narrowed = map_facts.country_facts(data, Filters(region="ECE", objectives=(2,)))
    assert (narrowed["practices"] <= ece["practices"]).all()
    assert narrowed["practices"].sum() < ece["practices"].sum()
    assert narrowed["network"].sum() == 15, "activities are not records with objectives"


def test_all_regions_lists_every_country_with_a_record(data):
    facts = map_facts.country_facts(data, Filters(region=None))
    counted = facts[["workshops", "reports", "practices", "pledges"]].sum(axis=1) + facts["network"] + facts["champion"]
    assert (counted > 0).all()
    assert ECE_NETWORKS <= set(facts.index) and "CHL" in facts.index


def _practice(pid: str, countries: str, objectives: str = "7") -> list:
    row = list(valid_sheets()["Practices"][1])
    cols = headers("practices")
    row[cols.index("Practice ID")], row[cols.index("Countries")] = pid, countries
    row[cols.index("GCM objectives")] = objectives
    return row


def test_a_practice_counts_once_in_each_of_its_countries(workbook):
    sheets = valid_sheets()
    sheets["Practices"] = [
        headers("practices"),
        _practice("PR-1", "Kazakhstan; Kyrgyz Republic"),
        _practice("PR-2", "Kazakhstan", "2"),
        _practice("PR-3", "Chile"),
    ]
    sheets["Country activities"].append(
        ["Georgia", "Country Network", 2022, None, None, "https://example.org/tor", None, "Published", "t"]
    )
    result = load_paths([workbook(sheets)], complete=True)
    assert result.valid, result.issues
    facts = map_facts.country_facts(result.dataset, Filters(region="ECE"))
    assert facts.loc["KAZ", "practices"] == 2 and facts.loc["KGZ", "practices"] == 1
    assert "CHL" not in facts.index
    assert facts.loc["GEO", "tor"] == "https://example.org/tor" and pd.isna(facts.loc["ARM", "tor"])
    assert map_facts.country_facts(result.dataset, Filters(region="ECE", objectives=(2,))).loc["KGZ", "practices"] == 0
    everywhere = map_facts.country_facts(result.dataset, Filters(region=None))
    assert set(everywhere.index) == {"KAZ", "KGZ", "CHL", "GEO", "PRT"}  # PRT: the sheet's one pledge


def test_a_country_listed_twice_in_one_record_counts_once():
    practice = pd.DataFrame(
        {
            "practice_id": ["PR-1"],
            "title": ["t"],
            "objectives": [(7,)],
            "countries": [("KAZ", "KAZ", "KGZ")],
            "scope": ["National"],
            "implementer_types": [("IOM",)],
            "provenance": ["Illustrative"],
        },
        index=pd.Index([2], name="row"),
    )
    facts = map_facts.country_facts(dataset.build({"practices": practice}, "test"), Filters(region="ECE"))
    assert facts.loc["KAZ", "practices"] == 1 and facts.loc["KGZ", "practices"] == 1


def test_the_table_shows_names_not_codes(ece):
    shown = map_facts.table(ece)
    assert "Country" in shown and "Kazakhstan" in set(shown["Country"])
    assert not any(shown[c].astype(str).eq("KAZ").any() for c in shown.columns)


# --- The deck --------------------------------------------------------------------------------------------------


def test_tooltips_are_plain_text_so_markup_in_names_stays_text():
    deck = maps.deck(_hostile_facts(), ALL_LAYERS, "practices", "ECE")
    # Streamlit and pydeck put {tip} into the tooltip; "text" tooltips are shown through innerText.
    assert set(deck._tooltip) == {"text", "style"} and deck._tooltip["text"] == "{tip}"
    spec = json.loads(deck.to_json())
    assert "html" not in deck.to_json().lower().replace(HOSTILE.lower(), "")
    countries = _layers(deck)["countries"]["data"]["features"]
    kaz = next(f["properties"] for f in countries if f["properties"]["iso3"] == "KAZ")
    assert set(kaz) == {"iso3", "tip", "fill"}, "only what the map needs travels to the browser"
    assert kaz["tip"].startswith(HOSTILE + " (ECE</div>)\n")
    assert "example.org" not in deck.to_json(), "links are for the table, not the tooltip"
    assert spec["layers"]


def _depth(layer: dict) -> float:
    matrix = layer.get("modelMatrix") or [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]
    assert matrix[:14] == [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0] and matrix[15] == 1, "a move in depth only"
    return matrix[14]


def test_non_pickable_layers_are_drawn_last_yet_lie_under_the_names_and_markers(ece):
    # deck.gl 9.4 lost the first click on any pickable layer drawn after a non-pickable one (bench part 8).
    layers = _layers(maps.deck(ece, ALL_LAYERS, "practices", "ECE"))
    order = [layer.get("pickable", False) for layer in layers.values()]
    assert order == sorted(order, reverse=True), f"pickable first: {list(layers)}"
    assert list(layers)[-1] == "context" and not layers["context"].get("pickable")
    # The context is composited under what is already drawn, so the names' soft halo edges blend into it.
    parameters = layers["context"]["parameters"]
    assert parameters["blendColorSrcFactor"] == "one-minus-dst-alpha" and parameters["blendColorDstFactor"] == "one"
    assert parameters["depthCompare"] == "always" and not parameters["depthWriteEnabled"]
    on_top = [_depth(layer) for name, layer in layers.items() if name == "labels" or name.startswith("marker-")]
    assert set(on_top) == {0}
    assert 0 > _depth(layers["borders"]) == _depth(layers["leaders"]) > _depth(layers["countries"])


def test_only_the_fills_of_the_countries_are_picked_so_a_press_stays_a_click(ece):
    # Picking the borders too made a pointerdown take ~110 ms without a GPU, past deck.gl's 250 ms tap under load.
    layers = _layers(maps.deck(ece, ALL_LAYERS, "practices", "ECE"))
    countries, borders = layers["countries"], layers["borders"]
    assert countries["pickable"] and countries["filled"] and not countries["stroked"]
    assert not borders.get("pickable") and borders["stroked"] and not borders["filled"]
    shapes_of = [[f["geometry"] for f in layer["data"]["features"]] for layer in (countries, borders)]
    assert shapes_of[0] == shapes_of[1] and shapes_of[0]


def test_legend_html_escapes_every_label():
    entries = [
        map_legend.LegendEntry("●", HOSTILE, 1, (0, 0, 0)),
        map_legend.LegendEntry("<b>", "x & y", 2, (1, 2, 3)),
        map_legend.LegendEntry("■", "<i>1–2</i>", 3, (9, 9, 9), True),
    ]
    for dark in (False, True):
        markup = map_legend.legend_html(entries, dark=dark)
        assert "&lt;img" in markup and "<img" not in markup and "&lt;b&gt;" in markup and "x &amp; y" in markup
        assert "&lt;i&gt;" in markup and "<i>" not in markup


def test_no_basemap_and_no_outside_address(ece):
    deck = maps.deck(ece, ALL_LAYERS, "pledges", "ECE")
    text = deck.to_json()
    spec = json.loads(text)
    assert deck.map_provider is None and spec.get("mapProvider") is None
    # map_style=None would be sent as no style, which Streamlit replaces by a Carto basemap from the internet.
    assert spec["mapStyle"] == "__MAP_STYLE__"
    for word in ("http", "mapbox", "carto", "//"):
        assert word not in text.lower()
    assert len(text) < 400_000, "compact JSON: shapes once, no indentation"


def test_a_layer_switched_off_is_absent(ece):
    ids = set(_layers(maps.deck(ece, [x for x in ALL_LAYERS if x != "UNCT workshops"], "practices", "ECE")))
    assert ids == {
        "context",
        "countries",
        "borders",
        "marker-network",
        "marker-champion",
        "marker-reports",
        "leaders",
        "labels",
    }
    assert set(_layers(maps.deck(ece, [], None, "ECE"))) == {"context", "countries", "borders", "leaders", "labels"}


def test_markers_sit_on_the_countries_with_the_activity(ece):
    layers = _layers(maps.deck(ece, ALL_LAYERS, None, "ECE"))
    assert {row["iso3"] for row in layers["marker-network"]["data"]} == ECE_NETWORKS
    assert {row["iso3"] for row in layers["marker-workshops"]["data"]} == ECE_WORKSHOPS
    assert {row["glyph"] for row in layers["marker-champion"]["data"]} == {"★"}
    # Non-ASCII glyphs need deck.gl to build its font atlas from the data.
    assert layers["marker-network"]["characterSet"] == "auto"


def test_shading_follows_the_class_breaks(ece):
    fills = {
        f["properties"]["iso3"]: tuple(f["properties"]["fill"])
        for f in _layers(maps.deck(ece, [], "practices", "ECE"))["countries"]["data"]["features"]
    }
    assert all(fills[c] == map_colours.NO_RECORDS for c in ece.index[ece["practices"] == 0] if c in fills)
    most = ece["practices"].idxmax()
    assert fills[most] == map_colours.class_colours(len(map_colours.class_breaks(ece["practices"])))[-1]
    plain = _layers(maps.deck(ece, [], None, "ECE"))["countries"]["data"]["features"]
    unshaded = {tuple(f["properties"]["fill"]) for f in plain}
    assert unshaded == {map_colours.SHOWN_FILL}


def test_class_breaks_are_contiguous_whole_numbers():
    breaks = map_colours.class_breaks([0, 0, 1, 1, 1, 2, 3, 5, 8, 13, 21, 40])
    assert 1 < len(breaks) <= map_colours.MAX_CLASSES
    assert breaks[0][0] == 1 and breaks[-1][1] == 40
    assert all(low <= high for low, high in breaks)
    assert all(b[0] == a[1] + 1 for a, b in pairwise(breaks))
    assert map_colours.class_breaks([1, 1, 0]) == [(1, 1)] and map_colours.class_breaks([0, 0]) == []
    colours = map_colours.class_colours(len(breaks))
    assert len(set(colours)) == len(breaks) and map_colours.NO_RECORDS not in colours


def _pixels(fit, codes):
    where = projection.projected_centres(fit.projection)
    return {c: fit.pixel(where[c]) for c in codes if c in where}


def _inside(fit, point, margin: float = 0) -> bool:
    x, y = point
    return margin <= x <= fit.width - margin and margin <= y <= fit.height - margin


@pytest.mark.parametrize("region", regions.REGIONS)
def test_the_first_view_shows_every_framed_country_and_says_which_marked_ones_it_leaves_out(data, region):
    facts = map_facts.country_facts(data, Filters(region=region))
    codes = map_view.framed(facts, region)
    fit = map_view.fit_for(codes)
    assert fit.projection.kind == "azimuthal"
    assert all(_inside(fit, p) for p in _pixels(fit, codes).values())
    marked = facts.index[facts[list(map_view.FRAME_COLUMNS)].any(axis=1)]
    away = map_view.outside(fit, marked)
    note = map_text.view_note(facts, region, False, ALL_LAYERS)
    assert all(countries.country_name(c) in note for c in away)
    assert ("Outside the first view" in note) == bool(away)


def test_unece_frames_europe_and_central_asia_not_north_america(data):
    facts = map_facts.country_facts(data, Filters(region="ECE"))
    codes = map_view.framed(facts, "ECE")
    assert {"PRT", "KAZ", "TJK", "ALB", "SWE"} <= codes and not {"CAN", "USA"} & codes
    fit = map_view.fit_for(codes)
    pixels = _pixels(fit, ["PRT", "KAZ", "ALB", "MKD", "SRB", "XKX"])
    # Portugal to Kazakhstan spans most of the map's width: Europe and Central Asia are legible, not a corner.
    assert pixels["KAZ"][0] - pixels["PRT"][0] > 0.7 * fit.width
    # The Western Balkans are far enough apart for their markers (the old Mercator world view had them on a dot).
    balkans = [pixels[c] for c in ("ALB", "MKD", "SRB", "XKX")]
    assert min(math.dist(a, b) for i, a in enumerate(balkans) for b in balkans[i + 1 :]) > 12
    assert map_view.outside(fit, ["CAN", "USA", "PRT"]) == ["CAN", "USA"]


def test_a_subregion_or_chosen_countries_zoom_to_them(data):
    central = Filters(region="ECE", subregion="Central Asia")
    facts = map_facts.country_facts(data, central)
    assert map_view.narrowed(central) and not map_view.narrowed(Filters(region="ECE"))
    fit = map_view.fit_for(map_view.framed(facts, "ECE", narrowed=True))
    whole = map_view.fit_for(map_view.framed(map_facts.country_facts(data, Filters(region="ECE")), "ECE"))
    assert fit.scale > 2 * whole.scale
    assert all(_inside(fit, p) for p in _pixels(fit, facts.index).values())
    assert map_view.outside(fit, facts.index) == []
    chosen = Filters(region="ECE", countries=("FRA",))
    fit = map_view.fit_for(
        map_view.framed(map_facts.country_facts(data, chosen), "ECE", narrowed=map_view.narrowed(chosen))
    )
    # Metropolitan France, not the Atlantic between it and French Guiana.
    assert fit.scale > 4 * whole.scale and _inside(fit, _pixels(fit, ["FRA"])["FRA"], 100)


def test_the_projection_keeps_areas_true(data):
    """Canada's area is 3.7 times Kazakhstan's (9.98 and 2.72 million km²); Web Mercator drew it 9 times larger."""
    fit = map_view.fit_for(map_view.framed(map_facts.country_facts(data, Filters(region="ECE")), "ECE"))
    shapes_ = projection.projected_shapes(fit.projection)

    def area(code: str) -> float:
        total = 0.0
        for polygon in shapes_[code]:
            for i, ring in enumerate(polygon):
                signed = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2
                total += abs(signed) * (1 if i == 0 else -1)
        return total

    assert 3.4 < area("CAN") / area("KAZ") < 4.0
    assert 1.6 < area("TUR") / area("DEU") < 2.5  # 784,000 and 357,000 km²


def test_all_regions_is_an_equal_area_world_map(data):
    facts = map_facts.country_facts(data, Filters())
    assert map_view.framed(facts, None) is None
    spec = json.loads(maps.deck(facts, [], None, None).to_json())
    assert spec["views"][0]["@@type"] == "OrthographicView"
    fit = map_view.fit_for(None)
    assert fit.projection.kind == "world" and all(_inside(fit, p) for p in _pixels(fit, facts.index).values())


def test_a_region_across_the_antimeridian_is_centred_in_the_pacific():
    pacific = projection.for_countries({"FJI", "TON", "WSM", "KIR", "NZL"})
    assert abs(pacific.lon0) > 160
    fit = projection.fit(pacific, {"FJI", "TON", "WSM", "NZL"}, 760, 560)
    assert all(_inside(fit, p) for p in _pixels(fit, ["FJI", "TON", "WSM", "NZL"]).values())


def test_the_view_is_orthographic_without_double_click_zoom(ece):
    spec = json.loads(maps.deck(ece, ALL_LAYERS, "practices", "ECE").to_json())
    (view,) = spec["views"]
    assert view["@@type"] == "OrthographicView" and view["controller"]["doubleClickZoom"] is False
    state = spec["initialViewState"]
    assert len(state["target"]) == 3 and state["minZoom"] < state["zoom"] < state["maxZoom"]


def test_centres_lie_inside_their_countries():
    centres = shapes.centres()
    assert 0 < centres["FRA"][0] < 8 and 43 < centres["FRA"][1] < 49, "not pulled towards Guiana"
    assert -110 < centres["USA"][0] < -85, "not pulled towards Alaska or Hawaii"
    assert 40 < centres["RUS"][0] < 120
    # Croatia's and Norway's centroids fall in Bosnia and Sweden: their markers move inside them.
    assert 13.5 < centres["HRV"][0] < 16.2 and 44 < centres["HRV"][1] < 46
    assert 5 < centres["NOR"][0] < 13.5


# --- Names on the map ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "size", [map_view.PAGE, map_view.Size(860, 400, font=17, marker_scale=1.6)], ids=["page", "slide"]
)
@pytest.mark.parametrize("region", regions.REGIONS)
def test_every_marked_country_in_view_is_named_and_no_two_names_overlap(data, region, size):
    facts = map_facts.country_facts(data, Filters(region=region))
    fit = map_view.fit_for(map_view.framed(facts, region), size)
    placed, unplaced = map_layers.labels(facts, ALL_LAYERS, fit, size)
    assert maplabels.overlaps(placed) == []
    named = set(map_layers.named(facts, ALL_LAYERS))
    in_view = named - set(map_view.outside(fit, named))
    assert {label.code for label in placed} | set(unplaced) == named
    assert in_view <= {label.code for label in placed}, f"not named: {sorted(in_view - {p.code for p in placed})}"
    markers = [
        box for boxes in map_layers._marker_boxes(fit, facts, list(map_layers.LAYERS), size).values() for box in boxes
    ]
    for label in placed:
        x0, y0, x1, y1 = label.box
        assert 0 <= x0 and x1 <= fit.width and 0 <= y0 and y1 <= fit.height
        assert not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in markers), label.code


def test_names_travel_as_text_and_displaced_ones_get_a_leader_line(ece):
    layers = _layers(maps.deck(ece, ALL_LAYERS, None, "ECE"))
    names = {row["iso3"]: row for row in layers["labels"]["data"]}
    assert names["KAZ"]["text"] == "Kazakhstan" and names["XKX"]["text"] == "Kosovo"
    assert layers["labels"]["pickable"] is True, "a name opens its profile like its country"
    fit = map_view.fit_for(map_view.framed(ece, "ECE"))
    placed, _ = map_layers.labels(ece, ALL_LAYERS, fit)
    assert len(layers["leaders"]["data"]) == sum(label.leader for label in placed)
    assert set(_layers(maps.deck(ece, ["Voluntary GCM reports"], None, "ECE"))) >= {"labels"}
    assert _layers(maps.deck(ece, ["Voluntary GCM reports"], None, "ECE"))["labels"]["data"] == []


def test_the_placer_keeps_names_apart_when_markers_crowd():
    crowd = [maplabels.Item(f"C{i}", f"Country number {i}", ((100 + 3 * i, 100, 108 + 3 * i, 108),)) for i in range(12)]
    placed, unplaced = maplabels.place(crowd, 600, 400, 12)
    assert unplaced == [] and maplabels.overlaps(placed) == []
    assert sum(label.leader for label in placed) >= 6
    placed, unplaced = maplabels.place(crowd, 60, 60, 12)
    assert placed == [] and len(unplaced) == 12, "no room: left unplaced, never overlapping"


def test_empty_facts_draw_without_error():
    empty = pd.DataFrame(columns=list(map_facts.FACT_COLUMNS))
    assert set(_layers(maps.deck(empty, ALL_LAYERS, "practices", None))) >= {"context", "countries"}
    assert [e.count for e in map_legend.legend(ALL_LAYERS, "practices", empty)] == [0, 0, 0, 0, 0]


# --- Legend and selection ----------------------------------------------------------------------------------------


def test_legend_symbols_are_distinct_and_counts_are_countries(ece):
    entries = map_legend.legend(ALL_LAYERS, "practices", ece)
    markers = [e for e in entries if not e.shade]
    shading = [e for e in entries if e.shade]
    assert [e.label for e in markers] == ALL_LAYERS
    assert len({e.symbol for e in markers}) == 4 and not {e.symbol for e in markers} & {e.symbol for e in shading}
    assert {e.label: e.count for e in markers}["Country UN Networks"] == 15
    assert sum(e.count for e in shading) == len(ece)
    assert shading[0].label == "No practices" and len({e.colour for e in shading}) == len(shading)
    assert [e.label for e in map_legend.legend(["Champion countries"], None, ece)] == ["Champion countries"]


def test_selection_of_a_shape_or_a_marker_names_the_country(ece):
    feature = {"type": "Feature", "properties": {"iso3": "GEO"}}
    shape = {"indices": {"countries": [3]}, "objects": {"countries": [feature]}}
    marker = {"indices": {"marker-network": [0]}, "objects": {"marker-network": [{"iso3": "KAZ", "glyph": "●"}]}}
    assert maps.selected_country(shape, ece) == "GEO"
    assert maps.selected_country(marker, ece) == "KAZ"
    assert maps.selected_country({"indices": {}, "objects": {}}, ece) is None
    assert maps.selected_country({"objects": {"countries": [{"properties": {"iso3": "CHL"}}]}}, ece) is None
    junks = (
        None,
        {"objects": [1]},
        {"objects": {"countries": ["KAZ", 3, None]}},
        {"objects": {"x": [{"properties": 1}]}},
    )
    for junk in junks:
        assert maps.selected_country(junk, ece) is None


# --- The page --------------------------------------------------------------------------------------------------


def _app_with_map(tmp_path: Path) -> str:
    """app.py, or, until it registers the Map page, a copy beside the real pages/ that does."""
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    if "pages/map.py" in text:
        return str(ROOT / "app.py")
    anchor = next(line for line in text.splitlines() if 'st.Page("pages/country.py"' in line)
    indent = anchor[: len(anchor) - len(anchor.lstrip())]
    text = text.replace(anchor, anchor + "\n" + indent + 'st.Page("pages/map.py", title="Map", icon=":material/map:"),')
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    (tmp_path / "pages").symlink_to(ROOT / "pages", target_is_directory=True)
    return str(tmp_path / "app.py")


def _map_page(tmp_path: Path, query: dict[str, str | list[str]]) -> AppTest:
    app = AppTest.from_file(_app_with_map(tmp_path), default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/map.py").run()
    assert not app.exception, app.exception
    return app


def test_the_page_shows_the_map_legend_and_table(tmp_path):
    app = _map_page(tmp_path, {"region": "ECA", "shade": "Pledges", "layers": "Champion countries"})
    assert "Africa" in app.title[0].value
    assert len(app.get("deck_gl_json_chart")) == 1
    assert app.dataframe[0].value.shape[0] == 54 and "Country" in app.dataframe[0].value
    assert "pledges" in app.caption[0].value and "Champion countries" in app.caption[0].value
    assert map_text.DISCLAIMER in [c.value for c in app.caption]


def test_selecting_a_country_opens_its_profile(tmp_path):
    app = _map_page(tmp_path, {"region": "ECE"})
    chart = app.get("deck_gl_json_chart")[0]
    # AppTest cannot click a deck.gl chart: send the selection the browser would send, through the runner.
    states = app._tree.get_widget_states()
    state = states.widgets.add()
    state.id = chart.proto.id
    state.string_value = json.dumps(
        {
            "selection": {
                "indices": {"countries": [0]},
                "objects": {"countries": [{"type": "Feature", "properties": {"iso3": "KAZ"}}]},
            }
        }
    )
    app._run(states)
    assert not app.exception, app.exception
    assert app.query_params["country"] == "Kazakhstan"
    assert app.title[0].value == "Kazakhstan"


def test_filters_matching_no_practice_say_so(tmp_path):
    query = {"region": "ECE", "countries": "Kazakhstan", "scope": "Global", "years": ["2018", "2018"]}
    app = _map_page(tmp_path, query)
    assert any("match the filters" in i.value for i in app.info)
    assert app.dataframe[0].value.shape[0] == 1
