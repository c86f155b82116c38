"""Records as people read them: a dataset's rows under the template's headers, lists joined with "; ", countries by
their UN name, numbers and dates kept as values (what tables show, search reads and downloads write)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from gcmdash.ingest.cells import as_text, parse
from gcmdash.model.countries import country_name
from gcmdash.model.dataset_specs import dataset
from gcmdash.model.schema import Column, Kind

#: How a list cell is written: the separator the loader splits on.
LIST_JOIN = "; "


def missing(value: object) -> bool:
    """True for None, NaN, NA and NaT (never for a tuple of values)."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _name(iso3: str) -> str:
    """The UN name of a country code."""
    # A code from a loaded Dataset is always known; anything else is left as written rather than failing a download.
    try:
        return country_name(iso3)
    except KeyError:
        return iso3


@lru_cache(maxsize=1024)
def _name_in_list(iso3: str, column: Column) -> str:
    """The UN name of a country code as written in a list of countries."""
    # A few UN names hold a comma ("China, Hong Kong SAR") that the loader splits inside a list of countries;
    # those are written as their ISO3 code, which it reads back unambiguously.
    name = _name(iso3)
    return name if parse(name, column).value == (iso3,) else iso3


def _people_text(column: Column, value: object) -> str | None:
    """One text, list or country cell as an analyst would type it (None when empty)."""
    if missing(value) or value == ():
        return None
    if column.kind is Kind.COUNTRY:
        return _name(str(value))
    if column.kind is Kind.COUNTRIES:
        return LIST_JOIN.join(_name_in_list(str(v), column) for v in value)
    if column.kind.multi:
        return LIST_JOIN.join(as_text(v) for v in value)
    return str(value)


def _per_distinct(column: Column, values: pd.Series) -> pd.Series:
    """Cells as people read them, each distinct value turned into text once rather than once per row."""
    try:
        codes, distinct = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists, not the tuples a Dataset holds): one at a time
        return pd.Series([_people_text(column, v) for v in values], dtype=object)
    # Code -1 (a missing cell) takes the last entry: None.
    texts = np.array([*(_people_text(column, v) for v in distinct), None], dtype=object)
    return pd.Series(texts[codes], dtype=object)


def _text_cells(column: Column, values: pd.Series) -> pd.Series:
    """A text column as Python strings, None where empty."""
    if isinstance(values.dtype, pd.StringDtype):  # how a Dataset holds text: every cell already a string
        return pd.Series(values.to_numpy(dtype=object, na_value=None), dtype=object)
    return _per_distinct(column, values)


def _people_column(column: Column, values: pd.Series) -> pd.Series:
    """One column as people read it; numbers stay numbers and dates stay dates."""
    if column.kind in (Kind.YEAR, Kind.NUMBER):
        return values.reset_index(drop=True)
    if column.kind is Kind.DATE:
        cells = values.to_numpy(dtype=object, copy=True)
        cells[values.isna().to_numpy()] = None
        return pd.Series(cells, dtype=object)
    if column.kind is Kind.COUNTRY or column.kind.multi:
        return _per_distinct(column, values)
    return _text_cells(column, values)


def _values(column: Column, frame: pd.DataFrame) -> pd.Series:
    """The frame's cells of a column (all empty when the frame has not got it)."""
    return frame[column.field] if column.field in frame else pd.Series([None] * len(frame), dtype=object)


def records_for_people(key: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A dataset's records under the template headers, lists joined with "; " and countries by UN name."""
    columns = {column.header: _people_column(column, _values(column, frame)) for column in dataset(key).columns}
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def column_for_people(key: str, header: str, frame: pd.DataFrame) -> pd.Series:
    """One column of records_for_people (by its header), without turning the other columns into text."""
    (column,) = [c for c in dataset(key).columns if c.header == header]
    return _people_column(column, _values(column, frame))
