"""Metrics are pure functions of a Dataset: counting multi-valued records, regions with overlaps, brief comparison."""

from __future__ import annotations

import copy

import pytest

from gcmdash import metrics
from gcmdash.loading import load_paths
from gcmdash.metrics import Figure
from tests.conftest import headers, valid_sheets


def _practice(pid: str, objectives: str, countries: str, scope: str = "National", implementers: str = "Member State"):
    row = list(valid_sheets()["Practices"][1])
    cols = headers("practices")
    for name, value in (("Practice ID", pid), ("GCM objectives", objectives), ("Countries", countries),
                        ("Scope", scope), ("Implementer types", implementers)):
        row[cols.index(name)] = value
    return row


@pytest.fixture
def data(workbook):
    sheets = valid_sheets()
    sheets["Practices"] = [headers("practices"),
                           _practice("PR-1", "2; 7", "Kazakhstan"),
                           _practice("PR-2", "7", "Egypt; Germany", implementers="Civil society; IOM"),
                           _practice("PR-3", "General; 23", "Chile", scope="Multilevel"),
                           _practice("PR-4", "1", None, scope="Global")]
    sheets["Country activities"].append(["Kosovo", "Country Network", 2020, None, None, None, "Published", "t"])
    result = load_paths([workbook(sheets)], complete=True)
    assert result.valid, result.issues
    return result.dataset


def test_a_practice_counts_in_every_region_of_its_countries(data):
    assert set(metrics.practices_in(data, "ECE")["practice_id"]) == {"PR-1", "PR-2"}
    assert set(metrics.practices_in(data, "ESCAP")["practice_id"]) == {"PR-1"}
    assert set(metrics.practices_in(data, "ECA")["practice_id"]) == {"PR-2"}
    assert set(metrics.practices_in(data, "ESCWA")["practice_id"]) == {"PR-2"}
    assert len(metrics.practices_in(data, None)) == 4


def test_objective_counts_include_zeros_and_count_each_objective_once_per_record(data):
    counts = metrics.objective_counts(data["practice_objectives"], metrics.practices_in(data, "ECE"))
    assert list(counts.index) == list(range(1, 24))
    assert counts[7] == 2 and counts[2] == 1 and counts[23] == 0 and counts.sum() == 3


def test_general_is_not_counted_as_a_numbered_objective(data):
    counts = metrics.objective_counts(data["practice_objectives"], data["practices"])
    assert counts.sum() == 5 and counts[23] == 1


def test_ranking_orders_by_count_then_name(data):
    ranked = metrics.ranking(data["practice_implementers"]["implementer_type"])
    assert list(ranked.index) == ["Member State", "Civil society", "IOM"]
    assert list(ranked) == [3, 1, 1]


def test_top_objectives_breaks_ties_by_number():
    import pandas as pd
    counts = pd.Series([5, 5, 1, 5], index=[9, 2, 3, 4])
    assert metrics.top_objectives(counts, 2) == [2, 4]


def test_summary_counts_networks_of_covered_areas(data):
    figures = {f.metric: f for f in metrics.summary(data, "ECE")}
    assert figures["country_networks"].value == 2  # Georgia (member) and Kosovo (covered)
    assert figures["practices"].value == 2 and figures["practices_share_pct"].value == 50.0
    assert figures["practices"].published == 70 and figures["practices"].differs


@pytest.mark.parametrize(("value", "published", "qualifier", "differs"), [
    (70, 70, None, False), (69, 70, None, True), (70, 70, "Exactly", False),
    (56.3e6, 56e6, "Over", False), (55e6, 56e6, "Over", True), (56e6, 56e6, "Over", True),
    (39.5, 40, "Close to", False), (35, 40, "Close to", True),
])
def test_published_figures_are_compared_as_the_brief_words_them(value, published, qualifier, differs):
    assert Figure("m", "M", value, published=published, qualifier=qualifier).differs is differs


def test_zero_without_a_published_figure_is_no_records_not_zero():
    assert Figure("m", "M", 0).without_records
    assert not Figure("m", "M", 0, published=3).without_records
    assert not Figure("m", "M", 2).without_records
