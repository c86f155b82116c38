"""Tables on a page: small tables in full, long texts wrapped, and records searchable a page at a time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from gcmdash import formatting, settings
from gcmdash.model.dataset import Dataset
from gcmdash.model.dataset_specs import dataset
from gcmdash.ui import downloads
from gcmdash.views import pages as views
from gcmdash.views import tables
from gcmdash.views.people import column_for_people, records_for_people

#: Up to this many rows, a table of long texts is shown whole, wrapped (st.table); beyond, as a scrolling data grid.
TEXT_TABLE_ROWS = 100


def displayable(table: pd.DataFrame) -> pd.DataFrame:
    """A table ready for st.dataframe: blanks instead of "None"."""
    return tables.for_display(table)


def data_table(table: pd.DataFrame, column_config: dict | None = None) -> None:
    """A small table in full: blanks instead of "None", each column as wide as its content needs (up to a limit)."""
    config = {}
    for column, width in tables.content_widths(table).items():
        # A given column type (a link, say) keeps its kind and, unless it says otherwise, gets the content's width.
        setting = dict((column_config or {}).get(column) or st.column_config.Column())
        setting["width"] = setting.get("width") or width
        config[column] = setting
    st.dataframe(displayable(table), hide_index=True, width="stretch", column_config=config)


def text_table(table: pd.DataFrame) -> None:
    """A table whose long texts must be read whole: wrapped when short enough, else a data grid sized to content."""
    if len(table) > TEXT_TABLE_ROWS:
        data_table(table)
        return
    # st.table renders Markdown: every text cell (a spreadsheet's value, a file name) is escaped to show as written.
    shown = displayable(table)
    escaped = {
        c: shown[c].map(lambda v: formatting.plain(v) if isinstance(v, str) else v)
        for c in shown.columns
        if not pd.api.types.is_numeric_dtype(shown[c])
    }
    st.table(shown.assign(**escaped), hide_index=True)


def _sort_controls(headers: list[str], search_key: str) -> tuple[str | None, bool]:
    """The column all records are sorted on (None: spreadsheet order) and whether descending."""
    by_column, order = st.columns([3, 2], vertical_alignment="bottom")
    column = by_column.selectbox(
        "Sort all records by", headers, index=None, key=f"{search_key}-sort", placeholder="Spreadsheet order"
    )
    direction = order.selectbox(
        "Order", ["Ascending", "Descending"], key=f"{search_key}-order", disabled=column is None
    )
    return column, direction == "Descending"


def _page_number(count: int, scope: tuple, search_key: str) -> int:
    """The page chosen below the table, back to page 1 whenever the records, the search or the sort change."""
    key, seen = f"{search_key}-page", f"{search_key}-page-scope"
    if st.session_state.get(seen) != scope:
        st.session_state[seen] = scope
        st.session_state.pop(key, None)  # the widget starts again at its default, page 1
    return st.pagination(count, key=key, width="stretch")


def records_table(data: Dataset, key: str, frame: pd.DataFrame, search_key: str) -> None:
    """A searchable table of records as people read them, a page at a time, sorted over all of them; links clickable."""
    query = st.text_input(
        "Search",
        key=search_key,
        bind="query-params",
        placeholder="Words in any column",
        label_visibility="collapsed",
        icon=":material/search:",
    )
    # Only the rows shown are turned into text; the search reads a text of every record kept per data version.
    found = frame[views.search(data, key, frame, query)] if query else frame
    size = settings.get("table_page_rows")
    if len(found) <= size:  # one page: the table's own column headers sort all of it
        st.caption(tables.count_text(len(found), "record"))
        if len(found):
            _records_dataframe(records_for_people(key, found))
        return
    caption, controls = st.columns([1, 1], vertical_alignment="bottom")
    with controls:
        column, descending = _sort_controls([c.header for c in dataset(key).columns], search_key)
    order = tables.sort_order(column_for_people(key, column, found), descending) if column else None
    shown = st.container()  # above the page selector, filled once the page is known
    scope = (tables.fingerprint(found.index), query, column, descending)
    count = tables.page_of(len(found), size, 1).count
    page = tables.page_of(len(found), size, _page_number(count, scope, search_key))
    rows = np.arange(page.start, page.stop) if order is None else order[page.start : page.stop]
    everything = f"all {len(frame):,} records the filters keep" if query else "all of them"
    caption.caption(f"{tables.rows_caption(page, len(found), 'record')}; the downloads below hold {everything}.")
    with shown:
        _records_dataframe(records_for_people(key, found.iloc[rows]))


def _records_dataframe(people: pd.DataFrame) -> None:
    """Records as people read them in a table, blanks empty, links clickable."""
    config = {c: st.column_config.LinkColumn(c) for c in people.columns if c == "Link"}
    st.dataframe(tables.for_display(people), hide_index=True, width="stretch", column_config=config)


def records_section(data: Dataset, key: str, frame: pd.DataFrame, region: str | None) -> None:
    """A page's records of one dataset: the searchable table (search kept as ?q=) and their downloads."""
    records_table(data, key, frame, "q")
    downloads.record_downloads(key, frame, key, region)
