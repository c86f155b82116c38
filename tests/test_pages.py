"""AppTest: every page renders with the bundled data, for every region and with filters that match nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gcmdash.model import regions

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def _open(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """Open a page as a link would: one run, the page named before it, filters in the query string.

    With a pages/ folder AppTest runs a named page without app.py (as a fresh server does for a deep link), so
    this also checks that every page draws the shared sidebar itself. Switching pages with filters kept is
    checked in the browser (tests/e2e), where app.py runs on every page.
    """
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    if page != "pages/overview.py":
        app.switch_page(page)
    return app.run()


@pytest.mark.parametrize("region", [*regions.REGIONS, "All"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_for_every_region(page, region):
    app = _open(page, {"region": region})
    assert not app.exception, app.exception
    assert app.title, "every page has a title"


# Pages whose records the filters narrow (Overview shows the whole region; the rest are not about records).
FILTERED = ["pages/practices.py", "pages/pledges.py", "pages/funding.py", "pages/map.py"]


@pytest.mark.parametrize("page", FILTERED)
def test_filters_matching_nothing_say_so(page):
    app = _open(page, {"region": "ECE", "countries": "Kazakhstan", "scope": "Global", "years": ["2018", "2018"]})
    assert not app.exception, app.exception
    assert any("match the filters" in i.value for i in app.info)


def test_country_profile_opens_from_the_url():
    app = _open("pages/country.py", {"country": "Georgia"})
    assert not app.exception
    assert app.title[0].value == "Georgia"
    assert {m.label: m.value for m in app.metric}["Country UN Network"] == "✔ Yes"


def test_every_page_draws_the_shared_filters():
    for page in PAGES:
        app = _open(page, {"region": "ECA", "objectives": "2. Minimize adverse drivers"})
        assert app.sidebar.selectbox(key="region").value == "ECA", page
        assert app.sidebar.multiselect(key="objectives").value == [2], page


def test_unknown_link_values_are_ignored_quietly():
    app = _open("pages/overview.py", {"region": "Atlantis", "countries": ["Narnia", "Georgia"]})
    assert not app.exception
    assert app.sidebar.selectbox(key="region").value == "ECE"
    assert any("not recognised" in t.value for t in app.toast)
