"""Shared pieces of the benchmarks: timing, results and their table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    """One measured figure, with its target and whether the target is met (None: no target)."""

    part: str
    measure: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    def shown(self) -> str:
        if self.unit == "s":
            return f"{self.value:.3f} s"
        if self.unit == "ms":
            return f"{self.value:.1f} ms"
        if self.unit == "x":
            return f"{self.value:.2f}×"
        if self.unit == "MB":
            return f"{self.value:.2f} MB"
        if self.unit == "KB":
            return f"{self.value:.0f} KB"
        if self.unit == "%":
            return f"{self.value:.0f} %"
        if self.unit == "":
            return f"{self.value:g}"
        return f"{self.value:g} {self.unit}"

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("met" if self.met else "NOT met")


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_seconds(action: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    """Median wall time of `repeat` runs after `warmup` untimed ones."""
    for _ in range(warmup):
        action()
    return statistics.median(timed(action) for _ in range(repeat))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def table(results: list[Result]) -> str:
    """The results as a Markdown table."""
    lines = ["| part | measure | value | target | verdict | note |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.part} | {r.measure} | {r.shown()} | {r.target} | {r.verdict} | {r.note} |")
    return "\n".join(lines)
