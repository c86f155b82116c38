"""The map's colours: the choropleth's classes (whole-number breaks) and their shades, and the fixed fills and lines.

Countries with no records form their own class (white). The others are split at whole-number breaks into at most
five classes holding about equal numbers of countries (the nearest-rank quantiles of the non-zero counts; equal
breaks merge, so small counts give fewer classes). Classes are coloured with steps of ColorBrewer's YlGnBu, a
sequential ramp that ColorBrewer rates safe for colour-blind readers and that stays ordered in greyscale: light for
few records, dark for many. (Viridis was tried first: its saturated yellow-green drowned the markers.)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

RGB = tuple[int, int, int]

#: ColorBrewer YlGnBu (7 classes) without its palest step, which would read as "none": light to dark.
RAMP: tuple[RGB, ...] = ((199, 233, 180), (127, 205, 187), (65, 182, 196), (29, 145, 192), (34, 94, 168), (12, 44, 132))
MAX_CLASSES = 5
NO_RECORDS: RGB = (255, 255, 255)
CONTEXT_FILL: RGB = (236, 236, 236)
CONTEXT_LINE: RGB = (205, 205, 205)
SHOWN_FILL: RGB = (250, 250, 250)
SHOWN_LINE: RGB = (90, 90, 90)


def class_breaks(counts: Iterable[int]) -> list[tuple[int, int]]:
    """Whole-number classes (low, high) of the non-zero counts: at most five, about equally filled."""
    values = sorted(int(c) for c in counts if c > 0)
    if not values:
        return []
    k = min(MAX_CLASSES, len(set(values)))
    uppers = sorted({values[math.ceil(i / k * len(values)) - 1] for i in range(1, k + 1)})
    return [(previous + 1, upper) for previous, upper in zip([0, *uppers], uppers, strict=False)]


def class_colours(n: int) -> list[RGB]:
    """Colours for n classes, spread over the whole ramp so that two classes still look clearly apart."""
    if n <= 1:
        return list(RAMP[len(RAMP) // 2 : len(RAMP) // 2 + n])
    return [RAMP[round(i * (len(RAMP) - 1) / (n - 1))] for i in range(n)]


def _fill(count: int, breaks: list[tuple[int, int]], colours: list[RGB]) -> RGB:
    for (low, high), colour in zip(breaks, colours, strict=True):
        if low <= count <= high:
            return colour
    return NO_RECORDS


def fills(facts: pd.DataFrame, choropleth: str | None) -> dict[str, RGB]:
    """Each country's fill: its class's shade of the choropleth column, or one plain fill when nothing is shaded."""
    if not choropleth:
        return dict.fromkeys(set(facts.index), SHOWN_FILL)
    breaks = class_breaks(facts[choropleth])
    colours = class_colours(len(breaks))
    return {code: _fill(int(n), breaks, colours) for code, n in facts[choropleth].items()}
