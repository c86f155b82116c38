"""Benchmark: the safe reader against plain pandas reads of a 50,000-row x 12-column workbook.

Run: .venv/bin/python bench/bench_reading.py [--repeat N]
The workbook is written once with openpyxl's write-only mode and cached in /tmp.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS, COLUMNS = 50_000, 12
CACHE = Path(tempfile.gettempdir()) / f"gcmdash_bench_{ROWS}x{COLUMNS}.xlsx"


def make_workbook(path: Path) -> None:
    """Write a realistic commitments sheet: ids, countries, objectives, text, dates, amounts, URLs."""
    import openpyxl

    rng = random.Random(2018)  # the year the Compact was adopted; any fixed seed would do
    countries = ["Mexico", "Chad", "Germany", "Côte d'Ivoire", "Philippines", "Ecuador", "Morocco", "Kenya"]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Commitments")
    sheet.append(
        [
            "ID",
            "Country",
            "ISO3",
            "Objective",
            "Title",
            "Status",
            "Start date",
            "Updated",
            "Budget USD",
            "Beneficiaries",
            "Lead agency",
            "URL",
        ]
    )
    for i in range(1, ROWS + 1):
        sheet.append(
            [
                i,
                rng.choice(countries),
                rng.choice(["MEX", "TCD", "DEU", "CIV", "PHL", "ECU", "MAR", "KEN"]),
                rng.randint(1, 23),
                f"Commitment {i} on {rng.choice(['labour', 'return', 'data', 'health'])} {rng.random():.6f}",
                rng.choice(["planned", "ongoing", "done"]),
                dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2000)),
                dt.datetime(2020, 1, 1) + dt.timedelta(minutes=rng.randint(0, 10**6)),
                round(rng.random() * 1e6, 2),
                rng.randint(0, 10**5),
                rng.choice(["IOM", "UNHCR", "ILO", "UNICEF"]),
                f"https://example.org/commitments/{i}",
            ]
        )
    partial = path.with_suffix(".partial")
    workbook.save(partial)
    partial.replace(path)


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs, after one untimed warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build (or reuse) the workbook and print median read times and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per reader (openpyxl: at most 3)")
    args = parser.parse_args()

    import pandas as pd

    from gcmdash.reading import read_bytes

    if not CACHE.exists():
        print(f"writing {CACHE} …", flush=True)
        make_workbook(CACHE)
    data = CACHE.read_bytes()
    print(f"{CACHE.name}: {len(data) / 2**20:.1f} MB, {ROWS:,} rows x {COLUMNS} columns")

    sheets = read_bytes(data, CACHE.name)
    assert len(sheets[0].rows) == ROWS and len(sheets[0].header) == COLUMNS

    safe = median_seconds(lambda: read_bytes(data, CACHE.name), args.repeat)
    calamine = median_seconds(lambda: pd.read_excel(io.BytesIO(data), engine="calamine"), args.repeat)
    openpyxl = median_seconds(lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl"), min(args.repeat, 3))

    print(f"read_bytes (safe pipeline)           {safe:7.3f} s")
    print(f"pandas.read_excel(engine='calamine') {calamine:7.3f} s")
    print(f"pandas.read_excel(engine='openpyxl') {openpyxl:7.3f} s")
    print(f"safe / calamine  = {safe / calamine:5.2f}x   (target <= 1.30x)")
    print(f"safe / openpyxl  = {safe / openpyxl:5.2f}x")
    print(f"openpyxl / calamine = {openpyxl / calamine:5.2f}x")


if __name__ == "__main__":
    main()
