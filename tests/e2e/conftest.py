"""End-to-end fixtures: one real `streamlit run app.py` per session on loopback, driven by Debian's Chromium.

The server helper and the browser settings are those of scripts/screenshot.py (imported, not copied). A missing
browser is an error, never a skip: a browser suite that silently skips would hide breakage in CI.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .support import STEP_MS, VIEWPORT, chromium_path, shots, wait_healthy

# Playwright's expect() gives up after 5 s by default: on a busy 2-core machine a chart can take longer to appear
# after its script run, which made assertions fail now and then. Conditions are still waited for, never slept on.
expect.set_options(timeout=STEP_MS)


@pytest.fixture(scope="session")
def base_url():
    """The address of one Streamlit server for the whole session, stopped at the end."""
    with shots.streamlit_server(shots.free_port()) as base:
        wait_healthy(base)
        yield base


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=shots.CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_context(browser):
    """A factory of fresh browser contexts (each one is another person: no cookies, no session); closed after."""
    made = []

    def make(**options):
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, **options)
        context.set_default_timeout(STEP_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
