"""Shared test helpers: write small workbooks and CSVs in the project's format."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from gcmdash.model.dataset_specs import DATASETS, dataset

# Tests never touch the project's own store: this test run (and the servers it starts) get a throwaway one.
os.environ.setdefault("GCMDASH_STORE_DIR", tempfile.mkdtemp(prefix="gcmdash-test-store-"))

#: One valid row per dataset, in schema column order.
VALID_ROWS: dict[str, list[object]] = {
    "practices": [
        "PR-1",
        "Skills passport for returnees",
        "2; 7",
        "Kazakhstan",
        "National",
        "Member State; IOM",
        "Human rights",
        2021,
        2023,
        "https://example.org/p1",
        "Illustrative",
        "test",
    ],
    "pledges": [
        "PL-1",
        "Legal aid for migrant workers",
        "Government of Portugal",
        "Member State",
        "Individual",
        "Policy-oriented",
        "7; 15",
        "Portugal",
        2022,
        "PR-1",
        "",
        "Illustrative",
        "test",
    ],
    "contributions": ["Germany", 2022, 1500000, "Illustrative", "test"],
    "programmes": [
        "JP-1",
        "Migration data for planning",
        "Tajikistan",
        "Funded",
        "Data and evidence-based policy",
        2020,
        2000000,
        "",
        "Published",
        "test",
    ],
    "activities": ["Georgia", "Country Network", 2021, None, "", "", "", "Published", "test"],
    "figures": ["ECE", "practices", 70, "Exactly", dt.date(2024, 3, 1), "https://migrationnetwork.un.org/", ""],
    "sections": [
        "ECE",
        "Regional Network",
        1,
        "Based in Vienna",
        "The Regional Network is based in Vienna.",
        "",
        "",
        dt.date(2024, 3, 1),
        "https://migrationnetwork.un.org/",
        "Published",
    ],
}


def headers(key: str) -> list[str]:
    """The template headers of a dataset."""
    return [c.header for c in dataset(key).columns]


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write sheets (name -> rows, first row the header) to an .xlsx file."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def valid_sheets() -> dict[str, list[list[object]]]:
    """A complete, valid set of sheets with one row each."""
    return {spec.sheet: [headers(spec.key), list(VALID_ROWS[spec.key])] for spec in DATASETS}


@pytest.fixture
def workbook(tmp_path: Path):
    """A factory writing sheets to a fresh .xlsx in tmp_path."""
    counter = iter(range(1000))

    def make(sheets: dict[str, list[list[object]]]) -> Path:
        return write_workbook(tmp_path / f"book{next(counter)}.xlsx", sheets)

    return make
