"""Presentation mode: the slide list (pure), the presentation theme, and the slides rendered by AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gcmdash import charts, countries, filters, formatting, loading, maps, regions, slides, views
from gcmdash.filters import Filters

APP = str(Path(__file__).resolve().parent.parent / "app.py")
KINDS = ["headline", "practices", "implementers", "pledges", "map", "funding"]


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


def test_an_unchecked_membership_is_said_on_every_slide():
    checked = [r for r in regions.REGIONS if regions.is_confirmed(r)]
    unchecked = [r for r in regions.REGIONS if not regions.is_confirmed(r)]
    assert all("not yet checked" in slides.context_line(Filters(region=r)) for r in unchecked)
    assert not any("not yet checked" in slides.context_line(Filters(region=r)) for r in checked)


@pytest.mark.parametrize(("value", "expected"), [("3", 3), (3, 3), ("7", 7), ("8", 1), ("0", 1), ("-2", 1),
                                                 ("abc", 1), ("2.5", 1), (None, 1), ("", 1)])
def test_slide_numbers_out_of_range_or_unreadable_fall_back_to_the_first(value, expected):
    assert slides.slide_number(value, 7) == expected


def test_counter():
    assert slides.counter(3, 7) == "3 / 7"


def test_most_frequent_objectives_come_first():
    counts = views.pledges(loading.bundled().dataset, Filters(region=None)).by_objective
    top = slides.most_frequent(counts, 3)
    assert [n for _, n in top] == sorted(counts, reverse=True)[:3]
    assert top[0][0].startswith(f"{counts.idxmax()}. ")


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


def test_present_map_enlarges_markers_and_fits_the_view(data):
    facts = maps.country_facts(data, Filters(region="ECE"))
    deck = maps.deck(facts, slides.MAP_LAYERS, None, "ECE")
    before = deck.to_json()
    shown = slides.present_map(deck, slides.marked(facts), 860, 400)
    assert deck.to_json() == before, "the page's deck is not modified"
    markers = [(a, b) for a, b in zip(deck.layers, shown.layers) if a.type == "TextLayer"]
    assert len(markers) == len(slides.MAP_LAYERS)
    assert all(b.get_size > a.get_size for a, b in markers)
    # Framed on the marked countries (Europe and Central Asia), not on the whole region (Alaska to Chukotka).
    assert shown.initial_view_state.zoom > deck.initial_view_state.zoom
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


def test_the_slide_number_in_the_url_is_honoured():
    app = _present({"region": "ECA", "slide": "4"})
    assert _shown(app) == ("Pledges by GCM objective", "4 / 6")
    assert _param(app, "slide") == ["4"]


@pytest.mark.parametrize("bad", ["0", "99", "-1", "abc", "2.5", ""])
def test_invalid_slide_numbers_fall_back_quietly(bad):
    app = _present({"region": "ECE", "slide": bad})
    assert not app.exception
    assert _shown(app) == ("Headline figures", "1 / 6")
    assert not app.error and not app.warning


def test_next_and_previous_change_the_slide_and_the_url():
    app = _present({"region": "ECE"})
    app.button(key="present-next").click().run()
    app.button(key="present-next").click().run()
    assert _shown(app) == (formatting.plain(slides.slides(Filters())[2].title), "3 / 6")
    assert _param(app, "slide") == ["3"]
    app.button(key="present-previous").click().run()
    assert _shown(app)[1] == "2 / 6"
    assert app.button(key="present-previous").click().run().button(key="present-previous").disabled


def test_the_last_slide_has_no_next():
    app = _present({"region": "ECE", "slide": "6"})
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
    assert _shown(app) == ("Headline figures", "1 / 6")
    assert any(regions.region_label("ECLAC") in m.value.replace("\\", "") for m in app.markdown)


def test_without_present_the_dashboard_is_unchanged():
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert app.title[0].value.startswith("GCM implementation")
    assert not [m for m in app.markdown if m.value.endswith(" / 6")]
