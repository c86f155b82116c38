"""A catalogue of Markdown and HTML payloads, and the bundled workbook with them in every free-text column.

Spreadsheet text is data, never markup: each payload, if it were rendered, would fetch from or link to
``attacker.invalid`` (a name that never resolves: RFC 2606), run script, style the page or add structure. The tests
that use it (tests/e2e/test_payloads.py, tests/test_payloads.py) check that every page, slide and the brief show the
payloads as text and that none of them takes effect.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from gcmdash.model.dataset_specs import DATASETS, dataset
from gcmdash.model.schema import Kind

ROOT = Path(__file__).resolve().parent.parent
WORKBOOK = ROOT / "data" / "gcm-data.xlsx"
ATTACKER = "attacker.invalid"

#: Text payloads: Markdown links and images (one closing a link early, as a figure card's source would), raw HTML,
#: Streamlit's directives, icons and LaTeX, autolinks, block structure, a spreadsheet formula and script URLs.
TEXT = (
    f"https://x.example/)![b](http://{ATTACKER}/md-image-after-link.png)",
    f"![img](http://{ATTACKER}/md-image.png)",
    f"[Sign in again](http://{ATTACKER}/login)",
    f'<img src="http://{ATTACKER}/html-img.png" onerror="document.title=\'pwned\'">',
    "<script>document.title='pwned'</script>",
    ":red-background[ALARM] :material/warning: **paybold** _payem_ ~~paygone~~",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f"<http://{ATTACKER}/autolink> http://{ATTACKER}/bare",
    f"$\\href{{http://{ATTACKER}/tex}}{{texlink}}$ $$paysq^2$$",
    "# Heading payload\n\n| pay-a | pay-b |\n|---|---|\n| pay-1 | pay-2 |\n\n> payquoted",
    f'=HYPERLINK("http://{ATTACKER}/formula","click")',
    "javascript:document.title='pwned'",
    f'<a href="http://{ATTACKER}/html-link">html link</a> <style>body{{display:none}}</style>',
)
#: Link payloads that are still valid http(s) addresses (so a sheet with them validates): each tries to break out
#: of the Markdown link or HTML attribute it is written into.
LINKS = (
    f"https://x.example/)![b](http://{ATTACKER}/link-image.png)",
    "https://x.example/\"onmouseover=\"document.title='pwned'",
    "https://x.example/`:red-background[x]`",
    f"https://x.example/path?q=](http://{ATTACKER}/q)",
)


def _columns(sheet_key: str) -> tuple[list[str], list[str]]:
    """The free-text and the link headers of a dataset."""
    spec = dataset(sheet_key)
    return (
        [c.header for c in spec.columns if c.kind is Kind.TEXT],
        [c.header for c in spec.columns if c.kind is Kind.URL],
    )


def _inert(n: int, payload: str) -> str:
    """Harmless text of the payload's shape: a web address where it is one, as many paragraphs (empty lines) as it
    has; a brief section's text is paragraphs, and an http(s) source is a link, whatever the words."""
    first = f"https://x.example/plain-{n}" if payload.startswith(("http://", "https://")) else f"plain text {n}"
    return "\n\n".join([first, *(f"plain paragraph {n}.{k}" for k in range(payload.count("\n\n")))])


#: Harmless text in the same cells, as many distinct values: what the payloads' pages are compared with.
INERT_TEXT = tuple(_inert(n, payload) for n, payload in enumerate(TEXT))
INERT_LINKS = tuple(f"https://x.example/plain-{n}" for n in range(len(LINKS)))


NETWORK = "Country Network"


def poisoned_workbook(texts: tuple[str, ...] = TEXT, links: tuple[str, ...] = LINKS) -> bytes:
    """The bundled workbook with a payload in every free-text and link cell (cycling through the catalogues)."""
    book = load_workbook(WORKBOOK)
    for spec in DATASETS:
        sheet = book[spec.sheet]
        header = [cell.value for cell in sheet[1]]
        text_headers, link_headers = _columns(spec.key)
        for n, row in enumerate(range(2, sheet.max_row + 1)):
            for offset, name in enumerate(text_headers):
                cell = sheet.cell(row=row, column=header.index(name) + 1, value=texts[(n + offset) % len(texts)])
                cell.data_type = "s"  # text, as typed: openpyxl would store "=HYPERLINK(...)" as a formula
            for offset, name in enumerate(link_headers):
                if name == "Terms of Reference" and sheet.cell(row, header.index("Activity") + 1).value != NETWORK:
                    continue  # only a Country Network has Terms of Reference (any other row is refused)
                sheet.cell(row=row, column=header.index(name) + 1, value=links[(n + offset) % len(links)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
