"""Reachable by everyone: axe-core on every page and slide in light and dark, and a visible focus ring in tab order.

axe-core comes from npm (`make test` installs it into .cache/axe) and is injected into Debian's Chromium. A scan
fails on any serious or critical violation of the WCAG 2.0-2.2 A/AA rules and says which rule, which element and,
for contrast, which colours; every scan's full results are written to tests/_artifacts/e2e/axe/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gcmdash.model.filters import Filters
from gcmdash.render import slides

from .support import ARTIFACTS, ROOT, open_page, screenshot, wait_for_run

AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_ARTIFACTS = ARTIFACTS / "axe"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
#: The projectors the presenters use: a small one and a full-HD one (the slides scale with the viewport).
SCREENS = {"1280x720": {"width": 1280, "height": 720}, "1920x1080": {"width": 1920, "height": 1080}}
#: The page background of each theme (.streamlit/config.toml): the scan checks that the theme asked for is shown.
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(13, 27, 42)"}
THEMES = tuple(BACKGROUND)

PAGES = [
    ("overview", "/"),
    # A region whose membership is unconfirmed (its caveat) and a page with chosen filters' chips in the sidebar.
    ("overview-eca", "/?region=ECA"),
    ("compare", "/compare"),
    ("practices-chosen", "/practices?countries=Georgia&countries=Kazakhstan&objectives=7"),
    ("practices", "/practices"),
    ("pledges", "/pledges"),
    ("funding", "/funding"),
    ("map", "/map"),
    ("country-georgia", "/country?country=Georgia"),
    ("data", "/data"),
    ("history", "/history"),
]
#: The presentation of UNECE with two countries chosen, so that it has country slides.
DECK_LINK = "/?present=1&region=ECE&countries=Georgia&countries=Kazakhstan"
DECK = slides.slides(Filters(region="ECE", countries=("GEO", "KAZ")))
SLIDES = [(f"slide-{number}-{slide.kind}", f"{DECK_LINK}&slide={number}") for number, slide in enumerate(DECK, start=1)]
TARGETS = PAGES + SLIDES


def axe_script() -> Path:
    """axe-core's browser build, or a clear failure saying how to get it (never a skip)."""
    if not AXE.exists():
        pytest.fail(
            f"The accessibility tests need axe-core at {AXE.relative_to(ROOT)}; `make test` installs it "
            "(npm install --no-save --prefix .cache/axe axe-core@4).",
            pytrace=False,
        )
    return AXE


def wait_drawn(page, presenting: bool) -> None:
    """Wait until the page or slide is whole: no placeholder left, every chart's marks, map's canvas and table drawn.

    A run can end with elements still to come (placeholders) and a second run can follow (a widget bound to the
    address): the scan must see the page a person sees once it has settled. A table's cells reach the DOM (its
    accessible copy) only after its canvas is drawn, a moment after the run ends.
    """
    if presenting:
        expect(page.locator(".st-key-present-counter")).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    else:
        expect(page.get_by_test_id("stTopNav")).to_be_visible()
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                   .filter(c => c.offsetParent !== null)
                   .every(c => c.querySelector('svg g.role-mark > *, canvas'))
              && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
                   .every(m => m.querySelector('canvas'))
              && [...document.querySelectorAll('[data-testid="stDataFrame"]')]
                   .filter(d => d.checkVisibility())
                   .every(d => d.querySelector('table'))"""
    )
    for chart in page.get_by_test_id("stDeckGlJsonChart").all():
        expect(chart.locator("canvas").first).to_be_visible()
    wait_for_run(page)


def themed_page(new_context, theme: str, url: str, screen: str = "1280x720"):
    """A page of this screen size in the theme the system asks for (Streamlit follows prefers-color-scheme), drawn."""
    page = new_context(color_scheme=theme).new_page()
    page.set_viewport_size(SCREENS[screen])
    open_page(page, url)
    wait_drawn(page, "present=1" in url)
    background = page.get_by_test_id("stApp").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == BACKGROUND[theme], f"{theme} theme asked for, page background is {background}"
    return page


def scan(page) -> dict:
    """axe-core's results for the page, WCAG 2.0-2.2 A and AA rules only."""
    page.add_script_tag(path=str(axe_script()))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )


def short(target: list) -> str:
    """An axe element selector without Streamlit's generated class names, its last three steps: readable."""
    steps = " ".join(map(str, target)).split(" > ")
    steps = [re.sub(r"\.(st-emotion-cache-\w+|e[0-9a-z]{6,})", "", step) for step in steps]
    return " > ".join(steps[-3:])


def describe(violation: dict) -> list[str]:
    """One line per element: rule, impact, element and, for contrast, its colours and ratio."""
    lines = []
    for node in violation["nodes"]:
        line = f"{violation['id']} ({violation['impact']}): {short(node['target'])}"
        for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
            data = check.get("data") or {}
            if isinstance(data, dict) and "contrastRatio" in data:
                line += (
                    f" — {data.get('fgColor')} on {data.get('bgColor')} is {data.get('contrastRatio')}:1, "
                    f"needs {data.get('expectedContrastRatio')} ({data.get('fontSize')}, "
                    f"{data.get('fontWeight')})"
                )
                break
        lines.append(line + f"\n    {node.get('html', '')[:160]}")
    return lines


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("name", "path"), TARGETS, ids=[t[0] for t in TARGETS])
def test_no_serious_axe_violations(new_context, base_url, name, path, theme, screen):
    page = themed_page(new_context, theme, base_url + path, screen)
    results = scan(page)
    AXE_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (AXE_ARTIFACTS / f"{theme}-{screen}-{name}.json").write_text(json.dumps(results, indent=1))
    screenshot(page, f"a11y-{theme}-{screen}-{name}")
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    report = [line for violation in blocking for line in describe(violation)]
    assert not report, f"{len(report)} serious or critical axe violations on {path} ({theme}, {screen}):\n" + "\n".join(
        report
    )
