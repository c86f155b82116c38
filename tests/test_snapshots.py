"""Snapshots of typed tables read back exactly (values, dtypes, Python types of cells), or refuse to be made."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys

import pandas as pd
import pytest

from gcmdash.ingest import loading
from gcmdash.model import dataset, snapshots
from gcmdash.model.snapshots import SnapshotError
from tests.store_support import ROOT, edited_workbook


@pytest.fixture(scope="module")
def bundled() -> dataset.Dataset:
    """The bundled data with one practice's objectives "2; General": a column mixing ints and a string."""
    result = loading.load_files([("gcm-data.xlsx", edited_workbook(objectives="2; General"))], complete=True)
    assert result.dataset is not None
    return result.dataset


def _round_trip(frame: pd.DataFrame) -> pd.DataFrame:
    back = snapshots.decode(snapshots.encode(frame))
    pd.testing.assert_frame_equal(frame, back, check_exact=True)
    assert snapshots.identical(frame, back)
    return back


def test_the_bundled_tables_read_back_identical_and_make_the_same_dataset(bundled):
    parts = snapshots.encode_tables(bundled.tables)
    assert set(parts) == set(bundled.tables)
    tables = {name: snapshots.decode(data) for name, data in parts.items()}
    for name, frame in bundled.tables.items():
        pd.testing.assert_frame_equal(frame, tables[name], check_exact=True)
        assert snapshots.identical(frame, tables[name])
    objectives = [c for cell in tables["practices"]["objectives"] for c in cell]
    assert {type(o) for o in objectives} == {int, str} and "General" in objectives
    rebuilt = dataset.assemble(tables, bundled.version, bundled.sources)
    for name, frame in bundled.long.items():
        pd.testing.assert_frame_equal(frame, rebuilt.long[name], check_exact=True)


def test_tables_with_gaps_read_back_identical():
    frames = {
        "practices": pd.DataFrame(
            {
                "practice_id": ["P-1", "P-2", "P-3"],
                "title": ["One", None, "Three"],
                "objectives": [(1, "General"), (), (23,)],
                "countries": [("KEN", "UGA"), None, None],
                "start_year": [2020, None, None],
            },
            index=pd.Index([2, 3, 7], name="row"),
        ),
        "figures": pd.DataFrame(
            {"value": [1.5, None], "as_of": [dt.date(2024, 5, 1), None]}, index=pd.Index([2, 4], name="row")
        ),
    }
    built = dataset.build(frames, "gaps")
    assert len(built.tables["pledges"]) == 0  # a dataset with no rows at all
    for frame in built.tables.values():
        _round_trip(frame)
    back = _round_trip(built.tables["practices"])
    assert back["countries"].tolist() == [("KEN", "UGA"), None, None]
    assert back["objectives"].tolist() == [(1, "General"), (), (23,)]


def test_unusual_but_exact_columns_read_back_identical():
    frame = pd.DataFrame(
        {
            "lists": [["a", 1], None, ["a", 1], []],
            "nan_gaps": [("x",), math.nan, ("1",), (1,)],
            "na_gaps": [pd.NA, "text", "more", pd.NA],
            "all_missing": [None, None, None, None],
            "kind": pd.Series(["b", "a", None, "b"], dtype="category"),
            "flag": pd.array([True, None, False, True], dtype="boolean"),
            "plain": ["s", "t", None, "u"],
        },
        index=[10, 11, 12, 13],
    )
    back = _round_trip(frame)
    assert back["nan_gaps"].tolist()[2] == ("1",) and back["nan_gaps"].tolist()[3] == (1,)
    first, _, third, _ = back["lists"].tolist()
    assert first == third and first is not third  # lists are mutable: never shared between cells


@pytest.mark.parametrize(
    "cells",
    [
        [{"a": 1}, None],  # a kind of cell the encoding does not know
        [(1.5,), (2,)],  # floats inside tuples
        [(True,), (1,)],  # a bool would come back as an int
        [(1,), ["a"]],  # tuples and lists mixed
        [None, math.nan, ("a",)],  # two kinds of missing value
        [2.5, None],  # numbers in an object column
    ],
)
def test_cells_that_cannot_read_back_exactly_are_refused(cells):
    with pytest.raises(SnapshotError):
        snapshots.encode_tables({"t": pd.DataFrame({"c": pd.Series(cells, dtype=object)})})


def test_identical_tells_types_and_missing_values_apart():
    ints = pd.DataFrame({"c": [(1,), None]})
    assert not snapshots.identical(ints, pd.DataFrame({"c": [("1",), None]}))
    assert not snapshots.identical(ints, pd.DataFrame({"c": [[1], None]}))
    assert not snapshots.identical(ints, pd.DataFrame({"c": pd.Series([(1,), math.nan], dtype=object)}))
    assert snapshots.identical(ints, pd.DataFrame({"c": [(1,), None]}))


def test_garbage_or_another_format_is_refused_on_reading(bundled, monkeypatch):
    data = snapshots.encode(bundled.tables["figures"])
    for bad in (b"", b"not arrow at all", data[: len(data) // 2]):
        with pytest.raises(SnapshotError):
            snapshots.decode(bad)
    monkeypatch.setattr(snapshots, "FORMAT", snapshots.FORMAT + 1)
    with pytest.raises(SnapshotError, match="format"):
        snapshots.decode(data)


def test_the_fingerprint_covers_every_module_that_builds_tables():
    # A snapshot stands for what loading the files gives: any module loading imports (validation lazily) can change it.
    code = (
        "import sys, gcmdash.ingest.loading, gcmdash.ingest.validation; "
        "print(' '.join(sorted(m[8:] for m in sys.modules if m.startswith('gcmdash.'))))"
    )
    imported = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert set(imported.stdout.split()) == set(snapshots.BUILDERS)
    package = ROOT / "gcmdash"
    missing = [name for name in snapshots.BUILDERS if not snapshots._module_file(package, name).is_file()]
    assert not missing, f"BUILDERS names modules that are not there (moved?): {missing}"
