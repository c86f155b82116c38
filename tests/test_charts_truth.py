"""Charts must not mislead: one tie rule for every "most frequent", each region's own totals, integer count axes,
one money format and a progress label readable in both themes. Charts are rendered to SVG (vl-convert) and read."""

from __future__ import annotations

import pandas as pd
import pytest

from gcmdash import brief, charts, formatting, metrics, slides, views
from gcmdash.filters import Filters
from gcmdash.loading import bundled

CENTRAL_ASIA = Filters(region="ECE", subregion="Central Asia")


@pytest.fixture(scope="module")
def data():
    return bundled().dataset


# --- One tie rule -------------------------------------------------------------------------------------------------


def _tied_at_cut(counts: pd.Series, n: int) -> set[int]:
    """What the rule asks, computed here another way: every objective with at least the n-th largest count."""
    positive = sorted((int(v) for v in counts if v > 0), reverse=True)
    if not positive:
        return set()
    cut = positive[min(n, len(positive)) - 1]
    return {int(o) for o, v in counts.items() if v >= cut and v > 0}


@pytest.mark.parametrize("f", [Filters(region="ECE"), CENTRAL_ASIA, Filters(region="ECA"), Filters(region="ESCAP"),
                               Filters(region=None)], ids=["ECE", "Central Asia", "ECA", "ESCAP", "all"])
def test_the_highlighted_objectives_are_every_one_tied_at_the_cut(data, f):
    for view in (views.practices(data, f), views.pledges(data, f)):
        wanted = _tied_at_cut(view.by_objective, metrics.TOP_OBJECTIVES)
        assert set(view.top_objectives) == wanted
        frame = charts.objective_frame(view.by_objective, view.top_objectives)
        assert set(frame.loc[frame["top"], "objective"]) == wanted
        # Listed most frequent first, ties by number, on the slides as in the charts.
        listed = slides.most_frequent(view.by_objective)
        assert {int(label.split(".")[0]) for label, _ in listed} == _tied_at_cut(view.by_objective, 3)
        keys = [(-n, int(label.split(".")[0])) for label, n in listed]
        assert keys == sorted(keys)


def test_central_asia_has_ties_at_the_cut_and_the_caption_says_so(data):
    view = views.practices(data, CENTRAL_ASIA)
    assert len(view.top_objectives) > metrics.TOP_OBJECTIVES, "the bundled data no longer ties here: pick another"
    note = formatting.highlight_note(view.top, "practices")
    assert note == (f"Highlighted: the {len(view.top_objectives)} objectives with the most practices "
                    f"({view.top.least} or more; {view.top.tied_at_cut} tied at the cut).")
    assert "darker" not in note.lower()


def test_slide_two_lists_every_objective_tied_with_the_third():
    counts = pd.Series({1: 4, 2: 3, 15: 1, 6: 1, 9: 0}).reindex(range(1, 24), fill_value=0)
    assert [label.split(".")[0] for label, _ in slides.most_frequent(counts)] == ["1", "2", "6", "15"]


@pytest.mark.parametrize(("counts", "asked", "expected"), [
    ({1: 5, 2: 4, 3: 3, 4: 3, 5: 1}, 3, "Highlighted: the 4 objectives with the most practices (3 or more; 2 tied at "
                                         "the cut)."),
    ({1: 5, 2: 4, 3: 3, 4: 2}, 3, "Highlighted: the 3 objectives with the most practices (3 or more)."),
    ({1: 5, 2: 4}, 3, "Highlighted: all 2 objectives with any practices."),
    ({1: 1, 2: 1, 3: 1, 4: 1}, 3, "Highlighted: the 4 objectives with the most practices, tied at 1 each."),
    ({1: 7, 2: 1}, 1, "Highlighted: the objective with the most practices (7)."),
    ({1: 0}, 3, "No objective has any practices: none is highlighted."),
])
def test_highlight_note(counts, asked, expected):
    assert formatting.highlight_note(metrics.top(pd.Series(counts), asked), "practices") == expected


def test_the_objective_chart_says_highlighted_not_darker(data):
    view = views.practices(data, Filters(region="ECE"))
    spec = charts.objective_bars(charts.objective_frame(view.by_objective, view.top_objectives), "Practices").to_dict()
    subtitle = " ".join(spec["title"]["subtitle"]) if isinstance(spec["title"]["subtitle"], list) \
        else spec["title"]["subtitle"]
    assert "Highlighted" in subtitle and "arker" not in subtitle


def test_the_brief_lists_every_implementer_tied_at_the_cut():
    counts = pd.Series({"Member State": 5, "IOM": 2, "Civil society": 2, "UN entity": 2, "Academia": 1})
    text = brief._ranked(counts, "practices", 2)
    assert text == "Member State (5 practices), followed by Civil society (2), IOM (2) and UN entity (2)"


def test_category_bars_keep_the_given_order_for_ties():
    counts = pd.Series({"B": 2, "A": 2, "C": 5})
    ordered = counts.sort_index().sort_values(ascending=False, kind="stable")
    chart = charts.category_bars(ordered, "kind", "Pledges", "Kind")
    assert list(chart.data["kind"]) == ["C", "A", "B"] and list(chart.data["rank"]) == [0, 1, 2]
    assert chart.to_dict()["layer"][0]["encoding"]["y"]["sort"] == {"field": "rank", "op": "min"}


# --- Joint programmes by region and by country --------------------------------------------------------------------


def _totals(view) -> dict[tuple[str, str], int]:
    return {(str(r.region), str(r.status)): int(r.programmes) for r in view.programmes_by_region.itertuples()}


def test_each_region_bar_is_that_regions_own_total_on_every_page(data):
    from gcmdash import regions
    own = {}
    for region in regions.REGIONS:
        programmes = views.funding(data, Filters(region=region)).programmes
        for status in charts.STATUSES:
            own[(region, status)] = int((programmes["status"] == status).sum())
            assert own[(region, status)] == len(metrics.programmes_in(data, region, status))
    assert any(own.values())
    for region in (*regions.REGIONS, None):
        view = views.funding(data, Filters(region=region))
        assert _totals(view) == own, region  # the ECE page's ESCAP bar is the ESCAP page's total
        selected = view.programmes_by_region[view.programmes_by_region["selected"]]
        assert set(selected["region"]) == ({region} if region else set())
        assert all(label.endswith("(selected)") for label in selected["label"])


def test_the_region_bars_keep_the_years_chosen(data):
    years = (2019, 2020)
    view = views.funding(data, Filters(region="ECE", years=years))
    for region in ("ECE", "ESCAP"):
        kept = metrics.programmes_in(data, region, "Funded")
        assert _totals(view)[(region, "Funded")] == int(kept["year"].between(*years).fillna(False).sum())


def test_programmes_by_country_is_a_dot_grid_with_counts_only_where_they_differ(data):
    view = views.funding(data, Filters(region="ECE"))
    chart = charts.country_dots(view.programmes_by_country)
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "circle"
    # On the bundled data every country has one programme of a status: no numbers are drawn at all.
    assert (view.programmes_by_country["programmes"] == 1).all() and "layer" not in spec
    several = pd.DataFrame({"country": ["A", "A", "B"], "status": ["Funded", "Pipeline", "Funded"],
                            "programmes": [2, 1, 1], "order": [0, 0, 1]})
    shown = charts.country_dots(several)
    assert list(shown.data["shown"]) == ["2", "", ""] and "layer" in shown.to_dict()
    table = charts.status_table(several, "country", "Country")
    assert table.to_dict("records") == [{"Country": "A", "Funded": 2, "Pipeline": 1, "Total": 3},
                                        {"Country": "B", "Funded": 1, "Pipeline": 0, "Total": 1}]
