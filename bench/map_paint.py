"""Part 7 — map paint: on a warm server, from navigation to the map painted in Chromium, beside an empty page.

One server per script, started and warmed before the clock (the data loaded, the first session served), so this
is what a reader waits for once the dashboard is up, not the cold start (part 5 measures that):

* empty page: a new tab's navigation to a one-line Streamlit script (st.title) until its h1 is visible;
* map, new tab: navigation to /map?region=… until the deck.gl canvas shows more than 8 colours (WebGL draws a
  moment after the element appears; an empty canvas has one or two);
* map, from the Overview: a reader on the Overview chooses "Map" in the top navigation's Explore menu (same
  session, the app's own page switch) until the map is painted.

Each is the median of `repeat` visits per region (ECE, the largest fitted view, and All). Target: the map ≤ 3 × the
empty page (a map is a page plus deck.gl's WebGL start and about 0.2 MB of shapes).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.browser import EMPTY_APP, H1, PAGE_TIMEOUT_MS, ROOT, chromium, map_painted, server, wait_healthy
from bench.common import Result

PART = "7 map paint"


def _new_tab(browser, url: str, painted: bool) -> float:
    """Seconds from a new tab's navigation to `url` until its h1 (or, if `painted`, its map) is shown."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        started = time.perf_counter()
        page.goto(url, timeout=PAGE_TIMEOUT_MS)
        if painted:
            map_painted(page)
        else:
            page.locator(H1).first.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        return time.perf_counter() - started
    finally:
        page.close()


def _from_overview(browser, base: str, region: str) -> float:
    """Seconds from pressing "Map" in the Overview's top navigation until the map is painted."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        page.goto(f"{base}/?region={region}", timeout=PAGE_TIMEOUT_MS)
        page.get_by_test_id("stMetric").first.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        # "Map" sits in the "Explore" menu of the top navigation: open it, then time from the click on "Map".
        page.get_by_test_id("stTopNav").get_by_test_id("stTopNavSection").filter(has_text="Explore").click()
        link = page.get_by_role("menu").get_by_role("menuitem", name="Map", exact=True)
        link.wait_for(timeout=PAGE_TIMEOUT_MS)
        started = time.perf_counter()
        link.click()
        map_painted(page)
        return time.perf_counter() - started
    finally:
        page.close()


def run(repeat: int = 5) -> list[Result]:
    """The medians, as Results: the empty page first, then each way to the map with its ratio to the empty page."""
    scratch = Path(tempfile.mkdtemp(prefix="gcmdash-bench-"))
    empty_script = scratch / "empty_app.py"
    empty_script.write_text(EMPTY_APP)
    env = {"GCMDASH_DATA_DIR": str(ROOT / "data"), "GCMDASH_STORE_DIR": str(scratch / "store")}
    out: list[Result] = []
    try:
        with chromium() as browser:
            with server(empty_script) as (base, _process, _started):
                wait_healthy(base)
                _new_tab(browser, base, painted=False)  # warm: the first session imports Streamlit's page code
                empty = statistics.median(_new_tab(browser, base, painted=False) for _ in range(repeat))
            out.append(
                Result(
                    PART,
                    "empty Streamlit page, new tab: h1 visible",
                    empty,
                    "s",
                    note=f"median of {repeat}, warm server",
                )
            )
            with server(ROOT / "app.py", env) as (base, _process, _started):
                wait_healthy(base)
                _new_tab(browser, f"{base}/map", painted=True)  # warm: data loaded, shapes read, memo filled
                for region in ("ECE", "All"):
                    tab = statistics.median(
                        _new_tab(browser, f"{base}/map?region={region}", painted=True) for _ in range(repeat)
                    )
                    out.append(
                        Result(
                            PART,
                            f"map painted, new tab on /map?region={region}",
                            tab,
                            "s",
                            "≤ 3× empty",
                            tab <= 3 * empty,
                            f"{tab / empty:.1f}× empty; median of {repeat}",
                        )
                    )
                    moved = statistics.median(_from_overview(browser, base, region) for _ in range(repeat))
                    out.append(
                        Result(
                            PART,
                            f"map painted, Overview → Map in the top navigation ({region})",
                            moved,
                            "s",
                            "≤ 3× empty",
                            moved <= 3 * empty,
                            f"{moved / empty:.1f}× empty; median of {repeat}",
                        )
                    )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
