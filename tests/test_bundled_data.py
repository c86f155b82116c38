"""The bundled workbook data/gcm-data.xlsx: valid, reproducible, honest, and reproducing the UNECE brief."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from gcmdash import loading, metrics
from gcmdash.schema import DATASETS
from gcmdash.settings import PROJECT_ROOT

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
    assert 38 <= ece["mobilized_pct"] <= 40  # "close to 40%" of USD 150 million, worldwide
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
    for spec, sheet in zip(DATASETS, book.worksheets):
        assert [c.value for c in sheet[1]] == [c.header for c in spec.columns]
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
    figures = book["Brief figures"]
    assert all(isinstance(row[4].value, dt.datetime) for row in figures.iter_rows(min_row=2))
