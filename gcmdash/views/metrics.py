"""Headline figures of a region, computed from the records and set beside the published brief figures (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gcmdash import formatting
from gcmdash.model import memo, regions
from gcmdash.model.dataset import Dataset, having, rows_of
from gcmdash.model.vocabularies import WORLD

ALL = None  # region=None means every record, worldwide
#: "Close to" in a brief is read as within this share of the stated value.
CLOSE_TO = 0.05


@dataclass(frozen=True)
class Figure:
    """One headline figure: computed value, the published one if any, and where that comes from."""

    metric: str
    label: str
    value: float
    unit: str = ""
    published: float | None = None
    as_of: dt.date | None = None
    source: str | None = None
    note: str | None = None
    qualifier: str | None = None
    description: str = ""

    @property
    def differs(self) -> bool:
        """True when a published figure exists and the records do not reproduce it, read as the brief words it."""
        if self.published is None:
            return False
        if self.qualifier == "Over":
            return not self.value > self.published
        if self.qualifier == "Close to":
            return abs(self.value - self.published) > CLOSE_TO * abs(self.published)
        return round(self.published, 1) != round(self.value, 1)

    @property
    def without_records(self) -> bool:
        """True when nothing in the data speaks to this figure: zero records and no published value."""
        return self.value == 0 and self.published is None


def _coverage(region: str | None) -> frozenset[str] | None:
    return None if region is ALL else regions.coverage(region)


def _in_region(data: Dataset, table: str, long: str, region: str | None) -> pd.DataFrame:
    """Records of the table with at least one country in the region (every record for ALL)."""
    coverage = _coverage(region)
    return data[table] if coverage is None else having(data[table], data[long], "iso3", coverage)


def _count_in_region(data: Dataset, table: str, long: str, region: str | None) -> int:
    """How many records of the table have at least one country in the region (every record for ALL)."""
    coverage = _coverage(region)
    if coverage is None:
        return len(data[table])
    rows = data[long]
    return int(rows.loc[rows["iso3"].isin(coverage), "key"].nunique())


def practices_in(data: Dataset, region: str | None) -> pd.DataFrame:
    """Practices implemented in the region (every practice for ALL, global ones included)."""
    return _in_region(data, "practices", "practice_countries", region)


def pledges_in(data: Dataset, region: str | None) -> pd.DataFrame:
    """Pledges concerning a country of the region (every pledge for ALL)."""
    return _in_region(data, "pledges", "pledge_countries", region)


def activities_in(data: Dataset, region: str | None, activity: str) -> pd.DataFrame:
    """Country activity rows of one kind in the region."""
    table = data["activities"]
    table = table[table["activity"] == activity]
    coverage = _coverage(region)
    return table if coverage is None else table[table["country"].isin(coverage)]


def programmes_in(data: Dataset, region: str | None, status: str) -> pd.DataFrame:
    """Joint programmes with this status covering a country of the region."""
    table = _in_region(data, "programmes", "programme_countries", region)
    return table[table["status"] == status]


def contributions_in(data: Dataset, region: str | None) -> pd.DataFrame:
    """M-MPTF contributions from Member States of the region."""
    coverage = _coverage(region)
    table = data["contributions"]
    return table if coverage is None else table[table["contributor"].isin(coverage)]


def objective_counts(long: pd.DataFrame, records: pd.DataFrame) -> pd.Series:
    """Records per objective 1–23 (zeros included) among the records; a record counts under each of its objectives."""
    counts = rows_of(long, records)["objective"].value_counts()
    # Counted per distinct value first, then named: "General" (not a numbered objective) is left out here.
    numbered = {int(o): int(n) for o, n in counts.items() if isinstance(o, (int, np.integer))}
    return pd.Series(numbered, dtype=int).reindex(range(1, 24), fill_value=0).rename("records").rename_axis("objective")


def ranking(values: pd.Series) -> pd.Series:
    """Counts of each value, most frequent first, ties in name order."""
    counts = values.value_counts()
    counts = counts[counts > 0]  # a categorical counts its absent categories as zeros
    counts.index = counts.index.astype(str)
    counts = counts.groupby(level=0, sort=False).sum().astype(int)  # values equal once written out count together
    return counts.sort_index().sort_values(ascending=False, kind="stable").rename("count")


@memo.per_version
def _latest_figures(data: Dataset) -> dict[tuple[str, str], pd.Series]:
    """The most recent published figure per (region, metric): looked up a dozen times per page, built once."""
    table = data["figures"].sort_values("as_of", kind="stable")
    return {(str(row["region"]), str(row["metric"])): row for _, row in table.iterrows()}


def published(data: Dataset, region: str | None, metric: str) -> pd.Series | None:
    """The most recent published brief figure for the region (World for ALL) and metric, if any."""
    return _latest_figures(data).get((WORLD if region is ALL else region, metric))


def top_with_ties(counts: pd.Series, n: int) -> pd.Series:
    """The n largest positive counts and every other value tied with the n-th: by count, largest first, then by key.

    One rule for every "most frequent" the app, the slides and the brief show: a cut never splits equal counts, so
    "the top 3" may hold 4 or 8 values, and which of the tied values make it is never arbitrary.
    """
    ordered = counts[counts > 0].sort_index().sort_values(ascending=False, kind="stable").astype(int)
    if n <= 0 or ordered.empty:
        return ordered.iloc[:0]
    cut = ordered.iloc[min(n, len(ordered)) - 1]
    return ordered[ordered >= cut]


@dataclass(frozen=True)
class Top:
    """The most frequent values of a count (ties at the cut included) and what a caption needs to say about them."""

    counts: pd.Series  # the chosen values' counts, largest first, ties by key
    asked: int  # how many were asked for ("the top 6")
    having: int  # how many values have a count above zero

    @property
    def least(self) -> int:
        """The smallest count among the chosen values (the cut); 0 when none is chosen."""
        return int(self.counts.min()) if len(self.counts) else 0

    @property
    def tied_at_cut(self) -> int:
        """How many chosen values share the cut's count."""
        return int((self.counts == self.least).sum()) if len(self.counts) else 0


def top(counts: pd.Series, n: int) -> Top:
    """The n most frequent values by ``top_with_ties``, with what a caption says about them."""
    return Top(top_with_ties(counts, n), n, int((counts > 0).sum()))


#: How many objectives the pages, slides and brief highlight as the most frequent (ties at the cut added).
TOP_OBJECTIVES = 6


def top_objectives(counts: pd.Series, n: int = TOP_OBJECTIVES) -> list[int]:
    """The n most frequent objectives and every objective tied with the n-th, in number order."""
    return sorted(int(o) for o in top_with_ties(counts, n).index)


@memo.per_version
def summary(data: Dataset, region: str | None) -> list[Figure]:
    """The region's headline figures, in the order the Regional Information Brief gives them."""
    practices = _count_in_region(data, "practices", "practice_countries", region)
    all_practices = len(data["practices"])
    pledges = _count_in_region(data, "pledges", "pledge_countries", region)
    funded_world = data["programmes"][data["programmes"]["status"] == "Funded"]
    contributions = contributions_in(data, region)
    all_contributions = data["contributions"]
    target = published(data, ALL, "capitalisation_target_usd")
    total = float(all_contributions["amount_usd"].sum())
    values = [
        (
            "practices",
            "Practices",
            practices,
            "",
            None,
            "Practices from the Repository of Practices implemented in at least one country of the region.",
        ),
        (
            "practices_share_pct",
            "Share of all practices",
            100 * practices / all_practices if all_practices else 0.0,
            "%",
            f"of {all_practices} practices in the records",
            "The region's practices as a share of all practices.",
        ),
        ("pledges", "Pledges", pledges, "", None, "Pledges concerning at least one country of the region."),
        (
            "country_networks",
            "Country Networks",
            activities_in(data, region, "Country Network")["country"].nunique(),
            "",
            None,
            "Countries with a Country UN Network on Migration.",
        ),
        (
            "champion_countries",
            "Champion countries",
            activities_in(data, region, "Champion country")["country"].nunique(),
            "",
            None,
            "GCM champion countries in the region.",
        ),
        (
            "voluntary_reports",
            "Voluntary GCM reports",
            len(activities_in(data, region, "Voluntary GCM report")),
            "",
            None,
            "Voluntary GCM reviews submitted ahead of the International Migration Review Forum.",
        ),
        (
            "unct_workshops",
            "UNCT workshops",
            activities_in(data, region, "UNCT workshop")["country"].nunique(),
            "",
            None,
            "UN Country Teams that held a UN Network on Migration workshop.",
        ),
        (
            "joint_programmes_funded",
            "Joint programmes funded",
            len(programmes_in(data, region, "Funded")),
            "",
            f"of {len(funded_world)} worldwide",
            "M-MPTF joint programmes funded in the region.",
        ),
        (
            "joint_programmes_pipeline",
            "Joint programmes in pipeline",
            len(programmes_in(data, region, "Pipeline")),
            "",
            None,
            "M-MPTF joint programmes in the pipeline, awaiting funds.",
        ),
        (
            "contributors",
            "M-MPTF contributors",
            contributions["contributor"].nunique(),
            "",
            f"of {all_contributions['contributor'].nunique()} Member States worldwide",
            "Member States of the region that contributed to the M-MPTF.",
        ),
        (
            "contributions_usd",
            "M-MPTF contributions",
            float(contributions["amount_usd"].sum()),
            "USD",
            None,
            "Total contributions to the M-MPTF from Member States of the region.",
        ),
        (
            "mobilised_pct",
            "Target mobilised",
            100 * total / float(target["value"]) if target is not None else 0.0,
            "%",
            f"{formatting.money(total)} of {formatting.money(float(target['value']))}, all contributors"
            if target is not None
            else "no capitalisation target in the brief figures",
            "Share of the M-MPTF capitalisation target mobilised by all contributors.",
        ),
        (
            "steering_committee_members",
            "Steering Committee members",
            activities_in(data, region, "Steering Committee member")["country"].nunique(),
            "",
            None,
            "Members of the M-MPTF Steering Committee from the region.",
        ),
    ]
    figures = []
    for metric, label, value, unit, note, description in values:
        row = published(data, region, metric)
        if row is None and metric == "mobilised_pct":
            row = published(data, ALL, metric)
        figures.append(
            Figure(metric, label, float(value), unit, note=note, description=description, **_published_parts(row))
        )
    return figures


def _published_parts(row: pd.Series | None) -> dict[str, object]:
    """A Figure's published value, date, source and qualifier from a Brief figures row (all None without one)."""
    if row is None:
        return {"published": None, "as_of": None, "source": None, "qualifier": None}
    return {
        "published": float(row["value"]),
        "as_of": row["as_of"],
        "source": str(row["source"]),
        "qualifier": None if pd.isna(row["qualifier"]) else str(row["qualifier"]),
    }


def figure_values(figures: list[Figure]) -> dict[str, float]:
    """Computed values by metric, whole numbers as int (for JSON and tests)."""
    return {f.metric: _json_number(f.value) for f in figures}


def _json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


#: Figures the brief sets rather than counts: the records give no value for them.
SET_NOT_COMPUTED = frozenset({"capitalisation_target_usd"})


def figure_record(figure: Figure) -> dict[str, object]:
    """One figure for JSON: the computed value (None where records cannot give it) beside the published one."""
    computed = figure.metric not in SET_NOT_COMPUTED
    return {
        "label": figure.label,
        "value": _json_number(figure.value) if computed else None,
        "unit": figure.unit,
        "published": _json_number(figure.published),
        "qualifier": figure.qualifier,
        "as_of": figure.as_of.isoformat() if figure.as_of is not None else None,
        "source": figure.source,
        "differs": figure.differs if computed else None,
    }


#: The worldwide figures the brief sets beside a region's: metric, label, unit; the records compute all but the target.
WORLDWIDE = (
    ("joint_programmes_funded", "Joint programmes funded worldwide", ""),
    ("capitalisation_target_usd", "M-MPTF capitalisation target", "USD"),
    ("contributors", "Member States contributing worldwide", ""),
)


def worldwide(data: Dataset) -> list[Figure]:
    """The brief's worldwide context: computed from every record (the target excepted) beside the World figure."""
    computed = {f.metric: f.value for f in summary(data, ALL)}
    return [
        Figure(metric, label, computed.get(metric, 0.0), unit, **_published_parts(published(data, ALL, metric)))
        for metric, label, unit in WORLDWIDE
    ]


def figures_table(figures: list[Figure]) -> pd.DataFrame:
    """The headline figures as a table: computed and published values side by side, with date and source."""
    return pd.DataFrame(
        [
            {
                "Figure": f.label,
                "Computed from the records": f.value,
                "Unit": f.unit,
                "Published": f.published,
                "Published as": f.qualifier or ("Exactly" if f.published is not None else None),
                "As of": f.as_of,
                "Differs": f.differs,
                "Source": f.source,
                "Note": f.note,
            }
            for f in figures
        ]
    )
