"""The five regions side by side: every headline figure, the shares' totals, the overlaps, practices per objective.

Region is the column here, not a filter: the sidebar's region, subregion and countries do not apply. The other
filters (objectives, implementer types, scopes, years) narrow the record-based figures exactly as
``model/filters.py`` narrows each page's records; a narrowed figure is not set against the published one, which
counts the whole region.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import combinations

import pandas as pd

from gcmdash.model import countries, memo, regions
from gcmdash.model import filters as kept
from gcmdash.model.dataset import Dataset, rows_of
from gcmdash.model.filters import Filters
from gcmdash.views import metrics

REGIONS = regions.REGIONS

_PRACTICE_FILTERS = ("objectives", "implementer_types", "scopes", "years")
#: Which shared filters narrow what each figure counts, as model/filters.py applies them to its records; the other
#: figures (country activities, the worldwide share mobilised) count the whole region whatever the filters.
NARROWED_BY: dict[str, tuple[str, ...]] = {
    "practices": _PRACTICE_FILTERS,
    "practices_share_pct": _PRACTICE_FILTERS,
    "pledges": ("objectives", "implementer_types", "years"),
    "joint_programmes_funded": ("years",),
    "joint_programmes_pipeline": ("years",),
    "contributors": ("years",),
    "contributions_usd": ("years",),
}
#: Figures that are one worldwide figure set beside every region (all contributors against the Fund's target).
WORLDWIDE = frozenset({"mobilised_pct"})


def on_page(f: Filters) -> Filters:
    """The filters as this page applies them: no region, subregion or countries (each region is a column)."""
    return replace(f, region=None, subregion=None, countries=())


def ignored(f: Filters) -> list[str]:
    """The sidebar's filters this page leaves aside (region, subregion, countries), as short phrases."""
    parts = []
    if f.subregion:
        parts.append(f"subregion {f.subregion}")
    if f.countries:
        parts.append(", ".join(countries.country_name(c) for c in f.countries))
    return parts


def narrows(f: Filters, metric: str) -> bool:
    """Whether the filters change what the figure counts (so the published whole-region value is not its peer)."""
    return any(getattr(f, name) for name in NARROWED_BY.get(metric, ()))


@dataclass(frozen=True)
class Entry:
    """One region's value of one headline figure, and whether its published figure can be set beside it."""

    region: str
    figure: metrics.Figure
    narrowed: bool  # the filters changed which records it counts: the published figure is for the whole region

    @property
    def comparable(self) -> bool:
        """True when a published figure exists and counts what the computed value counts."""
        return self.figure.published is not None and not self.narrowed

    @property
    def differs(self) -> bool | None:
        """Whether the records do not reproduce the published figure; None when there is nothing to compare."""
        return self.figure.differs if self.comparable else None


def _narrowed_values(data: Dataset, f: Filters, region: str | None) -> dict[str, float]:
    """The record-based figures of the region (worldwide for None) counted from the records the filters keep."""
    scoped = replace(f, region=region)
    programmes = kept.programmes(data, scoped)
    contributions = kept.contributions(data, scoped)
    return {
        "practices": float(len(kept.practices(data, scoped))),
        "pledges": float(len(kept.pledges(data, scoped))),
        "joint_programmes_funded": float((programmes["status"] == "Funded").sum()),
        "joint_programmes_pipeline": float((programmes["status"] == "Pipeline").sum()),
        "contributors": float(contributions["contributor"].nunique()),
        "contributions_usd": float(contributions["amount_usd"].sum()),
    }


def _notes(world: dict[str, float]) -> dict[str, str]:
    """The notes of the narrowed figures that name a worldwide total: the total the filters keep."""
    return {
        "practices_share_pct": f"of {world['practices']:,.0f} practices the filters keep",
        "joint_programmes_funded": f"of {world['joint_programmes_funded']:,.0f} worldwide the filters keep",
        "contributors": f"of {world['contributors']:,.0f} Member States worldwide the filters keep",
    }


def _entries(data: Dataset, f: Filters, region: str) -> tuple[Entry, ...]:
    """The region's headline figures: its own summary, record-based values recounted when the filters narrow them."""
    figures = metrics.summary(data, region)
    if not any(narrows(f, fig.metric) for fig in figures):
        return tuple(Entry(region, fig, False) for fig in figures)
    world = _narrowed_values(data, f, None)
    values = _narrowed_values(data, f, region)
    values["practices_share_pct"] = 100 * values["practices"] / world["practices"] if world["practices"] else 0.0
    notes = _notes(world)
    entries = []
    for fig in figures:
        narrowed = narrows(f, fig.metric)
        if narrowed:
            fig = replace(fig, value=values[fig.metric], note=notes.get(fig.metric, fig.note))
        entries.append(Entry(region, fig, narrowed))
    return tuple(entries)


@dataclass(frozen=True)
class Comparison:
    """Every headline figure of the five regions, in the brief's order, under the filters as this page applies them."""

    filters: Filters
    entries: dict[str, tuple[Entry, ...]]  # region -> its figures, in summary order
    practice_total: int  # all practices the filters keep, worldwide: every computed share is of this total

    @property
    def metrics(self) -> list[metrics.Figure]:
        """The figures' names, labels and units, in the brief's order (the first region's figures)."""
        return [e.figure for e in self.entries[REGIONS[0]]]

    def entry(self, region: str, metric: str) -> Entry:
        """The region's entry for one metric."""
        return next(e for e in self.entries[region] if e.figure.metric == metric)

    @property
    def narrowed(self) -> bool:
        """True when the filters change any figure (the published figures are then for the whole region only)."""
        return any(e.narrowed for entries in self.entries.values() for e in entries)


@memo.per_version
def compare(data: Dataset, f: Filters) -> Comparison:
    """Every region's headline figures, narrowed by the page's filters (region, subregion and countries ignored)."""
    shown = on_page(f)
    return Comparison(shown, {r: _entries(data, shown, r) for r in REGIONS}, len(kept.practices(data, shown)))


@dataclass(frozen=True)
class ShareBase:
    """A region's share of all practices, published and computed, with the total each share is of."""

    region: str
    published: float | None  # per cent, as the brief gave it
    as_of: dt.date | None
    published_practices: float | None  # the brief's count of the same date, if it gave one
    computed: float
    computed_total: int  # every region's computed share is of this one total

    @property
    def implied_total(self) -> float | None:
        """All practices the published share implies (its count ÷ its share): each brief's own base, by its date."""
        if not self.published or self.published_practices is None:
            return None
        return 100 * self.published_practices / self.published


def share_bases(comparison: Comparison) -> list[ShareBase]:
    """Each region's share of all practices with its base: the published ones differ by date, the computed one not."""
    bases = []
    for region in REGIONS:
        share = comparison.entry(region, "practices_share_pct").figure
        count = comparison.entry(region, "practices").figure
        # A count and a share give a total only when the brief published both on the same date.
        same_date = count.published is not None and count.as_of == share.as_of
        published_count = count.published if same_date else None
        bases.append(
            ShareBase(region, share.published, share.as_of, published_count, share.value, comparison.practice_total)
        )
    return bases


@dataclass(frozen=True)
class Overlap:
    """Two regions whose coverage shares countries or whose records count in both."""

    pair: tuple[str, str]
    countries: tuple[str, ...]  # ISO3 codes in both regions' coverage, in name order
    practices: int  # practices the filters keep that count in both regions
    pledges: int


@dataclass(frozen=True)
class Twice:
    """How records count across the regions: the column sum, the distinct records it is made of, and why they differ."""

    what: str  # "practices" or "pledges"
    column_sum: int  # the five regions' counts added up
    in_any: int  # distinct records in at least one region
    in_several: int  # records counted in two regions or more
    in_none: int  # records with no country in any region's coverage (global ones, or outside the five)


def _keys_by_region(data: Dataset, table: pd.DataFrame, long: str) -> dict[str, frozenset[int]]:
    """The records (by key) of the table that count in each region: a country of theirs is in its coverage."""
    rows = rows_of(data[long], table)
    return {r: frozenset(rows.loc[rows["iso3"].isin(regions.coverage(r)), "key"]) for r in REGIONS}


def _kept_records(data: Dataset, f: Filters) -> dict[str, tuple[pd.DataFrame, str]]:
    shown = on_page(f)
    return {
        "practices": (kept.practices(data, shown), "practice_countries"),
        "pledges": (kept.pledges(data, shown), "pledge_countries"),
    }


@memo.per_version
def overlaps(data: Dataset, f: Filters) -> list[Overlap]:
    """Every pair of regions sharing countries or records, in REGIONS order (records as the page's filters keep)."""
    keys = {what: _keys_by_region(data, table, long) for what, (table, long) in _kept_records(data, f).items()}
    found = []
    for a, b in combinations(REGIONS, 2):
        shared = tuple(sorted(regions.coverage(a) & regions.coverage(b), key=countries.country_name))
        both = {what: len(by_region[a] & by_region[b]) for what, by_region in keys.items()}
        if shared or any(both.values()):
            found.append(Overlap((a, b), shared, both["practices"], both["pledges"]))
    return found


@memo.per_version
def counted_twice(data: Dataset, f: Filters) -> list[Twice]:
    """For practices and pledges: how far the five columns' sum exceeds the distinct records, and why."""
    result = []
    for what, (table, long) in _kept_records(data, f).items():
        by_region = _keys_by_region(data, table, long)
        times = pd.Series([k for keys in by_region.values() for k in keys], dtype="int64").value_counts()
        result.append(
            Twice(
                what,
                column_sum=int(times.sum()),
                in_any=len(times),
                in_several=int((times > 1).sum()),
                in_none=len(table) - len(times),
            )
        )
    return result


@memo.per_version
def objective_matrix(data: Dataset, f: Filters) -> pd.DataFrame:
    """Practices per GCM objective (rows 1–23) per region (columns): a practice counts under each of its objectives."""
    shown = on_page(f)
    return pd.DataFrame(
        {
            r: metrics.objective_counts(data["practice_objectives"], kept.practices(data, replace(shown, region=r)))
            for r in REGIONS
        }
    ).rename_axis(index="objective", columns="region")
