"""Whatever a cell holds, loading reports issues and never raises (property-based)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gcmdash.ingest.loading import load_files
from gcmdash.ingest.normalising import normalise
from gcmdash.ingest.raw_sheet import RawSheet
from gcmdash.ingest.validation import check_table
from gcmdash.model.dataset_specs import DATASETS

CELL = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(
        [
            "2; 7",
            "Obj. 99",
            "General",
            "Kosovo",
            "Gambia, The",
            "=1+1",
            "NaN",
            "1e309",
            "-0",
            ";;",
            "Member State",
            "https://example.org/x",
            "javascript:alert(1)",
            "2024-02-30",
            "National",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_cells_give_issues_not_exceptions(data):
    for spec in DATASETS:
        # Any subset of the columns, in any order: absent columns must not break later checks either.
        header = data.draw(st.lists(st.sampled_from([c.header for c in spec.columns]), unique=True))
        width = len(header)
        rows = data.draw(st.lists(st.lists(CELL, min_size=width, max_size=width + 1), max_size=6))
        sheet = RawSheet(spec.sheet, "t.xlsx", 1, tuple(header), tuple((n + 2, tuple(r)) for n, r in enumerate(rows)))
        frame, issues = normalise(spec, sheet)
        if not any(i.code == "missing_column" for i in issues):
            issues += check_table(spec, spec.sheet, frame)
        assert all(i.sheet == spec.sheet and i.code for i in issues)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=400))
def test_any_csv_text_gives_issues_not_exceptions(text):
    result = load_files([("practices.csv", text.encode("utf-8"))])
    assert result.issues or result.valid
