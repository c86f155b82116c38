"""Page views and filters: pure functions over the bundled data."""

from __future__ import annotations

import pandas as pd
import pytest

from gcmdash.ingest.loading import bundled
from gcmdash.model import filters
from gcmdash.model.filters import Filters
from gcmdash.views import pages as views


@pytest.fixture(scope="module")
def data():
    result = bundled()
    assert result.valid
    return result.dataset


def test_region_filter_matches_the_brief_counts(data):
    ece = Filters(region="ECE")
    assert len(filters.practices(data, ece)) == 70
    assert len(filters.pledges(data, ece)) == 93


def test_subregion_and_countries_narrow(data):
    ece = filters.practices(data, Filters(region="ECE"))
    central = filters.practices(data, Filters(region="ECE", subregion="Central Asia"))
    kaz = filters.practices(data, Filters(region="ECE", subregion="Central Asia", countries=("KAZ",)))
    assert len(ece) > len(central) > len(kaz) > 0
    ids = set(kaz["practice_id"])
    long = data["practice_countries"]
    assert ids == set(long.loc[long["iso3"] == "KAZ", "practice_id"])


def test_objective_filter_keeps_practices_with_any_chosen_objective(data):
    kept = filters.practices(data, Filters(region=None, objectives=(13, 22)))
    long = data["practice_objectives"]
    assert set(kept["practice_id"]) == set(long.loc[long["objective"].isin([13, 22]), "practice_id"])


def test_filters_that_match_nothing_give_empty_tables_not_errors(data):
    nothing = Filters(region="ECE", countries=("KAZ",), scopes=("Global",))
    assert filters.practices(data, nothing).empty
    view = views.practices(data, nothing)
    assert view.records.empty and view.by_objective.sum() == 0 and view.by_country.empty


def test_years_overlap_the_practice_period(data):
    kept = filters.practices(data, Filters(region=None, years=(2019, 2019)))
    assert len(kept) > 0
    assert (kept["start_year"].fillna(kept["end_year"]) <= 2019).all()
    assert (kept["end_year"].fillna(9999) >= 2019).all()


def test_clicking_an_objective_narrows_everything_but_the_objective_chart(data):
    f = Filters(region="ECE")
    whole = views.practices(data, f)
    clicked = views.practices(data, f, objectives=[2])
    assert clicked.by_objective.equals(whole.by_objective)
    assert len(clicked.records) == whole.by_objective[2] < len(whole.records)
    assert clicked.by_implementer.sum() < whole.by_implementer.sum()


def test_clicking_an_implementer_narrows_the_objective_chart(data):
    f = Filters(region="ECE")
    clicked = views.practices(data, f, implementers=["IOM"])
    assert clicked.by_objective.sum() < views.practices(data, f).by_objective.sum()
    assert clicked.by_implementer.equals(views.practices(data, f).by_implementer)


def test_a_practice_counts_once_in_each_state(data):
    view = views.practices(data, Filters(region="ECE"))
    long = data["practice_countries"]
    in_ece = long[long["practice_id"].isin(view.records["practice_id"])]
    assert view.by_country.sum() == in_ece["iso3"].isin(filters.country_scope(Filters(region="ECE"))).sum()


def test_pledges_view_top_objectives_are_the_brief(data):
    assert set(views.pledges(data, Filters(region="ECE")).top_objectives) == {2, 7, 15, 16, 17, 23}


def test_funding_view(data):
    view = views.funding(data, Filters(region="ECE"))
    assert view.target == 150e6 and 0.38 < view.mobilised / view.target < 0.40
    assert round(view.by_contributor.sum(), 1) == round(view.contributions["amount_usd"].sum() / 1e6, 1)
    funded = view.programmes_by_region.set_index(["region", "status"])["programmes"]
    assert funded[("ECE", "Funded")] == 4 and funded[("ECE", "Pipeline")] == 6


def test_country_profile(data):
    profile = views.country_profile(data, "KAZ")
    assert profile.regions == ["ECE", "ESCAP"] and "Central Asia" in profile.subregions
    assert profile.has("Country Network") and profile.has("UNCT workshop") and not profile.has("Champion country")
    long = data["practice_countries"]
    assert set(profile.practices["practice_id"]) == set(long.loc[long["iso3"] == "KAZ", "practice_id"])
    assert profile.practice_objectives.sum() >= len(profile.practices) > 0
    assert "XKX" in views.profile_countries(data)


def test_display_tables_show_blanks_not_none():
    import pandas as pd

    from gcmdash.views.tables import for_display

    shown = for_display(
        pd.DataFrame({"year": pd.array([2021, None], dtype="Int64"), "note": [None, "x"], "amount": [1.5, None]})
    )
    assert list(shown["year"]) == ["2021", ""] and list(shown["note"]) == ["", "x"]
    assert list(shown["amount"]) == ["1.5", ""]


def _reference_practices(data, f):
    """The filters read straight from each practice's own lists (no long tables, no keys): what they must mean."""
    table, scope = data["practices"], filters.country_scope(f)
    keep = pd.Series(True, index=table.index)
    if scope is not None:
        keep &= table["countries"].map(lambda cs: any(c in scope for c in cs or ()))
    if f.objectives:
        keep &= table["objectives"].map(lambda os: any(o in f.objectives for o in os or ()))
    if f.implementer_types:
        keep &= table["implementer_types"].map(lambda ts: any(t in f.implementer_types for t in ts or ()))
    if f.scopes:
        keep &= table["scope"].isin(f.scopes)
    if f.years:
        start, end = table["start_year"], table["end_year"]
        begun = start.fillna(end)
        keep &= (begun <= f.years[1]).fillna(False) & (end.fillna(begun).fillna(f.years[1]) >= f.years[0]).fillna(False)
    return table[keep]


@pytest.mark.parametrize(
    "f",
    [
        Filters(region="ECE"),
        Filters(region=None),
        Filters(region="ESCAP", objectives=(2, 7)),
        Filters(region="ECE", implementer_types=("IOM", "Civil society"), scopes=("National",)),
        Filters(region="ECA", years=(2020, 2021)),
        Filters(region="ECE", countries=("KAZ", "DEU"), objectives=(23,)),
        Filters(region="ECE", subregion="Central Asia"),
        Filters(region=None, objectives=(99,)),
    ],
)
def test_views_agree_with_the_records_own_lists(data, f):
    from collections import Counter

    from gcmdash.model import countries

    expected = _reference_practices(data, f)
    view = views.practices(data, f)
    assert list(view.records["practice_id"]) == list(expected["practice_id"])
    objectives = Counter(o for os in expected["objectives"] for o in os or () if isinstance(o, int))
    assert {o: n for o, n in view.by_objective.items() if n} == dict(objectives)
    scope = filters.country_scope(f)
    per_country = Counter(
        countries.country_name(c) for cs in expected["countries"] for c in set(cs or ()) if scope is None or c in scope
    )
    assert dict(view.by_country) == dict(per_country)
    assert list(view.by_country) == sorted(view.by_country, reverse=True)
    implementers = Counter(t for ts in expected["implementer_types"] for t in ts or ())
    assert dict(view.by_implementer) == dict(implementers)
    assert view.multi_objective == int((expected["objectives"].map(lambda os: len(os or ())) > 1).sum())


def test_country_workbook_holds_every_record_of_the_country(data):
    import io

    from openpyxl import load_workbook

    from gcmdash.render import exports

    profile = views.country_profile(data, "KAZ")
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(profile.records_by_sheet())), read_only=True)
    rows = {name: sum(1 for _ in book[name].iter_rows()) - 1 for name in book.sheetnames}
    assert rows == {
        "Country activities": len(profile.activities),
        "Practices": len(profile.practices),
        "Pledges": len(profile.pledges),
        "Joint programmes": len(profile.programmes),
        "Contributions": len(profile.contributions),
    }
