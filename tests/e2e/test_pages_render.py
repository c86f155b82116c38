"""Every page opens in a real browser without an exception box and draws its charts; a screenshot of each."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .support import ROOT, assert_no_exception, open_page, painted_map, screenshot

# (screenshot name, address, heading it must show, charts it draws at least, metric cards it shows at least)
PAGES = [
    ("overview", "/", "GCM implementation — UNECE", 0, 8),
    ("compare", "/compare", "Compare regions", 2, 0),
    ("practices", "/practices", "Practices — UNECE", 4, 0),
    ("pledges", "/pledges", "Pledges — UNECE", 6, 0),
    ("funding", "/funding", "M-MPTF funding — UNECE", 6, 0),
    ("country-georgia", "/country?country=Georgia", "Georgia", 2, 8),
]


def assert_charts_drawn(page, at_least: int) -> None:
    charts = page.get_by_test_id("stVegaLiteChart")
    if at_least:
        expect(charts.nth(at_least - 1)).to_be_attached()
    assert charts.count() >= at_least, f"{charts.count()} charts on {page.url}, expected at least {at_least}"
    for number, chart in enumerate(charts.all(), start=1):
        # Vega-Lite draws SVG marks (or a canvas): an empty chart frame has neither.
        marks = chart.locator("svg g.role-mark > *, canvas")
        expect(marks.first, f"chart {number} on {page.url} has no marks").to_be_attached()
        box = chart.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, f"chart {number} on {page.url} is {box}"


@pytest.mark.parametrize(("name", "path", "heading", "charts", "metrics"), PAGES, ids=[p[0] for p in PAGES])
def test_page_opens_and_draws_its_charts(page, base_url, name, path, heading, charts, metrics):
    open_page(page, base_url + path)
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text(heading)
    # The app's own top navigation, also on a fresh server's first request (Streamlit's pages/-folder mode would
    # show a generated file-name menu instead).
    expect(page.get_by_text("Explore", exact=True).first).to_be_visible()
    assert_charts_drawn(page, charts)
    if name.startswith("country"):
        expect(page.locator(".st-key-country input")).to_have_value("Georgia")
    if metrics:
        expect(page.get_by_test_id("stMetric").nth(metrics - 1)).to_be_visible()
    assert_no_exception(page)
    screenshot(page, name)


def map_registered() -> bool:
    """Whether app.py registers the Map page."""
    return re.search(r"""st\.Page\(\s*["']pages/map\.py["']""", (ROOT / "app.py").read_text()) is not None


def test_map_page_draws_its_map(page, base_url):
    if not map_registered():
        pytest.skip("pages/map.py is not registered in app.py (yet)")
    open_page(page, base_url + "/map")
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Map")
    canvas = painted_map(page)
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200, f"map canvas is {box}"
    assert_no_exception(page)
    screenshot(page, "map")
