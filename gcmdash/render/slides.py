"""Presentation mode (pure): the slides for a region and filters, and a presentation theme for charts and maps.

The slides follow the Regional Information Brief's sections; a slide names the headline figures (metrics of
``metrics.summary``) it shows in large type. Charts are the pages' own builders (``gcmdash.render.charts``,
``gcmdash.render.maps``) with ``present`` / ``present_map`` applied on top: bigger type, thicker bars, sized to a slide.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import pydeck as pdk

from gcmdash.model import countries, framework, regions
from gcmdash.model.filters import Filters
from gcmdash.render import active, map_view, maps
from gcmdash.views import metrics

#: The figures of the first slide, in the brief's order.
HEADLINE = (
    "practices",
    "practices_share_pct",
    "pledges",
    "country_networks",
    "champion_countries",
    "voluntary_reports",
)
FUNDING_FIGURES = ("joint_programmes_funded", "joint_programmes_pipeline", "contributions_usd", "mobilised_pct")
#: The map slide's marker layers (labels of ``map_layers.LAYERS``); countries are not shaded, so the markers stand out.
MAP_LAYERS = ("Country UN Networks", "UNCT workshops")

#: Presentation type sizes, in pixels: readable on a shared screen shown at 1280×720 or smaller.
FONT = 20
TITLE_FONT = 28
SUBTITLE_FONT = 18
MIN_FONT = 14
MAX_STEP = 56
MIN_STEP = 18
#: Marker glyphs on the map are drawn this much larger, and country names in this size (pixels).
MARKER_SCALE = 1.6
#: A slide is laid out for a screen of this size, in CSS pixels, and zoomed to fill larger (or smaller) ones.
DESIGN_WIDTH = 1280
DESIGN_HEIGHT = 720
#: The zoom steps: 1280×720 at 1, 1920×1080 at 1.5, 2560×1440 at 2, 3840×2160 at 3; a smaller window zooms out.
#: The footer's colours in each theme, explicit so its text keeps at least 4.5:1 whatever Streamlit's theme does
#: (border: 3:1 at least, as a control's edge must be).
FOOTER_LIGHT = {"background": "#FFFFFF", "ink": "#1B2A3A", "muted": "#4A5B6D", "border": "#7D8B99", "focus": "#0B5CAD"}
FOOTER_DARK = {"background": "#0D1B2A", "ink": "#E6EDF5", "muted": "#B5C3D3", "border": "#8496A9", "focus": "#8AB4F8"}
ZOOMS = (0.625, 0.75, 0.875, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0)
LABEL_FONT = 17
#: The facts columns of MAP_LAYERS: the map slide is framed on the countries they mark.
MAP_COLUMNS = ("network", "workshops")


@dataclass(frozen=True)
class Slide:
    """One slide: what kind it is, its title, one sentence on what it shows, the figures it shows big."""

    kind: str
    title: str
    shows: str
    figures: tuple[str, ...] = ()
    country: str | None = None


def slides(f: Filters) -> list[Slide]:
    """The slides for the filters' region: the brief's sections, then one per chosen country."""
    where = "the region" if f.region is not None else "all regions"
    deck = [
        Slide(
            "headline",
            "Headline figures",
            f"The headline figures of {where}, computed from the records, as the brief gives them.",
            HEADLINE,
        ),
        Slide(
            "network-review",
            "The Regional Network and the Regional Review",
            "Who the Regional UN Network on Migration is, and when and where the region reviews the GCM: the brief's "
            "words.",
        ),
        Slide(
            "practices",
            "Practices by GCM objective",
            "Practices per GCM objective, the most frequent highlighted; a practice with several objectives counts "
            "under each.",
        ),
        Slide(
            "implementers",
            "Who implements the practices, and at what scope",
            "Practices by implementer type and by scope; a practice with several implementers counts under each.",
        ),
        Slide(
            "pledges",
            "Pledges by GCM objective",
            "Pledges per GCM objective, the most frequent highlighted; a pledge with several objectives counts under "
            "each.",
        ),
        Slide(
            "map",
            "Country Networks and UNCT workshops",
            "Countries with a Country UN Network on Migration, and countries whose UN Country Team held a workshop.",
        ),
        Slide(
            "stakeholders",
            "Stakeholder engagement and guidance",
            "How stakeholders of the region take part in the GCM's follow-up, and the guidance on implementing it: "
            "the brief's words.",
        ),
        Slide(
            "funding",
            "M-MPTF funding and progress to target",
            f"The Migration Multi-Partner Trust Fund in {where}, and its progress to the capitalisation target.",
            FUNDING_FIGURES,
        ),
    ]
    deck += [
        Slide("country", countries.country_name(code), "What the records say about the country.", country=code)
        for code in f.countries
    ]
    return deck


def slide_number(value: object, count: int) -> int:
    """A slide number from a link or a widget: 1…count, or 1 for anything else."""
    try:
        number = int(str(value))
    except ValueError:
        return 1
    return number if 1 <= number <= count else 1


def counter(number: int, count: int) -> str:
    """The slide counter, e.g. "3 / 7"."""
    return f"{number} / {count}"


def context_line(f: Filters, *, caveat: bool = True) -> str:
    """The region and what the filters narrow, one line above a slide's title (the pages' caption says the same).

    caveat=False leaves out the note that the region's membership is unchecked: the presentation says it once, on
    its first slide, rather than on every slide.
    """
    if caveat:
        return active.context_line(f)
    region = "All regions" if f.region is None else regions.region_label(f.region)
    return " · ".join([region, *active.narrowing(f)])


# --- Fitting the screen -----------------------------------------------------------------------------------------


def zoom_steps() -> list[tuple[float, int, int]]:
    """The zoom steps as (zoom, least viewport width, least viewport height), smallest first."""
    return [(zoom, round(DESIGN_WIDTH * zoom), round(DESIGN_HEIGHT * zoom)) for zoom in ZOOMS]


def zoom_css(selector: str) -> str:
    """CSS zooming `selector` (a slide laid out for 1280×720) by the largest step whose slide fits the viewport.

    Steps rather than a continuous scale: CSS cannot divide a length by a length, and a step keeps every chart and
    map at the pixel sizes it was laid out for, only magnified. The smallest step applies below every other one.
    """
    (smallest, _, _), *larger = zoom_steps()
    rules = [f"{selector} {{ zoom: {smallest:g}; }}"]
    rules += [
        f"@media (min-width: {width}px) and (min-height: {height}px) {{ {selector} {{ zoom: {zoom:g}; }} }}"
        for zoom, width, height in larger
    ]
    return "\n".join(rules)


def most_frequent(counts: pd.Series, n: int = metrics.TOP_OBJECTIVES) -> list[tuple[str, int]]:
    """The n most frequent objectives and every one tied with the n-th, most frequent first (ties by number), as
    (label, records): by default exactly the bars a chart highlights (``metrics.top_with_ties``, same n)."""
    top = metrics.top_with_ties(counts, n)
    return [(framework.objective(int(o)).label, int(records)) for o, records in top.items()]


def addressed_lines(counts: pd.Series, most: int = 8) -> list[str]:
    """Every objective with a record, most frequent first (ties by number), as "label (records)" lines; past `most`
    lines the rest are named by number on the last line, so the list fits a slide and still names every one."""
    ordered = metrics.top_with_ties(counts, len(counts))
    lines = [f"{framework.objective(int(o)).label} ({int(n)})" for o, n in ordered.items()]
    if len(lines) <= most:
        return lines
    rest = [str(int(o)) for o in ordered.index[most - 1 :]]
    return [*lines[: most - 1], f"and {len(rest)} more: objectives {', '.join(rest[:-1])} and {rest[-1]}"]


# --- The presentation theme -------------------------------------------------------------------------------------


def _step(rows: int | None, height: int | None) -> int | None:
    if not rows or not height:
        return None
    return max(MIN_STEP, min(MAX_STEP, height // rows))


def _restyle(node: object, font: int, step: int | None, height: int | None) -> object:
    """The spec with every explicit type size, bar step and bar size made presentation-sized."""
    if isinstance(node, list):
        return [_restyle(item, font, step, height) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _restyle(value, font, step, height) for key, value in node.items()}
    for key in ("labelFontSize", "titleFontSize"):
        if key in out:
            out[key] = font
    if "labelLimit" in out:
        out["labelLimit"] = max(out["labelLimit"], 480)
    if isinstance(out.get("height"), dict) and "step" in out["height"]:
        out["height"] = {"step": step} if step else out["height"]
    elif isinstance(out.get("height"), (int, float)) and height:
        out["height"] = height
    mark = out.get("type")
    if mark == "text" and "fontSize" in out:
        out["fontSize"] = font
    if mark == "bar" and "size" in out:
        out["size"] = round(out["size"] * 1.8)
    if isinstance(out.get("domain"), list) and "nice" not in out:  # a scale given its whole extent keeps it
        out["nice"] = False
    if "subtitleFontSize" in out:  # a title
        out["fontSize"], out["subtitleFontSize"] = TITLE_FONT, SUBTITLE_FONT
    return out


def _drop_value_axis(node: object) -> None:
    """Every quantitative x channel of the spec without an axis (in every layer: a layer's default would draw one)."""
    if isinstance(node, list):
        for item in node:
            _drop_value_axis(item)
    elif isinstance(node, dict):
        x = node.get("encoding", {}).get("x")
        if isinstance(x, dict) and x.get("type") == "quantitative":
            x["axis"] = None
        for value in node.values():
            _drop_value_axis(value)


def present(
    chart: alt.TopLevelMixin,
    *,
    rows: int | None = None,
    height: int | None = None,
    title: bool = True,
    ink: str | None = None,
    width: int | None = None,
    value_axis: bool = True,
) -> alt.TopLevelMixin:
    """A page's chart in the presentation theme: large type, thicker bars, fitted to a slide's height.

    rows: the number of bars of a chart drawn one bar per step (its bars then take about `height`); a chart of a
    fixed height is given `height` as its whole height. Type is never larger than the bars leave room for.
    title=False drops the chart's own title (when the slide's title says it). ink: the axes' text colour.
    width: the chart's whole width in pixels, labels included, instead of its container's.
    value_axis=False drops the horizontal value axis of bars that carry their values as labels (room on a slide).
    """
    step = _step(rows, height)
    font = FONT if step is None else max(MIN_FONT, min(FONT, step - 4))
    spec = _restyle(chart.to_dict(), font, step, height)
    if not value_axis:
        _drop_value_axis(spec)
    if width:
        # A width of its own: in a zoomed slide, a chart fitted to its container would be measured in the zoomed
        # pixels and drawn that much too wide. "fit-x" makes the given width the whole chart's, axis labels included.
        spec["width"] = width
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    if not title:
        spec.pop("title", None)
        spec["padding"] = {"top": 10, "bottom": 5, "left": 5, "right": 5}  # room under the slide's own title
    themed = alt.Chart.from_dict(spec)
    colours = {"labelColor": ink, "titleColor": ink} if ink else {}
    # Every bar keeps its label, beside its bar (the step leaves room for the type; Streamlit's theme would thin them
    # out and push the first one down); numbers on a value axis may still thin out.
    return (
        themed.configure_axis(labelFontSize=font, titleFontSize=font, labelLimit=480, **colours)
        .configure_axisBand(labelOverlap=False, labelFlush=False)
        .configure_legend(labelFontSize=FONT, titleFontSize=FONT, symbolSize=260)
        .configure_title(fontSize=TITLE_FONT, subtitleFontSize=SUBTITLE_FONT)
        .configure_view(strokeWidth=0)
    )


def marked(facts: pd.DataFrame) -> set[str]:
    """The countries the map slide frames: those with a Country Network or a workshop (every country if none)."""
    codes = set(facts.index[facts["network"].astype(bool) | (facts["workshops"] > 0)])
    return codes or set(facts.index)


def present_map(facts: pd.DataFrame, region: str | None, narrowed: bool, width: int, height: int) -> pdk.Deck:
    """The map slide's map: ``maps.deck`` with the slide's layers, larger markers and names, fitted to its size."""
    # Framed on the countries with a Network or a workshop (what the slide shows), not on every marker layer's.
    size = map_view.Size(width, height, font=LABEL_FONT, marker_scale=MARKER_SCALE)
    return maps.deck(facts, MAP_LAYERS, None, region, narrowed=narrowed, columns=MAP_COLUMNS, size=size)
