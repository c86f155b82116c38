"""What each page shows, computed from the Dataset, the shared filters and the bars clicked (pure)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from gcmdash.model import countries, filters, memo, regions
from gcmdash.model.dataset import Dataset, having, rows_of
from gcmdash.model.dataset_specs import dataset
from gcmdash.model.filters import Filters
from gcmdash.views import metrics, tables
from gcmdash.views.people import records_for_people


def _having(records: pd.DataFrame, long: pd.DataFrame, column: str, values) -> pd.DataFrame:
    """The records having any of the clicked values; all of them when nothing is clicked."""
    return having(records, long, column, values) if values else records


def long_counts(long: pd.DataFrame, records: pd.DataFrame, column: str) -> pd.Series:
    """Records per value of a multi-valued field (a record counts once under each of its values)."""
    return metrics.ranking(rows_of(long, records)[column])


def several_objectives(long: pd.DataFrame, records: pd.DataFrame) -> int:
    """How many of the records address more than one objective (and so count under several)."""
    return int((rows_of(long, records)["key"].value_counts() > 1).sum())


def country_counts(long: pd.DataFrame, records: pd.DataFrame, scope: frozenset[str] | None) -> pd.Series:
    """Records per country (by UN name), limited to the countries in scope."""
    codes = metrics.ranking(rows_of(long, records)["iso3"])
    if scope is not None:
        codes = codes[codes.index.isin(scope)]
    named = codes.rename(index=countries.country_name)
    return named.sort_index().sort_values(ascending=False, kind="stable")


@dataclass(frozen=True)
class PracticesView:
    """Everything the Practices page draws."""

    records: pd.DataFrame
    by_objective: pd.Series
    by_implementer: pd.Series
    by_country: pd.Series
    by_scope: pd.Series
    top: metrics.Top  # the most frequent objectives, ties at the cut included
    multi_objective: int

    @property
    def top_objectives(self) -> list[int]:
        """The highlighted objectives, in number order."""
        return sorted(int(o) for o in self.top.counts.index)


@memo.per_version
def practices(
    data: Dataset, f: Filters, objectives: tuple[int, ...] = (), implementers: tuple[str, ...] = ()
) -> PracticesView:
    """Practices kept by the filters and by the bars clicked; each chart ignores its own click, so it stays whole."""
    kept = filters.practices(data, f)
    by_implementer = _having(kept, data["practice_implementers"], "implementer_type", implementers)
    by_objective = _having(kept, data["practice_objectives"], "objective", objectives)
    records = _having(by_objective, data["practice_implementers"], "implementer_type", implementers)
    objective_counts = metrics.objective_counts(data["practice_objectives"], by_implementer)
    return PracticesView(
        records=records,
        by_objective=objective_counts,
        by_implementer=long_counts(data["practice_implementers"], by_objective, "implementer_type"),
        by_country=country_counts(data["practice_countries"], records, filters.country_scope(f)),
        by_scope=metrics.ranking(records["scope"]),
        top=metrics.top(objective_counts, metrics.TOP_OBJECTIVES),
        multi_objective=several_objectives(data["practice_objectives"], records),
    )


@dataclass(frozen=True)
class PledgesView:
    """Everything the Pledges page draws."""

    records: pd.DataFrame
    by_objective: pd.Series
    by_entity_type: pd.Series
    by_kind: pd.Series
    by_form: pd.Series
    by_country: pd.Series
    by_year: pd.DataFrame
    top: metrics.Top  # the most frequent objectives, ties at the cut included

    @property
    def top_objectives(self) -> list[int]:
        """The highlighted objectives, in number order."""
        return sorted(int(o) for o in self.top.counts.index)


@memo.per_version
def pledges(data: Dataset, f: Filters, objectives: tuple[int, ...] = ()) -> PledgesView:
    """Pledges kept by the filters and by the objective bars clicked."""
    kept = filters.pledges(data, f)
    records = _having(kept, data["pledge_objectives"], "objective", objectives)
    counts = metrics.objective_counts(data["pledge_objectives"], kept)
    by_year = records.groupby(["year", "kind"], observed=True).size().rename("pledges").reset_index()
    return PledgesView(
        records=records,
        by_objective=counts,
        by_entity_type=metrics.ranking(records["entity_type"]),
        by_kind=metrics.ranking(records["kind"]),
        by_form=long_counts(data["pledge_forms"], records, "form"),
        by_country=country_counts(data["pledge_countries"], records, filters.country_scope(f)),
        by_year=by_year.astype({"year": int}),
        top=metrics.top(counts, metrics.TOP_OBJECTIVES),
    )


@dataclass(frozen=True)
class FundingView:
    """Everything the Funding page draws."""

    contributions: pd.DataFrame
    programmes: pd.DataFrame
    by_contributor: pd.Series  # USD million
    by_year: pd.DataFrame
    programmes_by_region: pd.DataFrame
    programmes_by_country: pd.DataFrame
    programmes_by_area: pd.DataFrame
    mobilised: float
    target: float | None


def _programme_rows(data: Dataset, programmes: pd.DataFrame, scope: frozenset[str] | None) -> pd.DataFrame:
    """One row per (kept programme, country in scope), with the programme's status and thematic area."""
    long = rows_of(data["programme_countries"], programmes)
    if scope is not None:
        long = long[long["iso3"].isin(scope)]
    table = data["programmes"]
    return long.assign(
        status=table["status"].to_numpy()[long["key"]],
        thematic_area=table["thematic_area"].to_numpy()[long["key"]],
        country=long["iso3"].astype(str).map(countries.country_name),
    )


def _programmes_by_region(data: Dataset, f: Filters) -> pd.DataFrame:
    """Funded and pipeline programmes of each of the five regions, each counted as that region's own page counts
    them (the region as filter, the chosen years kept; subregions and countries narrow one region only, so they are
    left out), with the region the page is for marked: the ECE page's ESCAP bar is the ESCAP page's total."""
    rows = []
    for order, region in enumerate(regions.REGIONS):
        kept = filters.programmes(data, Filters(region=region, years=f.years))
        shown = f"{region} (selected)" if region == f.region else region
        rows += [
            (region, shown, status, int((kept["status"] == status).sum()), region == f.region, order)
            for status in ("Funded", "Pipeline")
        ]
    return pd.DataFrame(rows, columns=["region", "label", "status", "programmes", "selected", "order"])


def _by_status(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """Programmes per value of the field and status (only the pairs that have any), with each value's place: most
    programmes first, ties by name."""
    counts = rows.groupby([field, "status"], observed=True).size().rename("programmes").reset_index()
    counts = counts[counts["programmes"] > 0]
    totals = counts.groupby(field, observed=True)["programmes"].sum()
    rank = {name: n for n, name in enumerate(totals.sort_index().sort_values(ascending=False, kind="stable").index)}
    return (
        counts.assign(order=counts[field].map(rank).astype(int))
        .sort_values(["order", "status"], kind="stable")
        .reset_index(drop=True)
    )


@memo.per_version
def funding(data: Dataset, f: Filters) -> FundingView:
    """Contributions and joint programmes kept by the filters, with worldwide progress to the target."""
    contributions = filters.contributions(data, f)
    programmes = filters.programmes(data, f)
    long = _programme_rows(data, programmes, filters.country_scope(f))
    target = metrics.published(data, metrics.ALL, "capitalisation_target_usd")
    by_contributor = contributions.groupby("contributor", observed=True)["amount_usd"].sum()
    return FundingView(
        contributions=contributions,
        programmes=programmes,
        by_contributor=by_contributor.rename(index=countries.country_name)
        .sort_index()
        .sort_values(ascending=False, kind="stable")
        .div(1e6),
        by_year=contributions.groupby("year")["amount_usd"].sum().reset_index().astype({"year": int}),
        programmes_by_region=_programmes_by_region(data, f),
        programmes_by_country=_by_status(long, "country"),  # a programme counts in each of its countries
        programmes_by_area=_by_status(programmes, "thematic_area"),
        mobilised=float(data["contributions"]["amount_usd"].sum()),
        target=None if target is None else float(target["value"]),
    )


@dataclass(frozen=True)
class CountryProfile:
    """Everything recorded about one country or area."""

    iso3: str
    name: str
    regions: list[str]
    subregions: list[str]
    activities: pd.DataFrame
    practices: pd.DataFrame
    pledges: pd.DataFrame
    programmes: pd.DataFrame
    contributions: pd.DataFrame
    practice_objectives: pd.Series
    pledge_objectives: pd.Series

    @property
    def contributed_usd(self) -> float:
        """Total M-MPTF contributions of the country."""
        return float(self.contributions["amount_usd"].sum())

    def records_by_sheet(self) -> dict[str, pd.DataFrame]:
        """Every record of the country, one table per dataset as people read them, for downloads."""
        parts = {
            "activities": self.activities,
            "practices": self.practices,
            "pledges": self.pledges,
            "programmes": self.programmes,
            "contributions": self.contributions,
        }
        return {dataset(key).sheet: records_for_people(key, frame) for key, frame in parts.items()}

    def has(self, activity: str) -> bool:
        """Whether the country has a row of this activity (e.g. "Country Network")."""
        return bool((self.activities["activity"] == activity).any())


def _with_country(data: Dataset, table: str, long: str, iso3: str) -> pd.DataFrame:
    return having(data[table], data[long], "iso3", (iso3,))


@memo.per_version
def country_profile(data: Dataset, iso3: str) -> CountryProfile:
    """The profile of one country: its regions, activities, practices, pledges, programmes and contributions."""
    practices = _with_country(data, "practices", "practice_countries", iso3)
    pledges = _with_country(data, "pledges", "pledge_countries", iso3)
    in_regions = list(regions.regions_of(iso3))
    return CountryProfile(
        iso3=iso3,
        name=countries.country_name(iso3),
        regions=in_regions,
        subregions=[name for r in in_regions for name, members in regions.subregions(r).items() if iso3 in members],
        activities=data["activities"][data["activities"]["country"] == iso3],
        practices=practices,
        pledges=pledges,
        programmes=_with_country(data, "programmes", "programme_countries", iso3),
        contributions=data["contributions"][data["contributions"]["contributor"] == iso3],
        practice_objectives=metrics.objective_counts(data["practice_objectives"], practices),
        pledge_objectives=metrics.objective_counts(data["pledge_objectives"], pledges),
    )


@memo.per_version
def profile_countries(data: Dataset) -> list[str]:
    """ISO3 codes a profile can be opened for: every country in a region or named in any record, by name."""
    named = set(data["activities"]["country"].dropna()) | set(data["practice_countries"]["iso3"].dropna().unique())
    named |= set(data["pledge_countries"]["iso3"].dropna().unique()) | set(
        data["contributions"]["contributor"].dropna()
    )
    named |= {c for r in regions.REGIONS for c in regions.coverage(r)}
    return sorted(named, key=countries.country_name)


#: The datasets whose records pages show in a searchable table.
SEARCHABLE = ("practices", "pledges", "programmes", "activities", "contributions")


@memo.per_version
def _search_text(data: Dataset, key: str) -> pd.Series:
    return tables.search_text(records_for_people(key, data[key]))


def prepare_search(data: Dataset) -> None:
    """Build every searchable dataset's text now (a search then scans; building takes ~0.5 s per 100,000 records)."""
    for key in SEARCHABLE:
        _search_text(data, key)


def search(data: Dataset, key: str, records: pd.DataFrame, query: str) -> np.ndarray:
    """Which of the records (rows of the dataset's table) hold every word of the query in some column."""
    if len(records) and not records.index.isin(data[key].index).all():  # not rows of this data: read them here
        return tables.matching(records_for_people(key, records), query).to_numpy()
    # Every record's text is built once per data version, then each search only scans the rows asked about.
    return tables.text_matching(_search_text(data, key).take(records.index.to_numpy()), query)
