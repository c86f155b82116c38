"""The bundled workbook data/gcm-data.xlsx: valid, reproducible, honest, and reproducing the UNECE brief."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from gcmdash.ingest import loading
from gcmdash.model.dataset import having, rows_of
from gcmdash.model.dataset_specs import DATASETS
from gcmdash.model.filters import Filters
from gcmdash.model.regions import REGIONS
from gcmdash.settings import PROJECT_ROOT
from gcmdash.views import metrics
from gcmdash.views import pages as views

GENERATOR = PROJECT_ROOT / "scripts" / "generate_data.py"
WORKBOOK = PROJECT_ROOT / "data" / "gcm-data.xlsx"
ILLUSTRATIVE = "gcmdash illustrative generator (scripts/generate_data.py)"
#: The only links an illustrative record may carry: general pages, never a made-up document page.
GENERAL_PAGES = {"https://migrationnetwork.un.org/", "https://migrationnetwork.un.org/practices"}

#: The seed brief (Regional Information Brief, UNECE region, updated March 2024).
ECE_BRIEF = {
    "practices": 70,
    "practices_share_pct": 28.0,
    "pledges": 93,
    "country_networks": 15,
    "champion_countries": 5,
    "voluntary_reports": 24,
    "unct_workshops": 9,
    "joint_programmes_funded": 4,
    "joint_programmes_pipeline": 6,
    "contributors": 15,
    "steering_committee_members": 4,
}
ECE_NETWORKS = {"ALB", "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "MKD", "SRB", "TJK", "TKM", "TUR", "UZB", "XKX"}
ECE_CHAMPIONS = {"AZE", "CAN", "LUX", "PRT", "TUR"}
ECE_WORKSHOPS = {"ARM", "BIH", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB"}


@pytest.fixture(scope="module")
def result() -> loading.LoadResult:
    return loading.bundled()


@pytest.fixture(scope="module")
def data(result):
    assert result.dataset is not None, [i.message for i in result.issues]
    return result.dataset


@pytest.fixture(scope="module")
def ece(data) -> dict[str, float]:
    return {f.metric: f.value for f in metrics.summary(data, "ECE")}


def test_bundled_workbook_validates_cleanly(result):
    assert not result.unreadable
    assert result.error_count == 0
    assert result.issues == (), [i.message for i in result.issues]  # no warnings either
    assert {u.dataset for u in result.uses} == {spec.key for spec in DATASETS}


def test_ece_headline_figures_equal_the_brief(ece):
    assert {metric: ece[metric] for metric in ECE_BRIEF} == ECE_BRIEF


def test_ece_figures_carry_the_published_values(data):
    for figure in metrics.summary(data, "ECE"):
        assert figure.published is not None, figure.metric
        assert figure.as_of == dt.date(2024, 3, 1), figure.metric
        assert figure.source == "https://migrationnetwork.un.org/regional-information-brief-unece"
        if figure.metric in ECE_BRIEF:
            assert figure.published == ECE_BRIEF[figure.metric]


def test_m_mptf_figures(data, ece):
    assert ece["contributions_usd"] > 56e6  # "over USD 56 million over three years"
    assert 38 <= ece["mobilised_pct"] <= 40  # "close to 40%" of USD 150 million, worldwide
    world = {f.metric: f for f in metrics.summary(data, metrics.ALL)}
    assert world["contributors"].value == 21
    assert world["joint_programmes_funded"].value == 21
    totals = data["contributions"].groupby("contributor")["amount_usd"].sum()
    assert totals.idxmax() == "DEU"  # the largest donor
    assert set(data["contributions"]["year"]) == {2021, 2022, 2023}


def test_other_published_region_figures(data):
    escwa = {f.metric: f for f in metrics.summary(data, "ESCWA")}
    assert escwa["practices"].value == 23 == escwa["practices"].published
    assert escwa["practices_share_pct"].published == 8  # a later, larger total: the app shows the gap
    eca = {f.metric: f for f in metrics.summary(data, "ECA")}
    assert eca["country_networks"].value == 34 == eca["country_networks"].published


def test_ece_pledges_focus_on_the_briefs_six_objectives(data):
    counts = metrics.objective_counts(data["pledge_objectives"], metrics.pledges_in(data, "ECE"))
    assert metrics.top_objectives(counts) == [2, 7, 15, 16, 17, 23]
    ordered = counts.sort_values(ascending=False)
    assert ordered.iloc[5] > ordered.iloc[6]  # clearly ahead of the seventh


def test_ece_practices_scope_and_implementers(data):
    practices = metrics.practices_in(data, "ECE")
    scopes = practices["scope"].value_counts()
    assert scopes["National"] > scopes["Multilevel"] > 0
    long = data["practice_implementers"]
    ranked = metrics.ranking(long[long["practice_id"].isin(practices["practice_id"])]["implementer_type"])
    assert list(ranked.index[:3]) == ["Member State", "Civil society", "IOM"]
    assert ranked.iloc[0] > ranked.iloc[1] > ranked.iloc[2] > ranked.iloc[3]
    multi = data["practice_objectives"].groupby("practice_id").size()
    assert (multi[practices["practice_id"]] > 1).mean() > 0.5  # most cover several objectives


def test_ece_country_activities(data):
    def countries(activity):
        return set(metrics.activities_in(data, "ECE", activity)["country"])

    assert countries("Country Network") == ECE_NETWORKS
    assert countries("Champion country") == ECE_CHAMPIONS
    assert countries("UNCT workshop") == ECE_WORKSHOPS
    assert len(metrics.activities_in(data, "ECE", "Voluntary GCM report")) == 24
    assert len(countries("Steering Committee member")) == 4
    kosovo = data["activities"][data["activities"]["country"] == "XKX"]
    assert "1244" in kosovo["note"].iloc[0]


def test_illustrative_records_are_marked(data):
    for key in ("practices", "pledges", "contributions", "programmes", "activities"):
        table = data[key]
        by_generator = table["source"] == ILLUSTRATIVE
        assert (table.loc[by_generator, "provenance"] == "Illustrative").all(), key
        illustrative = table["provenance"] == "Illustrative"
        assert (table.loc[illustrative, "source"] == ILLUSTRATIVE).all(), key
        # Published and Inferred records name a document, and say which of their cells are invented.
        for source in table.loc[~illustrative, "source"]:
            assert source and source != ILLUSTRATIVE
        if "link" in table:
            links = set(table.loc[illustrative, "link"].dropna())
            assert links <= GENERAL_PAGES, links
    assert (data["practices"]["provenance"] == "Illustrative").all()
    assert (data["pledges"]["provenance"] == "Illustrative").all()
    activities = data["activities"]
    invented = activities["activity"].isin(["Voluntary GCM report", "Steering Committee member"])
    assert (activities.loc[invented, "provenance"] == "Illustrative").all()
    assert (activities.loc[~invented, "provenance"] == "Published").all()
    programmes = data["programmes"]
    published = programmes[programmes["provenance"] == "Published"]
    assert len(published) == 6 and (published["status"] == "Funded").all() and (published["year"] == 2020).all()
    # Contributors named in public sources are Inferred; every amount is illustrative, so none is Published.
    assert set(data["contributions"]["provenance"]) == {"Inferred", "Illustrative"}


def test_practice_titles_read_as_practices(data):
    titles = data["practices"]["title"]
    assert titles.is_unique
    numbered = re.compile(r"^\s*(practice|pr)[\s#-]*\d+\s*$|\bpractice\s+\d+\b", re.IGNORECASE)
    assert not [t for t in titles if numbered.search(t)]
    assert titles.str.len().min() > 20
    assert len(data["practices"]) == 250


def _cells(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_generator_reproduces_the_committed_workbook(tmp_path):
    target = tmp_path / "gcm-data.xlsx"
    subprocess.run([sys.executable, str(GENERATOR), str(target)], check=True, capture_output=True, cwd=tmp_path)
    assert _cells(target) == _cells(WORKBOOK)
    assert target.read_bytes() == WORKBOOK.read_bytes()  # fixed timestamps: byte-identical too


def test_workbook_is_readable_by_people():
    book = openpyxl.load_workbook(WORKBOOK)
    assert book.sheetnames == [spec.sheet for spec in DATASETS]
    for spec, sheet in zip(DATASETS, book.worksheets, strict=True):
        assert [c.value for c in sheet[1]] == [c.header for c in spec.columns]
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
    figures = book["Brief figures"]
    assert all(isinstance(row[4].value, dt.datetime) for row in figures.iter_rows(min_row=2))


# --- Proportions -----------------------------------------------------------------------------------------------
# The illustrative records must keep the brief's qualitative claims, not just its totals: "most" is most, not all.
EVERY_REGION = [*REGIONS, metrics.ALL]
MOST = (0.6, 0.85)  # "most ... cover multiple objectives": a clear majority, yet some cover one only


def _practices(data, region) -> views.PracticesView:
    return views.practices(data, Filters(region=region))


@pytest.mark.parametrize("region", EVERY_REGION)
def test_most_practices_but_not_all_cover_several_objectives(data, region):
    view = _practices(data, region)
    share = view.multi_objective / len(view.records)
    assert MOST[0] <= share <= MOST[1], (view.multi_objective, len(view.records))


@pytest.mark.parametrize("region", EVERY_REGION)
def test_most_pledges_but_not_all_cover_several_objectives(data, region):
    view = views.pledges(data, Filters(region=region))
    several = views.several_objectives(data["pledge_objectives"], view.records)
    assert MOST[0] <= several / len(view.records) <= MOST[1], (several, len(view.records))


@pytest.mark.parametrize("region", EVERY_REGION)
def test_some_practices_are_implemented_in_several_member_states(data, region):
    records = _practices(data, region).records
    per_practice = rows_of(data["practice_countries"], records).groupby("key").size()
    several = int((per_practice > 1).sum())
    assert 0 < several < len(records) / 2, (several, len(records))


@pytest.mark.parametrize("region", EVERY_REGION)
def test_most_practices_are_national_some_multilevel(data, region):
    scopes = _practices(data, region).by_scope
    total = scopes.sum()
    assert scopes.index[0] == "National" and scopes["National"] > total / 2, dict(scopes)  # "most are national"
    assert 0 < scopes["Multilevel"] < scopes["National"], dict(scopes)  # "some ... have a multilevel scope"
    assert scopes.iloc[0] > scopes.iloc[1], dict(scopes)


@pytest.mark.parametrize("region", ["ECE", metrics.ALL])  # the brief: "among the practices featured in the Repository"
def test_member_states_then_civil_society_then_iom_implement_most(data, region):
    ranked = _practices(data, region).by_implementer
    assert list(ranked.index[:3]) == ["Member State", "Civil society", "IOM"], dict(ranked)
    assert ranked.iloc[0] > ranked.iloc[1] > ranked.iloc[2] > ranked.iloc[3], dict(ranked)


def test_the_majority_of_ece_pledges_focus_on_the_six_objectives(data):
    view = views.pledges(data, Filters(region="ECE"))
    ordered = view.by_objective.sort_values(ascending=False, kind="stable")
    assert set(ordered.index[:6]) == {2, 7, 15, 16, 17, 23}
    assert ordered.iloc[5] > ordered.iloc[6]  # no seventh objective tied at the cut
    focused = having(view.records, data["pledge_objectives"], "objective", (2, 7, 15, 16, 17, 23))
    assert len(focused) > len(view.records) / 2


def test_ece_practices_have_one_most_frequent_objective_and_a_clear_top_six(data):
    ordered = _practices(data, "ECE").by_objective.sort_values(ascending=False, kind="stable")
    assert ordered.iloc[0] > ordered.iloc[1], ordered.head(3).to_dict()  # a single "most frequent" objective
    assert ordered.iloc[5] > ordered.iloc[6], ordered.head(8).to_dict()  # six highlighted, not seven or more


def test_contributions_differ_between_donors_and_years(data):
    funding = views.funding(data, Filters(region=metrics.ALL))
    amounts = funding.by_contributor
    assert amounts.nunique() > len(amounts) / 2, amounts.to_dict()  # not one amount for every donor
    contributions = data["contributions"]
    per_donor = contributions.groupby("contributor", observed=True)["year"].nunique()
    assert 1 < per_donor.nunique()  # some gave every year, some not
    assert funding.by_year["amount_usd"].nunique() == len(funding.by_year)
