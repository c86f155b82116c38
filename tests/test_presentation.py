"""Presentation mode: the slide list (pure), the presentation theme, and the slides rendered by AppTest."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gcmdash import formatting
from gcmdash.ingest import loading
from gcmdash.model import countries, filters, regions
from gcmdash.model.filters import Filters
from gcmdash.render import charts, map_facts, map_text, maps, slides
from gcmdash.views import pages as views

APP = str(Path(__file__).resolve().parent.parent / "app.py")
KINDS = ["headline", "network-review", "practices", "implementers", "pledges", "map", "stakeholders", "funding"]


@pytest.fixture(scope="module")
def data():
    return loading.bundled().dataset


# --- The slide list --------------------------------------------------------------------------------------------


def test_the_brief_sections_in_order():
    deck = slides.slides(Filters(region="ECE"))
    assert [s.kind for s in deck] == KINDS
    assert all(s.title and s.shows for s in deck)
    assert deck[0].figures == slides.HEADLINE
    assert deck[-1].figures == slides.FUNDING_FIGURES


def test_one_slide_per_chosen_country_in_the_filters_order():
    deck = slides.slides(Filters(region="ECE", countries=("KAZ", "GEO")))
    assert [s.kind for s in deck] == [*KINDS, "country", "country"]
    assert [(s.title, s.country) for s in deck[-2:]] == [("Kazakhstan", "KAZ"), ("Georgia", "GEO")]


def test_all_regions_say_so():
    deck = slides.slides(Filters(region=None))
    assert "all regions" in deck[0].shows
    assert slides.context_line(Filters(region=None)) == "All regions"


def test_the_context_line_names_region_and_narrowing_filters():
    line = slides.context_line(Filters(region="ECE", countries=("GEO",), objectives=(5, 2), years=(2019, 2022)))
    assert line == f"{regions.region_label('ECE')} · Georgia · Objectives 2, 5 · 2019–2022"


def test_an_unchecked_membership_is_said_only_when_asked_for():
    checked = [r for r in regions.REGIONS if regions.is_confirmed(r)]
    unchecked = [r for r in regions.REGIONS if not regions.is_confirmed(r)]
    assert unchecked and checked
    assert all("not yet checked" in slides.context_line(Filters(region=r), caveat=True) for r in unchecked)
    assert not any("not yet checked" in slides.context_line(Filters(region=r), caveat=True) for r in checked)
    # Without the caveat the line is otherwise the same: region, then the narrowing filters.
    for region in regions.REGIONS:
        f = Filters(region=region, countries=(_a_country(region),), years=(2019, 2022))
        without = slides.context_line(f, caveat=False)
        assert "not yet checked" not in without
        assert without == slides.context_line(f, caveat=True).replace(
            " (membership not yet checked against the commission's list)", ""
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), (3, 3), ("7", 7), ("8", 1), ("0", 1), ("-2", 1), ("abc", 1), ("2.5", 1), (None, 1), ("", 1)],
)
def test_slide_numbers_out_of_range_or_unreadable_fall_back_to_the_first(value, expected):
    assert slides.slide_number(value, 7) == expected


def test_counter():
    assert slides.counter(3, 7) == "3 / 7"


def test_most_frequent_objectives_come_first():
    counts = views.pledges(loading.bundled().dataset, Filters(region=None)).by_objective
    top = slides.most_frequent(counts, 3)
    assert [n for _, n in top] == sorted(counts, reverse=True)[:3]
    assert top[0][0].startswith(f"{counts.idxmax()}. ")


# --- Fitting the screen -----------------------------------------------------------------------------------------


def _zoom_for(css: str, width: int, height: int) -> float:
    """The zoom the style sheet gives a viewport: the base rule, then every media query it meets (later ones win)."""
    import re

    zoom = float(re.match(r"^X \{ zoom: ([\d.]+); \}", css).group(1))
    for w, h, z in re.findall(
        r"@media \(min-width: (\d+)px\) and \(min-height: (\d+)px\) \{ X \{ zoom: ([\d.]+); \} \}", css
    ):
        if width >= int(w) and height >= int(h):
            zoom = float(z)
    return zoom


def test_a_countrys_slide_names_every_objective_it_addresses_within_eight_lines():
    counts = pd.Series({1: 1, 3: 2, 23: 1}).reindex(range(1, 24), fill_value=0)
    assert slides.addressed_lines(counts) == [
        "3. Information provision (2)",
        "1. Data (1)",
        "23. International cooperation (1)",
    ]
    many = pd.Series(dict.fromkeys(range(1, 13), 1) | {9: 3}).reindex(range(1, 24), fill_value=0)
    lines = slides.addressed_lines(many)
    assert len(lines) == 8 and lines[0] == "9. Counter smuggling (3)" and lines[1].startswith("1. ")
    assert lines[-1] == "and 5 more: objectives 7, 8, 10, 11 and 12"


def test_the_zoom_steps_are_the_design_size_times_the_zoom():
    steps = slides.zoom_steps()
    assert [z for z, _, _ in steps] == sorted(z for z, _, _ in steps), "smallest first, so larger ones win"
    assert all((w, h) == (round(1280 * z), round(720 * z)) for z, w, h in steps)
    assert (1.0, 1280, 720) in steps and (1.5, 1920, 1080) in steps and (3.0, 3840, 2160) in steps


@pytest.mark.parametrize(
    ("width", "height", "zoom"),
    [
        (1280, 720, 1.0),
        (1920, 1080, 1.5),
        (3840, 2160, 3.0),
        (2560, 1440, 2.0),
        (1366, 768, 1.0),
        (1280, 650, 0.875),  # a 1280×720 screen with the browser's own bars: zoomed out, not cut off
        (2560, 1080, 1.5),  # ultra-wide: the height decides
        (1920, 1200, 1.5),
        (800, 450, 0.625),
    ],
)
def test_the_css_zooms_the_slide_by_the_largest_step_that_fits(width, height, zoom):
    css = slides.zoom_css("X")
    assert css.count("X {") == len(slides.zoom_steps())
    got = _zoom_for(css, width, height)
    assert got == zoom
    smallest = slides.zoom_steps()[0][0]
    assert got == smallest or (1280 * got <= width and 720 * got <= height), "the zoomed slide fits the screen"


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert round(_contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(_contrast("#767F89", "#FFFFFF"), 2) == 4.06  # the caption grey


@pytest.mark.parametrize("colours", [slides.FOOTER_LIGHT, slides.FOOTER_DARK], ids=["light", "dark"])
def test_the_footer_colours_are_readable(colours):
    background = colours["background"]
    assert _contrast(colours["ink"], background) >= 7, "the counter and the buttons"
    assert _contrast(colours["muted"], background) >= 4.5, "the data notice, disabled buttons"
    assert _contrast(colours["border"], background) >= 3, "a button's edge"
    assert _contrast(colours["focus"], background) >= 3, "the focus ring"
    assert _contrast(colours["background"], colours["ink"]) >= 4.5, "the current slide's number, inverted"


def test_the_presentation_style_sheet_zooms_the_slide_and_rings_the_focus():
    from gcmdash.ui import presenter

    css = presenter.present_css(slides.zoom_css('[data-testid="stMainBlockContainer"]'), slides.FOOTER_DARK)
    assert (
        '@media (min-width: 1920px) and (min-height: 1080px) { [data-testid="stMainBlockContainer"] { zoom: 1.5; }'
        in css
    )
    assert f"button:focus-visible {{ outline: 3px solid {slides.FOOTER_DARK['focus']}" in css
    assert "height: 4rem" in css


# --- The presentation theme -------------------------------------------------------------------------------------


def _values(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            yield from _values(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from _values(item, key)


def test_present_enlarges_a_pages_chart_without_changing_it(data):
    view = views.practices(data, Filters(region="ECE"))
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    chart = charts.objective_bars(frame, "Practices")
    before = chart.to_dict()
    shown = slides.present(chart, rows=len(frame), height=460, title=False, ink="#1B2A3A").to_dict()
    assert chart.to_dict() == before, "the page's chart is not modified"
    assert shown["height"] == {"step": 20}  # 460 px shared by the 23 objectives
    assert "title" not in shown
    sizes = list(_values(shown, "labelFontSize")) + list(_values(shown, "fontSize"))
    assert sizes and min(sizes) >= 16 > max(_values(before, "labelFontSize"))
    assert shown["config"]["axis"]["labelColor"] == "#1B2A3A"
    assert shown["config"]["axisBand"]["labelOverlap"] is False  # every objective keeps its label


def test_present_makes_bars_thicker_and_type_bigger(data):
    view = views.practices(data, Filters(region="ECE"))
    chart = charts.category_bars(view.by_scope, "scope", "Practices", "Scope")
    shown = slides.present(chart, rows=len(view.by_scope), height=330).to_dict()
    assert shown["height"]["step"] > chart.to_dict()["height"]["step"]
    assert set(_values(shown, "labelFontSize")) == {slides.FONT}
    assert shown["title"]["fontSize"] == slides.TITLE_FONT


def test_present_gives_a_fixed_height_chart_the_slides_height():
    import altair as alt
    import pandas as pd

    fixed = alt.Chart(pd.DataFrame({"x": [1.0], "y": ["a"]}), height=60).mark_bar(size=34).encode(x="x:Q", y="y:N")
    shown = slides.present(fixed, height=140, title=False).to_dict()
    assert shown["height"] == 140
    assert all(size > 34 for size in _values(shown, "size"))


def test_present_gives_a_chart_its_own_width_and_can_drop_the_value_axis(data):
    view = views.practices(data, Filters(region="ECE"))
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    chart = charts.objective_bars(frame, "Practices")
    assert any("axis" in layer["encoding"]["x"] for layer in chart.to_dict()["layer"])
    shown = slides.present(chart, rows=len(frame), height=460, width=812, value_axis=False).to_dict()
    assert shown["width"] == 812 and shown["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert all(layer["encoding"]["x"]["axis"] is None for layer in shown["layer"]), "no layer draws a value axis"
    kept = slides.present(chart, rows=len(frame), height=460).to_dict()
    assert kept["width"] == "container" and "autosize" not in kept
    assert kept["layer"][0]["encoding"]["x"]["axis"]["title"] == "Practices"


def test_present_map_enlarges_markers_and_names(data):
    facts = map_facts.country_facts(data, Filters(region="ECE"))
    page = maps.deck(facts, slides.MAP_LAYERS, None, "ECE")
    shown = slides.present_map(facts, "ECE", False, 860, 400)
    sizes = [
        {
            layer.id: layer.get_size
            for layer in deck.layers
            if layer.type == "TextLayer" and isinstance(getattr(layer, "get_size", None), (int, float))
        }
        for deck in (page, shown)
    ]
    assert sizes[0] and sizes[0].keys() == sizes[1].keys()
    assert all(sizes[1][name] > sizes[0][name] for name in sizes[0]), sizes
    assert slides.marked(facts) == set(facts.index[facts["network"] | (facts["workshops"] > 0)])


# --- The slides in the app (AppTest) -----------------------------------------------------------------------------


def _present(query: dict[str, str | list[str]]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["present"] = "1"
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def _shown(app: AppTest) -> tuple[str, str]:
    """The slide title and the counter's text."""
    counter = [m.value for m in app.markdown if " / " in m.value and m.value.replace(" / ", "").isdigit()]
    return app.title[0].value, counter[0]


def _param(app: AppTest, key: str) -> list[str]:
    """A query parameter's values as the app left them in the URL."""
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _a_country(region: str) -> str:
    return filters.country_options(None if region == "All" else region)[0]


@pytest.mark.parametrize("region", [*regions.REGIONS, "All"])
def test_every_slide_renders_for_every_region(region):
    country = _a_country(region)
    f = Filters(region=None if region == "All" else region, countries=(country,))
    deck = slides.slides(f)
    for number, slide in enumerate(deck, start=1):
        app = _present({"region": region, "countries": countries.country_name(country), "slide": str(number)})
        assert not app.exception, (region, number, app.exception)
        assert _shown(app) == (formatting.plain(slide.title), f"{number} / {len(deck)}"), (region, number)
        assert not app.error, (region, number)
        # The notice of illustrative data and the data version are on every slide.
        assert any("Illustrative data" in c.value and "data" in c.value for c in app.caption), (region, number)
        if slide.kind == "map":  # the brief's disclaimer under every map
            assert map_text.DISCLAIMER in [c.value for c in app.caption], region


@pytest.mark.parametrize("region", [r for r in regions.REGIONS if not regions.is_confirmed(r)][:2])
def test_an_unchecked_membership_is_said_once_on_the_first_slide(region):
    deck = slides.slides(Filters(region=region))
    said = []
    for number in range(1, len(deck) + 1):
        app = _present({"region": region, "slide": str(number)})
        said.append(any("not yet checked" in m.value for m in app.markdown))
    assert said == [True] + [False] * (len(deck) - 1)


def test_a_checked_membership_has_no_caveat():
    app = _present({"region": "ECE"})
    assert not any("not yet checked" in m.value for m in app.markdown)


def test_the_slide_number_in_the_url_is_honoured():
    app = _present({"region": "ECA", "slide": "5"})
    assert _shown(app) == ("Pledges by GCM objective", "5 / 8")
    assert _param(app, "slide") == ["5"]


@pytest.mark.parametrize("bad", ["0", "99", "-1", "abc", "2.5", ""])
def test_invalid_slide_numbers_fall_back_quietly(bad):
    app = _present({"region": "ECE", "slide": bad})
    assert not app.exception
    assert _shown(app) == ("Headline figures", "1 / 8")
    assert not app.error and not app.warning


def test_next_and_previous_change_the_slide_and_the_url():
    app = _present({"region": "ECE"})
    app.button(key="present-next").click().run()
    app.button(key="present-next").click().run()
    assert _shown(app) == (formatting.plain(slides.slides(Filters())[2].title), "3 / 8")
    assert _param(app, "slide") == ["3"]
    app.button(key="present-previous").click().run()
    assert _shown(app)[1] == "2 / 8"
    assert app.button(key="present-previous").click().run().button(key="present-previous").disabled


def test_the_last_slide_has_no_next():
    app = _present({"region": "ECE", "slide": "8"})
    assert app.button(key="present-next").disabled


def test_exit_goes_back_to_the_dashboard_with_the_same_filters():
    app = _present({"region": "ESCWA", "slide": "3"})
    app.button(key="present-exit").click().run()
    assert not app.exception
    assert "present" not in app.query_params
    assert app.title[0].value.startswith("GCM implementation"), "the Overview again"
    assert app.sidebar.selectbox(key="region").value == "ESCWA"


def test_the_sidebar_button_starts_presenting_the_current_filters():
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["region"] = "ECLAC"
    app.run()
    app.sidebar.button(key="present-start").click().run()
    assert not app.exception
    assert _param(app, "present") == ["1"]
    assert _shown(app) == ("Headline figures", "1 / 8")
    assert any(regions.region_label("ECLAC") in m.value.replace("\\", "") for m in app.markdown)


def test_without_present_the_dashboard_is_unchanged():
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert app.title[0].value.startswith("GCM implementation")
    assert not [m for m in app.markdown if m.value.endswith(" / 8")]
