"""Bar charts of records (pure): per GCM objective, per category and per year, and their numbers as tables.

Each builder makes its chart once as a data-free template (``chart_templates``) and is memoised by the content of its
arguments; the look (palette, titles, axes) is ``chart_theme``'s.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from gcmdash import formatting
from gcmdash.model import framework, memo
from gcmdash.render import chart_templates, chart_theme


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
    base = alt.Chart(chart_templates.empty(columns), height=alt.Step(chart_theme.BAR_HEIGHT))
    # A value channel made directly: alt.condition's dict is parsed against the whole schema on every build.
    color = alt.ColorValue(chart_theme.MUTED, condition={"test": "datum.top", "value": chart_theme.ACCENT})
    chart = base.mark_bar(cornerRadiusEnd=2).encode(
        y=alt.Y("label:N", sort=alt.SortField("objective"), axis=chart_theme.axis(None)),
        x=alt.X("records:Q", axis=chart_theme.count_axis(what)),
        color=color,
        tooltip=[
            alt.Tooltip("label:N", title="Objective"),
            alt.Tooltip("title:N", title="Official title"),
            alt.Tooltip("records:Q", title=what),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=chart_theme.FONT_SIZE - 1).encode(
        y=alt.Y("label:N", sort=alt.SortField("objective")), x="records:Q", text="records:Q"
    )
    if selection:
        pick = alt.selection_point(
            name=selection, fields=["objective"], on="click", clear="dblclick", **_initially("objective", picked)
        )
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    return (chart + labels).properties(
        title=chart_theme.title(
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
    return chart_templates.on(
        _objective_template(chart_templates.columns(frame), what, selection, tuple(picked)), frame
    )


def _value_axis(what: str, decimals: int | None, scale: str = "x") -> alt.Axis:
    """A count axis (decimals None), or an amount axis in USD million whose ticks have the labels' decimals."""
    return (
        chart_theme.count_axis(what, scale)
        if decimals is None
        else chart_theme.axis("USD million", format=f",.{decimals}f")
    )


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
    empty = chart_templates.empty(
        ((field, "object"), ("records", "int64" if decimals is None else "float64"), ("rank", "int64"))
    )
    # The bars keep the order they are given (largest first, ties by name): Vega's own "-x" sort leaves ties to chance.
    order = alt.EncodingSortField("rank", op="min")
    shown = "USD million" if decimals is not None else what
    chart = (
        alt.Chart(empty, height=alt.Step(chart_theme.BAR_HEIGHT))
        .mark_bar(color=chart_theme.ACCENT, cornerRadiusEnd=2)
        .encode(
            y=alt.Y(f"{field}:N", sort=order, axis=chart_theme.axis(None)),
            x=alt.X("records:Q", axis=_value_axis(what, decimals)),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=title),
                alt.Tooltip("records:Q", title=shown, format=_value_format(decimals)),
            ],
        )
    )
    labels = (
        alt.Chart(empty)
        .mark_text(align="left", dx=4, fontSize=chart_theme.FONT_SIZE - 1)
        .encode(
            y=alt.Y(f"{field}:N", sort=order), x="records:Q", text=alt.Text("records:Q", format=_value_format(decimals))
        )
    )
    if selection:
        pick = alt.selection_point(
            name=selection, fields=[field], on="click", clear="dblclick", **_initially(field, picked)
        )
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    return (chart + labels).properties(title=chart_theme.title(f"{what} by {title.lower()}", note), width="container")


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
    return chart_templates.on(_category_template(field, what, title, selection, note, tuple(picked), decimals), frame)


#: The plot height of a chart per year.
YEARLY_HEIGHT = 220


@functools.lru_cache(maxsize=64)
def _yearly_template(
    columns: tuple[tuple[str, str], ...], value: str, what: str, title: str, color: str | None, decimals: int | None
) -> alt.Chart:
    shown = "USD million" if decimals is not None else what
    encoding = dict(
        x=alt.X("year:O", axis=chart_theme.axis("Year", labelAngle=0)),
        y=alt.Y(f"{value}:Q", axis=_value_axis(what, decimals, "y")),
        tooltip=[
            alt.Tooltip("year:O", title="Year"),
            alt.Tooltip(f"{value}:Q", title=shown, format=_value_format(decimals)),
        ],
    )
    if color:
        encoding["color"] = alt.Color(
            f"{color}:N",
            scale=alt.Scale(range=list(chart_theme.PALETTE)),
            legend=alt.Legend(
                title=None, orient="bottom", labelFontSize=chart_theme.FONT_SIZE, labelLimit=400, columns=2
            ),
        )
        encoding["tooltip"].insert(1, alt.Tooltip(f"{color}:N"))
    # The plot is YEARLY_HEIGHT tall whatever the title and legend take (chart_theme.FIT_WIDTH): never a squeezed strip.
    return (
        alt.Chart(chart_templates.empty(columns), height=YEARLY_HEIGHT)
        .mark_bar(color=chart_theme.ACCENT)
        .encode(**encoding)
        .properties(title=chart_theme.title(title), width="container", autosize=chart_theme.FIT_WIDTH)
    )


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
    return chart_templates.on(
        _yearly_template(chart_templates.columns(frame), value, what, title, color, decimals), frame
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
