"""The filters shared by every page, and which records they keep (pure functions of a Dataset)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gcmdash.model import countries, memo, regions
from gcmdash.model.dataset import Dataset, marks, select


@dataclass(frozen=True)
class Filters:
    """What the viewer asked to see; empty tuples mean no restriction."""

    region: str | None = "ECE"
    subregion: str | None = None
    countries: tuple[str, ...] = ()
    objectives: tuple[int, ...] = ()
    implementer_types: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    years: tuple[int, int] | None = None

    @property
    def narrowed(self) -> bool:
        """True when anything beyond the region restricts the records."""
        return bool(
            self.subregion or self.countries or self.objectives or self.implementer_types or self.scopes or self.years
        )


def subregion_options(region: str | None) -> list[str]:
    """Subregions offered for the region (none for all regions)."""
    return [] if region is None else list(regions.subregions(region))


def country_options(region: str | None, subregion: str | None = None) -> list[str]:
    """ISO3 codes offered for the region and subregion, in name order."""
    if region is None:
        codes = {c for r in regions.REGIONS for c in regions.coverage(r)}
    elif subregion and subregion in regions.subregions(region):
        codes = regions.subregions(region)[subregion]
    else:
        codes = regions.coverage(region)
    return sorted(codes, key=countries.country_name)


def country_scope(f: Filters) -> frozenset[str] | None:
    """The countries the filters keep, or None for no country restriction (all regions, nothing chosen)."""
    if f.countries:
        return frozenset(f.countries)
    if f.region is None:
        return None
    if f.subregion and f.subregion in regions.subregions(f.region):
        return regions.subregions(f.region)[f.subregion]
    return regions.coverage(f.region)


def _in_countries(data: Dataset, table: pd.DataFrame, long_name: str, f: Filters) -> np.ndarray:
    scope = country_scope(f)
    return np.ones(len(table), dtype=bool) if scope is None else marks(data[long_name], "iso3", scope, len(table))


def _in_years(years: pd.Series, f: Filters) -> pd.Series:
    return years.between(*f.years).fillna(False) if f.years else pd.Series(True, index=years.index)


def _years_overlap(start: pd.Series, end: pd.Series, years: tuple[int, int]) -> pd.Series:
    """Rows whose [start, end] (end open when missing) meets the chosen years; undated rows are kept out."""
    low, high = years
    begun = start.fillna(end)
    return (begun <= high).fillna(False) & (end.fillna(begun).fillna(high) >= low).fillna(False)


@memo.per_version
def practices(data: Dataset, f: Filters) -> pd.DataFrame:
    """Practices kept by the filters."""
    table = data["practices"]
    keep = _in_countries(data, table, "practice_countries", f)
    if f.scopes:
        keep &= table["scope"].isin(f.scopes).to_numpy(dtype=bool)
    if f.years:
        keep &= _years_overlap(table["start_year"], table["end_year"], f.years).to_numpy(dtype=bool)
    if f.objectives:
        keep &= marks(data["practice_objectives"], "objective", f.objectives, len(table))
    if f.implementer_types:
        keep &= marks(data["practice_implementers"], "implementer_type", f.implementer_types, len(table))
    return select(table, keep)


@memo.per_version
def pledges(data: Dataset, f: Filters) -> pd.DataFrame:
    """Pledges kept by the filters (implementer types apply to the pledging entity's type; scope does not apply)."""
    table = data["pledges"]
    keep = _in_countries(data, table, "pledge_countries", f) & _in_years(table["year"], f).to_numpy(dtype=bool)
    if f.implementer_types:
        keep &= table["entity_type"].isin(f.implementer_types).to_numpy(dtype=bool)
    if f.objectives:
        keep &= marks(data["pledge_objectives"], "objective", f.objectives, len(table))
    return select(table, keep)


def programmes(data: Dataset, f: Filters) -> pd.DataFrame:
    """Joint programmes covering a kept country (years apply to the year approved)."""
    table = data["programmes"]
    return select(
        table, _in_countries(data, table, "programme_countries", f) & _in_years(table["year"], f).to_numpy(dtype=bool)
    )


def contributions(data: Dataset, f: Filters) -> pd.DataFrame:
    """M-MPTF contributions from kept countries in the chosen years."""
    table = data["contributions"]
    scope = country_scope(f)
    keep = _in_years(table["year"], f)
    return table[keep if scope is None else keep & table["contributor"].isin(scope)]


def activities(data: Dataset, f: Filters) -> pd.DataFrame:
    """Country activities (networks, workshops, champions, reports, Steering Committee) in kept countries."""
    table = data["activities"]
    scope = country_scope(f)
    return table if scope is None else table[table["country"].isin(scope)]


@memo.per_version
def year_bounds(data: Dataset) -> tuple[int, int]:
    """The earliest and latest year in the records, for the year filter's range."""
    years = pd.concat(
        [
            data["practices"]["start_year"],
            data["practices"]["end_year"],
            data["pledges"]["year"],
            data["contributions"]["year"],
            data["programmes"]["year"],
        ]
    ).dropna()
    return (int(years.min()), int(years.max())) if len(years) else (2018, 2026)
