"""Download buttons: a chart as PNG or SVG, tables and records as CSV and XLSX (formulas escaped).

Every file is built when its button is pressed, not on every run: 100,000 records take a while to turn into text.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from gcmdash.model.dataset_specs import dataset
from gcmdash.render import exports
from gcmdash.views.people import records_for_people


def chart_downloads(chart: alt.Chart, key: str, name: str, region: str | None) -> None:
    """A "Download chart" popover with the chart as a PNG and an SVG image."""
    with st.popover("Download chart", icon=":material/download:"):
        st.download_button(
            "PNG image",
            lambda: exports.chart_png(chart),
            exports.download_name(name, region, "png"),
            mime="image/png",
            key=f"{key}-png",
            icon=":material/image:",
            on_click="ignore",
        )
        st.download_button(
            "SVG image",
            lambda: exports.chart_svg(chart),
            exports.download_name(name, region, "svg"),
            mime="image/svg+xml",
            key=f"{key}-svg",
            icon=":material/draw:",
            on_click="ignore",
        )


def record_downloads(key: str, frame: pd.DataFrame, page: str, region: str | None) -> None:
    """CSV and XLSX downloads of the records on screen, laid out as the spreadsheet format (formulas escaped)."""
    _download_buttons(lambda: {dataset(key).sheet: records_for_people(key, frame)}, True, page, region)


def table_downloads(tables_by_sheet: dict[str, pd.DataFrame], page: str, region: str | None) -> None:
    """XLSX (one sheet per table) and, for a single table, CSV downloads; formulas escaped."""
    _download_buttons(lambda: tables_by_sheet, len(tables_by_sheet) == 1, page, region)


def workbook_download(sheets: Callable[[], dict[str, pd.DataFrame]], page: str, region: str | None) -> None:
    """An XLSX download of several tables, built only when the button is pressed (formulas escaped)."""
    _download_buttons(sheets, False, page, region)


def _download_buttons(
    sheets: Callable[[], dict[str, pd.DataFrame]], single: bool, page: str, region: str | None
) -> None:
    # One row of equal buttons, side by side, with no empty slot where a CSV button would be.
    row = st.container(horizontal=True, gap="small")
    if single:
        row.download_button(
            "Download CSV",
            lambda: exports.csv_bytes(next(iter(sheets().values()))),
            exports.download_name(page, region, "csv"),
            mime="text/csv",
            key=f"{page}-csv",
            icon=":material/download:",
            on_click="ignore",
            width=200,
        )
    row.download_button(
        "Download XLSX",
        lambda: exports.xlsx_bytes(sheets()),
        exports.download_name(page, region, "xlsx"),
        key=f"{page}-xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        width=200,
    )
