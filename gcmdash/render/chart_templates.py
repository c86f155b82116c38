"""Charts made once as data-free templates, each call only attaching its data; ``template_of`` gives one back.

Building an Altair chart is slow (tens of milliseconds: Altair checks every channel against the Vega-Lite schema),
and a chart's structure does not depend on its numbers. So each builder makes its chart once per set of non-data
arguments, on an empty table (a *template*), and each call only attaches its data to that template; ``template_of``
gives the template back, so that ``ui`` can turn it into a Vega-Lite spec once and send each state's data beside it.
The builders are also memoised by the content of their arguments: equal numbers give the very same chart object,
shared by every session. Treat charts as read-only: Altair's ``properties``/``configure_*``/``+`` return new charts.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from gcmdash.model import memo

_TEMPLATE_OF = memo.Bounded(1024)  # id(chart) -> (chart, its template): the chart kept, so its id is not reused


def on(template: alt.TopLevelMixin, frame: pd.DataFrame) -> alt.TopLevelMixin:
    """The template drawing this frame (as its one, top-level data), remembered as made from that template."""
    chart = template.properties(data=frame)
    _TEMPLATE_OF.put(id(chart), (chart, template))
    return chart


def template_of(chart: alt.TopLevelMixin) -> alt.TopLevelMixin | None:
    """The data-free chart this chart was made from (same spec for any data), or None for a chart made otherwise."""
    found, kept = _TEMPLATE_OF.get(id(chart))
    return kept[1] if found and kept[0] is chart else None


def empty(columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """An empty table with these (column, dtype) pairs: what a template is built on."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns})


def columns(frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """A frame's (column, dtype) pairs: what its template is made for (hashable, to key the templates' caches)."""
    return tuple((str(name), str(dtype)) for name, dtype in frame.dtypes.items())
