"""The map's facts: a row per country in the filters' scope (markers, counts, link), and as people read them."""

from __future__ import annotations

import pandas as pd

from gcmdash.model import countries, filters, memo, regions
from gcmdash.model.dataset import Dataset, rows_of
from gcmdash.model.filters import Filters

FACT_COLUMNS = ("name", "regions", "network", "tor", "workshops", "champion", "reports", "practices", "pledges")


def display_name(iso3: str) -> str:
    """A country's name as the map writes it (and sorts by), or its code when the code is not a known country."""
    return countries.country_name(iso3) if countries.is_known(iso3) else iso3


def _per_country(long: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """Records per country; a record listing several countries counts once in each."""
    rows = rows_of(long, records).drop_duplicates(["key", "iso3"])
    counts = rows["iso3"].value_counts()
    counts = counts[counts > 0]
    counts.index = counts.index.astype(str)
    return counts


def _web_link(value: object) -> str | None:
    # The schema checks links already; this keeps anything but http(s) out of a clickable cell regardless.
    text = str(value).strip() if isinstance(value, str) else ""
    return text if text.lower().startswith(("https://", "http://")) else None


@memo.per_version
def country_facts(data: Dataset, f: Filters) -> pd.DataFrame:
    """One row per country in the filters' scope (every country with a record when unrestricted), indexed by ISO3."""
    acts = filters.activities(data, f)
    acts = acts.assign(country=acts["country"].astype(str))
    practices = _per_country(data["practice_countries"], filters.practices(data, f))
    pledges = _per_country(data["pledge_countries"], filters.pledges(data, f))
    scope = filters.country_scope(f)
    codes = scope if scope is not None else set(acts["country"]) | set(practices.index) | set(pledges.index)

    def of(activity: str) -> pd.DataFrame:
        return acts[acts["activity"] == activity]

    networks = of("Country Network")
    links = networks.assign(link=networks["terms_of_reference"].map(_web_link)).dropna(subset=["link"])
    tor = links.groupby("country")["link"].first()
    index = pd.Index(sorted(codes, key=display_name), name="iso3", dtype=object)
    frame = pd.DataFrame(index=index)
    frame["name"] = [display_name(c) for c in index]
    frame["regions"] = [", ".join(regions.regions_of(c)) for c in index]
    frame["network"] = index.isin(networks["country"])
    frame["tor"] = pd.Series(tor, dtype=object).reindex(index)
    frame["workshops"] = of("UNCT workshop")["country"].value_counts().reindex(index, fill_value=0).astype(int)
    frame["champion"] = index.isin(of("Champion country")["country"])
    frame["reports"] = of("Voluntary GCM report")["country"].value_counts().reindex(index, fill_value=0).astype(int)
    frame["practices"] = practices.reindex(index, fill_value=0).astype(int)
    frame["pledges"] = pledges.reindex(index, fill_value=0).astype(int)
    return frame[list(FACT_COLUMNS)]


def table(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts as people read them: country names, not codes, and plain column titles."""
    return facts.reset_index(drop=True).rename(
        columns={
            "name": "Country",
            "regions": "Regions",
            "network": "Country UN Network",
            "tor": "Terms of Reference",
            "workshops": "UNCT workshops",
            "champion": "Champion country",
            "reports": "Voluntary GCM reports",
            "practices": "Practices",
            "pledges": "Pledges",
        }
    )
