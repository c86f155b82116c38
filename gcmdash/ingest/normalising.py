"""From a raw sheet to a typed table: which dataset a sheet is, which header is which column, each cell read."""

from __future__ import annotations

import re

import pandas as pd

from gcmdash.ingest.cells import Parsed, as_text, closest, column_letter, is_blank, parse
from gcmdash.ingest.issues import Issue, IssueCode, shown_value
from gcmdash.ingest.raw_sheet import RawSheet
from gcmdash.ingest.stray_rows import stray_row
from gcmdash.model.dataset_specs import DATASETS
from gcmdash.model.schema import Column, DatasetSpec


def header_key(text: str) -> str:
    """A header in the form headers are compared in: lower case, letters and digits, single spaces."""
    text = text.replace("&", " and ").casefold()
    return " ".join(re.sub(r"[^0-9a-zà-ÿ]+", " ", text).split())


def _names(column: Column) -> set[str]:
    return {header_key(n) for n in (column.field, column.header, *column.synonyms)}


def _sheet_names(spec: DatasetSpec) -> set[str]:
    return {header_key(n) for n in (spec.key, spec.sheet, *spec.synonyms)}


def recognise(sheet: RawSheet, taken: set[str] = frozenset()) -> DatasetSpec | None:
    """The dataset a sheet holds: by its name, else by its headers covering every required column."""
    name = header_key(sheet.name)
    for spec in DATASETS:
        if spec.key not in taken and name in _sheet_names(spec):
            return spec
    headers = {header_key(h) for h in sheet.header}
    for spec in DATASETS:
        columns = [c for c in spec.columns if c.required]
        if spec.key not in taken and all(_names(c) & headers for c in columns):
            return spec
    # Otherwise the dataset whose identifying column is there and most of whose headers match: its missing
    # columns are then reported, which helps more than ignoring a sheet with one misspelt header.
    scores = [
        (sum(bool(_names(c) & headers) for c in spec.columns), spec)
        for spec in DATASETS
        if spec.key not in taken and _names(spec.columns[0]) & headers
    ]
    best = max(scores, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= 2 else None


def match_columns(spec: DatasetSpec, sheet: RawSheet) -> tuple[dict[int, Column], list[Issue]]:
    """Which sheet column holds which field, and the header problems (missing, unknown, repeated, empty)."""
    found: dict[int, Column] = {}
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    unknown: list[str] = []
    row = sheet.header_row
    width = max([len(sheet.header), *(len(cells) for _, cells in sheet.rows)])
    for position, header in enumerate(sheet.header + ("",) * (width - len(sheet.header))):
        if not header:
            if any(not is_blank(cells[position]) for _, cells in sheet.rows if position < len(cells)):
                issues.append(
                    Issue(
                        sheet.name,
                        row,
                        column_letter(position),
                        IssueCode.EMPTY_HEADER,
                        f"Column {column_letter(position)} has data but no header. Merged header cells "
                        "look like this: unmerge them and give every column its own header.",
                        None,
                    )
                )
            continue
        key = header_key(header)
        column = next((c for c in spec.columns if key in _names(c)), None)
        if column is None:
            unknown.append(header)
            continue
        if column.field in seen:
            issues.append(
                Issue(
                    sheet.name,
                    row,
                    header,
                    IssueCode.DUPLICATE_COLUMN,
                    f'"{header}" repeats the column "{seen[column.field]}" ({column.header}): keep one of them.',
                    header,
                )
            )
            continue
        seen[column.field] = header
        found[position] = column
    missing = [c for c in spec.columns if c.required and c.field not in seen]
    for column in missing:
        hint = closest(column.header, unknown)
        also = f' The column "{hint}" may be it misspelt: rename it.' if hint else ""
        issues.append(
            Issue(
                sheet.name,
                row,
                column.header,
                IssueCode.MISSING_COLUMN,
                f'The required column "{column.header}" is missing from sheet "{sheet.name}".{also}',
                None,
            )
        )
    for header in unknown:
        hint = closest(header, [c.header for c in spec.columns])
        also = f' Did you mean "{hint}"?' if hint else ""
        issues.append(
            Issue(
                sheet.name,
                row,
                header,
                IssueCode.UNKNOWN_COLUMN,
                f'The column "{header}" is not part of the {spec.sheet} format and is ignored.{also}',
                header,
            )
        )
    return found, issues


def _parsed(seen: dict[tuple[type, object], Parsed], value: object, column: Column, decimal_comma: bool) -> Parsed:
    """The cell read for its column, reusing the result for a value this column already had."""
    try:
        key = (value.__class__, value)
        found = seen.get(key)
    except TypeError:  # an unhashable cell value: read it every time
        return parse(value, column, decimal_comma)
    if found is None:
        found = seen[key] = parse(value, column, decimal_comma)
    return found


def normalise(spec: DatasetSpec, sheet: RawSheet) -> tuple[pd.DataFrame, list[Issue]]:
    """The sheet as a typed table indexed by Excel row number, and every cell problem met on the way."""
    columns, issues = match_columns(spec, sheet)
    data: dict[str, list[object]] = {c.field: [] for c in spec.columns}
    rows: list[int] = []
    # A column repeats its values (years, scopes, country lists): each distinct value is parsed once per sheet.
    # Parsed results are immutable, so sharing them is safe; the type is in the key because 1 == 1.0 == True.
    seen: dict[int, dict[tuple[type, object], Parsed]] = {position: {} for position in columns}
    for excel_row, cells in sheet.rows:
        stray = stray_row(spec, sheet.name, sheet.header, excel_row, cells)
        if stray is not None:
            issues.append(stray)  # one issue naming what the row is, not one per empty required cell
            continue
        rows.append(excel_row)
        for column in spec.columns:
            data[column.field].append(None)
        for position, column in columns.items():
            value = cells[position] if position < len(cells) else None
            if is_blank(value):
                continue
            parsed = _parsed(seen[position], value, column, sheet.decimal_comma)
            for problem in parsed.problems:
                issues.append(
                    Issue(
                        sheet.name, excel_row, column.header, problem.code, problem.message, shown_value(problem.value)
                    )
                )
            if parsed.value is not None and parsed.value != ():
                data[column.field][-1] = parsed.value
            elif not parsed.problems:
                continue
            else:
                # Marks a cell that was filled but unreadable, so it is not also called empty.
                data[column.field][-1] = UNREADABLE
    # Every declared column is kept, an absent optional one as all-missing, so later checks need no special cases.
    return pd.DataFrame(data, index=pd.Index(rows, name="row"), dtype=object), issues


class _Unreadable:
    """A filled cell that could not be read; already reported, so not reported again as empty."""

    def __repr__(self) -> str:
        return "<unreadable>"


UNREADABLE = _Unreadable()


def clear_unreadable(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with unreadable-cell markers turned into missing values."""
    # Hash lookups per column instead of a Python call per cell: this runs over every cell of every upload.
    marked = {field: frame[field].isin([UNREADABLE]) for field in frame.columns if frame[field].dtype == object}
    marked = {field: mask for field, mask in marked.items() if mask.any()}
    return frame.assign(**{field: frame[field].mask(mask, None) for field, mask in marked.items()}) if marked else frame


def text_of(value: object) -> str:
    """A parsed value written back as an analyst would type it."""
    if isinstance(value, tuple):
        return "; ".join(as_text(v) for v in value)
    return as_text(value)
