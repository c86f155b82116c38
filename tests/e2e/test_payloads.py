"""Spreadsheet text is data, never markup: every page and slide, on data with a Markdown/HTML payload in every
free-text and link cell (tests/payloads.py), shows the payloads as text and none takes effect.

Before: a Brief figures Source such as ``https://x.example/)![b](http://attacker/b.png)`` closed the figure card's
link early, so every viewer's browser fetched the attacker's image and saw an extra link.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.payloads import ATTACKER, TEXT, WORKBOOK, poisoned_workbook

from .support import open_page, shots, wait_for_run, wait_healthy
from .test_accessibility import PAGES, SLIDES, wait_drawn

#: What a payload would have made, had it been rendered: elements fetching from or linking to the attacker, script
#: URLs, inline handlers, Streamlit's directives and Markdown structure. Evaluated in the page; returns findings.
_EFFECTS = """(attacker) => {
  const found = [];
  const host = (url) => { try { return new URL(url, location.href).hostname; } catch (e) { return ''; } };
  for (const el of document.querySelectorAll('img, iframe, script, link, source, video, audio, object, embed, image')) {
    const url = el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('data') || '';
    if (host(url) === attacker) found.push(`${el.tagName} ${url}`);
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (host(href) === attacker || /^\\s*(javascript|data|vbscript):/i.test(href)) found.push(`A ${href}`);
  }
  for (const el of document.querySelectorAll('[onerror], [onmouseover], [onload], [onclick]'))
    found.push(`handler on ${el.tagName}`);
  for (const el of document.querySelectorAll('span, mark, strong, em, del, h1, h2, blockquote, td, th, a'))
    if (['ALARM', 'paybold', 'payem', 'paygone', 'Heading payload', 'payquoted', 'pay-a', 'pay-1', 'texlink',
         'Sign in again', 'data link', 'html link'].includes(el.textContent.trim())
        && el.closest('[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]'))
      found.push(`rendered ${el.tagName} "${el.textContent.trim()}"`);
  if (document.querySelector('[data-testid="stMarkdownContainer"] .katex')) found.push('LaTeX rendered');
  if (document.title === 'pwned') found.push('script ran: document.title');
  if (getComputedStyle(document.body).display === 'none') found.push('a style payload hid the page');
  return found;
}"""


@pytest.fixture(scope="module")
def poisoned_server(tmp_path_factory) -> Iterator[str]:
    """A server whose bundled data holds the payloads, with a store of its own."""
    folder = tmp_path_factory.mktemp("payloads")
    (folder / "data").mkdir()
    (folder / "data" / WORKBOOK.name).write_bytes(poisoned_workbook())
    env = {"GCMDASH_DATA_DIR": str(folder / "data"), "GCMDASH_STORE_DIR": str(folder / "store")}
    with shots.streamlit_server(shots.free_port(), env=env) as base:
        wait_healthy(base)
        yield base


@pytest.fixture(scope="module")
def watched(browser) -> Iterator:
    """One page, every request to the attacker recorded and refused, every dialog recorded and dismissed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.attempts, page.dialogs = [], []
    page.route(f"**/*{ATTACKER}*/**", lambda route: (page.attempts.append(route.request.url), route.abort()))
    page.on("request", lambda r: ATTACKER in r.url.split("?")[0] and page.attempts.append(r.url))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def _visit(page, url: str, presenting: bool = False) -> None:
    """Open url with the records of the last visit cleared, so that a finding is this page's."""
    page.attempts.clear()
    page.dialogs.clear()
    open_page(page, url)
    wait_drawn(page, presenting)


def _check(page, where: str) -> str:
    """Fail on any effect of a payload; the page's text, for the check that payloads are shown."""
    effects = page.evaluate(_EFFECTS, ATTACKER)
    assert not effects, f"payloads took effect on {where}: {effects}"
    assert not page.attempts, f"requests to the attacker from {where}: {page.attempts}"
    assert not page.dialogs, f"dialogs opened on {where}: {page.dialogs}"
    return page.locator("body").text_content() or ""


@pytest.mark.parametrize(("name", "path"), PAGES + SLIDES, ids=[t[0] for t in PAGES + SLIDES])
def test_payloads_are_text_on_every_page_and_slide(watched, poisoned_server, name, path):
    _visit(watched, poisoned_server + path, "present=1" in path)
    _check(watched, name)


def test_payloads_are_shown_as_written_where_text_is_shown(watched, poisoned_server):
    shown = ""
    for path in ("/practices", "/pledges", "/funding", "/country?country=Georgia", "/"):
        _visit(watched, poisoned_server + path)
        shown += _check(watched, path)
    literal = [p for p in TEXT if p.split("\n")[0] in shown]
    assert len(literal) >= 3, f"too few payloads shown literally (as text): {literal}"


def test_payloads_in_the_upload_diff_and_report_stay_text(watched, poisoned_server):
    # The clean workbook against the poisoned published data: the diff shows each poisoned old value as text.
    _visit(watched, poisoned_server + "/data")
    watched.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "gcm-data.xlsx", "mimeType": "application/octet-stream", "buffer": WORKBOOK.read_bytes()}]
    )
    wait_for_run(watched, 90_000)
    expect(watched.get_by_text("What would change")).to_be_visible()
    watched.get_by_text("Records added, removed and changed").click()
    wait_for_run(watched)
    _check(watched, "the data page's diff")
