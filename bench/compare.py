"""Before and after in one run: the same benchmark parts of two checkouts, taken in turns, side by side.

    .venv/bin/python -m bench.compare OTHER_CHECKOUT [--only reading,interactions,rerun] [--quick] [--rounds 2]

OTHER_CHECKOUT is another working tree of this repository (e.g. `git worktree add /tmp/before HEAD~5`); both are
run with this interpreter, each importing its own gcmdash. Parts alternate between the two trees (before, after,
then after, before, ...), so a burst of load on a shared machine falls on both alike; each figure is the median of the
rounds. Prints one table: the figure before, after, and after / before.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A row of bench/run.py's table: | part | measure | value | target | verdict | note |
_ROW = re.compile(r"^\| (?P<part>\d [^|]+) \| (?P<measure>[^|]+) \| (?P<value>[-\d.,]+) ?(?P<unit>[^|]*?) \|", re.M)


def _figures(results: Path) -> dict[tuple[str, str], tuple[float, str]]:
    """The numeric figures of one bench/run.py results file, by (part, measure)."""
    found = {}
    for row in _ROW.finditer(results.read_text(encoding="utf-8")):
        value = float(row["value"].replace(",", ""))
        found[(row["part"].strip(), row["measure"].strip())] = (value, row["unit"].strip())
    return found


def _run(tree: Path, parts: str, quick: bool, out: Path) -> dict[tuple[str, str], tuple[float, str]]:
    """bench/run.py of one tree for the given parts; its figures."""
    command = [sys.executable, "-m", "bench", "--only", parts, "--out", str(out), *(["--quick"] if quick else [])]
    subprocess.run(command, cwd=tree, check=True, stdout=subprocess.DEVNULL)
    return _figures(out)


def compare(other: Path, parts: list[str], quick: bool, rounds: int) -> str:
    """Run every part in turns on the other tree and on this one; the Markdown table of both."""
    taken: dict[str, list[dict]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(rounds):
            for part in parts:
                # Each round swaps who goes first, so that neither tree always runs on a machine the other warmed.
                order = (("before", other), ("after", ROOT))
                for label, tree in order if round_number % 2 == 0 else order[::-1]:
                    print(f"round {round_number + 1}: {part}, {label} ({tree})", file=sys.stderr, flush=True)
                    taken[label].append(_run(tree, part, quick, Path(folder) / f"{label}-{part}.md"))
    lines = ["| part | measure | before | after | after / before |", "|---|---|---|---|---|"]
    keys = [key for run in taken["after"] for key in run if not key[0].startswith("1 data")]
    for key in dict.fromkeys(keys):
        values = {label: [run[key][0] for run in runs if key in run] for label, runs in taken.items()}
        if not values["before"] or not values["after"]:
            continue
        unit = next(run[key][1] for run in taken["after"] if key in run)
        before, after = statistics.median(values["before"]), statistics.median(values["after"])
        ratio = f"{after / before:.2f}" if before else ""
        lines.append(f"| {key[0]} | {key[1]} | {before:g} {unit} | {after:g} {unit} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: the other checkout, the parts, quick or not, how many rounds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="another working tree of this repository (the 'before')")
    parser.add_argument("--only", default="reading,interactions,rerun", help="comma-separated bench parts")
    parser.add_argument("--quick", action="store_true", help="bench/run.py's fewer repeats")
    parser.add_argument("--rounds", type=int, default=2, help="turns per part and tree (median taken)")
    args = parser.parse_args(argv)
    print(compare(args.other.resolve(), [p for p in args.only.split(",") if p], args.quick, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
