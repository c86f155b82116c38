"""Downloads: records in the spreadsheet format as CSV or XLSX with formulas defused, and charts as SVG or PNG.

Exported text can come from anyone's upload, so any cell a spreadsheet program could take for a formula
(OWASP "CSV injection") is written so that it stays text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd
import vl_convert

from gcmdash.ingest.cells import as_text
from gcmdash.views.people import LIST_JOIN, missing

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written: every page imports this module at start
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

# OWASP's list (= + - @ tab carriage return), plus the full-width forms some Excel locales also
# accept as the start of a formula.
_FORMULA_STARTS = frozenset("=+-@\t\r＝＋－＠")
_MIN_WIDTH, _MAX_WIDTH = 8, 60
_WIDTH_SAMPLE = 2000
_SHEET_NAME_LIMIT = 31
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# Plot size, in pixels, of charts drawn to fill the page: about a laptop's content column.
_IMAGE_WIDTH, _IMAGE_HEIGHT = 720, 400
_SUBVIEWS = ("layer", "hconcat", "vconcat", "concat", "spec")


class _Chart(Protocol):
    """What the chart exports need of an Altair chart."""

    def to_dict(self) -> dict[str, Any]: ...


# --------------------------------------------------------------------------------------------------------------
# Cells


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read this text as a formula (leading spaces do not stop them all)."""
    stripped = text.lstrip(" \u00a0")
    return bool(text) and (text[0] in _FORMULA_STARTS or (bool(stripped) and stripped[0] in _FORMULA_STARTS))


def _plain(value: object) -> object:
    """A cell value as a plain Python value: None, bool, int, float, str, date, datetime or time."""
    if missing(value):
        return None
    if isinstance(value, (tuple, list, set, frozenset)):
        return LIST_JOIN.join(as_text(v) for v in map(_plain, value) if v is not None) or None
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        value = pd.Timestamp(value).to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Excel has no infinity; "inf" keeps the fact visible
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.isoformat(sep=" ")  # Excel dates have no zone; text keeps the instant exact
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, (bool, int, float, str, dt.date, dt.time)):
        return value
    return str(value)


def _csv_text(value: object) -> str:
    """One CSV field: numbers without a stray '.0', dates as YYYY-MM-DD, formula-like text defused."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, str):
        # OWASP: a leading apostrophe makes Excel and LibreOffice show the cell as text instead of evaluating it.
        return "'" + value if formula_like(value) else value
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return as_text(value)


# --------------------------------------------------------------------------------------------------------------
# CSV


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame (without its index) as comma-separated UTF-8 with a BOM, so Excel reads accents right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_csv_text(str(h)) for h in frame.columns)
    for row in frame.itertuples(index=False, name=None):
        writer.writerow(_csv_text(v) for v in row)
    return buffer.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------------------------------------------
# XLSX


@lru_cache(maxsize=1)
def _openpyxl() -> SimpleNamespace:
    """openpyxl's parts used here, imported on the first workbook written (not by every page at start)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    return SimpleNamespace(
        Workbook=Workbook,
        WriteOnlyCell=WriteOnlyCell,
        ILLEGAL_CHARACTERS_RE=ILLEGAL_CHARACTERS_RE,
        Font=Font,
        get_column_letter=get_column_letter,
    )


def _xlsx_cell(sheet: Any, value: object, *, bold: bool = False) -> WriteOnlyCell:
    """One typed cell: text always a string cell, dates formatted as dates."""
    xl = _openpyxl()
    value = _plain(value)
    if isinstance(value, str):
        # XML 1.0 cannot hold most control characters; a visible mark is better than a failed download.
        value = xl.ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell = xl.WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl makes any string starting with "=" a formula; a string cell is never evaluated.
        cell.data_type = "s"
        # Excel's own mark for text typed after an apostrophe: editing the cell later keeps it text.
        if formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, dt.datetime):
        cell.number_format = _DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = _DATE_FORMAT
    if bold:
        cell.font = xl.Font(bold=True)
    return cell


def _shown_width(value: object) -> int:
    """How many characters wide a value shows (its longest line)."""
    value = _plain(value)
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    return max(len(line) for line in as_text(value).splitlines() or [""])


def _widths(frame: pd.DataFrame) -> list[float]:
    """Column widths fitting the header and the longest value, within bounds."""
    sample = frame.head(_WIDTH_SAMPLE)
    widths = []
    for position, header in enumerate(frame.columns):
        longest = max([_shown_width(header), *(_shown_width(v) for v in sample.iloc[:, position])])
        widths.append(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))
    return widths


def _sheet_names(names: Iterable[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, not quoted, unique ignoring case."""
    taken: set[str] = set()
    result = []
    for name in names:
        base = re.sub(r"[\[\]:*?/\\]", "-", str(name)).strip().strip("'")[:_SHEET_NAME_LIMIT] or "Sheet"
        candidate, number = base, 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: _SHEET_NAME_LIMIT - len(suffix)] + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def _write_sheet(book: Workbook, name: str, frame: pd.DataFrame) -> None:
    """Add one frame as a sheet with a bold, frozen, filterable header."""
    get_column_letter = _openpyxl().get_column_letter
    sheet = book.create_sheet(name)
    # Layout must be set before the first row: a write-only sheet streams rows out as they are appended.
    for position, width in enumerate(_widths(frame), 1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    sheet.append([_xlsx_cell(sheet, str(h), bold=True) for h in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(sheet, v) for v in row])


def xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per entry (name -> frame, index left out): bold frozen header, fitted widths."""
    book = _openpyxl().Workbook(write_only=True)
    for name, frame in zip(_sheet_names(frames), frames.values(), strict=True):
        _write_sheet(book, name, frame)
    if not frames:
        book.create_sheet("Sheet")  # a workbook needs a sheet to open at all
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------------------
# Charts


def _vegalite_version(spec: Mapping[str, Any]) -> str | None:
    """The Vega-Lite version the spec was written for, as vl-convert names it (None: its newest)."""
    found = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    if not found:
        return None
    supported = vl_convert.get_vegalite_versions()
    wanted = f"{found.group(1)}.{found.group(2)}"
    if wanted in supported:
        return wanted
    # A newer minor than vl-convert knows: its newest of the same major reads it; another major could not.
    same_major = [v for v in supported if v.split(".")[0] == found.group(1)]
    return same_major[-1] if same_major else None


def _fixed_size(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with "container" sizes (the page's width, which an image has not) made fixed, in every sub-view."""
    fixed = dict(spec)
    for axis, size in (("width", _IMAGE_WIDTH), ("height", _IMAGE_HEIGHT)):
        if fixed.get(axis) == "container":
            fixed[axis] = size
    for key in _SUBVIEWS:
        if isinstance(fixed.get(key), list):
            fixed[key] = [_fixed_size(v) if isinstance(v, dict) else v for v in fixed[key]]
        elif isinstance(fixed.get(key), dict):
            fixed[key] = _fixed_size(fixed[key])
    return fixed


def _offline_spec(chart: _Chart) -> tuple[dict[str, Any], str | None]:
    """The chart's spec ready to draw as an image, and its Vega-Lite version."""
    spec = _fixed_size(chart.to_dict())
    return spec, _vegalite_version(spec)


def chart_svg(chart: _Chart) -> bytes:
    """An Altair chart as SVG, rendered locally (no data, script or font is fetched)."""
    spec, version = _offline_spec(chart)
    # An empty allow-list makes any data URL an error instead of a request; fonts are never fetched by vl-convert.
    return vl_convert.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[]).encode("utf-8")


def chart_png(chart: _Chart, scale: float = 2) -> bytes:
    """An Altair chart as PNG at `scale` times its size (2: sharp on high-density screens and in slides)."""
    if not scale > 0:
        raise ValueError(f"scale must be positive, not {scale}")
    spec, version = _offline_spec(chart)
    return vl_convert.vegalite_to_png(spec, vl_version=version, scale=scale, allowed_base_urls=[])


# --------------------------------------------------------------------------------------------------------------
# File names


def _slug(text: str) -> str:
    """Text as a file-name part: ASCII letters and digits joined by hyphens."""
    # Accents are dropped ("Côte" -> "Cote"); every other character outside A-Z and 0-9 separates words.
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", bare).strip("-")[:60].strip("-")


def download_name(page: str, region: str | None, ext: str, day: dt.date | None = None) -> str:
    """A safe file name such as gcmdash-practices-ECE-2026-11-30.csv (day defaults to today)."""
    day = day or dt.date.today()
    parts = ["gcmdash", _slug(page).lower(), _slug(region or ""), day.isoformat()]
    extension = re.sub(r"[^a-z0-9]", "", ext.lower())
    stem = "-".join(p for p in parts if p)
    return f"{stem}.{extension}" if extension else stem
