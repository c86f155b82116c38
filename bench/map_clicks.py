"""Part 8 — map clicks: how often selecting a country on the map opens its profile, per way of pointing at it.

Found while testing issue 10: Streamlit 1.67 bundles deck.gl 9.4.1, and a click at a spot of the map that no
earlier pick looked at selects nothing (the browser sends the server no message at all). A mouse reaches the
country before the press, and its hover is a pick, so a person's click mostly works (not always: see
bench/findings.md); a synthetic click (move, press and release in one frame) and a first touch tap nearly never
do. Measured here on a warm server, each way `attempts` times over five countries of the UNECE map, each attempt
on a freshly opened /map:

* instant click: Playwright's click at the country's pixel, without resting there first;
* mouse: the pointer moves onto the country until its tooltip names it, then clicks (what a person does);
* touch tap: a tap on a touch screen, without a previous tap.

An attempt counts when the Country profile of that country opens within 10 s. Target: the mouse opens it every time;
the others are reported (the list under the map opens any profile by keyboard or touch, tests/e2e/test_map_e2e.py).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from bench.browser import H1, MAP, PAGE_TIMEOUT_MS, ROOT, chromium, map_painted, server, wait_healthy
from bench.common import Result

PART = "8 map clicks"
CODES = ("KAZ", "UKR", "TUR", "UZB", "DEU")
REGION = "ECE"
WAYS = ("instant click", "mouse", "touch tap")
OPENED_MS = 10_000


def offsets() -> dict[str, tuple[float, float]]:
    """Each country's marker point in pixels from the middle of the map, as gcmdash fits the UNECE view."""
    from gcmdash import maps, projection
    from gcmdash.filters import Filters
    from gcmdash.loading import bundled

    facts = maps.country_facts(bundled().dataset, Filters(region=REGION))
    fit = maps.fit_for(maps.framed(facts, REGION))
    where = projection.projected_centres(fit.projection)
    pixels = {code: fit.pixel(where[code]) for code in CODES}
    return {code: (x - fit.width / 2, y - fit.height / 2) for code, (x, y) in pixels.items()}


def _attempt(context, base: str, way: str, code: str, offset: tuple[float, float]) -> bool:
    """Open the map, point at the country the given way; whether its profile opened."""
    from playwright.sync_api import expect

    from gcmdash import countries

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


def run(attempts: int = 20) -> list[Result]:
    """Per way of pointing: how many of `attempts` opened the profile."""
    scratch = Path(tempfile.mkdtemp(prefix="gcmdash-bench-"))
    env = {"GCMDASH_DATA_DIR": str(ROOT / "data"), "GCMDASH_STORE_DIR": str(scratch / "store")}
    where = offsets()
    out: list[Result] = []
    try:
        with chromium() as browser, server(ROOT / "app.py", env) as (base, _process, _started):
            wait_healthy(base)
            for way in WAYS:
                context = browser.new_context(viewport={"width": 1440, "height": 1000}, has_touch=way == "touch tap")
                try:
                    turns = (CODES[i % len(CODES)] for i in range(attempts))
                    opened = sum(_attempt(context, base, way, code, where[code]) for code in turns)
                finally:
                    context.close()
                target, met = ("every time", opened == attempts) if way == "mouse" else ("", None)
                out.append(Result(PART, f"profile opened, {way} on a country of the map", 100 * opened / attempts,
                                  "%", target, met, f"{opened} of {attempts}, five countries in turn"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
