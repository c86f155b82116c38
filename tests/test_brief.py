"""The Regional Information Brief as HTML and PDF: every headline figure and list, escaping, nothing loaded from
outside, rendering in Chromium with the network blocked, and the PDF's text."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gcmdash.cli import main
from gcmdash.ingest.loading import bundled, load_paths
from gcmdash.render import brief, map_text
from gcmdash.views import metrics
from tests.conftest import headers, valid_sheets, write_workbook

ARTIFACTS = Path(__file__).resolve().parent / "_artifacts" / "brief"
HOSTILE = "<script>alert(1)</script>"
# The facts file's lists, under the UN names the app uses ("Kyrgyzstan", "Türkiye").
NETWORKS = [
    "Albania",
    "Armenia",
    "Azerbaijan",
    "Belarus",
    "Georgia",
    "Kazakhstan",
    "Kyrgyzstan",
    "Republic of Moldova",
    "North Macedonia",
    "Serbia",
    "Tajikistan",
    "Turkmenistan",
    "Türkiye",
    "Uzbekistan",
    "Kosovo",
]
WORKSHOPS = [
    "Armenia",
    "Bosnia and Herzegovina",
    "Georgia",
    "Kazakhstan",
    "Kyrgyzstan",
    "Tajikistan",
    "Turkmenistan",
    "Ukraine",
    "Uzbekistan",
]
CHAMPIONS = ["Azerbaijan", "Canada", "Luxembourg", "Portugal", "Türkiye"]
#: The UNECE brief's headline figures (March 2024), as the brief shows them.
SHOWN = {
    "practices": "70",
    "practices_share_pct": "28.0%",
    "pledges": "93",
    "country_networks": "15",
    "champion_countries": "5",
    "voluntary_reports": "24",
    "unct_workshops": "9",
    "joint_programmes_funded": "4",
    "joint_programmes_pipeline": "6",
    "contributors": "15",
    "contributions_usd": "USD 56.3 million",
    "mobilised_pct": "39.5%",
    "steering_committee_members": "4",
}
#: Attributes that make a browser fetch something (an <a href> is only followed when clicked).
_FETCHING = {
    "src",
    "href",
    "xlink:href",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "background",
    "manifest",
    "ping",
    "longdesc",
    "codebase",
    "archive",
    "icon",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """What the tests read of a page: its tags, text, headline cards, links, and every reference to a resource."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.cards: dict[str, list[str]] = {}
        self.resources: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.links: list[str] = []
        self.styles: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self._in_style = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name == "href" and tag == "a":
                self.links.append(value)
            elif name in _FETCHING:
                self.resources.append((tag, name, value))
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"
        if tag not in _VOID:
            self._open.append((tag, values.get("data-metric")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        for _, metric in self._open:
            if metric:
                self.cards.setdefault(metric, []).append(data)

    def card(self, metric: str) -> str:
        return " ".join(" ".join(self.cards[metric]).split())

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


def _outside(url: str) -> bool:
    """True for anything a browser would fetch from elsewhere: any scheme but data:, or a network-path reference."""
    url = url.strip()
    return not (url.startswith("#") or url.lower().startswith("data:")) and bool(url)


@pytest.fixture(scope="module")
def data():
    return bundled().dataset


@pytest.fixture(scope="module")
def page_html(data) -> str:
    return brief.brief_html(data, "ECE", version_label=brief.version_label(data, 7))


@pytest.fixture(scope="module")
def page(page_html) -> Page:
    return Page(page_html)


def test_every_headline_figure_of_the_ece_summary_is_in_its_card_with_the_published_value(data, page):
    figures = metrics.summary(data, "ECE")
    assert [f.metric for f in figures] == list(SHOWN)
    for figure in figures:
        card = page.card(figure.metric)
        assert SHOWN[figure.metric] in card, (figure.metric, card)
        assert figure.label in card
        assert "Brief, 1 March 2024" in card and "the records agree" in card, card
    assert page.card("contributions_usd").count("over USD 56 million") == 1
    assert "close to 40.0%" in page.card("mobilised_pct")


def test_the_lists_name_every_network_workshop_and_champion_country(page):
    networks, workshops, champions = (
        page.card(m) for m in ("country_networks", "unct_workshops", "champion_countries")
    )
    for name in NETWORKS:
        assert name in networks, name
    for name in WORKSHOPS:
        assert name in workshops, name
    for name in CHAMPIONS:
        assert name in champions, name
    # The facts file: the brief names the networks and workshops, but the five champions are an inference.
    assert "Published" in networks and "Published" in workshops
    assert "Inferred" in champions and "Not named in the brief" in champions
    assert "Illustrative" in page.card("voluntary_reports")


def test_the_map_carries_the_briefs_disclaimer_in_its_caption(page_html):
    figure = re.search(r'<figure class="map-figure">.*?</figure>', page_html, re.S)
    assert figure and "<svg" in figure.group(0)
    caption = html.unescape(re.search(r"<figcaption>(.*?)</figcaption>", figure.group(0), re.S).group(1))
    assert map_text.DISCLAIMER in caption


def test_sections_follow_the_brief_with_notes_version_and_illustrative_notice(page, data):
    text = page.plain
    order = [
        "Headline figures",
        "Practices by GCM objective",
        "Implementers and scope",
        "Pledges by GCM objective",
        "Country Networks and UNCT workshops",
        "Migration Multi-Partner Trust Fund",
        "About the figures",
    ]
    positions = [text.index(title) for title in order]
    assert positions == sorted(positions)
    assert "most practices cover several GCM objectives" in text and "counts under each" in text
    assert "most often address objectives 2 (Minimize adverse drivers), 7 (Reduce vulnerabilities), 15" in text
    assert f"published version 7 · content {data.version}" in text
    assert "Illustrative data." in text
    assert "https://migrationnetwork.un.org/regional-information-brief-unece" in page.links
    # Charts from the pages' own builders, drawn inline, and the map with a symbol legend in words.
    assert page.tags.count("svg") >= 8 and "Practices per GCM objective" in text
    assert "Country UN Network on Migration (15)" in text and "UN Country Team (9)" in text


def test_nothing_is_loaded_from_outside(page, page_html):
    assert not [r for r in page.resources if _outside(r[2])], page.resources
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(page.tags)
    for css in page.styles:
        assert "@import" not in css
        assert all(not _outside(u.strip("'\"")) for u in re.findall(r"url\(([^)]*)\)", css)), css
    # Links are only to web pages a reader may open, never scripts.
    assert all(urlsplit(link).scheme in ("http", "https") for link in page.links), page.links
    # Several charts in one page: no two elements share an id (a chart must never clip with another's clip path).
    ids = re.findall(r'\sid="([^"]+)"', page_html)
    assert len(ids) == len(set(ids))


def test_spreadsheet_text_is_escaped(tmp_path):
    sheets = valid_sheets()
    sheets["Practices"][1][headers("practices").index("Title")] = HOSTILE
    sheets["Country activities"][1][headers("activities").index("Note")] = HOSTILE
    sheets["Joint programmes"][1][headers("programmes").index("Title")] = HOSTILE + ' "quoted"'
    result = load_paths([write_workbook(tmp_path / "hostile.xlsx", sheets)], complete=True)
    assert result.dataset is not None, result.issues
    page_html = brief.brief_html(result.dataset, "ECE", version_label=f'{HOSTILE} "v"')
    assert HOSTILE not in page_html
    assert page_html.count(html.escape(HOSTILE)) >= 4  # practice, note, programme, data version (x2)
    page = Page(page_html)
    assert "script" not in page.tags
    assert HOSTILE in page.plain  # shown as the characters it holds
    # A one-record region still makes a whole brief: the published 70 practices now differ from the 1 record.
    assert "⚠ Brief, 1 March 2024: 70 — differs from the records" in page.card("practices")


def _chromium():
    path = brief.chromium_path()
    if path is None:
        pytest.fail(
            "The brief's browser tests need Debian's Chromium: `make test` installs it (apt-get install chromium).",
            pytrace=False,
        )
    return path


def _render_offline(page_html: str, browser_path: str) -> tuple[list[str], list[str], list[float], bool, str]:
    """Open the brief in Chromium as if served from an address, every other request refused; screenshots."""
    from playwright.sync_api import sync_playwright

    document = "https://brief.invalid/"
    requests: list[str] = []
    failed: list[str] = []

    def handle(route):
        url = route.request.url
        requests.append(url)
        if url == document:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=page_html)
        elif url.startswith(("data:", "about:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=list(brief.CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 1400})
            context.route("**/*", handle)
            tab = context.new_page()
            tab.on("requestfailed", lambda r: failed.append(r.url))
            tab.goto(document, wait_until="load")
            tab.wait_for_load_state("networkidle")
            visible = tab.locator("h1#title").is_visible()
            # Every chart and the map, at the size they are drawn.
            sizes = tab.eval_on_selector_all(
                "figure.chart > svg, svg.map", "els => els.map(e => e.getBoundingClientRect().height)"
            )
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / "brief-screen-top.png"))
            tab.locator("#s4").screenshot(path=str(ARTIFACTS / "brief-screen-map.png"))
            return requests, failed, sizes, visible, tab.title()
        finally:
            browser.close()


def test_it_renders_in_chromium_with_every_request_blocked(page_html):
    # In a thread of its own: Playwright's sync API will not start where another session (tests/e2e) is running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        requests, failed, sizes, visible, title = pool.submit(_render_offline, page_html, _chromium()).result()
    assert requests == ["https://brief.invalid/"], requests  # the document itself, nothing else
    assert failed == []
    assert visible and title.startswith("Regional Information Brief — UNECE")
    assert len(sizes) >= 8 and min(sizes) > 20, sizes


def test_the_pdf_holds_the_headline_figures(page_html):
    _chromium()
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "The PDF test needs pdftotext: `make test` installs it (apt-get install poppler-utils).", pytrace=False
        )
    pdf = brief.brief_pdf(page_html)
    assert pdf.startswith(b"%PDF-")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "brief-ECE.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = " ".join(text.decode("utf-8").split())
    assert "Regional Information Brief" in text and "UNECE — Europe, Central Asia and North America" in text
    for metric, shown in SHOWN.items():
        assert re.search(rf"(?<![\w.]){re.escape(shown)}(?![\w.])", text), (metric, shown)
    for name in [*NETWORKS, *WORKSHOPS]:
        assert name in text, name
    assert "Country UN Network on Migration (15)" in text
    if shutil.which("pdftoppm"):  # the first pages as images, to look at
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-l",
                "3",
                str(ARTIFACTS / "brief-ECE.pdf"),
                str(ARTIFACTS / "brief-page"),
            ],
            check=True,
        )


def test_cli_writes_the_brief_of_the_current_published_version(tmp_path, capsys):
    out = tmp_path / "brief.html"
    # The tests' own throwaway store (tests/conftest.py), seeded with the bundled data on first use.
    assert main(["brief", "--region", "ECE", "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert "published version " in written and 'data-metric="unct_workshops"' in written
    assert str(out) in capsys.readouterr().out


def test_cli_exit_codes(tmp_path, workbook, capsys):
    sheets = valid_sheets()
    sheets["Practices"][1][2] = "2; 31"  # an objective that does not exist
    assert main(["brief", "--data", str(workbook(sheets)), "--out", str(tmp_path / "b.html")]) == 1
    assert main(["brief", "--data", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "b.html")]) == 2
    assert main(["brief", "--data", str(workbook(valid_sheets())), "--out", str(tmp_path / "no" / "b.html")]) == 2
    assert not (tmp_path / "b.html").exists()
    assert "objective_out_of_range" in capsys.readouterr().out


@pytest.mark.parametrize("region", ["ECE", "ECA", "ESCAP", "ESCWA", "ECLAC"])
def test_every_regions_brief_is_written_with_its_map(region, tmp_path):
    # Before: a region with no Country Network or workshop in the data (ECLAC in the bundled data) crashed the
    # brief (a map helper that no longer existed), in the CLI and behind the Overview's download.
    out = tmp_path / "brief.html"
    workbook = Path(__file__).resolve().parent.parent / "data" / "gcm-data.xlsx"
    assert main(["brief", "--region", region, "--out", str(out), "--data", str(workbook)]) == 0
    assert out.read_text("utf-8").count('<svg class="map"') == 1
