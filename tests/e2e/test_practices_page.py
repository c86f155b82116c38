"""The Practices page in the browser: clicking a bar filters the page (double-click clears); the CSV download."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from .support import assert_no_exception, open_page, wait_for_run

OBJECTIVE = "7. Reduce vulnerabilities"
RECORDS = re.compile(r"^\s*(\d+) records?\s*$")


def records_caption(page):
    """The caption above the practices table ('70 records'), not a stale one a rerun has yet to replace."""
    fresh = page.locator(
        '[data-testid="stElementContainer"]:not([data-stale="true"]) [data-testid="stCaptionContainer"]'
    )
    return fresh.filter(has_text=RECORDS)


def records_count(page) -> int:
    caption = records_caption(page)
    expect(caption).to_have_count(1)
    return int(RECORDS.match(caption.inner_text()).group(1))


def objective_bar(page, objective: str):
    """The bar of one objective in the objective chart (Vega-Lite draws SVG marks labelled for screen readers)."""
    chart = page.locator(".st-key-practice-objectives [data-testid='stVegaLiteChart']")
    expect(chart).to_be_visible()
    bar = chart.locator(f"g.mark-rect path[aria-label*='label: {objective};']")
    expect(bar).to_have_count(1)
    return chart, bar


def test_clicking_an_objective_bar_filters_the_table_and_double_click_clears(page, base_url):
    open_page(page, base_url + "/practices")
    chart, bar = objective_bar(page, OBJECTIVE)
    before = records_count(page)
    in_bar = int(re.search(r"Practices: (\d+)", bar.get_attribute("aria-label")).group(1))
    assert 0 < in_bar < before, "the test needs a bar holding some but not all practices"

    bar.scroll_into_view_if_needed()
    bar.click()  # a real mouse click at the bar's centre
    expect(records_caption(page)).to_have_text(re.compile(rf"^\s*{in_bar} records?\s*$"))
    wait_for_run(page)
    assert records_count(page) == in_bar < before
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text="practices shown")).to_contain_text(
        f"{in_bar} practices"
    )

    # Double-click inside the chart clears the selection (Vega-Lite's default clearing event).
    box = chart.locator("svg").first.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] - 10, box["y"] + 10)
    expect(records_caption(page)).to_have_text(re.compile(rf"^\s*{before} records?\s*$"))
    assert_no_exception(page)


def test_csv_download_holds_the_records_on_screen(page, base_url):
    open_page(page, base_url + "/practices?region=ECA")
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("ECA")
    shown = records_count(page)
    assert shown > 0

    button = page.get_by_role("button", name="Download CSV")
    with page.expect_download() as started:
        button.click()
    download = started.value
    assert download.suggested_filename.endswith(".csv")
    content = download.path().read_bytes()

    assert content.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark, so Excel reads accents right"
    text = content.decode("utf-8-sig")
    assert text.startswith("Practice ID,Title,GCM objectives,"), text[:200]
    rows = list(csv.reader(io.StringIO(text)))
    header, data = rows[0], [row for row in rows[1:] if row]
    assert len(data) == shown, f"{len(data)} rows in the CSV, {shown} records on screen"
    assert all(len(row) == len(header) for row in data)
    ids = [row[0] for row in data]
    assert len(set(ids)) == len(ids) and all(i.startswith("PR-") for i in ids)
    assert_no_exception(page)
