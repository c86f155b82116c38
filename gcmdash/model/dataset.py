"""The Dataset: every validated table of one data version, plus multi-valued fields exploded once into long tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from gcmdash.model.dataset_specs import DATASETS, dataset
from gcmdash.model.memo import Results, per_version
from gcmdash.model.schema import Kind

#: Long tables built at load time: name -> (dataset, id field, multi-valued field, value column name).
LONG_TABLES: dict[str, tuple[str, str, str, str]] = {
    "practice_objectives": ("practices", "practice_id", "objectives", "objective"),
    "practice_countries": ("practices", "practice_id", "countries", "iso3"),
    "practice_implementers": ("practices", "practice_id", "implementer_types", "implementer_type"),
    "pledge_objectives": ("pledges", "pledge_id", "objectives", "objective"),
    "pledge_countries": ("pledges", "pledge_id", "countries", "iso3"),
    "pledge_forms": ("pledges", "pledge_id", "forms", "form"),
    "programme_countries": ("programmes", "programme_id", "countries", "iso3"),
}


@dataclass(frozen=True)
class Dataset:
    """One data version's tables; read-only once built, shared by every viewer."""

    tables: Mapping[str, pd.DataFrame]
    version: str
    sources: tuple[str, ...] = ()
    long: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    #: Results computed from this version (gcmdash.model.memo); not part of the data, so not compared.
    memo: Results = field(default_factory=Results, compare=False, repr=False)

    def __getitem__(self, key: str) -> pd.DataFrame:
        """A dataset's table or a long table, by name."""
        return self.tables[key] if key in self.tables else self.long[key]

    @property
    @per_version
    def as_of(self) -> dt.date | None:
        """The date of the newest published figure in the data: what the data version is current to."""
        dates = self.tables["figures"]["as_of"].dropna()
        return max(dates) if len(dates) else None

    @property
    @per_version
    def illustrative_count(self) -> int:
        """How many records are illustrative rather than published facts."""
        return int(sum((t["provenance"] == "Illustrative").sum() for t in self.tables.values() if "provenance" in t))


def _typed(key: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A table with every declared column present and years and numbers in numeric types."""
    spec = dataset(key)
    frame = frame.reset_index()
    for column in spec.columns:
        if column.field not in frame:
            frame[column.field] = None
        if column.kind is Kind.YEAR:
            frame[column.field] = pd.array(frame[column.field], dtype="Int64")
        elif column.kind is Kind.NUMBER:
            frame[column.field] = pd.to_numeric(frame[column.field]).astype("float64")
        elif column.kind in (Kind.ID, Kind.TEXT, Kind.CHOICE, Kind.COUNTRY, Kind.URL):
            frame[column.field] = frame[column.field].astype("string")
    return frame[["row", *(c.field for c in spec.columns)]]


def _explode(frame: pd.DataFrame, id_field: str, multi: str, name: str) -> pd.DataFrame:
    # "key" is the record's row position in its table: selections compare integers, not id strings, which in
    # pandas 3 are Arrow strings and ~50x slower to look up (bench/results.md). Values are categorical for the
    # same reason and because every count is over a few hundred distinct values at most.
    values = frame[multi]
    lengths = np.fromiter((len(v) if isinstance(v, (tuple, list)) else 0 for v in values), np.int64, len(values))
    keys = np.repeat(np.arange(len(frame), dtype=np.int64), lengths)
    flat = [item for items in values if isinstance(items, (tuple, list)) for item in items]
    long = pd.DataFrame(
        {
            "key": keys,
            id_field: frame[id_field].array.take(keys),
            name: pd.Categorical(flat) if flat else pd.Categorical([], categories=[]),
        }
    )
    return long[long[name].notna()].reset_index(drop=True)


def rows_of(long: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The long table's rows belonging to these records (any selection of the long table's parent table)."""
    return long[long["key"].isin(records.index)]


def marks(long: pd.DataFrame, column: str, values: Iterable, size: int) -> np.ndarray:
    """One flag per row of the parent table (``size`` rows): whether its multi-valued field holds any of the values."""
    marked = np.zeros(size, dtype=bool)
    marked[long.loc[long[column].isin(list(values)), "key"].to_numpy()] = True
    return marked


def select(records: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The records flagged in keep (one flag per record); the same frame, uncopied, when all are kept."""
    return records if keep.all() else records.take(np.flatnonzero(keep))


def having(records: pd.DataFrame, long: pd.DataFrame, column: str, values: Iterable) -> pd.DataFrame:
    """The records whose multi-valued field (the long table's column) holds any of the values."""
    return select(records, records.index.isin(long.loc[long[column].isin(list(values)), "key"].to_numpy()))


def build(frames: Mapping[str, pd.DataFrame], version: str, sources: tuple[str, ...] = ()) -> Dataset:
    """A Dataset from validated typed tables (any missing dataset becomes an empty table)."""
    tables = {}
    for spec in DATASETS:
        frame = frames.get(spec.key)
        if frame is None:
            frame = pd.DataFrame(
                {c.field: pd.Series(dtype=object) for c in spec.columns}, index=pd.Index([], name="row")
            )
        tables[spec.key] = _typed(spec.key, frame)
    return assemble(tables, version, sources)


def assemble(tables: Mapping[str, pd.DataFrame], version: str, sources: tuple[str, ...] = ()) -> Dataset:
    """A Dataset from tables already typed by ``build`` (e.g. a stored snapshot of a version): adds the long tables."""
    # Row positions are the records' keys in the long tables, so every table gets a fresh 0..n-1 index.
    tables = {key: table.reset_index(drop=True) for key, table in tables.items()}
    long = {name: _explode(tables[d], id_f, multi, value) for name, (d, id_f, multi, value) in LONG_TABLES.items()}
    return Dataset(MappingProxyType(tables), version, sources, MappingProxyType(long))
