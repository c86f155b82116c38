"""The Regional Information Brief of a region as one self-contained HTML file, and as a PDF (pure, no Streamlit).

The HTML imitates the UN Network on Migration's Regional Information Briefs, section by section, with every
figure computed from the records and set beside the figure the brief published (date and source link).

Self-contained and offline: CSS is inline, charts are inline SVG drawn locally by vl-convert from the same
chart builders as the pages (``gcmdash.render.charts``), the map is an inline SVG drawn here from the bundled country
shapes, and fonts are the reader's system fonts. No element loads anything: the only outside addresses are
``<a href>`` links to sources, which a reader may follow but the page never fetches. Every text that comes from
the data is HTML-escaped.

The PDF is the same HTML printed by headless Chromium (Playwright), with every network request refused.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import math
import re
import shutil
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pandas as pd

from gcmdash import formatting
from gcmdash.model import countries, framework, regions, shapes
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.render import charts, exports, fund_charts, map_text
from gcmdash.views import metrics
from gcmdash.views import pages as views
from gcmdash.views.metrics import Figure

#: Width in CSS pixels of a full-width chart or map: the A4 text column (210 mm less 2 × 14 mm margins) is 688 px.
WIDTH = 660
#: Chromium's switches for a machine that must not reach outside hosts (as in scripts/screenshot.py).
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
#: Provenance of a country list, strongest first.
PUBLISHED, INFERRED, ILLUSTRATIVE = "Published", "Inferred", "Illustrative"
#: Which activity rows each headline figure with a country list is made of.
_LISTS = {
    "country_networks": "Country Network",
    "champion_countries": "Champion country",
    "voluntary_reports": "Voluntary GCM report",
    "unct_workshops": "UNCT workshop",
    "steering_committee_members": "Steering Committee member",
}
#: Lists written out in full among the headline figures (the brief names these countries).
_NAMED = ("country_networks", "champion_countries", "unct_workshops")
#: Cards drawn wider (their country list beside the figure): over two columns, or the whole row.
_WIDE_CARDS = {
    "country_networks": "wide full",
    "champion_countries": "wide",
    "unct_workshops": "wide",
    "mobilised_pct": "span2",
}
_RECENT_PRACTICES = 5


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here: no Chromium, or Playwright is not installed."""


def esc(value: object) -> str:
    """Text for HTML, quotes included (safe in element content and in quoted attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _web_link(value: object) -> str | None:
    """An http(s) address to link to, or None (anything else is never made clickable)."""
    text = value.strip() if isinstance(value, str) else ""
    return text if urlsplit(text).scheme.lower() in ("http", "https") and urlsplit(text).netloc else None


def _link(text: str, url: object) -> str:
    href = _web_link(url)
    return f'<a href="{esc(href)}">{esc(text)}</a>' if href else esc(text)


def _name(iso3: str) -> str:
    return countries.country_name(iso3) if countries.is_known(iso3) else str(iso3)


def _join(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 2:
        return f" {last} ".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def _usd(value: float) -> str:
    """An amount in words: the app's one money format ("USD 150 million", "USD 59.2 million", "USD 850,000")."""
    return formatting.money(value)


def _count(n: int, one: str, many: str) -> str:
    return formatting.plural(n, one, many)


# --- Data version ----------------------------------------------------------------------------------------------


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


# --- Country lists and their provenance --------------------------------------------------------------------------


def _brief_words(figure: Figure | None) -> str | None:
    """The region's words in the address of the brief a figure cites ("unece", "african region"), if any."""
    if figure is None or not figure.source:
        return None
    slug = urlsplit(figure.source).path.rstrip("/").rsplit("/", 1)[-1].lower()
    if not slug.startswith("regional-information-brief-"):
        return None
    return slug.removeprefix("regional-information-brief-").replace("-", " ") or None


def list_provenance(rows: pd.DataFrame, figure: Figure | None) -> tuple[str, str]:
    """Whether a region's country list is published, inferred or illustrative, and why.

    A list is published only when its rows cite the region's own brief (the one the figure cites). Rows citing a
    wider list (such as the 28 champion countries named at the Network's Accra event), placed in the region by
    its membership, make the region's list an inference, even when each row is itself published.
    """
    provenance = rows["provenance"].astype(str)
    sources = sorted(set(rows["source"].dropna().astype(str)))
    illustrative = int((provenance == ILLUSTRATIVE).sum())
    if illustrative:
        return ILLUSTRATIVE, f"{illustrative} of the {len(rows)} records are illustrative stand-ins."
    words = _brief_words(figure)
    from_brief = words is not None and all(
        "regional information brief" in s.lower() and words in s.lower() for s in rows["source"].astype(str)
    )
    if (provenance == INFERRED).any() or not from_brief:
        return INFERRED, (
            "Not named in the brief: the region's members among those listed in "
            + "; ".join(f"“{s}”" for s in sources)
            + "."
        )
    return PUBLISHED, "As named in " + "; ".join(sources) + "."


def _notes(rows: pd.DataFrame) -> list[str]:
    """The rows' notes, each once, with the countries it is about (or "All" when it concerns every row)."""
    lines = []
    noted = rows.dropna(subset=["note"])
    for note, group in noted.groupby(noted["note"].astype(str), sort=False):
        names = sorted({_name(c) for c in group["country"].astype(str)})
        who = "All" if len(group) == len(rows) and len(rows) > 1 else ", ".join(names)
        lines.append(f"<li><b>{esc(who)}:</b> {esc(note)}</li>")
    return lines


def _badge(status: str) -> str:
    return f'<span class="badge {status.lower()}">{esc(status)}</span>'


def _country_list(rows: pd.DataFrame, figure: Figure | None, *, names: bool = True) -> str:
    """A region's country list, its provenance and its notes."""
    if rows.empty:
        return ""
    status, why = list_provenance(rows, figure)
    shown = ""
    if names:
        shown = (
            '<p class="countries">' + esc(", ".join(sorted({_name(c) for c in rows["country"].astype(str)}))) + ".</p>"
        )
    notes = _notes(rows) if names else []
    return f'{shown}<p class="provenance">{_badge(status)} {esc(why)}</p>' + (
        f'<ul class="notes">{"".join(notes)}</ul>' if notes else ""
    )


# --- Charts -----------------------------------------------------------------------------------------------------


_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"')
_SVG_ID = re.compile(r'\sid="([^"]+)"')


def _unique_ids(svg: str, prefix: str) -> str:
    """The SVG with its ids (clip paths, gradients) prefixed: several charts inline in one page must not share any."""
    ids = set(_SVG_ID.findall(svg))
    if not ids:
        return svg

    def rename(match: re.Match) -> str:
        return match.group(1) + prefix + match.group(2) if match.group(2) in ids else match.group(0)

    return re.sub(r'(\sid="|url\(#|href="#)([^")]+)', rename, svg)


def chart_svg(chart, key: str, label: str, width: int = WIDTH) -> str:
    """A chart from gcmdash.render.charts as inline SVG about `width` px wide overall (axis labels, title included)."""
    # The builders size the plot to the page ("container"); here the plot is sized so that the whole drawing,
    # labels included, fills the column: draw once, measure, draw again with the difference.
    plot = 360
    svg = exports.chart_svg(chart.properties(width=plot)).decode("utf-8")
    found = _SVG_WIDTH.search(svg)
    if found and abs(float(found.group(1)) - width) > 4:
        plot = max(140, round(plot + width - float(found.group(1))))
        svg = exports.chart_svg(chart.properties(width=plot)).decode("utf-8")
    svg = _unique_ids(svg, f"{key}-")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1)
    return f'<figure class="chart" id="chart-{esc(key)}">{svg}</figure>'


# --- The map ----------------------------------------------------------------------------------------------------


_MARKERS = (  # what, activity, symbol drawn, fill, legend text
    ("network", "Country Network", "circle", "#000000", "Country UN Network on Migration"),
    ("workshop", "UNCT workshop", "triangle", "#D55E00", "UN Network workshop for the UN Country Team"),
)
_REGION_FILL, _OTHER_FILL, _SEA = "#CFE0EE", "#ECECEC", "#FFFFFF"


def _symbol(kind: str, x: float, y: float, fill: str, size: float = 5.2) -> str:
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{fill}" stroke="#fff" stroke-width="1.3"/>'
    h = size * 2.1
    points = f"{x:.1f},{y - h * 0.62:.1f} {x - h * 0.58:.1f},{y + h * 0.38:.1f} {x + h * 0.58:.1f},{y + h * 0.38:.1f}"
    return f'<polygon points="{points}" fill="{fill}" stroke="#fff" stroke-width="1.3" stroke-linejoin="round"/>'


def legend_symbol(kind: str, fill: str) -> str:
    """A legend's symbol as a tiny inline SVG (the same drawing as on the map)."""
    return (
        f'<svg class="sym" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        f"{_symbol(kind, 8, 8.5, fill)}</svg>"
    )


def _view_box(marked: Iterable[str], region: str) -> tuple[float, float, float, float]:
    """The longitudes and latitudes the map shows: the marked countries with a margin, else the whole region."""
    known = shapes.shape_codes()
    # A region with nothing marked (no Country Network, no workshop in the data) shows all its countries.
    shown = [c for c in marked if c in known] or [c for c in regions.coverage(region) if c in known]
    west, south, east, north = shapes.bounds(shown)
    pad_x, pad_y = max(3.0, 0.08 * (east - west)), max(2.0, 0.1 * (north - south))
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    # Not flatter than 2:1 once projected: a thin band of countries gets some of their surroundings too.
    squeeze = math.cos(math.radians((south + north) / 2))
    wanted = (east - west) * squeeze / 2
    if north - south < wanted:
        grow = (wanted - (north - south)) / 2
        south, north = max(-80.0, south - grow), min(84.0, north + grow)
    return west, south, east, north


_LABEL_SIZE = 10.5


def _free(
    box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]], width: float, height: float
) -> bool:
    x0, y0, x1, y1 = box
    if x0 < 2 or y0 < 2 or x1 > width - 2 or y1 > height - 2:
        return False
    return all(x1 <= a0 or x0 >= a1 or y1 <= b0 or y0 >= b1 for a0, b0, a1, b1 in taken)


def _lines(name: str) -> list[list[str]]:
    """A name on one line, and a long name also on two (split at the space nearest its middle)."""
    ways = [[name]]
    if len(name) > 14 and " " in name:
        middle = len(name) / 2
        cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
        ways.append([name[:cut], name[cut + 1 :]])
    return ways


def _place_label(name: str, points: list[tuple[float, float]], taken: list, width: float, height: float) -> str:
    """The name beside its symbols where it covers nothing yet (taking that room), or "" when no place is free."""
    west, east = min(p[0] for p in points) - 7, max(p[0] for p in points) + 7
    y = sum(p[1] for p in points) / len(points)
    middle = (west + east) / 2
    line = _LABEL_SIZE + 1.5
    for lines in _lines(name):
        w, h = 0.56 * _LABEL_SIZE * max(len(t) for t in lines), line * len(lines) + 0.5
        for x0, y0, anchor in (
            (east + 1, y - h / 2, "start"),
            (west - 1 - w, y - h / 2, "end"),
            (middle - w / 2, y - 8 - h, "middle"),
            (middle - w / 2, y + 8, "middle"),
            (west - w + 4, y - 6 - h, "end"),
            (east - 4, y - 6 - h, "start"),
            (west - w + 4, y + 6, "end"),
            (east - 4, y + 6, "start"),
        ):
            box = (x0, y0, x0 + w, y0 + h)
            if _free(box, taken, width, height):
                taken.append(box)
                tx = {"start": x0, "end": x0 + w, "middle": x0 + w / 2}[anchor]
                spans = "".join(
                    f'<tspan x="{tx:.1f}" y="{y0 + (i + 1) * line - 3:.1f}">{esc(t)}</tspan>'
                    for i, t in enumerate(lines)
                )
                return f'<text text-anchor="{anchor}">{spans}</text>'
    return ""


def _markers(marked: dict[str, list[str]], point, width: float, height: float) -> tuple[list[str], list[str]]:
    """The symbols of the marked countries, and their names wherever one fits without covering anything."""
    centres = shapes.centres()
    both = set(marked["network"]) & set(marked["workshop"])
    symbols, spots = [], {}
    for what, _, kind, fill, label in _MARKERS:
        for code in marked[what]:
            if code not in centres:
                continue
            x, y = point(*centres[code])
            if code in both:
                x += -6 if what == "network" else 6
            symbols.append(f"<g>{_symbol(kind, x, y, fill)}<title>{esc(_name(code))}: {esc(label)}</title></g>")
            spots.setdefault(code, []).append((x, y))
    # Names are placed greedily, west to east, beside their symbols (right, left, above, below); a name that would
    # cover a symbol or another name is left out: the lists under the map name every country.
    taken = [(x - 7, y - 7, x + 7, y + 7) for points in spots.values() for x, y in points]
    labels = []
    for code, points in sorted(spots.items(), key=lambda item: min(p[0] for p in item[1])):
        label = _place_label(_name(code), points, taken, width, height)
        if label:
            labels.append(label)
    return symbols, labels


def map_svg(data: Dataset, region: str, width: int = WIDTH) -> str:
    """A static map: the region's countries shaded, Country Networks and UNCT workshops marked by shape."""
    coverage = regions.coverage(region)
    marked = {
        what: sorted(set(metrics.activities_in(data, region, activity)["country"].astype(str)))
        for what, activity, *_ in _MARKERS
    }
    west, south, east, north = _view_box({c for codes in marked.values() for c in codes}, region)
    squeeze = math.cos(math.radians((south + north) / 2))  # equirectangular, true to scale at the middle latitude
    scale = width / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def point(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * squeeze * scale, (north - lat) * scale

    paths = {True: [], False: []}
    for feature in shapes.load_shapes()["features"]:
        code = feature["properties"]["iso3"]
        parts = []
        for polygon in feature["geometry"]["coordinates"]:
            lons = [lon for lon, _ in polygon[0]]
            lats = [lat for _, lat in polygon[0]]
            if max(lats) < south - 5 or min(lats) > north + 5:
                continue
            # Shapes are split at ±180: a polygon is drawn where it meets the view (east may pass 180).
            shift = next((s for s in (0, 360, -360) if min(lons) + s < east + 5 and max(lons) + s > west - 5), None)
            if shift is None:
                continue
            for ring in polygon:
                coords, last = [], None
                for lon, lat in ring:
                    x, y = point(lon + shift, lat)
                    here = f"{x:.1f},{y:.1f}"
                    if here != last:
                        coords.append(here)
                        last = here
                if len(coords) > 2:
                    parts.append("M" + "L".join(coords) + "Z")
        if parts:
            paths[code in coverage].append(f'<path d="{"".join(parts)}"><title>{esc(_name(code))}</title></path>')
    symbols, labels = _markers(marked, point, width, height)
    label = (
        f"Map of the {regions.region_label(region)} region: Country UN Networks on Migration "
        f"({len(marked['network'])}) and UNCT workshops ({len(marked['workshop'])})"
    )
    return (
        f'<svg class="map" role="img" aria-label="{esc(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<rect width="{width}" height="{height}" fill="{_SEA}"/>'
        f'<g fill="{_OTHER_FILL}" stroke="#FFFFFF" stroke-width="0.7">{"".join(paths[False])}</g>'
        f'<g fill="{_REGION_FILL}" stroke="#FFFFFF" stroke-width="0.7">{"".join(paths[True])}</g>'
        f'<g>{"".join(symbols)}</g><g class="labels">{"".join(labels)}</g></svg>'
    )


# --- Sections ---------------------------------------------------------------------------------------------------


def _card(figure: Figure, extra: str = "", wide: str = "") -> str:
    """One headline figure: the value computed from the records, what it is, and the published one beside it."""
    value = formatting.shown_value(figure)
    note = f'<p class="note">{esc(figure.note)}</p>' if figure.note and not figure.without_records else ""
    line = formatting.published_line(figure)
    if figure.published is None:
        published = f'<p class="pub none">{esc(line)}</p>'
    else:
        mark = (
            '<span class="mark warn" title="the records differ">⚠</span>'
            if figure.differs
            else '<span class="mark ok" title="the records agree">✓</span>'
        )
        source = f" · {_link('source', figure.source)}" if _web_link(figure.source) else ""
        published = f'<p class="pub{" warn" if figure.differs else ""}">{mark} {esc(line)}{source}</p>'
    if "wide" in wide and extra:
        extra = f'<div class="more">{extra}</div>'
    return (
        f'<div class="card{" " + wide if wide and extra else ""}{" differs" if figure.differs else ""}" '
        f'data-metric="{esc(figure.metric)}"><div class="value">{esc(value)}</div>'
        f'<div class="label">{esc(figure.label)}</div>{note}{published}{extra}</div>'
    )


def _progress(figure: Figure) -> str:
    share = max(0.0, min(100.0, figure.value))
    return (
        f'<div class="progress" role="img" aria-label="{share:.1f}% of the target mobilised">'
        f'<div style="width:{share:.1f}%"></div></div>'
    )


def _headline(data: Dataset, region: str, figures: dict[str, Figure]) -> str:
    cards = []
    for figure in figures.values():
        extra = ""
        if figure.metric in _LISTS:
            rows = metrics.activities_in(data, region, _LISTS[figure.metric])
            extra = _country_list(rows, figure, names=figure.metric in _NAMED)
        if figure.metric == "mobilised_pct":
            extra = _progress(figure)
        cards.append(_card(figure, extra, wide=_WIDE_CARDS.get(figure.metric, "")))
    return f'<div class="cards">{"".join(cards)}</div>'


def _several(several: int, total: int, what: str) -> str:
    """Says how many records cover several objectives: each counts under every one of them."""
    share = (
        f"most {what} cover several GCM objectives ({several} of {total})"
        if several > total / 2
        else f"{several} of the {total} {what} cover several GCM objectives"
    )
    return (
        f"Please note that {share}: a record counts under each of its objectives, so the bars add up to more "
        f"than the number of {what}."
    )


def _objective_names(numbers: Iterable[int]) -> str:
    return _join([f"{n} ({framework.objective(n).short_label})" for n in numbers])


def _ranked(counts: pd.Series, what: str, n: int = 3) -> str:
    """ "A (12 practices), followed by B (8) and C (5)": the most frequent values of a count, every value tied with
    the n-th included (``metrics.top_with_ties``)."""
    top = [(str(k), int(v)) for k, v in metrics.top_with_ties(counts, n).items()]
    if not top:
        return ""
    first = f"{esc(top[0][0])} ({_count(top[0][1], what[:-1], what)})"
    rest = [f"{esc(k)} ({v})" for k, v in top[1:]]
    return first + (f", followed by {_join(rest)}" if rest else "")


def _brief_said(data: Dataset, region: str, metric: str) -> str:
    row = metrics.published(data, region, metric)
    if row is None or pd.isna(row["note"]):
        return ""
    return (
        f'<p class="quote">The brief of {esc(formatting.day(row["as_of"]))}: “{esc(row["note"])}” '
        f"({_link('source', row['source'])})</p>"
    )


def _practices_section(data: Dataset, region: str, figures: dict[str, Figure]) -> tuple[str, str]:
    view = views.practices(data, Filters(region=region))
    total = len(view.records)
    share = figures["practices_share_pct"]
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    intro = (
        f"<p><b>{_count(total, 'practice', 'practices')}</b> from the region by GCM objective "
        f"({share.value:.0f} per cent of all "
        f"practices in the records). {_several(view.multi_objective, total, 'practices')}</p>"
    )
    if view.top_objectives:
        intro += (
            f"<p>The most frequent objectives are {esc(_objective_names(view.top_objectives))}. "
            f"{esc(formatting.highlight_note(view.top, 'practices'))}</p>"
        )
    body = intro + _brief_said(data, region, "practices")
    if total:
        body += chart_svg(
            charts.objective_bars(frame, "Practices"), "practices-objectives", "Practices per GCM objective"
        )
    else:
        body += '<p class="empty">No practices in the records for this region.</p>'
    return "Practices by GCM objective", body


def _objective_order(objective: object) -> tuple[int, int, str]:
    """Objectives 1–23 in number order, then any other tag ("General")."""
    return (0, objective, "") if isinstance(objective, int) else (1, 0, str(objective))


def _recent_practices(records: pd.DataFrame) -> str:
    """The region's most recent practices: title (linked to the practice), countries, scope, years, objectives."""
    recent = records.sort_values(["start_year", "title"], ascending=[False, True], na_position="last")
    items = []
    for row in recent.head(_RECENT_PRACTICES).itertuples():
        years = "–".join(str(int(y)) for y in (row.start_year, row.end_year) if not pd.isna(y))
        where = ", ".join(_name(c) for c in row.countries)
        objectives = ", ".join(str(o) for o in sorted(row.objectives, key=_objective_order))
        tag = f" {_badge(ILLUSTRATIVE)}" if row.provenance == ILLUSTRATIVE else ""
        meta = f"{where} · {row.scope} · {years or 'years not given'} · objectives {objectives}"
        items.append(f'<li>{_link(str(row.title), row.link)}{tag}<br><span class="meta">{esc(meta)}</span></li>')
    return f'<h3>The most recent practices</h3><ol class="practices">{"".join(items)}</ol>' if items else ""


def _implementers_section(data: Dataset, region: str) -> tuple[str, str]:
    view = views.practices(data, Filters(region=region))
    total = len(view.records)
    if not total:
        return "Implementers and scope", '<p class="empty">No practices in the records for this region.</p>'
    scope = view.by_scope
    first, n = str(scope.index[0]), int(scope.iloc[0])
    lead = "Most" if n > total / 2 else "The largest group of"
    text = (
        f"<p>{lead} practices are implemented at the {esc(first.lower())} level ({n} of {total}); "
        + esc(_join([f"{int(v)} {str(k).lower()}" for k, v in scope.iloc[1:].items()]))
        + ".</p>"
        if len(scope) > 1
        else f"<p>All practices are {esc(first.lower())} ({n}).</p>"
    )
    text += (
        f"<p>The most frequent implementer type is {_ranked(view.by_implementer, 'practices')}. A practice "
        "with several implementers counts under each.</p>"
    )
    body = text + chart_svg(
        charts.category_bars(
            view.by_implementer,
            "implementer_type",
            "Practices",
            "Implementer type",
            note="A practice with several implementers counts under each.",
        ),
        "practices-implementers",
        "Practices by implementer type",
    )
    body += chart_svg(
        charts.category_bars(view.by_scope, "scope", "Practices", "Scope"), "practices-scope", "Practices by scope"
    )
    return "Implementers and scope", body + _recent_practices(view.records)


def _pledges_section(data: Dataset, region: str) -> tuple[str, str]:
    view = views.pledges(data, Filters(region=region))
    total = len(view.records)
    body = (
        f"<p><b>{_count(total, 'pledge', 'pledges')}</b> from the region "
        f"{'has' if total == 1 else 'have'} been submitted.</p>"
    )
    if not total:
        return "Pledges by GCM objective", body + '<p class="empty">No pledges in the records for this region.</p>'
    several = views.several_objectives(data["pledge_objectives"], view.records)
    body += (
        f"<p>The pledges of the region most often address objectives "
        f"{esc(_objective_names(view.top_objectives))}. {esc(formatting.highlight_note(view.top, 'pledges'))} "
        f"{_several(several, total, 'pledges')}</p>"
    )
    body += _brief_said(data, region, "pledges")
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    body += chart_svg(charts.objective_bars(frame, "Pledges"), "pledges-objectives", "Pledges per GCM objective")
    return "Pledges by GCM objective", body


def _networks_section(data: Dataset, region: str, figures: dict[str, Figure]) -> tuple[str, str]:
    legend, lists, marked = [], [], set()
    for (what, activity, kind, fill, label), metric in zip(
        _MARKERS, ("country_networks", "unct_workshops"), strict=True
    ):
        rows = metrics.activities_in(data, region, activity)
        marked |= set(rows["country"].astype(str)) & set(shapes.centres())
        n = rows["country"].nunique()
        legend.append(f"<li>{legend_symbol(kind, fill)} {esc(label)} ({n})</li>")
        heading = (
            _count(n, "Country UN Network on Migration", "Country UN Networks on Migration")
            if what == "network"
            else "UN Network workshops for " + _count(n, "UN Country Team", "UN Country Teams")
        )
        lists.append(
            f'<div class="list"><h3>{legend_symbol(kind, fill)} {esc(heading)}</h3>'
            f"{_country_list(rows, figures.get(metric)) or '<p class=empty>None in the records.</p>'}</div>"
        )
    legend += [
        f'<li><span class="swatch" style="background:{_REGION_FILL}"></span> Member States and areas of the '
        f"region</li>",
        f'<li><span class="swatch" style="background:{_OTHER_FILL}"></span> Outside the region</li>',
    ]
    drawing = map_svg(data, region)
    unnamed = len(marked) - drawing.count("<text ")  # names that found no free place on the map
    fitted = "The map is fitted to the Country Networks and workshops" if marked else "The map shows the region"
    named = (
        (
            f"; {_count(unnamed, 'name was', 'names were')} left out to avoid overlaps, and the lists "
            "below name every country"
        )
        if unnamed > 0
        else ""
    )
    body = (
        f'<figure class="map-figure">{drawing}<figcaption><ul class="legend">{"".join(legend)}</ul>'
        f'<p class="disclaimer">{fitted}{named}. {esc(map_text.DISCLAIMER)}</p></figcaption></figure>'
    )
    return "Country Networks and UNCT workshops", body + f'<div class="lists">{"".join(lists)}</div>'


def _funding_section(data: Dataset, region: str, figures: dict[str, Figure]) -> tuple[str, str]:
    view = views.funding(data, Filters(region=region))
    body = ""
    if view.target:
        body += (
            f"<p>The Fund's Steering Committee set the capitalisation target at "
            f"{esc(_usd(view.target))} by the next International Migration Review Forum "
            f"(2026). {esc(_usd(view.mobilised))} has been mobilised by all contributors "
            f"({100 * view.mobilised / view.target:.1f}% of the target).</p>"
        )
        body += chart_svg(
            fund_charts.progress_bar(view.mobilised, view.target),
            "fund-progress",
            "Progress towards the M-MPTF capitalisation target",
        )
    contributors = figures["contributors"]
    amount = figures["contributions_usd"]
    body += (
        f"<p><b>{_count(int(contributors.value), 'Member State', 'Member States')}</b> from the region have "
        f"contributed to the M-MPTF, with a total contribution of {esc(_usd(amount.value))}"
        f" in the records.</p>"
    )
    if not view.by_contributor.empty:
        body += chart_svg(
            charts.category_bars(view.by_contributor, "contributor", "Contributions", "Contributor", money=True),
            "fund-contributors",
            "Contributions to the M-MPTF by contributor",
        )
    funded, pipeline = figures["joint_programmes_funded"], figures["joint_programmes_pipeline"]
    body += (
        f"<h3>Joint programmes</h3><p><b>{_count(int(funded.value), 'joint programme', 'joint programmes')} "
        f"funded</b> in the region "
        f"({esc(funded.note or '')}) and <b>{int(pipeline.value)} in the pipeline</b>.</p>"
    )
    body += chart_svg(fund_charts.region_bars(view.programmes_by_region), "fund-regions", "Joint programmes by region")
    if not view.programmes_by_area.empty:
        body += chart_svg(
            fund_charts.status_bars(view.programmes_by_area, "thematic_area", "Thematic area"),
            "fund-areas",
            "Joint programmes by thematic area",
        )
        rows = []
        ordered = view.programmes.sort_values(["status", "programme_id"])
        for p in ordered.itertuples():
            tag = f" {_badge(str(p.provenance))}" if p.provenance in (ILLUSTRATIVE, INFERRED) else ""
            rows.append(
                f"<tr><td>{esc(p.title)}{tag}</td><td>{esc(', '.join(_name(c) for c in p.countries))}</td>"
                f"<td>{esc(p.status)}</td><td>{esc(p.thematic_area)}</td></tr>"
            )
        body += (
            '<table class="programmes"><thead><tr><th>Joint programme</th><th>Countries</th><th>Status</th>'
            f"<th>Thematic area</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    committee = figures["steering_committee_members"]
    members = metrics.activities_in(data, region, "Steering Committee member")
    body += (
        f"<h3>Steering Committee</h3><p><b>{_count(int(committee.value), 'member', 'members')}</b> of the "
        f"M-MPTF Steering Committee from the region: "
        f"{esc(', '.join(sorted({_name(c) for c in members['country'].astype(str)})) or 'none in the records')}"
        f".</p>{_country_list(members, committee, names=False)}"
    )
    return "Migration Multi-Partner Trust Fund (M-MPTF) in the region", body


def _illustrative_counts(data: Dataset, region: str) -> list[str]:
    parts = [
        ("practices", metrics.practices_in(data, region)),
        ("pledges", metrics.pledges_in(data, region)),
        ("contributions", metrics.contributions_in(data, region)),
        ("joint programmes", pd.concat([metrics.programmes_in(data, region, s) for s in ("Funded", "Pipeline")])),
        ("country activities", data["activities"][data["activities"]["country"].isin(regions.coverage(region))]),
    ]
    return [
        f"{int((t['provenance'] == ILLUSTRATIVE).sum())} of {len(t)} {what}"
        for what, t in parts
        if len(t) and (t["provenance"] == ILLUSTRATIVE).any()
    ]


def _notice(data: Dataset, region: str) -> str:
    if not data.illustrative_count:
        return ""
    inside = _illustrative_counts(data, region)
    return (
        '<aside class="notice" role="note"><b>Illustrative data.</b> '
        f"{data.illustrative_count:,} records of this data are invented stand-ins for records that are not public; "
        "totals match the published briefs. "
        + (f"In this region: {esc(_join(inside))}. " if inside else "")
        + "Each record's provenance is in its Provenance column.</aside>"
    )


def _about(data: Dataset, region: str, figures: list[Figure], label: str, made: dt.date) -> tuple[str, str]:
    rows = []
    for f in figures:
        if f.published is None:
            published, check = "—", ""
        else:
            published = esc(formatting.hedge(f.qualifier) + formatting.amount(f.published, f.unit))
            check = '<span class="mark warn">⚠ differs</span>' if f.differs else '<span class="mark ok">✓</span>'
        source = _link("source", f.source) if _web_link(f.source) else esc(f.source or "")
        rows.append(
            f"<tr><td>{esc(f.label)}</td><td class=num>{esc(formatting.shown_value(f))}</td>"
            f"<td class=num>{published}</td><td>{check}</td><td>{esc(formatting.day(f.as_of))}</td>"
            f"<td>{source}</td></tr>"
        )
    body = (
        f"<p>Made on {esc(formatting.day(made))} from the data {esc(label)}.</p>"
        "<p>Figures are computed from the records: a practice, pledge or joint programme counts for the region "
        f"when at least one of its countries is among the region's {len(regions.coverage(region))} member States "
        "and areas covered by its Regional Network. Published figures are the latest the UN Network on "
        "Migration's Regional Information Brief gave, with their date; ✓ means the records reproduce the "
        "published figure as the brief words it (“over”, “close to”), ⚠ that they do not.</p>"
    )
    if not regions.is_confirmed(region):
        body += (
            f"<p class=warn>Membership of {esc(region)} as used here has not yet been checked against the "
            "commission's published list; counts may change when it is.</p>"
        )
    body += _notice(data, region)
    body += (
        '<table class="figures"><thead><tr><th>Figure</th><th class=num>Computed</th><th class=num>Published'
        "</th><th></th><th>As of</th><th>Source</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return "About the figures", body


# --- The page ---------------------------------------------------------------------------------------------------


_CSS = """
:root { --ink:#1B2A3A; --muted:#4A5B6D; --accent:#0072B2; --deep:#0B3C5D; --line:#D5DDE5; --soft:#F2F6FA;
        --warn:#A34700; --ok:#00704A; }
* { box-sizing: border-box; }
html { font-family: system-ui, sans-serif; color: var(--ink); background: #E6EBF0; line-height: 1.45;
       font-size: 15px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
main { max-width: 860px; margin: 24px auto; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
a { color: var(--accent); }
header.cover { background: var(--deep); color: #fff; padding: 28px 40px 24px; }
header.cover .kicker { margin: 0; font-size: .85rem; letter-spacing: .06em; text-transform: uppercase; opacity: .85; }
header.cover h1 { margin: 6px 0 2px; font-size: 2.1rem; line-height: 1.15; }
header.cover .region { margin: 0; font-size: 1.25rem; font-weight: 600; color: #BFE3F7; }
header.cover .dates { margin: 14px 0 0; font-size: .9rem; opacity: .9; }
.intro { padding: 18px 40px 0; }
section { padding: 10px 40px 18px; }
h2 { font-size: 1.3rem; color: var(--deep); border-bottom: 3px solid var(--accent); padding-bottom: 4px;
     margin: 14px 0 12px; break-after: avoid; }
h3 { font-size: 1.02rem; color: var(--deep); margin: 16px 0 6px; break-after: avoid; }
h3 .sym { vertical-align: -2px; }
p { margin: 6px 0; }
.cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 3px; padding: 9px 11px;
        background: #fff; break-inside: avoid; }
.card.wide { grid-column: span 2; display: grid; grid-template-columns: 34% 1fr; gap: 0 14px; }
.card.span2 { grid-column: span 2; }
.card.full { grid-column: 1 / -1; grid-template-columns: 24% 1fr; }
.card.wide .more { grid-column: 2; grid-row: 1 / span 9; }
.card.differs { border-top-color: var(--warn); }
.card .value { font-size: 1.9rem; font-weight: 700; color: var(--accent); line-height: 1.1; }
.card .label { font-weight: 600; margin-top: 1px; }
.card p { font-size: .8rem; color: var(--muted); margin: 4px 0 0; }
.card p.countries { color: var(--ink); font-size: .84rem; }
.card .pub.warn { color: var(--warn); }
.mark.ok { color: var(--ok); font-weight: 700; }
.mark.warn { color: var(--warn); font-weight: 700; }
.badge { display: inline-block; font-size: .68rem; font-weight: 700; letter-spacing: .03em; text-transform: uppercase;
         border-radius: 3px; padding: 0 5px; border: 1px solid; vertical-align: 1px; }
.badge.published { color: var(--ok); border-color: var(--ok); }
.badge.inferred { color: #6A3D9A; border-color: #6A3D9A; }
.badge.illustrative { color: var(--warn); border-color: var(--warn); }
ul.notes { margin: 4px 0 0; padding-left: 16px; font-size: .78rem; color: var(--muted); }
.progress { height: 10px; background: #E3E8EE; border-radius: 5px; margin-top: 6px; overflow: hidden; }
.progress div { height: 100%; background: var(--accent); }
.notice { background: #FFF6E5; border-left: 4px solid #E69F00; padding: 8px 12px; margin: 12px 0; font-size: .88rem;
          break-inside: avoid; }
.quote { color: var(--muted); font-size: .88rem; border-left: 3px solid var(--line); padding-left: 10px; }
figure { margin: 12px 0; }
figure.chart, figure.map-figure { break-inside: avoid; }
figure.chart svg, svg.map { display: block; max-width: 100%; height: auto; }
svg.map { border: 1px solid var(--line); }
svg.map .labels text { font-size: 10.5px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 3px;
                       stroke-linejoin: round; }
ul.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px;
            font-size: .86rem; }
ul.legend .sym { vertical-align: -3px; }
.swatch { display: inline-block; width: 14px; height: 11px; border: 1px solid #AAB; vertical-align: -1px; }
.disclaimer { font-size: .75rem; color: var(--muted); }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
.lists .list { break-inside: avoid; }
.list p.countries { font-size: .92rem; }
.list p.provenance, .empty { font-size: .8rem; color: var(--muted); }
ol.practices { padding-left: 20px; margin: 4px 0; }
ol.practices li { margin: 4px 0; break-inside: avoid; }
.meta { font-size: .8rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .8rem; margin: 10px 0; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 6px; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
.warn { color: var(--warn); }
footer { padding: 8px 40px 24px; font-size: .78rem; color: var(--muted); }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  html { background: #fff; font-size: 13px; }
  main { margin: 0; max-width: none; box-shadow: none; }
  header.cover, .intro, section, footer { padding-left: 0; padding-right: 0; }
  header.cover { padding-left: 18px; padding-right: 18px; }
  section.page { break-before: page; }
  svg.map { max-height: 165mm; }
  a { color: inherit; }
}
"""


def brief_html(data: Dataset, region: str, *, version_label: str, made: dt.date | None = None) -> str:
    """The region's Regional Information Brief as one self-contained HTML page (no resource is ever fetched)."""
    made = made or dt.date.today()
    label = regions.region_label(region)
    figures = metrics.summary(data, region)
    by_metric = {f.metric: f for f in figures}
    dates = sorted({f.as_of for f in figures if f.as_of is not None})
    as_of = (
        f" · Published figures as of {esc(formatting.day(dates[-1]))}"
        if dates
        else " · No published figures for this region"
    )
    sections = [
        ("Headline figures", _headline(data, region, by_metric)),
        _practices_section(data, region, by_metric),
        _implementers_section(data, region),
        _pledges_section(data, region),
        _networks_section(data, region, by_metric),
        _funding_section(data, region, by_metric),
        _about(data, region, figures, version_label, made),
    ]
    body = "".join(
        f'<section id="s{n}"{" class=page" if n else ""}><h2>{esc(title)}</h2>{content}</section>'
        for n, (title, content) in enumerate(sections)
    )
    title = f"Regional Information Brief — {label}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body><main>"
        '<header class="cover"><p class="kicker">Global Compact for Safe, Orderly and Regular Migration (GCM)</p>'
        f'<h1 id="title">Regional Information Brief</h1><p class="region">{esc(label)}</p>'
        f'<p class="dates">Made on {esc(formatting.day(made))}{as_of}<br>Data: {esc(version_label)}</p></header>'
        '<div class="intro"><p>This brief gives an overview of the implementation of the GCM and of the UN Network on '
        f"Migration in the region ({esc(label)}). Every figure is computed from the records and shown beside the "
        "figure the UN Network on Migration's Regional Information Brief published, with its date and source.</p>"
        f"{_notice(data, region)}</div>"
        f"{body}"
        f"<footer>Made with gcmdash on {esc(formatting.day(made))} · Data: {esc(version_label)}</footer>"
        "</main></body></html>\n"
    )


# --- PDF --------------------------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The Chromium (or Chrome) on this machine, if any."""
    return next((found for name in _BROWSERS if (found := shutil.which(name))), None)


def pdf_available() -> bool:
    """Whether a PDF can be made here: Playwright installed and a Chromium found."""
    return importlib.util.find_spec("playwright") is not None and chromium_path() is not None


_FOOTER = (
    '<div style="font-family: system-ui, sans-serif; font-size: 7.5px; color: #4A5B6D; width: 100%; '
    'margin: 0 14mm; display: flex; justify-content: space-between;"><span class="title"></span>'
    '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
)


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
                footer_template=_FOOTER,
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
