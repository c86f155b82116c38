"""Statements the briefs make about the records, computed and checked like the figures (pure).

A brief says more than numbers: "most practices are implemented at the national level, which is similar to trends
in other regions"; "over USD 56 million over three years". Each statement here is computed from the records for any
region and says whether it holds, with the figures that decide it, so a reader never has to take the words on trust.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gcmdash import formatting
from gcmdash.model import memo, regions
from gcmdash.model.dataset import Dataset, marks
from gcmdash.views import metrics

NATIONAL = "National"


@dataclass(frozen=True)
class Statement:
    """A claim of the briefs, whether the records bear it out (None: they cannot say), and the evidence."""

    section: str
    claim: str
    holds: bool | None
    evidence: str


@memo.per_version
def _scope_shares(data: Dataset) -> dict[str, tuple[int, dict[str, float]]]:
    """Each region's number of practices and each scope's share of them (in per cent), counted once per version:
    every region's statement compares all five."""
    practices = data["practices"]
    codes, names = pd.factorize(practices["scope"].astype(str))
    found = {}
    for region in regions.REGIONS:
        # One flag per practice, straight from the long table; scopes counted by their codes, not as strings.
        chosen = marks(data["practice_countries"], "iso3", regions.coverage(region), len(practices))
        counts = np.bincount(codes[chosen], minlength=len(names))
        total = int(chosen.sum())
        found[region] = (total, {str(k): 100 * int(v) / total for k, v in zip(names, counts, strict=True) if v})
    return found


def _leads(shares: dict[str, float], scope: str) -> bool:
    """Whether the scope is strictly the most frequent (a tie is not "most")."""
    mine = shares.get(scope, 0.0)
    return mine > 0 and all(mine > v for k, v in shares.items() if k != scope)


def national_practices(data: Dataset, region: str) -> Statement:
    """ "Most practices are national, similar to trends in other regions": the region's share and the others'."""
    claim = "Most practices are implemented at the national level, as in the other regions."
    by_region = _scope_shares(data)
    total, shares = by_region[region]
    if not total:
        return Statement("Practices", claim, None, "The region has no practices in the records.")
    mine = shares.get(NATIONAL, 0.0)
    others = []
    for other in regions.REGIONS:
        n, theirs = by_region[other] if other != region else (0, {})
        if n:
            others.append((other, theirs.get(NATIONAL, 0.0), _leads(theirs, NATIONAL)))
    alike = sum(1 for _, _, leads in others if leads)
    holds = mine > 50 and bool(others) and alike > len(others) / 2
    listed = ", ".join(f"{r} {share:.0f} %" for r, share, _ in others)
    practices = formatting.counted(total, "{n} practice", "{n} practices")
    evidence = (
        f"National: {mine:.0f} % of the region's {practices}"
        f"{'' if mine > 50 else ' (not a majority)'}. National is the most frequent scope in {alike} of the "
        f"{len(others)} other regions with practices ({listed})."
        if others
        else f"National: {mine:.0f} % of the region's {practices}; no other region has practices to compare with."
    )
    return Statement("Practices", claim, holds, evidence)


def contribution_years(data: Dataset, region: str) -> Statement:
    """ "Over three years": in how many calendar years the region's contributions to the M-MPTF were made."""
    claim = "The region's contributions to the M-MPTF were made over three years."
    years = sorted({int(y) for y in metrics.contributions_in(data, region)["year"].dropna()})
    if not years:
        return Statement("M-MPTF", claim, None, "The records hold no contribution from the region.")
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    evidence = f"The records hold contributions in {formatting.counted(len(years), '{n} year', '{n} years')} ({span})."
    return Statement("M-MPTF", claim, len(years) == 3, evidence)


@memo.per_version
def statements(data: Dataset, region: str | None) -> tuple[Statement, ...]:
    """Every checked statement for the region, in the briefs' order (none for all regions together)."""
    if region is None:
        return ()
    found = [national_practices(data, region)]
    # "Over three years" is said of the published total: checked where a brief published one.
    if metrics.published(data, region, "contributions_usd") is not None:
        found.append(contribution_years(data, region))
    return tuple(found)


def of_section(found: tuple[Statement, ...], section: str) -> tuple[Statement, ...]:
    """The statements that belong to one section of the brief."""
    return tuple(s for s in found if s.section == section)
