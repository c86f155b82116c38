"""The charts' shared look: a colour-blind-safe palette, type sizes, titles and axes with whole-number ticks."""

from __future__ import annotations

import textwrap

import altair as alt

#: Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
ACCENT = "#0072B2"
MUTED = "#A7B4C2"
FONT_SIZE = 13
BAR_HEIGHT = 22


def axis(title: str | None = None, **extra) -> alt.Axis:
    """An axis in the charts' type size, its labels cut off only past 320 px."""
    return alt.Axis(title=title, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=320, **extra)


#: Subtitles are wrapped to lines this long: a chart in a third of the page would cut a longer line off with "…".
SUBTITLE_CHARS = 34


def title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    """A chart's title, with its subtitle wrapped (a string) or taken line by line (a list)."""
    lines = textwrap.wrap(subtitle, SUBTITLE_CHARS) if isinstance(subtitle, str) else list(subtitle or [])
    return alt.TitleParams(text, subtitle=lines, fontSize=16, subtitleFontSize=12, anchor="start")


def _integer_ticks(scale: str, length: str) -> alt.ExprRef:
    """Tick values 0, step, 2·step… up to the scale's end, the step a whole 1, 2 or 5 × 10ⁿ, at most one per 45 px.

    Vega's tickMinStep is not enough: it caps the tick count at span + 1, and d3 then still picks a step of 0.5 for
    a 0–1 or 0–2 axis, which a whole-number format writes "0, 1, 1". Worked out in the chart from its own domain and
    size, so a chart's template stays the same for any data.
    """
    rough = f"max(1, domain('{scale}')[1] / max(1, floor({length} / 45)))"
    power = f"pow(10, floor(log({rough}) / LN10))"
    mantissa = f"({rough}) / ({power})"
    # Rounded down to 1, 2 or 5 × 10ⁿ, so the step never passes the domain's end: a narrow 0–4 axis still shows 4.
    step = f"({power}) * ({mantissa} < 2 ? 1 : {mantissa} < 5 ? 2 : 5)"
    return alt.ExprRef(f"sequence(0, domain('{scale}')[1] + 0.5, {step})")


def count_axis(title: str | None, scale: str = "x", **extra) -> alt.Axis:
    """A value axis of counts: whole-number ticks only, written as integers (never "0, 1, 1")."""
    length = "width" if scale == "x" else "height"
    return axis(title, values=_integer_ticks(scale, length), format=",d", **extra)


#: The plot keeps its own height and only its width fits the page: Streamlit's default ("fit" both ways) squeezes
#: a chart of a fixed height into that height, title, axis and legend included (a 300 px chart had a 60 px plot).
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")
