"""Compare regions: the five regions' figures are each region's own summary, the filters narrow them as every page
narrows its records, overlaps are the coverage's intersections, and the page and the CLI show the same numbers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest

from gcmdash.ingest.loading import bundled
from gcmdash.model import filters, regions
from gcmdash.model.filters import Filters
from gcmdash.render import compare_charts
from gcmdash.views import compare, metrics

ROOT = Path(__file__).resolve().parent.parent
NARROW = Filters(region=None, objectives=(7, 23), implementer_types=("Member State",), years=(2019, 2022))


@pytest.fixture(scope="module")
def data():
    return bundled().dataset


def _published(f: metrics.Figure) -> tuple:
    return (f.metric, f.value, f.published, f.qualifier, f.as_of, f.source)


@pytest.mark.parametrize("asked", [Filters(), Filters(region="ECA", countries=("KEN",)), Filters(region=None)])
def test_without_narrowing_filters_each_column_is_the_regions_own_summary(data, asked):
    comparison = compare.compare(data, asked)
    assert list(comparison.entries) == list(regions.REGIONS)
    for region in regions.REGIONS:
        own = metrics.summary(data, region)
        entries = comparison.entries[region]
        assert [_published(e.figure) for e in entries] == [_published(f) for f in own], region
        assert not any(e.narrowed for e in entries)
        assert [e.differs for e in entries] == [f.differs if f.published is not None else None for f in own]
    assert comparison.practice_total == len(data["practices"])


def test_the_filters_narrow_each_count_as_the_pages_filters_do(data):
    comparison = compare.compare(data, replace(NARROW, region="ECE", subregion="Central Asia"))
    assert comparison.filters == NARROW  # region, subregion and countries never apply here
    changed = 0
    for region in regions.REGIONS:
        scoped = replace(NARROW, region=region)
        value = {e.figure.metric: e.figure.value for e in comparison.entries[region]}
        practices = len(filters.practices(data, scoped))
        assert value["practices"] == practices
        assert value["practices_share_pct"] == pytest.approx(100 * practices / len(filters.practices(data, NARROW)))
        assert value["pledges"] == len(filters.pledges(data, scoped))
        programmes = filters.programmes(data, scoped)
        assert value["joint_programmes_funded"] == (programmes["status"] == "Funded").sum()
        contributions = filters.contributions(data, scoped)
        assert value["contributions_usd"] == pytest.approx(contributions["amount_usd"].sum())
        assert value["contributors"] == contributions["contributor"].nunique()
        own = {f.metric: f.value for f in metrics.summary(data, region)}
        changed += value["practices"] != own["practices"]
        for e in comparison.entries[region]:
            # A narrowed figure is never set against the whole-region brief figure; activities are not narrowed.
            assert e.narrowed == (e.figure.metric in compare.NARROWED_BY)
            if e.narrowed:
                assert e.differs is None
            else:
                assert e.figure.value == own[e.figure.metric]
    assert changed == len(regions.REGIONS), "the filters should change every region's practices here"


def test_published_shares_show_the_totals_they_imply_and_computed_ones_share_one(data):
    bases = {b.region: b for b in compare.share_bases(compare.compare(data, Filters()))}
    assert bases["ECE"].implied_total == pytest.approx(250)  # 70 = 28 % in March 2024
    assert bases["ESCWA"].implied_total == pytest.approx(287.5)  # 23 = 8 % in June 2024
    assert bases["ECE"].as_of != bases["ESCWA"].as_of
    assert {b.computed_total for b in bases.values()} == {len(data["practices"])}
    assert bases["ECA"].published is None and bases["ECA"].implied_total is None


def _regions_of_each(data, table: str, long: str) -> dict[int, set[str]]:
    """Per record (key): the regions it counts in, found another way (record by record)."""
    rows = data[long]
    found: dict[int, set[str]] = {k: set() for k in range(len(data[table]))}
    for key, iso3 in zip(rows["key"], rows["iso3"], strict=True):
        found[int(key)] |= set(regions.regions_of(iso3))
    return found


def test_overlaps_are_the_coverages_intersections_and_the_records_in_both(data):
    found = {o.pair: o for o in compare.overlaps(data, Filters())}
    practices = _regions_of_each(data, "practices", "practice_countries")
    pledges = _regions_of_each(data, "pledges", "pledge_countries")
    for a, b in combinations(regions.REGIONS, 2):
        shared = regions.coverage(a) & regions.coverage(b)
        in_both = sum({a, b} <= r for r in practices.values()), sum({a, b} <= r for r in pledges.values())
        if not shared and not any(in_both):
            assert (a, b) not in found
            continue
        assert set(found[(a, b)].countries) == shared
        assert (found[(a, b)].practices, found[(a, b)].pledges) == in_both
    assert {"KAZ", "UZB", "GEO"} <= set(found[("ECE", "ESCAP")].countries)
    assert {"EGY", "MAR", "TUN"} <= set(found[("ECA", "ESCWA")].countries)


def test_the_columns_sum_exceeds_the_distinct_records_by_those_counted_twice(data):
    comparison = compare.compare(data, Filters())
    twice = {t.what: t for t in compare.counted_twice(data, Filters())}
    practices = _regions_of_each(data, "practices", "practice_countries")
    column_sum = sum(comparison.entry(r, "practices").figure.value for r in regions.REGIONS)
    assert twice["practices"].column_sum == column_sum == sum(len(r) for r in practices.values())
    assert twice["practices"].in_any == sum(bool(r) for r in practices.values())
    assert twice["practices"].in_several == sum(len(r) > 1 for r in practices.values()) > 0
    assert twice["practices"].in_none == sum(not r for r in practices.values())


@pytest.mark.parametrize("f", [Filters(), NARROW], ids=["all", "narrowed"])
def test_the_heat_map_counts_are_each_regions_objective_counts(data, f):
    matrix = compare.objective_matrix(data, f)
    assert list(matrix.columns) == list(regions.REGIONS) and list(matrix.index) == list(range(1, 24))
    for region in regions.REGIONS:
        kept = filters.practices(data, replace(f, region=region))
        expected = metrics.objective_counts(data["practice_objectives"], kept)
        assert matrix[region].tolist() == expected.tolist(), region
    frame = compare_charts.heat_frame(matrix)
    for region in regions.REGIONS:
        column = frame[frame["region"] == region]
        most = column["practices"].max()
        # Every objective tied at the top is outlined, none other: a tie is never broken by order.
        assert set(column.loc[column["top"], "objective"]) == (
            set(column.loc[column["practices"] == most, "objective"]) if most > 0 else set()
        )


@pytest.mark.parametrize("top", [0, 1, 2, 3, 4, 7, 24, 93, 1234])
def test_whole_ticks_are_distinct_whole_numbers_from_zero_past_the_top(top):
    ticks = compare_charts.whole_ticks(top)
    assert ticks[0] == 0 and ticks[-1] >= top and ticks == sorted(set(ticks)) and len(ticks) >= 2
    assert all(isinstance(t, int) for t in ticks)


def _labels(svg: str, role: str) -> list[list[str]]:
    groups = re.findall(rf'class="mark-text role-{role}"[^>]*>(.*?)</g>', svg)
    return [re.findall(r">([^<]*)</text>", g) for g in groups]


def test_the_charts_write_counts_as_whole_numbers_and_mark_only_comparable_published_figures(data):
    from gcmdash.render import exports

    heat = compare_charts.heat_frame(compare.objective_matrix(data, Filters()))
    svg = exports.chart_svg(compare_charts.heat_map(heat).properties(width=500)).decode("utf-8")
    (legend,) = _labels(svg, "legend-label")
    values = [int(v) for v in legend]
    assert legend == [str(v) for v in values] and values == sorted(set(values)), legend
    frame = compare_charts.multiples_frame(compare.compare(data, Filters()))
    svg = exports.chart_svg(compare_charts.figure_multiples(frame)).decode("utf-8")
    # Each count plot names all five regions (none dropped as crowded) and writes whole-number ticks.
    names = [labels for labels in _labels(svg, "axis-label") if labels and labels[0] == "ECE"]
    assert names and all(labels == list(regions.REGIONS) for labels in names)
    marked = frame[frame["published"].notna()]
    assert set(zip(marked["region"], marked["metric"], strict=True)) >= {("ECE", "practices"), ("ESCWA", "practices")}
    assert "mobilised_pct" not in set(frame["metric"])  # one worldwide figure: said once in the table
    narrowed = compare_charts.multiples_frame(compare.compare(data, NARROW))
    assert narrowed.loc[narrowed["metric"].isin(compare.NARROWED_BY), "published"].isna().all()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gcmdash.cli", *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def test_cli_compare_json_is_each_regions_summary_and_the_overlaps(data):
    done = _cli("compare", "--json", "--data", "data/gcm-data.xlsx")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert list(record["regions"]) == list(regions.REGIONS)
    for region in regions.REGIONS:
        figures = metrics.summary(data, region)
        got = record["regions"][region]
        assert {m: v["value"] for m, v in got.items()} == metrics.figure_values(figures)
        for f in figures:
            assert got[f.metric]["published"] == (
                None if f.published is None else metrics.figure_record(f)["published"]
            )
            assert got[f.metric]["as_of"] == (None if f.as_of is None else f.as_of.isoformat())
    assert record["regions"]["ECA"]["practices"]["published"] is None
    assert record["regions"]["ECA"]["practices"]["differs"] is None
    assert record["regions"]["ESCWA"]["practices_share_pct"]["differs"] is True
    pairs = {tuple(o["regions"]): set(o["countries"]) for o in record["overlaps"]}
    assert pairs[("ECE", "ESCAP")] == regions.coverage("ECE") & regions.coverage("ESCAP")
    assert pairs[("ECA", "ESCWA")] == regions.coverage("ECA") & regions.coverage("ESCWA")
    assert record["shares"]["ESCWA"]["implied_total"] == 287.5
    assert record["counted_twice"]["practices"]["column_sum"] > record["counted_twice"]["practices"]["in_any"]


def test_cli_compare_text_writes_integers_money_and_no_brief_figure():
    done = _cli("compare", "--data", "data/gcm-data.xlsx")
    assert done.returncode == 0, done.stderr
    rows = {line.split("  ")[0]: line for line in done.stdout.splitlines()}
    assert re.match(r"Practices\s+70\s+60\s+71\s+23\s+49$", rows["Practices"]), rows["Practices"]
    assert "USD 56.3 million" in rows["M-MPTF contributions"]
    assert "no brief figure" in done.stdout and "Kazakhstan" in done.stdout
    assert not re.search(r"\b\d+\.0\b(?!%)", done.stdout), done.stdout  # no "70.0"


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_the_page_shows_the_five_regions():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.switch_page("pages/compare.py")
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "Compare regions"
    table = app.table[0].value.map(_unescaped)
    assert list(table.columns) == ["Figure", *regions.REGIONS]
    assert table.loc[table["Figure"] == "Practices", "ECE"].iloc[0].startswith("70 · brief 70")
    assert "no brief figure" in table.loc[table["Figure"] == "Practices", "ECA"].iloc[0]


def test_the_page_under_filters_sets_no_whole_region_figure_against_a_narrowed_one():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.query_params["years"] = ["2020", "2022"]
    app.switch_page("pages/compare.py")
    app.run()
    assert not app.exception, app.exception
    table = app.table[0].value.map(_unescaped)  # st.table's cells are Markdown, escaped
    practices = table.loc[table["Figure"] == "Practices", "ECE"].iloc[0]
    assert "whole-region brief: 70" in practices and not practices.startswith("⚠")
    networks = table.loc[table["Figure"] == "Country Networks", "ECE"].iloc[0]
    assert networks.startswith("15 · brief 15")  # country activities are not narrowed by years
