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

import altair as alt
import pandas as pd

from gcmdash import framework, memo

#: Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
ACCENT = "#0072B2"
MUTED = "#A7B4C2"
FONT_SIZE = 13
BAR_HEIGHT = 22


def _axis(title: str | None = None, **extra) -> alt.Axis:
    return alt.Axis(title=title, labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelLimit=320, **extra)


def _title(text: str, subtitle: str | None = None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle or [], fontSize=16, subtitleFontSize=12, anchor="start")


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
def _objective_template(columns: tuple[tuple[str, str], ...], what: str, selection: str | None,
                        picked: tuple = ()) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT))
    # A value channel made directly: alt.condition's dict is parsed against the whole schema on every build.
    color = alt.ColorValue(MUTED, condition={"test": "datum.top", "value": ACCENT})
    chart = base.mark_bar(cornerRadiusEnd=2).encode(
        y=alt.Y("label:N", sort=alt.SortField("objective"), axis=_axis(None)),
        x=alt.X("records:Q", axis=_axis(what, tickMinStep=1)),
        color=color,
        tooltip=[alt.Tooltip("label:N", title="Objective"), alt.Tooltip("title:N", title="Official title"),
                 alt.Tooltip("records:Q", title=what)],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=alt.Y("label:N", sort=alt.SortField("objective")), x="records:Q", text="records:Q")
    if selection:
        pick = alt.selection_point(name=selection, fields=["objective"], on="click", clear="dblclick",
                                   **_initially("objective", picked))
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    return (chart + labels).properties(
        title=_title(f"{what} per GCM objective",
                     "Highlighted: the most frequent objectives, all tied at the cut included. A record with several "
                     "objectives counts under each."),
        width="container",
    )


@memo.by_content()
def objective_bars(frame: pd.DataFrame, what: str, selection: str | None = None, picked: tuple = ()) -> alt.Chart:
    """Records per GCM objective, all 23 in order, top objectives highlighted; clickable when selection is named
    (picked: the objectives drawn as already clicked, e.g. from a shared link)."""
    return _on(_objective_template(_columns(frame), what, selection, tuple(picked)), frame)


@functools.lru_cache(maxsize=128)
def _category_template(field: str, what: str, title: str, selection: str | None, note: str | None,
                       picked: tuple = ()) -> alt.LayerChart:
    empty = _empty(((field, "object"), ("records", "int64"), ("rank", "int64")))
    # The bars keep the order they are given (largest first, ties by name): Vega's own "-x" sort leaves ties to chance.
    order = alt.EncodingSortField("rank", op="min")
    chart = alt.Chart(empty, height=alt.Step(BAR_HEIGHT)).mark_bar(color=ACCENT, cornerRadiusEnd=2).encode(
        y=alt.Y(f"{field}:N", sort=order, axis=_axis(None)),
        x=alt.X("records:Q", axis=_axis(what, tickMinStep=1)),
        tooltip=[alt.Tooltip(f"{field}:N", title=title), alt.Tooltip("records:Q", title=what)],
    )
    labels = alt.Chart(empty).mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=alt.Y(f"{field}:N", sort=order), x="records:Q", text="records:Q")
    if selection:
        pick = alt.selection_point(name=selection, fields=[field], on="click", clear="dblclick",
                                   **_initially(field, picked))
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    return (chart + labels).properties(title=_title(f"{what} by {title.lower()}", note), width="container")


@memo.by_content()
def category_bars(counts: pd.Series, field: str, what: str, title: str, selection: str | None = None,
                  note: str | None = None, picked: tuple = ()) -> alt.Chart:
    """Horizontal bars of counts per category in the order given (largest first, ties by name); clickable when selection is named (picked: the
    categories drawn as already clicked)."""
    frame = counts.rename_axis(field).reset_index(name="records")
    frame["rank"] = range(len(frame))
    return _on(_category_template(field, what, title, selection, note, tuple(picked)), frame)


@functools.lru_cache(maxsize=64)
def _yearly_template(columns: tuple[tuple[str, str], ...], value: str, what: str, title: str, color: str | None,
                     money: bool) -> alt.Chart:
    fmt = "$,.2~s" if money else ",.0f"
    encoding = dict(
        x=alt.X("year:O", axis=_axis("Year", labelAngle=0)),
        y=alt.Y(f"{value}:Q", axis=_axis(what, format=fmt)),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip(f"{value}:Q", title=what, format=",.0f")],
    )
    if color:
        encoding["color"] = alt.Color(f"{color}:N", scale=alt.Scale(range=list(PALETTE)),
                                      legend=alt.Legend(title=None, orient="bottom", labelFontSize=FONT_SIZE,
                                                        labelLimit=400, columns=2))
        encoding["tooltip"].insert(1, alt.Tooltip(f"{color}:N"))
    return alt.Chart(_empty(columns), height=300).mark_bar(color=ACCENT).encode(**encoding).properties(
        title=_title(title), width="container")


@memo.by_content()
def yearly_bars(frame: pd.DataFrame, value: str, what: str, title: str, color: str | None = None,
                money: bool = False) -> alt.Chart:
    """Bars per year (optionally stacked by a category) of a count or an amount."""
    return _on(_yearly_template(_columns(frame), value, what, title, color, money), frame)


@memo.by_content()
def progress_bar(mobilised: float, target: float) -> alt.Chart:
    """Progress towards the capitalisation target: the mobilised part drawn over the whole target, in USD million."""
    frame = pd.DataFrame({"fund": ["M-MPTF"], "target": [target / 1e6], "mobilised": [mobilised / 1e6],
                          "label": [f"{100 * mobilised / target:.1f}% of USD {target / 1e6:,.0f} million"]})
    # A band step, not a fixed height: a fixed height counts the title and axis too, leaving a hairline bar.
    base = alt.Chart(frame, height=alt.Step(48)).encode(y=alt.Y("fund:N", axis=None))
    scale = alt.Scale(domain=[0, max(target, mobilised) / 1e6], nice=False)
    whole = base.mark_bar(color="#E3E8EE").encode(
        x=alt.X("target:Q", axis=_axis("USD million"), scale=scale),
        tooltip=[alt.Tooltip("target:Q", title="Target (USD million)", format=",.0f")])
    done = base.mark_bar(color=ACCENT).encode(
        x="mobilised:Q", tooltip=[alt.Tooltip("mobilised:Q", title="Mobilised (USD million)", format=",.1f")])
    text = base.mark_text(align="left", dx=6, fontSize=FONT_SIZE, fontWeight="bold").encode(x="mobilised:Q",
                                                                                              text="label:N")
    return (whole + done + text).properties(title=_title("Progress towards the M-MPTF capitalisation target"),
                                             width="container")


def counts_table(counts: pd.Series, field_title: str, what: str) -> pd.DataFrame:
    """A chart's counts as a two-column table for its data-table view."""
    return counts.rename_axis(field_title).reset_index(name=what)


#: Joint programmes' statuses and their colours, in every chart of them.
STATUSES = ("Funded", "Pipeline")
_STATUS_COLOURS = alt.Scale(domain=list(STATUSES), range=[ACCENT, PALETTE[1]])


def _count_axis(title: str) -> alt.Axis:
    """A value axis of counts: whole numbers only, never "0, 1, 1" (ticks at least 1 apart, written as integers)."""
    return _axis(title, tickMinStep=1, format="d")


def _status_legend() -> alt.Legend:
    return alt.Legend(title=None, orient="bottom", labelFontSize=FONT_SIZE)


@functools.lru_cache(maxsize=32)
def _status_template(columns: tuple[tuple[str, str], ...], field: str, title: str) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT))
    y = alt.Y(f"{field}:N", sort=alt.EncodingSortField("order", op="min"), axis=_axis(None))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        y=y, x=alt.X("sum(programmes):Q", axis=_count_axis("Joint programmes")),
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=_status_legend()),
        tooltip=[alt.Tooltip(f"{field}:N", title=title), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("programmes:Q", title="Joint programmes")],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=y, x="sum(programmes):Q", text=alt.Text("sum(programmes):Q", format="d"))
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
    y = alt.Y("label:N", sort=alt.EncodingSortField("order", op="min"),
              axis=_axis(None, labelFontWeight={"condition": {"test": "indexof(datum.label, '(selected)') >= 0",
                                                              "value": "bold"}, "value": "normal"}))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        y=y, x=alt.X("sum(programmes):Q", axis=_count_axis("Joint programmes")),
        color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=_status_legend()),
        opacity=alt.OpacityValue(0.5, condition={"test": "datum.selected", "value": 1.0}),
        tooltip=[alt.Tooltip("region:N", title="Region"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("programmes:Q", title="Joint programmes")],
    )
    totals = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE - 1).encode(
        y=y, x="sum(programmes):Q", text=alt.Text("sum(programmes):Q", format="d"))
    return (bars + totals).properties(
        title=_title("Joint programmes by region",
                     ["Each region's own joint programmes, as its page counts them (the years chosen apply); a",
                      "programme covering countries of several regions counts in each."]),
        width="container")


@memo.by_content()
def region_bars(frame: pd.DataFrame) -> alt.Chart:
    """Each of the five regions' own joint programmes (frame from views: region, label, status, programmes,
    selected, order), funded and pipeline stacked, the selected region highlighted."""
    return _on(_region_template(_columns(frame)), frame)


@functools.lru_cache(maxsize=8)
def _country_template(columns: tuple[tuple[str, str], ...], several: bool) -> alt.LayerChart:
    base = alt.Chart(_empty(columns), height=alt.Step(BAR_HEIGHT), width=alt.Step(110))
    y = alt.Y("country:N", sort=alt.EncodingSortField("order", op="min"), axis=_axis(None))
    x = alt.X("status:N", scale=alt.Scale(domain=list(STATUSES)),
              axis=_axis(None, orient="top", labelAngle=0, domain=False, ticks=False))
    dots = base.mark_circle(size=150, opacity=1).encode(
        y=y, x=x, color=alt.Color("status:N", scale=_STATUS_COLOURS, legend=None),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("programmes:Q", title="Joint programmes")])
    note = ("A dot: the country has joint programmes of that status; the number says how many where more than one."
            if several else "A dot: the country has one joint programme of that status.")
    chart = dots
    if several:
        numbers = base.mark_text(align="left", dx=10, fontSize=FONT_SIZE - 1).encode(y=y, x=x, text="shown:N")
        chart = dots + numbers
    return chart.properties(title=_title("Joint programmes by country",
                                         [note, "A programme covering several countries counts in each."]))


@memo.by_content()
def country_dots(frame: pd.DataFrame) -> alt.Chart:
    """Joint programmes per country as a compact country × status grid of dots (frame: country, status, programmes,
    order), with a count only where a country has more than one of a status: not a wall of bars all equal to 1."""
    shown = frame.assign(shown=[str(n) if n > 1 else "" for n in frame["programmes"]])
    return _on(_country_template(_columns(shown), bool((frame["programmes"] > 1).any())), shown)


def status_table(frame: pd.DataFrame, field: str, title: str) -> pd.DataFrame:
    """A programme chart's numbers for its data-table view: one row per value, funded, pipeline and total."""
    wide = frame.pivot_table(index=field, columns="status", values="programmes", aggfunc="sum", fill_value=0,
                             observed=True).reindex(columns=list(STATUSES), fill_value=0).astype(int)
    order = frame.groupby(field, observed=True)["order"].min()
    wide = wide.loc[order.sort_values(kind="stable").index]
    return wide.assign(Total=wide.sum(axis=1)).rename_axis(title).rename_axis(None, axis=1).reset_index()
