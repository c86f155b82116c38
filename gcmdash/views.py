"""What each page shows, computed from the Dataset, the shared filters and the bars clicked (pure)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gcmdash import countries, exports, filters, metrics, regions
from gcmdash.dataset import Dataset
from gcmdash.filters import Filters
from gcmdash.schema import dataset


def _ids_with(long: pd.DataFrame, id_field: str, column: str, values) -> pd.Index | None:
    """Ids having any of the values; None when nothing is clicked (no restriction)."""
    return filters.ids_with(long, id_field, column, values) if values else None


def _keep(table: pd.DataFrame, id_field: str, *allowed: pd.Index | None) -> pd.DataFrame:
    for ids in allowed:
        if ids is not None:
            table = table[table[id_field].isin(ids)]
    return table


def long_counts(long: pd.DataFrame, ids: pd.Series, id_field: str, column: str) -> pd.Series:
    """Records per value of a multi-valued field among ids (a record counts once under each of its values)."""
    return metrics.ranking(long.loc[long[id_field].isin(ids), column])


def country_counts(long: pd.DataFrame, ids: pd.Series, id_field: str, scope: frozenset[str] | None) -> pd.Series:
    """Records per country (by UN name) among ids, limited to the countries in scope."""
    rows = long[long[id_field].isin(ids)]
    if scope is not None:
        rows = rows[rows["iso3"].isin(scope)]
    return metrics.ranking(rows["iso3"].astype(str).map(countries.country_name))


@dataclass(frozen=True)
class PracticesView:
    """Everything the Practices page draws."""

    records: pd.DataFrame
    by_objective: pd.Series
    by_implementer: pd.Series
    by_country: pd.Series
    by_scope: pd.Series
    top_objectives: list[int]
    multi_objective: int


def practices(data: Dataset, f: Filters, objectives: list[int] = (), implementers: list[str] = ()) -> PracticesView:
    """Practices kept by the filters and by the bars clicked; each chart ignores its own click, so it stays whole."""
    kept = filters.practices(data, f)
    by_obj = _ids_with(data["practice_objectives"], "practice_id", "objective", objectives)
    by_impl = _ids_with(data["practice_implementers"], "practice_id", "implementer_type", implementers)
    records = _keep(kept, "practice_id", by_obj, by_impl)
    objective_counts = metrics.objective_counts(
        data["practice_objectives"], _keep(kept, "practice_id", by_impl)["practice_id"], "practice_id")
    ids = records["practice_id"]
    per_practice = data["practice_objectives"][data["practice_objectives"]["practice_id"].isin(ids)]
    return PracticesView(
        records=records,
        by_objective=objective_counts,
        by_implementer=long_counts(data["practice_implementers"], _keep(kept, "practice_id", by_obj)["practice_id"],
                                   "practice_id", "implementer_type"),
        by_country=country_counts(data["practice_countries"], ids, "practice_id", filters.country_scope(f)),
        by_scope=metrics.ranking(records["scope"]),
        top_objectives=metrics.top_objectives(objective_counts),
        multi_objective=int((per_practice.groupby("practice_id").size() > 1).sum()),
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
    top_objectives: list[int]


def pledges(data: Dataset, f: Filters, objectives: list[int] = ()) -> PledgesView:
    """Pledges kept by the filters and by the objective bars clicked."""
    kept = filters.pledges(data, f)
    records = _keep(kept, "pledge_id", _ids_with(data["pledge_objectives"], "pledge_id", "objective", objectives))
    counts = metrics.objective_counts(data["pledge_objectives"], kept["pledge_id"], "pledge_id")
    ids = records["pledge_id"]
    by_year = records.groupby(["year", "kind"], observed=True).size().rename("pledges").reset_index()
    return PledgesView(
        records=records,
        by_objective=counts,
        by_entity_type=metrics.ranking(records["entity_type"]),
        by_kind=metrics.ranking(records["kind"]),
        by_form=long_counts(data["pledge_forms"], ids, "pledge_id", "form"),
        by_country=country_counts(data["pledge_countries"], ids, "pledge_id", filters.country_scope(f)),
        by_year=by_year.astype({"year": int}),
        top_objectives=metrics.top_objectives(counts),
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
    long = data["programme_countries"].merge(programmes[["programme_id", "status", "thematic_area"]], on="programme_id")
    if scope is not None:
        long = long[long["iso3"].isin(scope)]
    return long.assign(country=long["iso3"].astype(str).map(countries.country_name))


def funding(data: Dataset, f: Filters) -> FundingView:
    """Contributions and joint programmes kept by the filters, with worldwide progress to the target."""
    contributions = filters.contributions(data, f)
    programmes = filters.programmes(data, f)
    long = _programme_rows(data, programmes, filters.country_scope(f))
    by_region = pd.DataFrame([
        (region, status, long.loc[long["iso3"].isin(regions.coverage(region)) & (long["status"] == status),
                                  "programme_id"].nunique())
        for region in regions.REGIONS for status in ("Funded", "Pipeline")
    ], columns=["region", "status", "programmes"])
    target = metrics.published(data, metrics.ALL, "capitalization_target_usd")
    named = contributions.assign(contributor=contributions["contributor"].astype(str).map(countries.country_name))
    return FundingView(
        contributions=contributions,
        programmes=programmes,
        by_contributor=named.groupby("contributor")["amount_usd"].sum().sort_values(ascending=False).div(1e6),
        by_year=named.groupby("year")["amount_usd"].sum().reset_index().astype({"year": int}),
        programmes_by_region=by_region[by_region["programmes"] > 0],
        programmes_by_country=long.groupby(["country", "status"]).size().rename("programmes").reset_index(),
        programmes_by_area=programmes.groupby(["thematic_area", "status"], observed=True).size()
        .rename("programmes").reset_index(),
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
        parts = {"activities": self.activities, "practices": self.practices, "pledges": self.pledges,
                 "programmes": self.programmes, "contributions": self.contributions}
        return {dataset(key).sheet: exports.records_for_people(key, frame) for key, frame in parts.items()}

    def has(self, activity: str) -> bool:
        """Whether the country has a row of this activity (e.g. "Country Network")."""
        return bool((self.activities["activity"] == activity).any())


def _with_country(long: pd.DataFrame, id_field: str, iso3: str) -> pd.Index:
    return pd.Index(long.loc[long["iso3"] == iso3, id_field].unique())


def country_profile(data: Dataset, iso3: str) -> CountryProfile:
    """The profile of one country: its regions, activities, practices, pledges, programmes and contributions."""
    practice_ids = _with_country(data["practice_countries"], "practice_id", iso3)
    pledge_ids = _with_country(data["pledge_countries"], "pledge_id", iso3)
    programme_ids = _with_country(data["programme_countries"], "programme_id", iso3)
    in_regions = list(regions.regions_of(iso3))
    return CountryProfile(
        iso3=iso3,
        name=countries.country_name(iso3),
        regions=in_regions,
        subregions=[name for r in in_regions for name, members in regions.subregions(r).items() if iso3 in members],
        activities=data["activities"][data["activities"]["country"] == iso3],
        practices=data["practices"][data["practices"]["practice_id"].isin(practice_ids)],
        pledges=data["pledges"][data["pledges"]["pledge_id"].isin(pledge_ids)],
        programmes=data["programmes"][data["programmes"]["programme_id"].isin(programme_ids)],
        contributions=data["contributions"][data["contributions"]["contributor"] == iso3],
        practice_objectives=metrics.objective_counts(data["practice_objectives"], practice_ids, "practice_id"),
        pledge_objectives=metrics.objective_counts(data["pledge_objectives"], pledge_ids, "pledge_id"),
    )


def profile_countries(data: Dataset) -> list[str]:
    """ISO3 codes a profile can be opened for: every country in a region or named in any record, by name."""
    named = set(data["activities"]["country"].dropna()) | set(data["practice_countries"]["iso3"].astype(str))
    named |= set(data["pledge_countries"]["iso3"].astype(str)) | set(data["contributions"]["contributor"].dropna())
    named |= {c for r in regions.REGIONS for c in regions.coverage(r)}
    return sorted(named, key=countries.country_name)
