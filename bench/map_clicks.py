"""Part 8 — map clicks: how often selecting a country on the map opens its profile, per way of pointing at it.

Found while testing issue 10: Streamlit 1.67 bundles deck.gl 9.4.1, which lost the first pick of any pickable layer
drawn after a non-pickable one; the map drew the world's context countries first, so a click at a spot no earlier
pick looked at selected nothing (the browser sent the server no message at all). The context is now drawn last and
pushed behind by a model matrix (gcmdash/render/map_layers.py). Measured here on a warm server, each way
`attempts` times over five countries of the UNECE map, each attempt on a freshly opened /map:

* instant click: Playwright's click at the country's pixel, without resting there first;
* mouse: the pointer moves onto the country until its tooltip names it, then clicks (what a person does);
* touch tap: a tap on a touch screen, without a previous tap.

An attempt counts when the Country profile of that country opens within 10 s. Target: every way opens it every time
(tests/e2e/test_map_e2e.py clicks and taps too; the list under the map opens any profile by keyboard).

It also measures what makes a click fragile: deck.gl picks synchronously at pointerdown, and its click is a tap of
at most 250 ms, so a pointerdown handled slowly turns a click into nothing. Measured: the time from pointerdown
to pointerup reaching the page for a press and release sent together (median of PRESSES, on an empty spot).
"""

from __future__ import annotations

import re
import shutil
import statistics
import tempfile
from pathlib import Path

from bench.browser import H1, MAP, PAGE_TIMEOUT_MS, ROOT, chromium, map_painted, server, wait_healthy
from bench.common import Result

PART = "8 map clicks"
CODES = ("KAZ", "UKR", "TUR", "UZB", "DEU")
REGION = "ECE"
WAYS = ("instant click", "mouse", "touch tap")
OPENED_MS = 10_000
PRESSES = 9
#: Records when each pointer event reaches the page, before deck.gl's own handlers run.
_RECORD_POINTER = """() => { window.__pointer = [];
  for (const kind of ['pointerdown', 'pointerup'])
    window.addEventListener(kind, () => window.__pointer.push(performance.now()), true); }"""


def offsets() -> dict[str, tuple[float, float]]:
    """Each country's marker point in pixels from the middle of the map, as gcmdash fits the UNECE view."""
    from gcmdash.ingest.loading import bundled
    from gcmdash.model.filters import Filters
    from gcmdash.render import map_facts, map_view

    facts = map_facts.country_facts(bundled().dataset, Filters(region=REGION))
    return {code: map_view.offset_from_middle(facts, REGION, code) for code in CODES}


def _attempt(context, base: str, way: str, code: str, offset: tuple[float, float]) -> bool:
    """Open the map, point at the country the given way; whether its profile opened."""
    from playwright.sync_api import expect

    from gcmdash.model import countries

    name = countries.country_name(code)
    page = context.new_page()
    try:
        page.goto(f"{base}/map?region={REGION}", timeout=PAGE_TIMEOUT_MS)
        map_painted(page)
        canvas = page.locator(MAP).first
        box = canvas.bounding_box()
        spot = {"x": box["width"] / 2 + offset[0], "y": box["height"] / 2 + offset[1]}
        if way == "mouse":
            canvas.hover(position=spot)
            expect(page.locator(".deck-tooltip")).to_contain_text(name, timeout=OPENED_MS)
            canvas.click(position=spot)
        elif way == "touch tap":
            canvas.tap(position=spot)
        else:
            canvas.click(position=spot)
        try:
            expect(page).to_have_url(re.compile(r"/country\?"), timeout=OPENED_MS)
        except AssertionError:
            return False
        expect(page.locator(H1)).to_contain_text(name, timeout=PAGE_TIMEOUT_MS)
        return True
    finally:
        page.close()


def press_ms(context, base: str) -> float:
    """Median ms from pointerdown to pointerup reaching the page, pressed and released at once on an empty spot."""
    page = context.new_page()
    try:
        page.goto(f"{base}/map?region={REGION}", timeout=PAGE_TIMEOUT_MS)
        map_painted(page)
        page.evaluate(_RECORD_POINTER)
        box = page.locator(MAP).first.bounding_box()
        gaps = []
        for i in range(PRESSES):
            # The bottom-left corner of the UNECE map is sea: nothing is picked, nothing opens.
            page.mouse.move(box["x"] + 12 + 4 * i, box["y"] + box["height"] - 12)
            page.evaluate("() => { window.__pointer = []; }")
            page.mouse.down()
            page.mouse.up()
            page.wait_for_function("() => window.__pointer.length >= 2")
            down, up = page.evaluate("() => window.__pointer")[:2]
            gaps.append(up - down)
        return statistics.median(gaps)
    finally:
        page.close()


def run(attempts: int = 20) -> list[Result]:
    """Per way of pointing: how many of `attempts` opened the profile."""
    scratch = Path(tempfile.mkdtemp(prefix="gcmdash-bench-"))
    env = {"GCMDASH_DATA_DIR": str(ROOT / "data"), "GCMDASH_STORE_DIR": str(scratch / "store")}
    where = offsets()
    out: list[Result] = []
    try:
        with chromium() as browser, server(ROOT / "app.py", env) as (base, _process, _started):
            wait_healthy(base)
            context = browser.new_context(viewport={"width": 1440, "height": 1000})
            try:
                gap = press_ms(context, base)
            finally:
                context.close()
            out.append(
                Result(
                    PART,
                    "pointerdown handled (deck.gl's pick), press and release at once",
                    gap,
                    "ms",
                    "< 100 ms",
                    gap < 100,
                    f"median of {PRESSES}; a click is a press of at most 250 ms",
                )
            )
            for way in WAYS:
                context = browser.new_context(viewport={"width": 1440, "height": 1000}, has_touch=way == "touch tap")
                try:
                    turns = (CODES[i % len(CODES)] for i in range(attempts))
                    opened = sum(_attempt(context, base, way, code, where[code]) for code in turns)
                finally:
                    context.close()
                target, met = "every time", opened == attempts
                out.append(
                    Result(
                        PART,
                        f"profile opened, {way} on a country of the map",
                        100 * opened / attempts,
                        "%",
                        target,
                        met,
                        f"{opened} of {attempts}, five countries in turn",
                    )
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
