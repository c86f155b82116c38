"""Snapshots of a version's typed tables (Arrow IPC bytes), so a stored version loads without re-reading its files.

A snapshot is a cache of what ``loading.load_files`` builds from a version's files, never a source of truth: it is
written only when it reads back identical to the tables it was made from, it carries the format number and the
fingerprint of the code that builds typed tables (``code_id``), and a reader that finds it missing, corrupt or made
by other code loads the files instead. No pickle: object columns, which Arrow cannot hold as they are, are written
as Arrow text or dates, or, for tuples or lists of ints and strings (objectives mix ints and "General"; countries),
as codes into a vocabulary of the distinct cells kept as JSON (which tells 1 from "1"); any other kind of cell makes
the table refuse to be snapshotted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

#: Snapshot layout version: bump when the encoding below changes.
FORMAT = 1
# The modules that turn files into typed tables: a change in any of them may change the tables, so the snapshot no
# longer stands for what loading the files would give (a test checks this is every gcmdash module loading imports).
BUILDERS = (
    "settings",
    "i18n",
    "ingest",
    "ingest.cells",
    "ingest.child_exit",
    "ingest.issues",
    "ingest.loading",
    "ingest.normalising",
    "ingest.numbers",
    "ingest.raw_sheet",
    "ingest.reading",
    "ingest.refusals",
    "ingest.sandbox",
    "ingest.stray_rows",
    "ingest.text_files",
    "ingest.validation",
    "ingest.workbooks",
    "ingest.zip_guard",
    "model",
    "model.common_columns",
    "model.countries",
    "model.dataset",
    "model.dataset_specs",
    "model.framework",
    "model.memo",
    "model.regions",
    "model.schema",
    "model.section_spec",
    "model.vocabularies",
)
_META = b"gcmdash"
_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")
_NULLS: dict[str, Any] = {"none": None, "nan": math.nan, "na": pd.NA}
# Types of the missing values an object column may hold (float only as NaN: numbers are refused).
_NULL_TYPES = frozenset({type(None), type(pd.NA), float})


class SnapshotError(Exception):
    """A table cannot be snapshotted, or a snapshot cannot be read back: load the version's files instead."""


@cache
def code_id() -> str:
    """Fingerprint of the table-building and snapshot code and of the pandas and pyarrow versions."""
    digest = hashlib.sha256(f"{FORMAT}|{pd.__version__}|{package_version('pyarrow')}".encode())
    package = Path(__file__).resolve().parents[1]
    for name in (*BUILDERS, "model.snapshots"):
        digest.update(name.encode() + b"\0" + _source(_module_file(package, name)))
    return digest.hexdigest()[:16]


def _module_file(package: Path, name: str) -> Path:
    """The source file of gcmdash's module or subpackage `name` ("ingest.cells", "model")."""
    path = package.joinpath(*name.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _source(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        pass  # installed without its sources: the package's version names the code instead
    try:
        return package_version("gcmdash").encode()
    except PackageNotFoundError:
        return os.urandom(16)  # nothing names the code: a snapshot made now is only ever read by this process


def checksum(data: bytes) -> str:
    """SHA-256 (hex) of a snapshot's bytes, stored beside it to detect corruption."""
    return hashlib.sha256(data).hexdigest()


def encode_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, bytes]:
    """Every table encoded and checked to read back identical; SnapshotError if one cannot be."""
    encoded = {}
    for name, frame in tables.items():
        data = encode(frame)
        if not identical(frame, decode(data)):
            raise SnapshotError(f"table {name} does not read back identical from its snapshot")
        encoded[name] = data
    return encoded


def encode(frame: pd.DataFrame) -> bytes:
    """One table as Arrow IPC (zstd) bytes; object columns encoded by the rules in the module docstring."""
    if not frame.columns.is_unique or not all(isinstance(c, str) for c in frame.columns):
        raise SnapshotError("column names must be distinct strings")
    plain = frame.copy(deep=False)
    objects: dict[str, dict[str, Any]] = {}
    for column in frame.columns:
        if frame[column].dtype == object:
            values, objects[column] = _encode_objects(frame[column].tolist())
            plain[column] = pd.Series(values, index=frame.index, dtype=object)
    try:
        table = pa.Table.from_pandas(plain)
    except (pa.ArrowException, TypeError, ValueError) as error:
        raise SnapshotError(f"not representable in Arrow: {error}") from error
    metadata = {**(table.schema.metadata or {}), _META: json.dumps({"format": FORMAT, "objects": objects}).encode()}
    table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC_OPTIONS) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def decode(data: bytes) -> pd.DataFrame:
    """The table a snapshot holds; SnapshotError if the bytes are not a snapshot of this format."""
    try:
        table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        meta = json.loads(table.schema.metadata[_META])
        if meta.get("format") != FORMAT:
            raise SnapshotError(f"snapshot format {meta.get('format')}, this code reads format {FORMAT}")
        objects: dict[str, dict[str, Any]] = meta["objects"]
        base = table.drop_columns(list(objects)).to_pandas()
        decoded = {name: _decode_objects(table.column(name).combine_chunks(), **objects[name]) for name in objects}
    except (pa.ArrowException, AttributeError, KeyError, TypeError, ValueError) as error:
        raise SnapshotError(f"unreadable snapshot: {error}") from error
    columns = [name for name in table.column_names if not name.startswith("__index_level_")]
    return pd.DataFrame(
        {
            name: (pd.Series(decoded[name], index=base.index, dtype=object) if name in decoded else base[name])
            for name in columns
        },
        index=base.index,
    )


def identical(left: pd.DataFrame, right: pd.DataFrame) -> bool:
    """Equal values, dtypes and index, and in object columns cells of the same Python types (None is not NaN)."""
    try:
        pd.testing.assert_frame_equal(left, right, check_exact=True)
    except AssertionError:
        return False
    # Types of the cells, not their reprs: the encoding keeps the types of tuple elements (1 stays 1, "1" stays "1").
    return all(list(map(type, left[c])) == list(map(type, right[c])) for c in left.columns if left[c].dtype == object)


def _null_kind(value: Any) -> str | None:
    if value is None:
        return "none"
    if value is pd.NA:
        return "na"
    if type(value) is float and math.isnan(value):
        return "nan"
    return None


def _encode_objects(cells: list[Any]) -> tuple[list[Any], dict[str, Any]]:
    """Cells of an object column as Arrow-friendly values, and how to turn them back (encoding, null, values)."""
    # Whole-column passes (map, set, chain) rather than Python per cell: this runs on every publish.
    kinds = set(map(type, cells))
    nulls = {kind for kind in map(_null_kind, [c for c in cells if type(c) in _NULL_TYPES]) if kind}
    if float in kinds and any(type(c) is float and not math.isnan(c) for c in cells):
        raise SnapshotError("an object column holds numbers")
    if len(nulls) > 1:
        raise SnapshotError(f"an object column mixes missing values ({', '.join(sorted(nulls))})")
    null = nulls.pop() if nulls else "none"
    if null != "none":
        cells = [None if type(c) in _NULL_TYPES else c for c in cells]
    present = kinds - _NULL_TYPES
    if present <= {str}:
        return cells, {"encoding": "text", "null": null}
    if present == {dt.date}:
        return cells, {"encoding": "date", "null": null}
    if len(present) == 1 and present <= {tuple, list}:
        keys = cells if present == {tuple} else [c if c is None else tuple(c) for c in cells]
        elements = set(map(type, chain.from_iterable(k for k in keys if k is not None)))
        # Only ints and strings: then equal tuples hold the same values of the same types ((1,) is not ("1",), and
        # no True or 1.0 can hide behind a 1), so each distinct tuple is stored once and the cells keep its code.
        if elements <= {str, int}:
            distinct = [k for k in dict.fromkeys(keys) if k is not None]
            index: dict[Any, int | None] = {key: n for n, key in enumerate(distinct)}
            index[None] = None
            codes = list(map(index.__getitem__, keys))
            encoding = "tuple" if present == {tuple} else "list"
            return codes, {"encoding": encoding, "null": null, "values": [list(k) for k in distinct]}
        present |= elements
    raise SnapshotError(f"an object column holds {', '.join(sorted(k.__name__ for k in present))} cells")


def _decode_objects(array: pa.Array, encoding: str, null: str, values: list[Any] | None = None) -> list[Any]:
    missing = _NULLS[null]
    if encoding in ("text", "date"):
        return [missing if v is None else v for v in array.to_pylist()]
    if encoding not in ("tuple", "list"):
        raise SnapshotError(f"unknown encoding {encoding!r}")
    # The vocabulary's last slot is the missing value: one vectorised lookup gives every cell.
    distinct = [*(tuple(v) for v in values or ()), missing]
    vocabulary = np.empty(len(distinct), dtype=object)
    vocabulary[:] = distinct
    codes = array.cast(pa.int64()).fill_null(len(distinct) - 1).to_numpy()
    cells = vocabulary[codes].tolist()
    # Tuples are shared between the cells holding the same one; lists are mutable, so each cell gets its own.
    return cells if encoding == "tuple" else [c if c is missing else list(c) for c in cells]
