"""Part 2 — reading and validating a 50,000-row Practices sheet: the safe pipeline against plain pandas readers.

Compared in one run, medians of repeated reads of the same bytes, the readers taking turns (after a warm-up
read each):

* ``read_bytes``: gcmdash's safe reader alone (zip and XML checks, parsing by calamine in a child process with
  memory and time limits, rows shipped back by pickle);
* ``load_files``: the same plus recognising, normalising and validating every cell (what an upload costs);
* ``pandas.read_excel(engine="calamine")`` and ``python_calamine`` itself (no pandas) in-process;
* ``pandas.read_excel(engine="openpyxl")`` (fewer repeats: it is slow).
"""

from __future__ import annotations

import io
import statistics

from bench import generate
from bench.common import Result, timed

PART = "2 reading"


def run(repeat: int = 5) -> list[Result]:
    import pandas as pd
    import python_calamine

    from gcmdash.ingest.loading import load_files
    from gcmdash.ingest.reading import read_bytes

    path = generate.ensure("reading")
    data = path.read_bytes()
    name = path.name
    sheets = read_bytes(data, name)
    assert len(sheets) == 1 and len(sheets[0].rows) == 50_000, [len(s.rows) for s in sheets]
    checked = load_files([(name, data)])
    assert checked.valid and len(checked.dataset["practices"]) == 50_000, checked.issues[:3]

    def raw_calamine() -> object:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return book.get_sheet_by_index(0).to_python(skip_empty_area=True)

    readers = {
        "safe": lambda: read_bytes(data, name),
        "full": lambda: load_files([(name, data)]),
        "calamine": lambda: pd.read_excel(io.BytesIO(data), engine="calamine"),
        "raw": raw_calamine,
    }
    # Round-robin, so that a burst of load from other work on the machine hits every reader alike.
    times: dict[str, list[float]] = {key: [] for key in (*readers, "openpyxl")}
    for round_number in range(repeat):
        for key, action in readers.items():
            times[key].append(timed(action))
        if round_number < 3:  # openpyxl is slow: three reads are enough
            times["openpyxl"].append(timed(lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl")))
    safe, full, calamine, raw, openpyxl = (
        statistics.median(times[k]) for k in ("safe", "full", "calamine", "raw", "openpyxl")
    )
    size = f"{len(data) / 2**20:.1f} MB, 50,000 rows × 12 columns"
    return [
        Result(PART, "safe read_bytes", safe, "s", note=size),
        Result(PART, "safe read + validate (load_files)", full, "s"),
        Result(PART, "pandas.read_excel calamine", calamine, "s"),
        Result(PART, "python_calamine.to_python (no pandas)", raw, "s"),
        Result(PART, "pandas.read_excel openpyxl", openpyxl, "s"),
        Result(PART, "read_bytes / pandas-calamine", safe / calamine, "x", "≤ 1.30×", safe / calamine <= 1.3),
        Result(PART, "read_bytes / python_calamine", safe / raw, "x", note="the child process and pickling overhead"),
        Result(PART, "openpyxl / read_bytes (speed-up)", openpyxl / safe, "x", "≥ 5×", openpyxl / safe >= 5),
        Result(
            PART,
            "openpyxl / load_files (speed-up, with validation)",
            openpyxl / full,
            "x",
            "≥ 5×",
            openpyxl / full >= 5,
            "validation included on the gcmdash side only",
        ),
        Result(PART, "load_files / read_bytes", full / safe, "x", note="cost of validation on top of reading"),
    ]


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
