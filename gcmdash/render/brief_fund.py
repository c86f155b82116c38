"""The brief's section on the Migration Multi-Partner Trust Fund: the capitalisation target, contributions, joint
programmes and the region's members of the Steering Committee."""

from __future__ import annotations

from dataclasses import dataclass

from gcmdash import formatting
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.render import charts, fund_charts
from gcmdash.render.brief_charts import Chart, chart_svg
from gcmdash.render.brief_lists import ILLUSTRATIVE, INFERRED, CountryList, country_list, names_of
from gcmdash.render.brief_text import country_name
from gcmdash.views import metrics
from gcmdash.views import pages as views
from gcmdash.views.metrics import Figure


@dataclass(frozen=True)
class Target:
    """The Fund's capitalisation target and what all contributors have mobilised towards it."""

    target: str
    mobilised: str
    share: str
    chart: Chart


@dataclass(frozen=True)
class Programme:
    """A joint programme's row: title, provenance when not published, countries, status and thematic area."""

    title: str
    provenance: str | None
    countries: str
    status: str
    area: str


@dataclass(frozen=True)
class Fund:
    """The region's part in the M-MPTF: contributors, joint programmes and Steering Committee members."""

    target: Target | None
    contributors: str
    contributed: str
    by_contributor: Chart | None
    funded: str
    funded_note: str
    pipeline: int
    by_region: Chart
    by_area: Chart | None
    programmes: list[Programme]
    committee: str
    members: str
    committee_list: CountryList | None


def _target(view: views.FundingView) -> Target | None:
    if not view.target:
        return None
    chart = chart_svg(
        fund_charts.progress_bar(view.mobilised, view.target),
        "fund-progress",
        "Progress towards the M-MPTF capitalisation target",
    )
    share = f"{100 * view.mobilised / view.target:.1f}"
    return Target(formatting.money(view.target), formatting.money(view.mobilised), share, chart)


def _programmes(view: views.FundingView) -> list[Programme]:
    return [
        Programme(
            title=str(p.title),
            provenance=str(p.provenance) if p.provenance in (ILLUSTRATIVE, INFERRED) else None,
            countries=", ".join(country_name(c) for c in p.countries),
            status=str(p.status),
            area=str(p.thematic_area),
        )
        for p in view.programmes.sort_values(["status", "programme_id"]).itertuples()
    ]


def fund(data: Dataset, region: str, figures: dict[str, Figure]) -> Fund:
    """The M-MPTF section's content."""
    view = views.funding(data, Filters(region=region))
    contributors, funded = figures["contributors"], figures["joint_programmes_funded"]
    committee = figures["steering_committee_members"]
    members = metrics.activities_in(data, region, "Steering Committee member")
    # Charts are drawn in the order they appear: vl-convert numbers their clip paths as it goes.
    target = _target(view)
    by_contributor = (
        None
        if view.by_contributor.empty
        else chart_svg(
            charts.category_bars(view.by_contributor, "contributor", "Contributions", "Contributor", money=True),
            "fund-contributors",
            "Contributions to the M-MPTF by contributor",
        )
    )
    by_region = chart_svg(
        fund_charts.region_bars(view.programmes_by_region), "fund-regions", "Joint programmes by region"
    )
    by_area = (
        None
        if view.programmes_by_area.empty
        else chart_svg(
            fund_charts.status_bars(view.programmes_by_area, "thematic_area", "Thematic area"),
            "fund-areas",
            "Joint programmes by thematic area",
        )
    )
    return Fund(
        target=target,
        contributors=formatting.counted(int(contributors.value), "{n} Member State", "{n} Member States"),
        contributed=formatting.money(figures["contributions_usd"].value),
        by_contributor=by_contributor,
        funded=formatting.counted(int(funded.value), "{n} joint programme", "{n} joint programmes"),
        funded_note=funded.note or "",
        pipeline=int(figures["joint_programmes_pipeline"].value),
        by_region=by_region,
        by_area=by_area,
        programmes=_programmes(view) if by_area is not None else [],
        committee=formatting.counted(int(committee.value), "{n} member", "{n} members"),
        members=names_of(members) or "none in the records",
        committee_list=country_list(members, committee, names=False),
    )
