"""Metrics are pure functions of a Dataset: counting multi-valued records, regions with overlaps, brief comparison."""

from __future__ import annotations

import pytest

from gcmdash.ingest.loading import load_paths
from gcmdash.views import metrics
from gcmdash.views.metrics import Figure
from tests.conftest import headers, valid_sheets


def _practice(pid: str, objectives: str, countries: str, scope: str = "National", implementers: str = "Member State"):
    row = list(valid_sheets()["Practices"][1])
    cols = headers("practices")
    for name, value in (
        ("Practice ID", pid),
        ("GCM objectives", objectives),
        ("Countries", countries),
        ("Scope", scope),
        ("Implementer types", implementers),
    ):
        row[cols.index(name)] = value
    return row


@pytest.fixture
def data(workbook):
    sheets = valid_sheets()
    sheets["Practices"] = [
        headers("practices"),
        _practice("PR-1", "2; 7", "Kazakhstan"),
        _practice("PR-2", "7", "Egypt; Germany", implementers="Civil society; IOM"),
        _practice("PR-3", "General; 23", "Chile", scope="Multilevel"),
        _practice("PR-4", "1", None, scope="Global"),
    ]
    sheets["Country activities"].append(["Kosovo", "Country Network", 2020, None, None, None, None, "Published", "t"])
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


def test_top_objectives_includes_every_value_tied_at_the_cut():
    import pandas as pd

    counts = pd.Series([5, 5, 1, 5], index=[9, 2, 3, 4])
    assert metrics.top_objectives(counts, 2) == [2, 4, 9]  # three tie at 5: none is left out arbitrarily
    assert metrics.top_objectives(counts, 3) == [2, 4, 9]
    assert metrics.top_objectives(counts, 4) == [2, 3, 4, 9]


def test_top_with_ties_orders_by_count_then_key_and_never_splits_a_tie():
    import pandas as pd

    counts = pd.Series([1, 3, 1, 0, 2, 1, 1], index=[15, 7, 1, 4, 2, 21, 9])
    top = metrics.top_with_ties(counts, 3)
    assert list(top.items()) == [(7, 3), (2, 2), (1, 1), (9, 1), (15, 1), (21, 1)]
    assert list(metrics.top_with_ties(counts, 2).index) == [7, 2]
    assert list(metrics.top_with_ties(counts, 10).index) == [7, 2, 1, 9, 15, 21]  # zeros are never "top"
    assert metrics.top_with_ties(counts * 0, 3).empty and metrics.top_with_ties(counts, 0).empty
    names = pd.Series([2, 2, 5], index=["IOM", "Civil society", "Member State"])
    assert list(metrics.top_with_ties(names, 2).index) == ["Member State", "Civil society", "IOM"]


def test_top_says_how_many_tie_at_the_cut():
    import pandas as pd

    found = metrics.top(pd.Series([9, 7, 5, 3, 3, 1], index=[1, 2, 3, 4, 5, 6]), 4)
    assert list(found.counts.index) == [1, 2, 3, 4, 5]
    assert (found.asked, found.having, found.least, found.tied_at_cut) == (4, 6, 3, 2)


def test_summary_counts_networks_of_covered_areas(data):
    figures = {f.metric: f for f in metrics.summary(data, "ECE")}
    assert figures["country_networks"].value == 2  # Georgia (member) and Kosovo (covered)
    assert figures["practices"].value == 2 and figures["practices_share_pct"].value == 50.0
    assert figures["practices"].published == 70 and figures["practices"].differs


@pytest.mark.parametrize(
    ("value", "published", "qualifier", "differs"),
    [
        (70, 70, None, False),
        (69, 70, None, True),
        (70, 70, "Exactly", False),
        (56.3e6, 56e6, "Over", False),
        (55e6, 56e6, "Over", True),
        (56e6, 56e6, "Over", True),
        (39.5, 40, "Close to", False),
        (35, 40, "Close to", True),
    ],
)
def test_published_figures_are_compared_as_the_brief_words_them(value, published, qualifier, differs):
    assert Figure("m", "M", value, published=published, qualifier=qualifier).differs is differs


def test_zero_without_a_published_figure_is_no_records_not_zero():
    assert Figure("m", "M", 0).without_records
    assert not Figure("m", "M", 0, published=3).without_records
    assert not Figure("m", "M", 2).without_records
