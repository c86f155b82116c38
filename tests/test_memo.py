"""Shared results per data version (gcmdash.model.memo): reused, bounded, and never wrong after a filter change."""

from __future__ import annotations

import pandas as pd
import pytest

from gcmdash.ingest.loading import bundled
from gcmdash.model import memo
from gcmdash.model.filters import Filters
from gcmdash.views import metrics
from gcmdash.views import pages as views


@pytest.fixture()
def data():
    # A fresh Dataset per test: its results store starts empty.
    result = bundled()
    assert result.dataset is not None
    from gcmdash.model.dataset import assemble

    return assemble(result.dataset.tables, result.dataset.version, result.dataset.sources)


def test_a_state_asked_twice_is_computed_once_and_is_the_same_object(data):
    first = views.practices(data, Filters(region="ECE"))
    hits = data.memo.hits
    again = views.practices(data, Filters(region="ECE"))
    assert again is first and data.memo.hits == hits + 1


def test_clicked_values_as_lists_or_tuples_share_one_result(data):
    assert views.practices(data, Filters(region="ECE"), [2, 7]) is views.practices(data, Filters(region="ECE"), (2, 7))


def test_different_states_and_versions_do_not_share_results(data):
    ece, eca = views.pledges(data, Filters(region="ECE")), views.pledges(data, Filters(region="ECA"))
    assert len(ece.records) != len(eca.records)
    other = bundled().dataset
    assert views.pledges(other, Filters(region="ECE")) is not ece
    assert views.pledges(other, Filters(region="ECE")).records.equals(ece.records)


def test_cached_results_equal_fresh_computation(data):
    for region in ("ECE", "ECA", None):
        cached = metrics.summary(data, region)
        assert cached == metrics.summary.uncached(data, region)


def test_the_store_is_bounded_by_entries(data, monkeypatch):
    monkeypatch.setenv("GCMDASH_VIEW_CACHE_ENTRIES", "3")
    for years in [(2018, y) for y in range(2019, 2026)]:
        views.practices(data, Filters(region="ECE", years=years))
    assert len(data.memo) == 3
    views.practices(data, Filters(region="ECE", years=(2018, 2025)))  # the most recent one is still held
    assert data.memo.hits >= 1


def test_the_store_is_bounded_by_bytes(monkeypatch):
    monkeypatch.setenv("GCMDASH_VIEW_CACHE_MB", "3")
    store = memo.Results()
    big = pd.DataFrame({"x": range(200_000)})  # 1.6 MB
    store.put("a", big)
    store.put("b", big)
    assert len(store) == 1 and store.get("a") == (False, None) and store.get("b")[0]
    store.put("huge", pd.DataFrame({"x": range(1_000_000)}))  # 8 MB: larger than the whole store, not kept
    assert store.get("huge") == (False, None) and store.get("b")[0]
