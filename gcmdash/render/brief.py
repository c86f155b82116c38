"""The Regional Information Brief of a region as one self-contained HTML file, and as a PDF (pure, no Streamlit).

The HTML imitates the UN Network on Migration's Regional Information Briefs, section by section, with every
figure computed from the records and set beside the figure the brief published (date and source link).

The content of each section is computed by its module (``brief_figures``, ``brief_practices``, ``brief_networks``,
``brief_fund``); the Jinja2 templates in ``templates/brief/`` lay it out, escaping every text from the data.

Self-contained and offline: CSS (``templates/brief/brief.css``) is inlined, charts are inline SVG drawn locally by
vl-convert from the same chart builders as the pages (``gcmdash.render.charts``), the map is an inline SVG drawn from
the bundled country shapes (``brief_map``), and fonts are the reader's system fonts. No element loads anything: the
only outside addresses are ``<a href>`` links to sources, which a reader may follow but the page never fetches.

The PDF is the same HTML printed by headless Chromium (Playwright), with every network request refused.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from markupsafe import Markup

from gcmdash import formatting
from gcmdash.model import regions
from gcmdash.model.dataset import Dataset
from gcmdash.render import brief_figures, brief_fund, brief_networks, brief_practices, brief_sections, templating
from gcmdash.views import metrics

#: Chromium's switches for a machine that must not reach outside hosts: the PDF, the screenshots, the benchmarks.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here: no Chromium, or Playwright is not installed."""


@dataclass(frozen=True)
class Section:
    """A section of the brief: its title, the template that lays out its figures (None for words alone) and the
    content that template reads, and the words of the Brief sections data printed with it."""

    title: str
    template: str | None
    content: object
    texts: tuple[brief_sections.Text, ...] = ()


def version_label(data: Dataset, number: int | None = None, published_at: dt.datetime | None = None) -> str:
    """How the brief names its data: the published version (when known), the content id and the files."""
    parts = []
    if number is not None:
        parts.append(
            f"published version {number}"
            + (f" of {formatting.day(published_at.date())}" if published_at is not None else "")
        )
    parts.append(f"content {data.version}")
    if data.sources:
        parts.append(", ".join(data.sources))
    return " · ".join(parts)


def brief_html(data: Dataset, region: str, *, version_label: str, made: dt.date | None = None) -> str:
    """The region's Regional Information Brief as one self-contained HTML page (no resource is ever fetched)."""
    made = made or dt.date.today()
    figures = metrics.summary(data, region)
    by_metric = {f.metric: f for f in figures}
    dates = sorted({f.as_of for f in figures if f.as_of is not None})
    notice = brief_figures.notice(data, region)
    text = brief_sections.brief_text(data, region)
    at = text.at
    sections = [
        Section(
            "Headline figures",
            "brief/headline.html.j2",
            brief_figures.headline(data, region, by_metric),
            at("headline"),
        ),
        Section("The Regional Network and the Regional Review", None, None, at("network")),
        Section(
            "Practices by GCM objective",
            "brief/practices.html.j2",
            brief_practices.practices(data, region, by_metric),
            at("practices"),
        ),
        Section("Implementers and scope", "brief/implementers.html.j2", brief_practices.implementers(data, region)),
        Section(
            "Pledges by GCM objective", "brief/pledges.html.j2", brief_practices.pledges(data, region), at("pledges")
        ),
        Section(
            "Country Networks and UNCT workshops",
            "brief/networks.html.j2",
            brief_networks.networks(data, region, by_metric),
            at("networks"),
        ),
        Section("Guidance and stakeholder engagement", None, None, at("engagement")),
        Section(
            "Migration Multi-Partner Trust Fund (M-MPTF) in the region",
            "brief/fund.html.j2",
            brief_fund.fund(data, region, by_metric),
            at("fund"),
        ),
        Section("Resources and the review timeline", None, None, at("resources")),
        Section(
            "About the figures",
            "brief/about.html.j2",
            brief_figures.about(data, region, figures, version_label, made, notice),
            at("about"),
        ),
    ]
    return templating.render(
        "brief/page.html.j2",
        css=Markup(templating.stylesheet("brief/brief.css")),  # the package's own style sheet, not data
        label=regions.region_label(region),
        made=formatting.day(made),
        as_of=formatting.day(dates[-1]) if dates else None,
        version_label=version_label,
        notice=notice,
        sections=sections,
        text=text,
    )


# --- PDF --------------------------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The Chromium (or Chrome) on this machine, if any."""
    return next((found for name in _BROWSERS if (found := shutil.which(name))), None)


def pdf_available() -> bool:
    """Whether a PDF can be made here: Playwright installed and a Chromium found."""
    return importlib.util.find_spec("playwright") is not None and chromium_path() is not None


def _print(browser_path: str, html_text: str) -> bytes:
    from playwright.sync_api import sync_playwright

    def only_inline(route) -> None:
        if route.request.url.startswith(("data:", "about:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(java_script_enabled=False)
            context.route("**/*", only_inline)
            page = context.new_page()
            page.set_content(html_text, wait_until="load")
            return page.pdf(
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=templating.render("brief/pdf-footer.html.j2"),
            )
        finally:
            browser.close()


def brief_pdf(html_text: str) -> bytes:
    """The brief printed to an A4 PDF by headless Chromium, offline: every request but data: and about: is refused."""
    browser_path = chromium_path()
    if browser_path is None:
        raise PdfUnavailable(
            "No Chromium found to print the PDF (install Debian's chromium); the HTML brief works without it."
        )
    if importlib.util.find_spec("playwright") is None:
        raise PdfUnavailable(
            "Printing the PDF needs Playwright for Python (pip install 'gcmdash[pdf]'); the HTML "
            "brief works without it."
        )
    # Playwright's sync API refuses to start in a thread that already runs an event loop (an async server, or
    # another Playwright session): a thread of its own always works.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gcmdash-pdf") as pool:
        return pool.submit(_print, browser_path, html_text).result()
