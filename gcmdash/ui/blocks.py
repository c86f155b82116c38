"""Charts on a page, in the viewer's light or dark theme: each with its numbers as a data table and its downloads.

A chart's Vega-Lite spec is made once per chart and theme and shared by every session (the chart builders are
memoised by content); the map's legend is drawn here too, in the same theme.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from gcmdash.model import memo
from gcmdash.render import chart_templates, charts, fund_charts
from gcmdash.render.map_legend import legend_html
from gcmdash.ui import downloads, picks, tabular


def is_dark() -> bool:
    """Whether the viewer's browser shows the dark theme."""
    return getattr(st.context.theme, "type", None) == "dark"


def themed(chart: alt.Chart, dark: bool | None = None) -> alt.Chart:
    """The chart with text in the viewer's theme colours (value labels and subtitles would be black on dark)."""
    dark = is_dark() if dark is None else dark
    ink, muted = ("#E6EDF5", "#B5C3D3") if dark else ("#1B2A3A", "#4A5B6D")
    return chart.configure_text(color=ink).configure_title(color=ink, subtitleColor=muted)


try:  # Streamlit's own Altair → Vega-Lite conversion (internal API): exactly the spec st.altair_chart would send.
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _altair_to_vega_lite
except ImportError:  # if it moves, charts go through st.altair_chart on every run again (slower, same charts)
    _altair_to_vega_lite = None


@memo.by_identity(size=512)
def _vega_lite(chart: alt.TopLevelMixin, dark: bool) -> dict:
    # st.altair_chart rebuilds this on every run: to_dict() validates the whole spec against the Vega-Lite schema
    # (jsonschema) and turns the data into Arrow. The chart builders are memoised by content, so the same numbers
    # give the same chart object, and its themed spec (data already as Arrow bytes) is made once per theme.
    return _altair_to_vega_lite(themed(chart, dark))


@memo.by_identity(size=512)
def _data_free(template: alt.TopLevelMixin, dark: bool) -> dict:
    # A template's spec for any data: its (empty) dataset is left out; each draw sends its own table beside it.
    return {k: v for k, v in _vega_lite(template, dark).items() if k not in ("data", "datasets")}


def _draw(chart: alt.TopLevelMixin, key: str | None = None, clickable: bool = False) -> None:
    """A chart in the viewer's theme, full width; clickable ones rerun the page with the bars clicked."""
    on_select = picks.on_select(key, clickable)
    if _altair_to_vega_lite is None:
        st.altair_chart(themed(chart), key=key, on_select=on_select, width="stretch")
        return
    template, data = chart_templates.template_of(chart), None
    if template is not None:  # a new filter state costs its table's Arrow bytes, not a chart build
        spec, data = _data_free(template, is_dark()), chart.data
    else:
        spec = _vega_lite(chart, is_dark())
    # Streamlit copies the spec's top level but patches a colour legend's null title inside "encoding" in place:
    # that part is copied too, the cached spec is shared by every session.
    fresh = {**spec, "encoding": copy.deepcopy(spec["encoding"])} if "encoding" in spec else dict(spec)
    st.vega_lite_chart(data, spec=fresh, key=key, on_select=on_select, width="stretch")


def chart(chart: alt.Chart) -> None:
    """A chart on its own (no table view), in the viewer's theme."""
    _draw(chart)


def chart_block(
    chart: alt.Chart,
    table: pd.DataFrame,
    key: str,
    *,
    clickable: bool = False,
    name: str = "chart",
    region: str | None = None,
) -> None:
    """A chart with its numbers as a table beside it (tab), and PNG/SVG downloads of the chart."""
    shown, numbers = st.tabs(["Chart", "Data table"])
    with shown:
        _draw(chart, key, clickable)
    with numbers:
        tabular.data_table(table)
    downloads.chart_downloads(chart, key, name, region)


@dataclass(frozen=True)
class ChartsOf:
    """The charts of what a page counts (`what`: "Pledges") in its region, each drawn as a ``chart_block``.

    A chart is clickable when given `picked`, the values ``picks.clicked`` read for its key; a download is named
    WHAT-by-FIELD unless it says otherwise.
    """

    what: str
    region: str | None = None

    def _name(self, field: str, name: str | None) -> str:
        return name or f"{self.what.lower()}-by-{field.replace('_', '-')}"

    def objectives(
        self, counts: pd.Series, top: list[int], key: str, *, picked: list | None = None, name: str | None = None
    ) -> None:
        """Bars per GCM objective, the `top` ones highlighted; a sentence instead when there is nothing to count."""
        if not counts.any():  # 23 bars of zero on an axis of one tick say nothing a sentence does not
            st.caption(f"No {self.what.lower()} in the records to count by GCM objective.")
            return
        frame = charts.objective_frame(counts, top)
        selection = None if picked is None else picks.selection(key)
        chart = charts.objective_bars(frame, self.what, selection=selection, picked=tuple(picked or ()))
        chart_block(
            chart, frame, key, clickable=picked is not None, name=self._name("objective", name), region=self.region
        )

    def categories(
        self,
        counts: pd.Series,
        field: str,
        title: str,
        key: str,
        *,
        note: str | None = None,
        table_title: str | None = None,
        picked: list | None = None,
        money: bool = False,
        name: str | None = None,
    ) -> None:
        """Bars per category of `field`, with the counts as the table (its column `table_title`, else `title`)."""
        selection = None if picked is None else picks.selection(key)
        chart = charts.category_bars(
            counts, field, self.what, title, selection=selection, note=note, picked=tuple(picked or ()), money=money
        )
        table = charts.counts_table(counts, table_title or title, "USD million" if money else self.what, money=money)
        chart_block(chart, table, key, clickable=picked is not None, name=self._name(field, name), region=self.region)

    def years(
        self, frame: pd.DataFrame, value: str, title: str, key: str, *, color: str | None = None, money: bool = False
    ) -> None:
        """Bars of `value` per year (stacked by `color`), with the numbers per year as the table."""
        chart = charts.yearly_bars(frame, value, self.what, title, color=color, money=money)
        table = charts.yearly_table(frame, value, self.what, money=money)
        chart_block(chart, table, key, name=self._name("year", None), region=self.region)

    def statuses(
        self,
        frame: pd.DataFrame,
        field: str,
        title: str,
        key: str,
        *,
        chart: alt.Chart | None = None,
        name: str | None = None,
    ) -> None:
        """Records per `field` by status (funded or pipeline): status bars, unless another `chart` of them is given."""
        shown = chart if chart is not None else fund_charts.status_bars(frame, field, title)
        table = fund_charts.status_table(frame, field, title)
        chart_block(shown, table, key, name=self._name(field, name), region=self.region)


def map_legend(entries: list) -> None:
    """The map's legend (``map_legend.legend``) in the viewer's light or dark colours."""
    st.html(legend_html(entries, dark=is_dark()))
