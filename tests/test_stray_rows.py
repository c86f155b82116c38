"""Rows that are not records get one issue naming what they are; records that merely look alike stay records."""

from __future__ import annotations

import pytest

from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.stray_rows import stray_row
from gcmdash.model.dataset_specs import dataset

CONTRIBUTIONS = dataset("contributions")
HEADER = tuple(c.header for c in CONTRIBUTIONS.columns)


@pytest.mark.parametrize(
    ("cells", "code", "column"),
    [
        (("Total", None, 1500000), IssueCode.TOTALS_ROW, "Contributor"),
        (("Grand total", 2023, "1,500,000"), IssueCode.TOTALS_ROW, "Contributor"),
        ((None, "Subtotal", 250.5), IssueCode.TOTALS_ROW, "Year"),
        (("Source: IOM survey, March 2024",), IssueCode.NOTES_ROW, "Contributor"),
        ((None, None, None, None, None, "see the note above"), IssueCode.NOTES_ROW, "F"),
    ],
)
def test_a_total_or_a_note_is_named_as_such(cells, code, column):
    issue = stray_row(CONTRIBUTIONS, "Contributions", HEADER, 49, cells)
    assert issue is not None and (issue.code, issue.row, issue.column) == (code, 49, column)


@pytest.mark.parametrize(
    "cells",
    [
        ("Germany", 2022, 1500000, "Illustrative", "test"),
        ("Sum Foundation", 2022, 1000, "Published", "https://example.org"),  # a contributor, not a sum
        ("Total contributions were revised in 2024; see the brief", 2022),  # a sentence, not a label
    ],
)
def test_records_that_merely_look_alike_stay_records(cells):
    issue = stray_row(CONTRIBUTIONS, "Contributions", HEADER, 5, cells)
    assert issue is None
