"""Part 5 — cold start: from `streamlit run` to content visible in Chromium, against an empty Streamlit page.

Every measurement starts a fresh server (clock started just before the process is spawned) with a throwaway
store folder (GCMDASH_STORE_DIR), so the store is created and seeded from GCMDASH_DATA_DIR exactly as on a
first deployment; "existing store" restarts a server on a store seeded by an earlier run (a replica restart).
The browser is launched before the clock starts and opens the page as soon as the health check answers.

* empty: a one-line Streamlit script (st.title), time to its h1;
* one small chart: a Streamlit script that imports what any chart page needs (pandas, Altair; pydeck for the map)
  and draws one two-bar Altair chart: the floor a dashboard built on these libraries starts from;
* first chart: /practices, time to the first Altair chart's canvas;
* map painted: /map, time to the deck.gl canvas showing more than 8 colours.

Target: gcmdash's times ≤ 1.5 × the empty page's.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.browser import EMPTY_APP, MAP, ROOT, chromium, server, wait_healthy, wait_painted
from bench.common import Result

PART = "5 cold start"
FLOOR_APP = """import altair as alt
import pandas as pd
import pydeck  # noqa: F401 - the map's library: gcmdash imports it too
import streamlit as st

st.altair_chart(alt.Chart(pd.DataFrame({"x": ["a", "b"], "n": [1, 2]})).mark_bar().encode(x="n:Q", y="x:N"))
"""
CHART = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'


def _visit(browser, script, env, path: str, what: str) -> float:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    try:
        with server(script, env) as (base, _process, started):
            wait_healthy(base)
            page.goto(base + path, timeout=180_000)
            if what == "h1":
                page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible", timeout=180_000)
            elif what == "chart":
                page.locator(CHART).first.wait_for(state="visible", timeout=180_000)
            else:
                canvas = page.locator(MAP).first
                canvas.wait_for(state="visible", timeout=180_000)
                wait_painted(canvas)
            return time.perf_counter() - started
    finally:
        page.close()


def run(repeat: int = 1) -> list[Result]:
    empty_script = Path(tempfile.mkdtemp(prefix="gcmdash-bench-")) / "empty_app.py"
    empty_script.write_text(EMPTY_APP)
    floor_script = empty_script.parent / "one_chart_app.py"
    floor_script.write_text(FLOOR_APP)
    data_dirs = {"bundled": str(ROOT / "data"), "large": str(generate.data_dir("large"))}
    out: list[Result] = []
    stores: list[str] = []

    def env(scale: str, store: str | None = None) -> dict[str, str]:
        if store is None:
            store = tempfile.mkdtemp(prefix="gcmdash-bench-store-")
            stores.append(store)
        return {"GCMDASH_DATA_DIR": data_dirs[scale], "GCMDASH_STORE_DIR": store}

    try:
        with chromium() as browser:
            empty = statistics.median(_visit(browser, empty_script, {}, "/", "h1") for _ in range(max(repeat, 3)))
            out.append(Result(PART, "empty Streamlit page: h1 visible", empty, "s", note="median of 3 cold starts"))
            floor = statistics.median(_visit(browser, floor_script, {}, "/", "chart") for _ in range(max(repeat, 3)))
            out.append(
                Result(
                    PART,
                    "one small Altair chart (pandas, Altair, pydeck imported): chart visible",
                    floor,
                    "s",
                    note=f"{floor / empty:.1f}× empty; median of 3 cold starts",
                )
            )
            for scale in ("bundled", "large"):
                chart = statistics.median(
                    _visit(browser, ROOT / "app.py", env(scale), "/practices", "chart") for _ in range(repeat)
                )
                out.append(
                    Result(
                        PART,
                        f"{scale}, new store: first chart (/practices)",
                        chart,
                        "s",
                        "≤ 1.5× empty",
                        chart <= 1.5 * empty,
                        f"{chart / empty:.1f}× empty, {chart / floor:.1f}× one small chart",
                    )
                )
                map_s = statistics.median(
                    _visit(browser, ROOT / "app.py", env(scale), "/map", "map") for _ in range(repeat)
                )
                out.append(
                    Result(
                        PART,
                        f"{scale}, new store: map painted (/map)",
                        map_s,
                        "s",
                        "≤ 1.5× empty",
                        map_s <= 1.5 * empty,
                        f"{map_s / empty:.1f}× empty",
                    )
                )
                seeded = stores[-1]
                again = statistics.median(
                    _visit(browser, ROOT / "app.py", env(scale, seeded), "/practices", "chart") for _ in range(repeat)
                )
                out.append(
                    Result(
                        PART,
                        f"{scale}, existing store: first chart (/practices)",
                        again,
                        "s",
                        "≤ 1.5× empty",
                        again <= 1.5 * empty,
                        f"{again / empty:.1f}× empty, {again / floor:.1f}× one small chart",
                    )
                )
    finally:
        for store in stores:
            shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(empty_script.parent, ignore_errors=True)
    return out


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
