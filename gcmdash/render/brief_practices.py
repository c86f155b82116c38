"""The brief's sections on practices and pledges: by GCM objective, by implementer and scope, the most recent
practices, and what the published brief said of them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gcmdash import formatting
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.render import charts
from gcmdash.render.brief_charts import Chart, chart_svg
from gcmdash.render.brief_lists import ILLUSTRATIVE
from gcmdash.render.brief_text import counted_under_each, country_name, join_words, objective_names, ranked
from gcmdash.views import metrics
from gcmdash.views import pages as views
from gcmdash.views.metrics import Figure

_RECENT_PRACTICES = 5


@dataclass(frozen=True)
class Quote:
    """What the published brief said of a figure, on which day, and where it said it."""

    day: str
    note: str
    href: str | None


@dataclass(frozen=True)
class Practices:
    """The region's practices by GCM objective: how many, their share, the most frequent objectives, the chart."""

    count: str
    share: str
    several: str
    objectives: str | None
    highlight: str
    said: Quote | None
    chart: Chart | None


@dataclass(frozen=True)
class RecentPractice:
    """One of the region's most recent practices: its title (and link), Illustrative if so, and where and when."""

    title: str
    href: str | None
    provenance: str | None
    meta: str


@dataclass(frozen=True)
class Implementers:
    """Who implements the region's practices and at what scope, with charts and the most recent practices."""

    total: int
    lead: str
    first: str
    n: int
    others: str | None
    ranked: str
    charts: list[Chart]
    recent: list[RecentPractice]


@dataclass(frozen=True)
class Pledges:
    """The region's pledges by GCM objective: how many, the most frequent objectives, the chart."""

    count: str
    total: int
    objectives: str
    highlight: str
    several: str
    said: Quote | None
    chart: Chart | None


def _brief_said(data: Dataset, region: str, metric: str) -> Quote | None:
    row = metrics.published(data, region, metric)
    if row is None or pd.isna(row["note"]):
        return None
    return Quote(formatting.day(row["as_of"]), str(row["note"]), formatting.web_address(row["source"]))


def practices(data: Dataset, region: str, figures: dict[str, Figure]) -> Practices:
    """The practices section's content."""
    view = views.practices(data, Filters(region=region))
    total = len(view.records)
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    chart = (
        chart_svg(charts.objective_bars(frame, "Practices"), "practices-objectives", "Practices per GCM objective")
        if total
        else None
    )
    return Practices(
        count=formatting.counted(total, "{n} practice", "{n} practices"),
        share=f"{figures['practices_share_pct'].value:.0f}",
        several=counted_under_each(view.multi_objective, total, "practices"),
        objectives=objective_names(view.top_objectives) if view.top_objectives else None,
        highlight=formatting.highlight_note(view.top, "practices"),
        said=_brief_said(data, region, "practices"),
        chart=chart,
    )


def _objective_order(objective: object) -> tuple[int, int, str]:
    """Objectives 1–23 in number order, then any other tag ("General")."""
    return (0, objective, "") if isinstance(objective, int) else (1, 0, str(objective))


def _recent_practices(records: pd.DataFrame) -> list[RecentPractice]:
    """The region's most recent practices: title (linked to the practice), countries, scope, years, objectives."""
    recent = records.sort_values(["start_year", "title"], ascending=[False, True], na_position="last")
    items = []
    for row in recent.head(_RECENT_PRACTICES).itertuples():
        years = "–".join(str(int(y)) for y in (row.start_year, row.end_year) if not pd.isna(y))
        where = ", ".join(country_name(c) for c in row.countries)
        objectives = ", ".join(str(o) for o in sorted(row.objectives, key=_objective_order))
        meta = f"{where} · {row.scope} · {years or 'years not given'} · objectives {objectives}"
        illustrative = ILLUSTRATIVE if row.provenance == ILLUSTRATIVE else None
        items.append(RecentPractice(str(row.title), formatting.web_address(row.link), illustrative, meta))
    return items


def implementers(data: Dataset, region: str) -> Implementers | None:
    """The implementers and scope section's content; None when the region has no practices."""
    view = views.practices(data, Filters(region=region))
    total = len(view.records)
    if not total:
        return None
    scope = view.by_scope
    first, n = str(scope.index[0]), int(scope.iloc[0])
    others = join_words([f"{int(v)} {str(k).lower()}" for k, v in scope.iloc[1:].items()]) if len(scope) > 1 else None
    drawn = [
        chart_svg(
            charts.category_bars(
                view.by_implementer,
                "implementer_type",
                "Practices",
                "Implementer type",
                note="A practice with several implementers counts under each.",
            ),
            "practices-implementers",
            "Practices by implementer type",
        ),
        chart_svg(
            charts.category_bars(view.by_scope, "scope", "Practices", "Scope"), "practices-scope", "Practices by scope"
        ),
    ]
    return Implementers(
        total=total,
        lead="Most" if n > total / 2 else "The largest group of",
        first=first.lower(),
        n=n,
        others=others,
        ranked=ranked(view.by_implementer, "practices"),
        charts=drawn,
        recent=_recent_practices(view.records),
    )


def pledges(data: Dataset, region: str) -> Pledges:
    """The pledges section's content (only the count when the region has no pledges)."""
    view = views.pledges(data, Filters(region=region))
    total = len(view.records)
    count = formatting.counted(total, "{n} pledge", "{n} pledges")
    if not total:
        return Pledges(count, total, "", "", "", None, None)
    several = views.several_objectives(data["pledge_objectives"], view.records)
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    return Pledges(
        count=count,
        total=total,
        objectives=objective_names(view.top_objectives),
        highlight=formatting.highlight_note(view.top, "pledges"),
        several=counted_under_each(several, total, "pledges"),
        said=_brief_said(data, region, "pledges"),
        chart=chart_svg(charts.objective_bars(frame, "Pledges"), "pledges-objectives", "Pledges per GCM objective"),
    )
