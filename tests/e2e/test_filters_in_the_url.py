"""The shared sidebar filters live in the address: across pages, after a reload, for someone else; reset; bad links."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .support import (
    assert_no_exception,
    chips,
    choose,
    go_to,
    open_page,
    query,
    wait_for_query,
    wait_for_run,
    widget_value,
)

REGION = "ECA"
OBJECTIVE = "7. Reduce vulnerabilities"
IMPLEMENTER = "Civil society"


def headline(page, noun: str) -> int:
    """The page's headline count from its caption, e.g. '**17 practices** shown' or '**1 pledge** shown'."""
    said = rf"([\d,]+) {noun}s? shown"  # noun singular: the caption says "1 pledge"
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text=re.compile(said))
    expect(caption).to_have_count(1)
    return int(re.search(said, caption.inner_text()).group(1).replace(",", ""))


def assert_filters_shown(page) -> None:
    """The sidebar widgets and the address both hold the region and objective chosen."""
    expect(page.locator(".st-key-region input")).to_have_value(REGION)
    expect(page.locator(".st-key-objectives [data-tag]")).to_have_attribute("aria-label", OBJECTIVE)
    wait_for_query(page, {"region": [REGION], "objectives": [OBJECTIVE]})


def test_filters_chosen_by_clicking_travel_in_the_url(new_context, base_url):
    page = new_context().new_page()
    open_page(page, base_url + "/practices")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    unfiltered = headline(page, "practice")
    assert not {"region", "objectives"} & set(query(page)), "a fresh visit starts without filters in the address"

    choose(page, "region", REGION)
    wait_for_query(page, {"region": [REGION]})
    choose(page, "objectives", OBJECTIVE)
    wait_for_query(page, {"region": [REGION], "objectives": [OBJECTIVE]})
    assert_filters_shown(page)
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Practices — ECA — Africa")
    practices = headline(page, "practice")
    assert 0 < practices < unfiltered, "ECA and one objective keep fewer practices than all of ECE"

    # Another page, through the top navigation: same widgets, same address.
    go_to(page, "Pledges")
    expect(page).to_have_url(re.compile(r"/pledges\?"))
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Pledges — ECA — Africa")
    assert_filters_shown(page)
    pledges = headline(page, "pledge")

    # A reload starts a new session from the address alone.
    page.reload()
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Pledges — ECA — Africa", timeout=60_000)
    wait_for_run(page)
    assert_filters_shown(page)
    assert headline(page, "pledge") == pledges

    go_to(page, "Practices")
    expect(page).to_have_url(re.compile(r"/practices\?"))
    assert_filters_shown(page)
    assert headline(page, "practice") == practices
    link = page.url  # assert_filters_shown waited for the address to hold the filters

    # The copied link, opened by someone else (a fresh context: no session, no cookies).
    other = new_context().new_page()
    open_page(other, link)
    assert_filters_shown(other)
    expect(other.locator('[data-testid="stMain"] h1')).to_contain_text("Practices — ECA — Africa")
    assert headline(other, "practice") == practices
    assert_no_exception(page)
    assert_no_exception(other)


def test_unknown_link_values_fall_back_quietly(page, base_url):
    open_page(page, base_url + "/?region=Atlantis&countries=Narnia")
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    assert_no_exception(page)
    assert widget_value(page, "region") == "ECE"
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("UNECE")
    assert chips(page, "countries") == []
    toast = page.get_by_test_id("stToast")
    expect(toast).to_contain_text("not recognised")
    expect(toast).to_contain_text("region=Atlantis")
    expect(toast).to_contain_text("countries=Narnia")
    # Quiet: a toast, not an error or warning box on the page.
    assert page.locator('[data-testid="stMain"] [data-testid="stAlertContentWarning"]').count() == 0


def test_reset_filters_restores_the_defaults_and_clears_the_address(page, base_url):
    open_page(page, base_url + "/practices")
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    unfiltered = headline(page, "practice")
    choose(page, "region", REGION)
    choose(page, "objectives", OBJECTIVE)
    choose(page, "implementers", IMPLEMENTER)
    wait_for_query(page, {"region": [REGION], "objectives": [OBJECTIVE], "implementers": [IMPLEMENTER]})
    assert headline(page, "practice") < unfiltered

    page.get_by_role("button", name="Reset filters").click()
    wait_for_run(page)
    expect(page.locator(".st-key-region input")).to_have_value("ECE")
    expect(page.locator(".st-key-objectives [data-tag]")).to_have_count(0)
    expect(page.locator(".st-key-implementers [data-tag]")).to_have_count(0)
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Practices — UNECE")
    assert headline(page, "practice") == unfiltered
    wait_for_query(page, absent=("region", "subregion", "countries", "objectives", "implementers", "scope", "years"))

    # And the reset survives a reload (the address no longer brings the filters back).
    page.reload()
    expect(page.locator('[data-testid="stMain"] h1')).to_contain_text("Practices — UNECE", timeout=60_000)
    wait_for_run(page)
    expect(page.locator(".st-key-objectives [data-tag]")).to_have_count(0)
    assert_no_exception(page)
