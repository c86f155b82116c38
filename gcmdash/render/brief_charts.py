"""The brief's charts: the pages' own Altair charts drawn as inline SVG, sized to the brief's text column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from gcmdash.render import exports

#: Width in CSS pixels of a full-width chart or map: the A4 text column (210 mm less 2 × 14 mm margins) is 688 px.
WIDTH = 660

_SVG_WIDTH = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"')
_SVG_ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Chart:
    """A chart for the brief: its key (the figure's id) and its drawing, an SVG made by vl-convert."""

    key: str
    svg: Markup


def _unique_ids(svg: str, prefix: str) -> str:
    """The SVG with its ids (clip paths, gradients) prefixed: several charts inline in one page must not share any."""
    ids = set(_SVG_ID.findall(svg))
    if not ids:
        return svg

    def rename(match: re.Match) -> str:
        return match.group(1) + prefix + match.group(2) if match.group(2) in ids else match.group(0)

    return re.sub(r'(\sid="|url\(#|href="#)([^")]+)', rename, svg)


def chart_svg(chart, key: str, label: str, width: int = WIDTH) -> Chart:
    """A chart from gcmdash.render.charts as inline SVG about `width` px wide overall (axis labels, title included)."""
    # The builders size the plot to the page ("container"); here the plot is sized so that the whole drawing,
    # labels included, fills the column: draw once, measure, draw again with the difference.
    plot = 360
    svg = exports.chart_svg(chart.properties(width=plot)).decode("utf-8")
    found = _SVG_WIDTH.search(svg)
    if found and abs(float(found.group(1)) - width) > 4:
        plot = max(140, round(plot + width - float(found.group(1))))
        svg = exports.chart_svg(chart.properties(width=plot)).decode("utf-8")
    # vl-convert's drawing is markup made here, not text from the data: only the label is escaped into it.
    aria = Markup('<svg role="img" aria-label="{}" ').format(label)
    return Chart(key, Markup(_unique_ids(svg, f"{key}-").replace("<svg ", aria, 1)))
