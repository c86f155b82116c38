"""Presentation mode (pure): the slides for a region and filters, and a presentation theme for charts and maps.

The slides follow the Regional Information Brief's sections; a slide names the headline figures (metrics of
``metrics.summary``) it shows in large type. Charts are the pages' own builders (``gcmdash.charts``,
``gcmdash.maps``) with ``present`` / ``present_map`` applied on top: bigger type, thicker bars, sized to a slide.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import pydeck as pdk

from gcmdash import active, countries, framework, maps, regions
from gcmdash.filters import Filters

#: The figures of the first slide, in the brief's order.
HEADLINE = ("practices", "practices_share_pct", "pledges", "country_networks", "champion_countries",
            "voluntary_reports")
FUNDING_FIGURES = ("joint_programmes_funded", "joint_programmes_pipeline", "contributions_usd", "mobilized_pct")
#: The map slide's marker layers (labels of ``maps.LAYERS``); countries are not shaded, so the markers stand out.
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
        Slide("headline", "Headline figures",
              f"The headline figures of {where}, computed from the records, as the brief gives them.", HEADLINE),
        Slide("practices", "Practices by GCM objective",
              "Practices per GCM objective, the most frequent highlighted; a practice with several objectives counts "
              "under each."),
        Slide("implementers", "Who implements the practices, and at what scope",
              "Practices by implementer type and by scope; a practice with several implementers counts under each."),
        Slide("pledges", "Pledges by GCM objective",
              "Pledges per GCM objective, the most frequent highlighted; a pledge with several objectives counts under "
              "each."),
        Slide("map", "Country Networks and UNCT workshops",
              "Countries with a Country UN Network on Migration, and countries whose UN Country Team held a "
              "workshop."),
        Slide("funding", "M-MPTF funding and progress to target",
              f"The Migration Multi-Partner Trust Fund in {where}, and its progress to the capitalisation target.",
              FUNDING_FIGURES),
    ]
    deck += [Slide("country", countries.country_name(code), "What the records say about the country.", country=code)
             for code in f.countries]
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


def context_line(f: Filters) -> str:
    """The region and what the filters narrow, one line above each slide's title (the pages' caption says the same)."""
    return active.context_line(f)


def most_frequent(counts: pd.Series, n: int = 3) -> list[tuple[str, int]]:
    """The n most frequent objectives, most frequent first (ties by number), as (label, records)."""
    ordered = counts[counts > 0].sort_index().sort_values(ascending=False, kind="stable")
    return [(framework.objective(int(o)).label, int(records)) for o, records in ordered.iloc[:n].items()]


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


def present(chart: alt.TopLevelMixin, *, rows: int | None = None, height: int | None = None, title: bool = True,
            ink: str | None = None) -> alt.TopLevelMixin:
    """A page's chart in the presentation theme: large type, thicker bars, fitted to a slide's height.

    rows: the number of bars of a chart drawn one bar per step (its bars then take about `height`); a chart of a
    fixed height is given `height` as its whole height. Type is never larger than the bars leave room for.
    title=False drops the chart's own title (when the slide's title says it). ink: the axes' text colour.
    """
    step = _step(rows, height)
    font = FONT if step is None else max(MIN_FONT, min(FONT, step - 4))
    spec = _restyle(chart.to_dict(), font, step, height)
    if not title:
        spec.pop("title", None)
        spec["padding"] = {"top": 10, "bottom": 5, "left": 5, "right": 5}  # room under the slide's own title
    themed = alt.Chart.from_dict(spec)
    colours = {"labelColor": ink, "titleColor": ink} if ink else {}
    # Every bar keeps its label, beside its bar (the step leaves room for the type; Streamlit's theme would thin them
    # out and push the first one down); numbers on a value axis may still thin out.
    return (themed.configure_axis(labelFontSize=font, titleFontSize=font, labelLimit=480, **colours)
            .configure_axisBand(labelOverlap=False, labelFlush=False)
            .configure_legend(labelFontSize=FONT, titleFontSize=FONT, symbolSize=260)
            .configure_title(fontSize=TITLE_FONT, subtitleFontSize=SUBTITLE_FONT)
            .configure_view(strokeWidth=0))


def marked(facts: pd.DataFrame) -> set[str]:
    """The countries the map slide frames: those with a Country Network or a workshop (every country if none)."""
    codes = set(facts.index[facts["network"].astype(bool) | (facts["workshops"] > 0)])
    return codes or set(facts.index)


def present_map(facts: pd.DataFrame, region: str | None, narrowed: bool, width: int, height: int) -> pdk.Deck:
    """The map slide's map: ``maps.deck`` with the slide's layers, larger markers and names, fitted to its size."""
    # Framed on the countries with a Network or a workshop (what the slide shows), not on every marker layer's.
    size = maps.Size(width, height, font=LABEL_FONT, marker_scale=MARKER_SCALE)
    return maps.deck(facts, MAP_LAYERS, None, region, narrowed=narrowed, columns=MAP_COLUMNS, size=size)
