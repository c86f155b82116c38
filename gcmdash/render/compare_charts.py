"""The regions compared (pure): a small bar chart per headline figure, and practices per objective as a heat map."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from gcmdash import formatting
from gcmdash.model import framework, memo
from gcmdash.render import chart_theme
from gcmdash.views import metrics
from gcmdash.views.compare import REGIONS, WORLDWIDE, Comparison

#: The brief's published figure, marked on a region's bar: Okabe–Ito's vermillion reads on both themes' bars.
PUBLISHED = "#D55E00"
#: Each region's most frequent objective(s) outlined in the heat map: Okabe–Ito's orange, seen on its darkest blue.
TOP_OUTLINE = "#E69F00"
#: The size of one small multiple's plot: five bars, and room for three side by side in the page's main column.
SMALL_WIDTH = 190
SMALL_BAR = 22
#: Pixels between two whole-number ticks at least: a small multiple's narrow axis keeps three or four labels.
TICK_SPACING = 60
#: Cells darker than this share of the colour scale carry white text; lighter ones dark text (the contrast is
#: higher that way on either side of it for the "blues" scheme).
DARK_FROM = 0.7


def whole_ticks(top: float, length: int = SMALL_WIDTH) -> list[int]:
    """Ticks 0, step, 2·step… past top, the step a whole 1, 2 or 5 × 10ⁿ, at most one per TICK_SPACING px."""
    rough = max(1.0, top / max(1, length // TICK_SPACING))
    power = 10 ** math.floor(math.log10(rough))
    mantissa = rough / power
    step = int(power * (1 if mantissa < 2 else 2 if mantissa < 5 else 5))
    end = max(step, math.ceil(top / step) * step)
    return list(range(0, end + 1, step))


def _drawn(value: float, unit: str) -> float:
    """A value on its chart's axis: money in USD million, the rest as it is."""
    return value / 1e6 if unit == "USD" else value


def multiples_frame(comparison: Comparison) -> pd.DataFrame:
    """One row per figure and region: the computed value as drawn and labelled, and the published one where it is
    comparable (none when the filters narrow the figure, or when it is one worldwide figure)."""
    rows = []
    for order, figure in enumerate(comparison.metrics):
        if figure.metric in WORLDWIDE:
            continue  # the same worldwide value beside every region: the table says so once, five equal bars would not
        for region in REGIONS:
            entry = comparison.entry(region, figure.metric)
            value = _drawn(entry.figure.value, figure.unit)
            published = _drawn(entry.figure.published, figure.unit) if entry.comparable else None
            rows.append((order, figure.metric, figure.label, figure.unit, region, value, published))
    frame = pd.DataFrame(rows, columns=["order", "metric", "figure", "unit", "region", "value", "published"])
    money = frame["unit"] == "USD"
    decimals = formatting.money_decimals(frame.loc[money, "value"]) if money.any() else 1
    frame["shown"] = [
        f"{v:,.{decimals}f}" if u == "USD" else f"{v:,.1f}%" if u == "%" else f"{v:,.0f}"
        for v, u in zip(frame["value"], frame["unit"], strict=True)
    ]
    return frame


def _value_axis(unit: str, top: float) -> tuple[alt.Axis, alt.Scale]:
    """The axis of one small multiple: whole-number ticks for counts, USD million or per cent otherwise."""
    # The unit is in the small multiple's title: an axis title under each of twelve plots would only crowd them.
    if unit == "USD":
        decimals = 0 if top >= 10 else 1
        return chart_theme.axis(None, format=f",.{decimals}f", tickCount=3), alt.Scale(domain=[0, max(top, 0.1) * 1.05])
    if unit == "%":
        return chart_theme.axis(None, format=",d", tickCount=3), alt.Scale(domain=[0, max(top, 1.0) * 1.05])
    ticks = whole_ticks(top)
    return chart_theme.axis(None, values=ticks, format=",d"), alt.Scale(domain=[0, ticks[-1]], nice=False)


def _small(frame: pd.DataFrame) -> alt.LayerChart:
    """One figure's five regions as bars, each labelled with its value, the published figure marked."""
    label, unit = frame["figure"].iloc[0], frame["unit"].iloc[0]
    top = float(pd.concat([frame["value"], frame["published"].dropna()]).max())
    x_axis, scale = _value_axis(unit, top)
    # Every region named on every plot: Vega would drop labels it thinks crowded, leaving bars nobody can name.
    y = alt.Y("region:N", sort=list(REGIONS), axis=chart_theme.axis(None, labelOverlap=False))
    base = alt.Chart(frame, width=SMALL_WIDTH, height=alt.Step(SMALL_BAR))
    bars = base.mark_bar(color=chart_theme.ACCENT, cornerRadiusEnd=2).encode(
        y=y,
        x=alt.X("value:Q", scale=scale, axis=x_axis),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("figure:N", title="Figure"),
            alt.Tooltip("shown:N", title="Computed from the records"),
        ],
    )
    labels = base.mark_text(align="left", dx=8, fontSize=chart_theme.FONT_SIZE - 2).encode(
        y=y, x=alt.X("value:Q", scale=scale), text="shown:N"
    )
    layers = [bars, labels]
    if frame["published"].notna().any():
        marked = frame[frame["published"].notna()]
        layers.append(
            alt.Chart(marked)
            # A diamond, not a tick: where the records reproduce the figure a tick would vanish into the bar's end.
            .mark_point(
                shape="diamond", filled=True, size=110, color=PUBLISHED, stroke="#FFFFFF", strokeWidth=1, opacity=1
            )
            .encode(
                y=y,
                x=alt.X("published:Q", scale=scale),
                tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("published:Q", title="Published")],
            )
        )
    unit_note = {"USD": " (USD million)", "%": " (%)"}.get(unit, "")
    return alt.layer(*layers).properties(
        title=alt.TitleParams(label + unit_note, fontSize=chart_theme.FONT_SIZE, anchor="start")
    )


@memo.by_content()
def figure_multiples(frame: pd.DataFrame, columns: int = 3) -> alt.ConcatChart:
    """A small bar chart per headline figure with the five regions, each on its own axis, published values marked."""
    smalls = [_small(part) for _, part in frame.groupby("order", sort=True)]
    return alt.concat(*smalls, columns=columns, spacing=36).properties(
        title=chart_theme.title(
            "Each headline figure, region by region",
            [
                "Bars: computed from the records; each figure has its own axis.",
                "Vermillion diamond: the region's published brief figure, where there is one;",
                "a published share is of its brief's own total at its date (see the shares table).",
            ],
        )
    )


def multiples_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The small multiples' numbers: figure, region, computed value and the published one as drawn."""
    return frame.assign(unit=frame["unit"].map({"USD": "USD million", "%": "%"}).fillna("")).rename(
        columns={"figure": "Figure", "region": "Region", "value": "Computed", "unit": "Unit", "published": "Published"}
    )[["Figure", "Region", "Computed", "Published", "Unit"]]


def heat_frame(matrix: pd.DataFrame) -> pd.DataFrame:
    """One row per objective and region: its count, its label, whether it is the region's most frequent (ties all
    included) and whether its cell is dark enough to need light text."""
    labels = {o.number: o.label for o in framework.objectives()}
    tops = {r: set(metrics.top_with_ties(matrix[r], 1).index) for r in matrix.columns}
    end = _colour_ticks(int(matrix.to_numpy().max()) if matrix.size else 0)[-1]
    rows = [
        (int(o), labels[int(o)], r, int(n), int(o) in tops[r], n > DARK_FROM * end)
        for r in matrix.columns
        for o, n in matrix[r].items()
    ]
    return pd.DataFrame(rows, columns=["objective", "label", "region", "practices", "top", "dark"])


#: The plot's height per objective row.
HEAT_ROW = 22
#: The colour legend's length in pixels.
LEGEND_LENGTH = 200


def _colour_ticks(most: int) -> list[int]:
    """The colour scale's whole-number legend values, the last one its end."""
    return whole_ticks(most, LEGEND_LENGTH)


@memo.by_content()
def heat_map(frame: pd.DataFrame) -> alt.LayerChart:
    """Practices per GCM objective (rows, in number order) per region (columns), the count printed in each cell."""
    ticks = _colour_ticks(int(frame["practices"].max()) if len(frame) else 0)
    # labelFlush off: Streamlit's theme flushes a band axis's first label to the plot's edge, off its row.
    y = alt.Y("label:N", sort=alt.SortField("objective"), axis=chart_theme.axis(None, labelFlush=False))
    x = alt.X("region:N", sort=list(REGIONS), axis=chart_theme.axis(None, orient="top", labelAngle=0))
    base = alt.Chart(frame, height=alt.Step(HEAT_ROW))
    cells = base.mark_rect(stroke=TOP_OUTLINE).encode(
        x=x,
        y=y,
        color=alt.Color(
            "practices:Q",
            # A sequential single-hue scale: lighter is fewer, whatever the colour vision.
            scale=alt.Scale(scheme="blues", domain=[0, ticks[-1]], nice=False),
            legend=alt.Legend(
                title="Practices",
                values=ticks,
                format=",d",
                orient="bottom",
                direction="horizontal",
                gradientLength=LEGEND_LENGTH,
                labelFontSize=chart_theme.FONT_SIZE - 1,
                titleFontSize=chart_theme.FONT_SIZE - 1,
            ),
        ),
        strokeWidth=alt.condition("datum.top", alt.value(3), alt.value(0)),
        tooltip=[
            alt.Tooltip("label:N", title="Objective"),
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("practices:Q", title="Practices", format=",d"),
        ],
    )
    counts = base.mark_text(fontSize=chart_theme.FONT_SIZE - 1).encode(
        x=x,
        y=y,
        text=alt.Text("practices:Q", format=",d"),
        color=alt.condition("datum.dark", alt.value("#FFFFFF"), alt.value("#1B2A3A")),
    )
    return (cells + counts).properties(
        title=chart_theme.title(
            "Practices per GCM objective, region by region",
            [
                "A practice counts under each of its objectives and in each region it is implemented in.",
                "Outlined: each region's most frequent objective, every tie included.",
            ],
        ),
        width="container",
    )


def heat_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The heat map's numbers: one row per objective, one column per region."""
    labels = {o.number: o.label for o in framework.objectives()}
    table = matrix.rename(index=labels).rename_axis(index="Objective", columns=None).reset_index()
    return table
