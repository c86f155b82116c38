"""Altair chart builders (pure): readable labels, titles that say what is counted, a colour-blind-safe palette.

Building an Altair chart is slow (tens of milliseconds: Altair checks every channel against the Vega-Lite schema),
and a chart's structure does not depend on its numbers. So each builder makes its chart once per set of non-data
arguments, on an empty table (a *template*), and each call only attaches its data to that template; ``template_of``
gives the template back, so that ``ui`` can turn it into a Vega-Lite spec once and send each state's data beside it.
The builders are also memoised by the content of their arguments: equal numbers give the very same chart object,
shared by every session. Treat charts as read-only: Altair's ``properties``/``configure_*``/``+`` return new charts.
"""

from __future__ import annotations

import functools
import textwrap

import altair as alt
import pandas as pd

from gcmdash import formatting
from gcmdash.model import framework, memo

#: Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
ACCENT = "#0072B2"
MUTED = "#A7B4C2"
FONT_SIZE = 13
BAR_HEIGHT = 22


def _axis(title: str | None = None, **extra) -> alt.Axis:
    return alt.Axis(title=title, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=320, **extra)


#: Subtitles are wrapped to lines this long: a chart in a third of the page would cut a longer line off with "…".
SUBTITLE_CHARS = 34


def _title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
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


def _count_axis(title: str | None, scale: str = "x", **extra) -> alt.Axis:
    """A value axis of counts: whole-number ticks only, written as integers (never "0, 1, 1")."""
    length = "width" if scale == "x" else "height"
    return _axis(title, values=_integer_ticks(scale, length), format=",d", **extra)


#: The plot keeps its own height and only its width fits the page: Streamlit's default ("fit" both ways) squeezes
#: a chart of a fixed height into that height, title, axis and legend included (a 300 px chart had a 60 px plot).
FIT_WIDTH = alt.AutoSizeParams(type="fit-x", contains="padding")


_TEMPLATE_OF = memo.Bounded(1024)  # id(chart) -> (chart, its template): the chart kept, so its id is not reused


def _on(template: alt.TopLevelMixin, frame: pd.DataFrame) -> alt.TopLevelMixin:
    """The template drawing this frame (as its one, top-level data), remembered as made from that template."""
    chart = template.properties(data=frame)
    _TEMPLATE_OF.put(id(chart), (chart, template))
    return chart


def template_of(chart: alt.TopLevelMixin) -> alt.TopLevelMixin | None:
    """The data-free chart this chart was made from (same spec for any data), or None for a chart made otherwise."""
    found, kept = _TEMPLATE_OF.get(id(chart))
    return kept[1] if found and kept[0] is chart else None


def _empty(columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """An empty table with these (column, dtype) pairs: what a template is built on."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns})


def _columns(frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(dtype)) for name, dtype in frame.dtypes.items())


def _initially(field: str, picked: tuple) -> dict:
    """A click selection's initial value: the bars a link names are drawn selected, as if clicked."""
    return {"value": [{field: v} for v in picked]} if picked else {}


def objective_frame(counts: pd.Series, top: list[int]) -> pd.DataFrame:
    """One row per objective 1–23: label, official title, records and whether it is among the top ones."""
    rows = [(o.number, o.label, o.title, int(counts.get(o.number, 0)), o.number in top) for o in framework.objectives()]
    return pd.DataFrame(rows, columns=["objective", "label", "title", "records", "top"])


@functools.lru_cache(maxsize=64)
def _objective_template(
    columns: tuple[tuple[str, str], ...], what: str, selection: str | None, picked: tuple = ()
) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT))
    # A value channel made directly: alt.condition's dict is parsed against the whole schema on every build.
    color = alt.ColorValue(MUTED, condition={"test": "datum.top", "value": ACCENT})
    chart = base.mark_bar(cornerRadiusEnd=2).encode(
        y=alt.Y("label:N", sort=alt.SortField("objective"), axis=_axis(None)),
        x=alt.X("records:Q", axis=_count_axis(what)),
        color=color,
        tooltip=[
            alt.Tooltip("label:N", title="Objective"),
            alt.Tooltip("title:N", title="Official title"),
            alt.Tooltip("records:Q", title=what),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=alt.Y("label:N", sort=alt.SortField("objective")), x="records:Q", text="records:Q"
    )
    if selection:
        pick = alt.selection_point(
            name=selection, fields=["objective"], on="click", clear="dblclick", **_initially("objective", picked)
        )
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    return (chart + labels).properties(
        title=_title(
            f"{what} per GCM objective",
            [
                "Highlighted: the most frequent objectives, all tied at the cut included.",
                "A record with several objectives counts under each.",
            ],
        ),
        width="container",
    )


@memo.by_content()
def objective_bars(frame: pd.DataFrame, what: str, selection: str | None = None, picked: tuple = ()) -> alt.Chart:
    """Records per GCM objective, all 23 in order, top objectives highlighted; clickable when selection is named
    (picked: the objectives drawn as already clicked, e.g. from a shared link)."""
    return _on(_objective_template(_columns(frame), what, selection, tuple(picked)), frame)


def _value_axis(what: str, decimals: int | None, scale: str = "x") -> alt.Axis:
    """A count axis (decimals None), or an amount axis in USD million whose ticks have the labels' decimals."""
    return _count_axis(what, scale) if decimals is None else _axis("USD million", format=f",.{decimals}f")


def _value_format(decimals: int | None) -> str:
    return ",d" if decimals is None else f",.{decimals}f"


@functools.lru_cache(maxsize=128)
def _category_template(
    field: str,
    what: str,
    title: str,
    selection: str | None,
    note: str | None,
    picked: tuple = (),
    decimals: int | None = None,
) -> alt.LayerChart:
    empty = _empty(((field, "object"), ("records", "int64" if decimals is None else "float64"), ("rank", "int64")))
    # The bars keep the order they are given (largest first, ties by name): Vega's own "-x" sort leaves ties to chance.
    order = alt.EncodingSortField("rank", op="min")
    shown = "USD million" if decimals is not None else what
    chart = (
        alt.Chart(empty, height=alt.Step(BAR_HEIGHT))
        .mark_bar(color=ACCENT, cornerRadiusEnd=2)
        .encode(
            y=alt.Y(f"{field}:N", sort=order, axis=_axis(None)),
            x=alt.X("records:Q", axis=_value_axis(what, decimals)),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=title),
                alt.Tooltip("records:Q", title=shown, format=_value_format(decimals)),
            ],
        )
    )
    labels = (
        alt.Chart(empty)
        .mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1)
        .encode(
            y=alt.Y(f"{field}:N", sort=order), x="records:Q", text=alt.Text("records:Q", format=_value_format(decimals))
        )
    )
    if selection:
        pick = alt.selection_point(
            name=selection, fields=[field], on="click", clear="dblclick", **_initially(field, picked)
        )
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    return (chart + labels).properties(title=_title(f"{what} by {title.lower()}", note), width="container")


@memo.by_content()
def category_bars(
    counts: pd.Series,
    field: str,
    what: str,
    title: str,
    selection: str | None = None,
    note: str | None = None,
    picked: tuple = (),
    money: bool = False,
) -> alt.Chart:
    """Horizontal bars per category in the order given (largest first, ties by name), each labelled with its value:
    counts, or amounts in USD million (money) written with one number of decimals for the whole chart. Clickable
    when selection is named (picked: the categories drawn as already clicked)."""
    frame = counts.rename_axis(field).reset_index(name="records")
    frame["rank"] = range(len(frame))
    decimals = formatting.money_decimals(frame["records"]) if money else None
    return _on(_category_template(field, what, title, selection, note, tuple(picked), decimals), frame)


@functools.lru_cache(maxsize=64)
def _yearly_template(
    columns: tuple[tuple[str, str], ...], value: str, what: str, title: str, color: str | None, decimals: int | None
) -> alt.Chart:
    shown = "USD million" if decimals is not None else what
    encoding = dict(
        x=alt.X("year:O", axis=_axis("Year", labelAngle=0)),
        y=alt.Y(f"{value}:Q", axis=_value_axis(what, decimals, "y")),
        tooltip=[
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip(f"{value}:Q", title=shown, format=_value_format(decimals)),
        ],
    )
    if color:
        encoding["color"] = alt.Color(
            f"{color}:N",
            scale=alt.Scale(range=list(PALETTE)),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=FONT_SIZE, labelLimit=400, columns=2),
        )
        encoding["tooltip"].insert(1, alt.Tooltip(f"{color}:N"))
    # The plot is YEARLY_HEIGHT tall whatever the title and legend take (FIT_WIDTH): never a squeezed strip.
    return (
        alt.Chart(_empty(columns), height=YEARLY_HEIGHT)
        .mark_bar(color=ACCENT)
        .encode(**encoding)
        .properties(title=_title(title), width="container", autosize=FIT_WIDTH)
    )


#: The plot height of a chart per year.
YEARLY_HEIGHT = 220


@memo.by_content()
def yearly_bars(
    frame: pd.DataFrame, value: str, what: str, title: str, color: str | None = None, money: bool = False
) -> alt.Chart:
    """Bars per year (optionally stacked by a category) of a count, or of an amount in USD (money: drawn in USD
    million, every tick with the same decimals)."""
    decimals = None
    if money:
        frame = frame.assign(**{value: frame[value] / 1e6})
        decimals = formatting.money_decimals(frame[value])
    return _on(_yearly_template(_columns(frame), value, what, title, color, decimals), frame)


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
        x=alt.X("target:Q", axis=_axis("USD million", format=",.0f"), scale=scale),
        tooltip=[alt.Tooltip("target:Q", title="Target (USD million)", format=",.1f")],
    )
    done = base.mark_bar(color=ACCENT).encode(
        x="mobilised:Q", tooltip=[alt.Tooltip("mobilised:Q", title="Mobilised (USD million)", format=",.1f")]
    )
    # An explicit colour on the mark wins over the theme's text colour (light ink on the light track was invisible).
    inside = share >= 0.5
    text = base.mark_text(
        align="right" if inside else "left",
        dx=-6 if inside else 6,
        fontSize=FONT_SIZE,
        fontWeight="bold",
        color=PROGRESS_INK_ON_FILL if inside else PROGRESS_INK,
    ).encode(x="mobilised:Q", text="label:N")
    return (whole + done + text).properties(
        title=_title("Progress towards the M-MPTF capitalisation target"), width="container"
    )


def counts_table(counts: pd.Series, field_title: str, what: str, money: bool = False) -> pd.DataFrame:
    """A chart's counts as a two-column table for its data-table view (money: amounts in USD million, rounded to the
    decimals the chart writes)."""
    if money:
        counts = counts.round(formatting.money_decimals(counts))
    return counts.rename_axis(field_title).reset_index(name=what)


def yearly_table(frame: pd.DataFrame, value: str, what: str, money: bool = False) -> pd.DataFrame:
    """A chart per year's numbers for its data-table view: Year, then the value (money: in USD million, rounded to
    the decimals the chart writes), then any other column."""
    if money:
        millions = frame[value] / 1e6
        frame = frame.assign(**{value: millions.round(formatting.money_decimals(millions))})
        what = "USD million"
    return frame.rename(columns={"year": "Year", value: what})


#: Joint programmes' statuses and their colours, in every chart of them.
STATUSES = ("Funded", "Pipeline")
_STATUS_COLOURS = alt.Scale(domain=list(STATUSES), range=[ACCENT, PALETTE[1]])


def _status_legend() -> alt.Legend:
    return alt.Legend(title=None, orient="bottom", labelFontSize=FONT_SIZE)


@functools.lru_cache(maxsize=32)
def _status_template(columns: tuple[tuple[str, str], ...], field: str, title: str) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT))
    y = alt.Y(f"{field}:N", sort=alt.EncodingSortField("order", op="min"), axis=_axis(None))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        y=y,
        x=alt.X("sum(programmes):Q", axis=_count_axis("Joint programmes")),
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=_status_legend()),
        tooltip=[
            alt.Tooltip(f"{field}:N", title=title),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("programmes:Q", title="Joint programmes"),
        ],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=y, x="sum(programmes):Q", text=alt.Text("sum(programmes):Q", format="d")
    )
    return (bars + totals).properties(title=_title(f"Joint programmes by {title.lower()}"), width="container")


@memo.by_content()
def status_bars(frame: pd.DataFrame, field: str, title: str) -> alt.Chart:
    """Joint programmes per category (frame: field, status, programmes, order), funded and pipeline stacked in one
    bar with its total, in the frame's order."""
    return _on(_status_template(_columns(frame), field, title), frame)


@functools.lru_cache(maxsize=8)
def _region_template(columns: tuple[tuple[str, str], ...]) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT + 6))
    # The selected region's label is bold and says "(selected)"; its bar is drawn full, the others paler: a
    # highlight read in words as well as in colour, in either theme.
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField("order", op="min"),
        axis=_axis(
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
        x=alt.X("programmes:Q", stack="zero", axis=_count_axis("Joint programmes")),
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=_status_legend()),
        opacity=alt.OpacityValue(0.45, condition={"test": "datum.selected", "value": 1.0}),
        tooltip=[
            alt.Tooltip("region:N", title="Region"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("programmes:Q", title="Joint programmes"),
        ],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=y, x="sum(programmes):Q", text=alt.Text("sum(programmes):Q", format="d")
    )
    return (bars + totals).properties(
        title=_title(
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
    return _on(_region_template(_columns(frame)), frame)


@functools.lru_cache(maxsize=8)
def _country_template(columns: tuple[tuple[str, str], ...], several: bool) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT), width=alt.Step(110))
    y = alt.Y("country:N", sort=alt.EncodingSortField("order", op="min"), axis=_axis(None))
    x = alt.X(
        "status:N",
        scale=alt.Scale(domain=list(STATUSES)),
        axis=_axis(None, orient="top", labelAngle=0, domain=False, ticks=False),
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
        numbers = base.mark_text(align="left", dx=10, fontSize=FONT_SIZE - 1).encode(y=y, x=x, text="shown:N")
        chart = dots + numbers
    return chart.properties(
        title=_title("Joint programmes by country", note + " A programme covering several countries counts in each.")
    )


@memo.by_content()
def country_dots(frame: pd.DataFrame) -> alt.Chart:
    """Joint programmes per country as a compact country × status grid of dots (frame: country, status, programmes,
    order), with a count only where a country has more than one of a status: not a wall of bars all equal to 1."""
    shown = frame.assign(shown=[str(n) if n > 1 else "" for n in frame["programmes"]])
    return _on(_country_template(_columns(shown), bool((frame["programmes"] > 1).any())), shown)


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
