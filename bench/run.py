"""Run the gcmdash benchmark suite, print a table and write bench/results.md.

    make bench                                   # everything (about 20 minutes on 2 cores)
    .venv/bin/python -m bench [--only reading,interactions,rerun,payload,coldstart,viewers,mappaint,mapclicks] [--quick]

Parts: 1 data generation (bench/generate.py, cached under /tmp/gcmdash-bench), 2 reading, 3 per-interaction
server work (the pages' functions in-process, then whole script runs in a real server), 4 payload, 5 cold start,
6 many viewers, 7 map paint (a warm server: navigation to the map painted), 8 map clicks (how often a click
on a country opens its profile). --quick uses fewer repeats and
N = 10, 20 for 20 s.
Timings on a shared, noisy machine: compare ratios within one run; every figure is a median unless it says not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import generate  # noqa: E402
from bench.common import Result, table  # noqa: E402

PARTS = ("reading", "interactions", "rerun", "payload", "coldstart", "viewers", "mappaint", "mapclicks")
RESULTS = Path(__file__).resolve().parent / "results.md"


def _environment() -> str:
    import pandas
    import streamlit

    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:
        memory = ""
    return (
        f"{platform.platform()} · Python {platform.python_version()} · {os.cpu_count()} CPUs · {memory} · "
        f"pandas {pandas.__version__} · Streamlit {streamlit.__version__}"
    )


def _reruns(repeat: int) -> list[Result]:
    """Part 3, whole script runs: one region change per page in a real server (bench/rerun_cost.py), both data sets."""
    from bench import rerun_cost

    out: list[Result] = []
    for scale, folder in (("bundled", ROOT / "data"), ("large", generate.data_dir("large"))):
        for page, cost in rerun_cost.measure(repeat, None, folder).items():
            new_ms, repeated_ms = 1000 * cost["new_state"], 1000 * cost["repeated_state"]
            out.append(
                Result(
                    "3 interaction",
                    f"{page} script run, {scale} data: server CPU, new filter state",
                    new_ms,
                    "ms",
                    "< 150 ms",
                    new_ms < 150,
                    f"state drawn before: {repeated_ms:.0f} ms; script thread alone "
                    f"{1000 * cost['script_cpu']:.0f} ms (median of {cost['runs']} runs)",
                )
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller viewer counts")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; choose from {', '.join(PARTS)}")
    logging.getLogger("streamlit.dataframe_util").setLevel(logging.ERROR)

    results: list[Result] = []
    notes: list[str] = []
    started = time.perf_counter()
    for scale in ("reading", "large"):
        path = generate.ensure(scale)
        results.append(Result("1 data", f"{scale} workbook", path.stat().st_size / 2**20, "MB", note=str(path)))
    for part in parts:
        print(f"== {part} …", file=sys.stderr, flush=True)
        part_started = time.perf_counter()
        try:
            if part == "reading":
                from bench import reading

                results += reading.run(3 if args.quick else 5)
            elif part == "interactions":
                from bench import interactions

                found, details = interactions.run(2 if args.quick else 3, profile_dir=args.out.parent)
                results += found
                per_state = "\n".join(
                    f"| {page} | " + " | ".join(f"{v:.0f}" for v in medians.values()) + " |"
                    for page, medians in details["per_state"].items()
                )
                states = [label for label, _ in interactions.filter_states()]
                notes.append(
                    "### Per filter state (median ms, large data set)\n\n| page | "
                    + " | ".join(states)
                    + " |\n|---|"
                    + "---|" * len(states)
                    + "\n"
                    + per_state
                )
                if details.get("profile"):
                    notes.append(
                        f"### Profile of the slowest page ({details['slowest_page']}), pyinstrument\n\n"
                        f"Full text: `{details['profile_path'].name}`.\n\n```\n"
                        + "\n".join(details["profile"].splitlines()[:60])
                        + "\n```"
                    )
            elif part == "rerun":
                results += _reruns(6 if args.quick else 12)
            elif part == "payload":
                from bench import payload

                results += payload.run()
            elif part == "coldstart":
                from bench import coldstart

                results += coldstart.run()
            elif part == "mappaint":
                from bench import map_paint

                results += map_paint.run(3 if args.quick else 5)
            elif part == "mapclicks":
                from bench import map_clicks

                results += map_clicks.run(10 if args.quick else 20)
            elif part == "viewers":
                from bench import viewers

                counts, seconds = ((10, 20), 20) if args.quick else ((10, 50, 100, 200), 60)
                results += viewers.run(counts, seconds)
        except Exception as error:  # noqa: BLE001 - one failing part must not lose the others' figures
            import traceback

            traceback.print_exc()
            results.append(Result(part, "FAILED", 0, "", note=f"{type(error).__name__}: {error}"[:200]))
        print(f"   {part} took {time.perf_counter() - part_started:.0f} s", file=sys.stderr, flush=True)

    text = table(results)
    print(text)
    header = (
        f"# Benchmark results\n\nWritten by `make bench` (bench/run.py) on {dt.date.today().isoformat()}, "
        f"in {time.perf_counter() - started:.0f} s. {_environment()}.\n\n"
        "Medians of repeated runs within this one run; the machine is shared and noisy, so compare ratios "
        "rather than absolute times across runs.\n\n"
    )
    findings = Path(__file__).resolve().parent / "findings.md"
    tail = "\n\n" + findings.read_text() if findings.exists() else ""
    args.out.write_text(header + text + tail + "\n\n" + "\n\n".join(notes) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
