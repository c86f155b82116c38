"""The Migration MPTF's charts (pure): progress towards its capitalisation target, and joint programmes by status.

Each builder makes its chart once as a data-free template (``chart_templates``) and is memoised by the content of its
arguments; the look (palette, titles, axes) is ``chart_theme``'s.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from gcmdash import formatting
from gcmdash.model import memo
from gcmdash.render import chart_templates, chart_theme

#: The progress bar's colours, fixed in both themes: the label sits on the track (dark ink) or, past half-way, on
#: the filled part (white); each pair meets WCAG AA's 4.5:1 (tests/test_charts_truth.py computes it).
PROGRESS_TRACK = "#E3E8EE"
PROGRESS_INK = "#1B2A3A"
PROGRESS_INK_ON_FILL = "#FFFFFF"


@memo.by_content()
def progress_bar(mobilised: float, target: float) -> alt.Chart:
    """Progress towards the capitalisation target: the mobilised part drawn over the whole target, in USD million,
    labelled "39.5% of USD 150 million" in colours readable in the light and the dark theme alike."""
    share = mobilised / target
    frame = pd.DataFrame(
        {
            "fund": ["M-MPTF"],
            "target": [target / 1e6],
            "mobilised": [mobilised / 1e6],
            "label": [f"{100 * share:.1f}% of {formatting.money(target)}"],
        }
    )
    # A band step, not a fixed height: a fixed height counts the title and axis too, leaving a hairline bar.
    base = alt.Chart(frame, height=alt.Step(48)).encode(y=alt.Y("fund:N", axis=None))
    scale = alt.Scale(domain=[0, max(target, mobilised) / 1e6], nice=False)
    # No number is written on the bar, so the axis takes whole millions; both tooltips write one decimal.
    whole = base.mark_bar(color=PROGRESS_TRACK).encode(
        x=alt.X("target:Q", axis=chart_theme.axis("USD million", format=",.0f"), scale=scale),
        tooltip=[alt.Tooltip("target:Q", title="Target (USD million)", format=",.1f")],
    )
    done = base.mark_bar(color=chart_theme.ACCENT).encode(
        x="mobilised:Q", tooltip=[alt.Tooltip("mobilised:Q", title="Mobilised (USD million)", format=",.1f")]
    )
    # An explicit colour on the mark wins over the theme's text colour (light ink on the light track was invisible).
    inside = share >= 0.5
    text = base.mark_text(
        align="right" if inside else "left",
        dx=-6 if inside else 6,
        fontSize=chart_theme.FONT_SIZE,
        fontWeight="bold",
        color=PROGRESS_INK_ON_FILL if inside else PROGRESS_INK,
    ).encode(x="mobilised:Q", text="label:N")
    return (whole + done + text).properties(
        title=chart_theme.title("Progress towards the M-MPTF capitalisation target"), width="container"
    )


#: Joint programmes' statuses and their colours, in every chart of them.
STATUSES = ("Funded", "Pipeline")
_STATUS_COLOURS = alt.Scale(domain=list(STATUSES), range=[chart_theme.ACCENT, chart_theme.PALETTE[1]])


def _status_legend() -> alt.Legend:
    return alt.Legend(title=None, orient="bottom", labelFontSize=chart_theme.FONT_SIZE)


@functools.lru_cache(maxsize=32)
def _status_template(columns: tuple[tuple[str, str], ...], field: str, title: str) -> alt.LayerChart:
    base = alt.Chart(chart_templates.empty(columns), height=alt.Step(chart_theme.BAR_HEIGHT))
    y = alt.Y(f"{field}:N", sort=alt.EncodingSortField("order", op="min"), axis=chart_theme.axis(None))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        y=y,
        x=alt.X("sum(programmes):Q", axis=chart_theme.count_axis("Joint programmes")),
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=_status_legend()),
        tooltip=[
            alt.Tooltip(f"{field}:N", title=title),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("programmes:Q", title="Joint programmes"),
        ],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=chart_theme.FONT_SIZE - 1).encode(
        y=y, x="sum(programmes):Q", text=alt.Text("sum(programmes):Q", format="d")
    )
    return (bars + totals).properties(
        title=chart_theme.title(f"Joint programmes by {title.lower()}"), width="container"
    )


@memo.by_content()
def status_bars(frame: pd.DataFrame, field: str, title: str) -> alt.Chart:
    """Joint programmes per category (frame: field, status, programmes, order), funded and pipeline stacked in one
    bar with its total, in the frame's order."""
    return chart_templates.on(_status_template(chart_templates.columns(frame), field, title), frame)


@functools.lru_cache(maxsize=8)
def _region_template(columns: tuple[tuple[str, str], ...]) -> alt.LayerChart:
    base = alt.Chart(chart_templates.empty(columns), height=alt.Step(chart_theme.BAR_HEIGHT + 6))
    # The selected region's label is bold and says "(selected)"; its bar is drawn full, the others paler: a
    # highlight read in words as well as in colour, in either theme.
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField("order", op="min"),
        axis=chart_theme.axis(
            None,
            labelFontWeight={
                "condition": {"test": "indexof(datum.label, '(selected)') >= 0", "value": "bold"},
                "value": "normal",
            },
        ),
    )
    # Not aggregated (bars stack by themselves): an aggregate would drop the `selected` field the opacity reads.
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        y=y,
        x=alt.X("programmes:Q", stack="zero", axis=chart_theme.count_axis("Joint programmes")),
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=_status_legend()),
        opacity=alt.OpacityValue(0.45, condition={"test": "datum.selected", "value": 1.0}),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("programmes:Q", title="Joint programmes"),
        ],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=chart_theme.FONT_SIZE - 1).encode(
        y=y, x="sum(programmes):Q", text=alt.Text("sum(programmes):Q", format="d")
    )
    return (bars + totals).properties(
        title=chart_theme.title(
            "Joint programmes by region",
            "Each region's own joint programmes, as its page counts them (the years chosen apply); a "
            "programme covering countries of several regions counts in each.",
        ),
        width="container",
    )


@memo.by_content()
def region_bars(frame: pd.DataFrame) -> alt.Chart:
    """Each of the five regions' own joint programmes (frame from views: region, label, status, programmes,
    selected, order), funded and pipeline stacked, the selected region highlighted."""
    return chart_templates.on(_region_template(chart_templates.columns(frame)), frame)


@functools.lru_cache(maxsize=8)
def _country_template(columns: tuple[tuple[str, str], ...], several: bool) -> alt.LayerChart:
    base = alt.Chart(chart_templates.empty(columns), height=alt.Step(chart_theme.BAR_HEIGHT), width=alt.Step(110))
    y = alt.Y("country:N", sort=alt.EncodingSortField("order", op="min"), axis=chart_theme.axis(None))
    x = alt.X(
        "status:N",
        scale=alt.Scale(domain=list(STATUSES)),
        axis=chart_theme.axis(None, orient="top", labelAngle=0, domain=False, ticks=False),
    )
    dots = base.mark_circle(size=150, opacity=1).encode(
        y=y,
        x=x,
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=None),
        tooltip=[
            alt.Tooltip("country:N", title="Country"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("programmes:Q", title="Joint programmes"),
        ],
    )
    note = (
        "A dot: the country has joint programmes of that status; the number says how many where more than one."
        if several
        else "A dot: the country has one joint programme of that status."
    )
    chart = dots
    if several:
        numbers = base.mark_text(align="left", dx=10, fontSize=chart_theme.FONT_SIZE - 1).encode(
            y=y, x=x, text="shown:N"
        )
        chart = dots + numbers
    return chart.properties(
        title=chart_theme.title(
            "Joint programmes by country", note + " A programme covering several countries counts in each."
        )
    )


@memo.by_content()
def country_dots(frame: pd.DataFrame) -> alt.Chart:
    """Joint programmes per country as a compact country × status grid of dots (frame: country, status, programmes,
    order), with a count only where a country has more than one of a status: not a wall of bars all equal to 1."""
    shown = frame.assign(shown=[str(n) if n > 1 else "" for n in frame["programmes"]])
    return chart_templates.on(
        _country_template(chart_templates.columns(shown), bool((frame["programmes"] > 1).any())), shown
    )


def status_table(frame: pd.DataFrame, field: str, title: str) -> pd.DataFrame:
    """A programme chart's numbers for its data-table view: one row per value, funded, pipeline and total."""
    wide = (
        frame.pivot_table(
            index=field, columns="status", values="programmes", aggfunc="sum", fill_value=0, observed=True
        )
        .reindex(columns=list(STATUSES), fill_value=0)
        .astype(int)
    )
    order = frame.groupby(field, observed=True)["order"].min()
    wide = wide.loc[order.sort_values(kind="stable").index]
    return wide.assign(Total=wide.sum(axis=1)).rename_axis(title).rename_axis(None, axis=1).reset_index()
