"""First impressions in the browser: a fresh server's first load never shows Streamlit's list of page files, and a
bar click's cross-filter travels in the address (a shared link opens the same filtered page, bars highlighted)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .support import (
    FIRST_LOAD_MS,
    ROOT,
    assert_no_exception,
    open_page,
    shots,
    wait_for_query,
    wait_for_run,
    wait_healthy,
)

#: The names Streamlit's pages/-folder mode would list: the page files' stems, app.py included.
PAGE_FILES = sorted({"app", *(p.stem for p in (ROOT / "pages").glob("*.py"))})

# Records every text a sidebar page link ever shows, from the first byte of the page on.
WATCH_SIDEBAR_NAV = """
window.__sidebarNavTexts = [];
new MutationObserver(() => {
    for (const link of document.querySelectorAll('[data-testid="stSidebarNav"] a, [data-testid="stSidebarNavLink"]')) {
        const text = link.textContent.trim();
        if (text && !window.__sidebarNavTexts.includes(text)) window.__sidebarNavTexts.push(text);
    }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def test_a_fresh_server_never_shows_the_list_of_page_files(new_context):
    # Its own server: the raw list shows only on the first request a server ever gets.
    with shots.streamlit_server(shots.free_port()) as base:
        wait_healthy(base)
        context = new_context()
        context.add_init_script(WATCH_SIDEBAR_NAV)
        page = context.new_page()
        page.goto(base + "/")
        expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("GCM implementation", timeout=FIRST_LOAD_MS)
        wait_for_run(page)
        # The app's own top navigation is there (hiding Streamlit's sidebar list must not hide it).
        expect(page.get_by_test_id("stTopNav").get_by_text("Explore", exact=True)).to_be_visible()
        seen = page.evaluate("window.__sidebarNavTexts")
        raw = sorted(set(seen) & set(PAGE_FILES))
        assert not raw, f"the sidebar listed page files {raw} during the first load (all seen: {seen})"
        assert_no_exception(page)


OBJECTIVE = "7. Reduce vulnerabilities"


def _objective_bars(page):
    chart = page.locator(".st-key-practice-objectives [data-testid='stVegaLiteChart']")
    expect(chart).to_be_visible()
    bars = chart.locator("g.mark-rect path")
    expect(bars).to_have_count(23)
    return chart, bars


def _records(page) -> int:
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text=re.compile(r"[\d,]+ practices shown"))
    expect(caption).to_have_count(1)
    return int(re.search(r"([\d,]+) practices shown", caption.inner_text()).group(1).replace(",", ""))


def _dimmed(bars) -> list[str]:
    """The aria-labels of the bars drawn faded (not among those clicked)."""
    return [
        b.get_attribute("aria-label")
        for b in bars.all()
        if float(b.evaluate("e => getComputedStyle(e).opacity || e.getAttribute('opacity') || 1")) < 0.9
    ]


def test_a_bar_click_is_kept_in_the_address_and_a_shared_link_reproduces_it(new_context, base_url):
    page = new_context().new_page()
    open_page(page, base_url + "/practices?region=ECE")
    chart, bars = _objective_bars(page)
    everything = _records(page)
    bar = chart.locator(f"g.mark-rect path[aria-label*='label: {OBJECTIVE};']")
    in_bar = int(re.search(r"Practices: (\d+)", bar.get_attribute("aria-label")).group(1))
    assert 0 < in_bar < everything, "the test needs a bar holding some but not all practices"

    bar.scroll_into_view_if_needed()
    bar.click()
    wait_for_query(page, {"pick_objective": ["7"]})
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="practices shown")).to_contain_text(
        f"{in_bar} practices"
    )
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="Filters:")).to_contain_text("objective 7")
    link = page.url

    # Someone else opens the link: the same filtered page, the same bar highlighted and the others faded.
    other = new_context().new_page()
    open_page(other, link)
    _, their_bars = _objective_bars(other)
    assert _records(other) == in_bar
    faded = _dimmed(their_bars)
    assert len(faded) == 22 and not any(f"label: {OBJECTIVE};" in label for label in faded), faded
    expect(other.get_by_test_id("stCaptionContainer").filter(has_text="Filters:")).to_contain_text("objective 7")
    assert_no_exception(other)

    # Double-clicking the chart clears the click, from the page and from the address.
    box = chart.locator("svg").first.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] - 10, box["y"] + 10)
    wait_for_query(page, absent=("pick_objective",))
    wait_for_run(page)
    assert _records(page) == everything
    assert_no_exception(page)


def test_a_link_naming_an_implementer_click_filters_and_unknown_clicks_are_ignored(page, base_url):
    open_page(page, base_url + "/practices?region=ECE&pick_implementer=Civil+society&pick_objective=99")
    toast = page.get_by_test_id("stToast")
    expect(toast).to_contain_text("not recognised")
    expect(toast).to_contain_text("pick_objective=99")
    wait_for_query(page, {"pick_implementer": ["Civil society"]}, absent=("pick_objective",))
    chart = page.locator(".st-key-practice-implementers [data-testid='stVegaLiteChart']")
    bars = chart.locator("g.mark-rect path")
    expect(bars.first).to_be_attached()
    faded = _dimmed(bars)
    assert len(faded) == bars.count() - 1 and not any("Civil society" in label for label in faded), faded
    assert_no_exception(page)


# Every headline card's title and value element whose text is wider than its box (Streamlit ends such text in "…").
CUT_OFF_CARDS = """() => [...document.querySelectorAll(
        '[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, '
        + '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis'
                 && e.scrollWidth > e.clientWidth)
    .map(e => e.textContent.trim())"""


def test_no_headline_card_cuts_its_title_or_value_off(new_context, base_url):
    for width, height in ((1280, 720), (1400, 1000), (1920, 1080)):
        page = new_context().new_page()
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, base_url + "/?region=ECE")
        expect(page.get_by_test_id("stMetric").nth(12)).to_be_visible()
        wait_for_run(page)
        assert page.evaluate(CUT_OFF_CARDS) == [], f"cut off at {width}×{height}"
        page.close()
