"""Helpers of the browser tests: the app's server (from scripts/screenshot.py), waiting, reading widgets."""

from __future__ import annotations

import importlib.util
import io
import shutil
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "_artifacts" / "e2e"
VIEWPORT = {"width": 1440, "height": 1000}
#: The first load after the server starts can take a while (data loading, cold caches).
FIRST_LOAD_MS = 90_000
STEP_MS = 30_000
MAP_CANVAS = '[data-testid="stDeckGlJsonChart"] canvas'


def _screenshot_module():
    spec = importlib.util.spec_from_file_location("gcmdash_screenshot_script", ROOT / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shots = _screenshot_module()


def chromium_path() -> str:
    """Debian's Chromium, or a clear failure saying how to get it."""
    found = shots.CHROMIUM if Path(shots.CHROMIUM).exists() else shutil.which("chromium")
    if not found:
        pytest.fail(
            f"The browser tests need Debian's Chromium at {shots.CHROMIUM} and it is missing. "
            "`make test` installs it (apt-get install chromium); or install it yourself. "
            "These tests fail rather than skip, so that CI cannot pass without running them.",
            pytrace=False,
        )
    return found


def wait_healthy(base: str, timeout_s: float = 90) -> None:
    """Wait until the server answers its health check, or fail saying so."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never goes through a proxy
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        try:
            with direct.open(base + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError as error:  # not listening yet
            last = error
        time.sleep(0.3)
    pytest.fail(f"`streamlit run app.py` did not answer on {base} within {timeout_s:.0f} s ({last})", pytrace=False)


def wait_for_run(page, timeout_ms: int = STEP_MS) -> None:
    """Wait until Streamlit has finished running the script and no element is stale (greyed out).

    Elements can still appear for a moment after that: wait for the element itself too (expect(...)).
    """
    page.wait_for_timeout(150)  # settle: let a rerun triggered by the last action start
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.dataset.testScriptState === 'notRunning'
                && app.dataset.testConnectionState === 'CONNECTED'
                && !document.querySelector('[data-stale="true"]');
        }""",
        timeout=timeout_ms,
    )


def open_page(page, url: str, ready: str = '[data-testid="stMain"] h1') -> None:
    """Go to url and wait for the page's content (not a fixed time: the first load can be blank for a while).

    Fails if the page shows an exception box.
    """
    page.goto(url)
    # An exception box instead of the content ends the wait at once (and fails below with its message).
    page.wait_for_selector(f'{ready}, [data-testid="stException"]', timeout=FIRST_LOAD_MS)
    wait_for_run(page, FIRST_LOAD_MS)
    assert_no_exception(page)


def query(page) -> dict[str, list[str]]:
    """The address bar's query string, parsed (as it is now: after an action, use wait_for_query)."""
    return parse_qs(urlsplit(page.url).query)


def wait_for_query(
    page, wanted: dict[str, list[str]] | None = None, absent: tuple[str, ...] = (), timeout_ms: int = STEP_MS
) -> dict[str, list[str]]:
    """Wait until the address holds these values (each key exactly these, in order) and none of the absent keys.

    Streamlit writes the address after the run that changed it, a moment after the page shows the change: reading
    page.url at once races with it. Returns the query string then, parsed.
    """
    wanted = wanted or {}
    try:
        page.wait_for_function(
            """([wanted, absent]) => {
                const held = new URLSearchParams(location.search);
                return Object.entries(wanted).every(([k, v]) => JSON.stringify(held.getAll(k)) === JSON.stringify(v))
                    && absent.every(k => !held.has(k));
            }""",
            arg=[wanted, list(absent)],
            timeout=timeout_ms,
        )
    except Exception as error:  # say what was wanted and what the address held
        raise AssertionError(f"the address never held {wanted} without {list(absent)}: {page.url}") from error
    return query(page)


def assert_no_exception(page) -> None:
    """No Streamlit exception box and no error box on the page."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, f"Streamlit exception on {page.url}: {boxes.first.inner_text()[:500]}"
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, f"error box on {page.url}: {errors.first.inner_text()[:500]}"


def screenshot(page, name: str) -> Path:
    """The viewport (1440×1000) as tests/_artifacts/e2e/NAME.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target))
    return target


def choose(page, key: str, option: str) -> None:
    """Pick an option of the selectbox or multiselect whose key is `key`, by clicking, as a person would."""
    page.locator(f".st-key-{key} input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")  # a multiselect's list stays open after a pick
    wait_for_run(page)


def widget_value(page, key: str) -> str:
    """A selectbox's shown value."""
    return page.locator(f".st-key-{key} input").input_value()


def chips(page, key: str) -> list[str]:
    """The options shown as chosen in a multiselect."""
    return [tag.get_attribute("aria-label") for tag in page.locator(f".st-key-{key} [data-tag]").all()]


def go_to(page, title: str) -> None:
    """Switch page with the top navigation (its sections are menus), as a person would."""
    nav = page.get_by_test_id("stTopNav")
    direct = nav.get_by_role("link", name=title, exact=True)
    if direct.count():
        direct.click()
    else:
        for section in nav.get_by_test_id("stTopNavSection").all():
            section.click()
            menu = page.get_by_role("menu")
            menu.wait_for()
            link = menu.get_by_role("menuitem", name=title, exact=True)
            if link.count():
                link.click()
                break
            page.keyboard.press("Escape")
            menu.wait_for(state="detached")
        else:
            raise AssertionError(f"no page titled {title!r} in the top navigation")
    wait_for_run(page)


def colours(png: bytes) -> int:
    """How many distinct colours an image holds."""
    return len(Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 24))


def painted_map(page, timeout_s: float = 20):
    """The page's first deck.gl map canvas, once drawn: more than 8 colours (shaded countries and markers).

    WebGL draws a moment after the canvas appears, and its pixels cannot be watched from the page's script, so the
    condition is polled from screenshots.
    """
    canvas = page.locator(MAP_CANVAS).first
    expect(canvas).to_be_visible(timeout=60_000)
    deadline = time.monotonic() + timeout_s
    while (shown := colours(canvas.screenshot())) <= 8:
        assert time.monotonic() < deadline, f"the map canvas looks empty ({shown} colours)"
        page.wait_for_timeout(250)
    return canvas
