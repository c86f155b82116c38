"""Charts must not mislead: one tie rule for every "most frequent", each region's own totals, integer count axes,
one money format and a progress label readable in both themes. Charts are rendered to SVG (vl-convert) and read."""

from __future__ import annotations

import pandas as pd
import pytest

from gcmdash import formatting
from gcmdash.ingest.loading import bundled
from gcmdash.model.filters import Filters
from gcmdash.render import brief, brief_text, chart_theme, charts, fund_charts, slides
from gcmdash.views import metrics
from gcmdash.views import pages as views

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


@pytest.mark.parametrize(
    "f",
    [Filters(region="ECE"), CENTRAL_ASIA, Filters(region="ECA"), Filters(region="ESCAP"), Filters(region=None)],
    ids=["ECE", "Central Asia", "ECA", "ESCAP", "all"],
)
def test_the_highlighted_objectives_are_every_one_tied_at_the_cut(data, f):
    for view in (views.practices(data, f), views.pledges(data, f)):
        wanted = _tied_at_cut(view.by_objective, metrics.TOP_OBJECTIVES)
        assert set(view.top_objectives) == wanted
        frame = charts.objective_frame(view.by_objective, view.top_objectives)
        assert set(frame.loc[frame["top"], "objective"]) == wanted
        # Listed most frequent first, ties by number, on the slides as in the charts.
        listed = slides.most_frequent(view.by_objective)
        assert {int(label.split(".")[0]) for label, _ in listed} == wanted, "the slide lists the bars highlighted"
        keys = [(-n, int(label.split(".")[0])) for label, n in listed]
        assert keys == sorted(keys)


def test_central_asia_has_ties_at_the_cut_and_the_caption_says_so(data):
    view = views.practices(data, CENTRAL_ASIA)
    assert len(view.top_objectives) > metrics.TOP_OBJECTIVES, "the bundled data no longer ties here: pick another"
    note = formatting.highlight_note(view.top, "practices")
    assert note == (
        f"Highlighted: the {len(view.top_objectives)} objectives with the most practices "
        f"({view.top.least} or more; {view.top.tied_at_cut} tied at the cut)."
    )
    assert "darker" not in note.lower()


def test_slide_two_lists_every_objective_tied_with_the_third():
    counts = pd.Series({1: 4, 2: 3, 15: 1, 6: 1, 9: 0}).reindex(range(1, 24), fill_value=0)
    assert [label.split(".")[0] for label, _ in slides.most_frequent(counts, 3)] == ["1", "2", "6", "15"]


@pytest.mark.parametrize(
    ("counts", "asked", "expected"),
    [
        (
            {1: 5, 2: 4, 3: 3, 4: 3, 5: 1},
            3,
            "Highlighted: the 4 objectives with the most practices (3 or more; 2 tied at the cut).",
        ),
        ({1: 5, 2: 4, 3: 3, 4: 2}, 3, "Highlighted: the 3 objectives with the most practices (3 or more)."),
        ({1: 5, 2: 4}, 3, "Highlighted: all 2 objectives with any practices."),
        ({1: 1, 2: 1, 3: 1, 4: 1}, 3, "Highlighted: the 4 objectives with the most practices, tied at 1 each."),
        ({1: 7, 2: 1}, 1, "Highlighted: the objective with the most practices (7)."),
        ({1: 0}, 3, "No objective has any practices: none is highlighted."),
    ],
)
def test_highlight_note(counts, asked, expected):
    assert formatting.highlight_note(metrics.top(pd.Series(counts), asked), "practices") == expected


def test_the_objective_chart_says_highlighted_not_darker(data):
    view = views.practices(data, Filters(region="ECE"))
    spec = charts.objective_bars(charts.objective_frame(view.by_objective, view.top_objectives), "Practices").to_dict()
    subtitle = (
        " ".join(spec["title"]["subtitle"])
        if isinstance(spec["title"]["subtitle"], list)
        else spec["title"]["subtitle"]
    )
    assert "Highlighted" in subtitle and "arker" not in subtitle


def test_the_brief_lists_every_implementer_tied_at_the_cut():
    counts = pd.Series({"Member State": 5, "IOM": 2, "Civil society": 2, "UN entity": 2, "Academia": 1})
    text = brief_text.ranked(counts, "practices", 2)
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
    from gcmdash.model import regions

    own = {}
    for region in regions.REGIONS:
        programmes = views.funding(data, Filters(region=region)).programmes
        for status in fund_charts.STATUSES:
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
    chart = fund_charts.country_dots(view.programmes_by_country)
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "circle"
    # On the bundled data every country has one programme of a status: no numbers are drawn at all.
    assert (view.programmes_by_country["programmes"] == 1).all() and "layer" not in spec
    several = pd.DataFrame(
        {
            "country": ["A", "A", "B"],
            "status": ["Funded", "Pipeline", "Funded"],
            "programmes": [2, 1, 1],
            "order": [0, 0, 1],
        }
    )
    shown = fund_charts.country_dots(several)
    assert list(shown.data["shown"]) == ["2", "", ""] and "layer" in shown.to_dict()
    table = fund_charts.status_table(several, "country", "Country")
    assert table.to_dict("records") == [
        {"Country": "A", "Funded": 2, "Pipeline": 1, "Total": 3},
        {"Country": "B", "Funded": 1, "Pipeline": 0, "Total": 1},
    ]


# --- Small counts: integer axes, plurals, heights ---------------------------------------------------------------


def _svg(chart, width: int = 300) -> str:
    from gcmdash.render import exports

    return exports.chart_svg(chart.properties(width=width)).decode("utf-8")


def _axis_labels(svg: str) -> list[list[str]]:
    """The tick labels of each axis of a rendered chart, axis by axis, as drawn."""
    import re

    groups = re.findall(r'class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg)
    return [[html.unescape(t) for t in re.findall(r">([^<]*)</text>", g)] for g in groups]


def _value_ticks(svg: str) -> list[str]:
    """The labels of the chart's one value axis (the one starting at zero: years and names are not)."""
    numeric = [labels for labels in _axis_labels(svg) if labels and labels[0] in ("0", "0.0", "0.00")]
    assert len(numeric) == 1, _axis_labels(svg)
    return numeric[0]


def _assert_whole_steps(ticks: list[str]) -> None:
    values = [int(t.replace(",", "")) for t in ticks]
    assert ticks == [f"{v:,}" if v >= 1000 else str(v) for v in values], ticks  # written as whole numbers
    assert values == sorted(set(values)) and values[0] == 0, ticks  # no "0, 1, 1": every tick a different number


import html  # noqa: E402  (used by the helpers above)

SMALL = [
    pd.Series({"Individual": 1, "Common": 1}),
    pd.Series({"A": 2, "B": 1}),
    pd.Series({"A": 3}),
    pd.Series({"A": 7, "B": 2}),
    pd.Series({"A": 45, "B": 1}),
    pd.Series({"A": 1234, "B": 2}),
]


@pytest.mark.parametrize("counts", SMALL, ids=[str(int(c.max())) for c in SMALL])
@pytest.mark.parametrize("width", [120, 300, 700])
def test_count_axes_have_whole_number_ticks_only(counts, width):
    _assert_whole_steps(_value_ticks(_svg(charts.category_bars(counts, "kind", "Pledges", "Kind"), width)))
    objectives = pd.Series(counts.to_numpy(), index=range(1, len(counts) + 1)).reindex(range(1, 24), fill_value=0)
    frame = charts.objective_frame(objectives, metrics.top_objectives(objectives))
    _assert_whole_steps(_value_ticks(_svg(charts.objective_bars(frame, "Pledges"), width)))
    yearly = pd.DataFrame(
        {"year": range(2019, 2019 + len(counts)), "pledges": counts.to_numpy(), "kind": ["Individual"] * len(counts)}
    )
    _assert_whole_steps(_value_ticks(_svg(charts.yearly_bars(yearly, "pledges", "Pledges", "Per year", "kind"), width)))


def test_programme_charts_have_whole_number_ticks(data):
    for region in ("ECE", "ESCWA"):
        view = views.funding(data, Filters(region=region))
        _assert_whole_steps(_value_ticks(_svg(fund_charts.region_bars(view.programmes_by_region))))
        _assert_whole_steps(
            _value_ticks(_svg(fund_charts.status_bars(view.programmes_by_area, "thematic_area", "Thematic area")))
        )


def test_the_yearly_chart_keeps_its_plot_height_whatever_its_legend_takes(data):
    view = views.pledges(data, Filters(region="ECE"))
    spec = charts.yearly_bars(view.by_year, "pledges", "Pledges", "Pledges per year, by kind", color="kind").to_dict()
    assert spec["height"] == charts.YEARLY_HEIGHT >= 200
    # Streamlit fits a chart's whole drawing into its height unless the spec says otherwise: only the width fits.
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}


def test_plurals():
    assert formatting.counted(1, "{n} pledge", "{n} pledges") == "1 pledge"
    assert formatting.counted(2, "{n} pledge", "{n} pledges") == "2 pledges"
    assert formatting.counted(12000, "{n} country", "{n} countries") == "12,000 countries"
    assert formatting.several_note(1).startswith("1 of them addresses") and "counts under" in formatting.several_note(1)
    assert formatting.several_note(3).startswith("3 of them address ") and "count under" in formatting.several_note(3)


def test_the_brief_writes_one_pledge_in_the_singular():
    assert formatting.counted(1, "{n} joint programme", "{n} joint programmes") == "1 joint programme"


# --- Money, one format ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "USD 0"),
        (850_000, "USD 850,000"),
        (999_000, "USD 999,000"),
        (1_000_000, "USD 1 million"),
        (17_500_000, "USD 17.5 million"),
        (56_300_000, "USD 56.3 million"),
        (150e6, "USD 150 million"),
        (1.2e9, "USD 1.2 billion"),
        (999_990_000, "USD 1 billion"),
    ],
)
def test_money_has_one_format(value, text):
    assert formatting.money(value) == text
    assert formatting.amount(value, "USD") == text


def test_money_charts_write_every_label_and_tick_with_the_same_decimals():
    import re

    counts = pd.Series({"Germany": 17.45, "Sweden": 8.2, "Malta": 1.0})
    svg = _svg(charts.category_bars(counts, "contributor", "Contributions", "Contributor", money=True))
    labels = [t for t in re.findall(r">([\d.,]+)</text>", svg)]
    assert {"17.4", "8.2", "1.0"} <= set(labels) or {"17.5", "8.2", "1.0"} <= set(labels), labels
    assert all(re.fullmatch(r"[\d,]+\.\d", t) for t in labels), labels  # ticks and bar labels: one decimal each
    assert "USD million" in svg and "$" not in svg
    yearly = pd.DataFrame({"year": [2019, 2020], "amount_usd": [20e6, 36.3e6]})
    svg = _svg(charts.yearly_bars(yearly, "amount_usd", "Contributions", "Contributions per year", money=True))
    ticks = _value_ticks(svg)
    assert all(re.fullmatch(r"[\d,]+\.\d", t) for t in ticks), ticks
    assert "USD million" in svg and "$" not in svg and "20M" not in svg


def test_a_tiny_amount_gets_the_decimals_it_needs_in_the_whole_chart():
    assert formatting.money_decimals([17.45, 8.2, 1.0]) == 1
    assert formatting.money_decimals([12.0, 0.02]) == 2
    table = charts.counts_table(pd.Series({"A": 12.346, "B": 0.0234}), "Contributor", "USD million", money=True)
    assert list(table["USD million"]) == [12.35, 0.02]


def test_pages_and_brief_write_no_other_money_format(data):
    import re

    text = brief.brief_html(data, "ECE", version_label="test")
    assert not re.search(r"USD [\d.,]+M\b|\$\d|\d USD\b", text)
    assert "USD 150 million" in text and "USD 56.3 million" in text


# --- The progress bar's label, readable in both themes --------------------------------------------------------


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour #RRGGBB."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_wcag_formula_here_is_right():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#767F89", "#FFFFFF"), 2) == 4.06  # the caption colour
    assert contrast("#777777", "#777777") == 1.0


def _text_marks(spec: dict) -> list[dict]:
    return [
        layer["mark"]
        for layer in spec["layer"]
        if isinstance(layer["mark"], dict) and layer["mark"].get("type") == "text"
    ]


@pytest.mark.parametrize("share", [0.05, 0.395, 0.49, 0.5, 0.8, 1.0])
@pytest.mark.parametrize("dark", [False, True])
def test_the_progress_label_meets_aa_contrast_in_both_themes(share, dark):
    from gcmdash.ui import blocks

    chart = fund_charts.progress_bar(share * 150e6, 150e6)
    spec = blocks.themed(chart, dark=dark).to_dict()
    (mark,) = _text_marks(spec)
    behind = (
        chart_theme.ACCENT if mark["align"] == "right" else fund_charts.PROGRESS_TRACK
    )  # inside the filled part or not
    assert (mark["align"] == "right") == (share >= 0.5)
    # The mark's own colour wins over the theme's text colour (config.text), which was light on the light track.
    assert mark["color"] == (fund_charts.PROGRESS_INK_ON_FILL if share >= 0.5 else fund_charts.PROGRESS_INK)
    assert contrast(mark["color"], behind) >= 4.5, (mark["color"], behind)
    assert chart.data["label"][0] == f"{100 * share:.1f}% of USD 150 million"


def test_the_progress_label_is_drawn_in_its_own_colour(data):
    import re

    view = views.funding(data, Filters(region="ECE"))
    svg = _svg(fund_charts.progress_bar(view.mobilised, view.target), 600)
    label = re.search(r'<text[^>]*fill="([^"]+)"[^>]*>(\d+\.\d% of USD 150 million)</text>', svg)
    assert label and label.group(2) == "39.5% of USD 150 million"
    assert contrast(label.group(1), fund_charts.PROGRESS_TRACK) >= 4.5


@pytest.mark.parametrize("region", ["ECE", "ESCAP", None])
def test_only_the_selected_regions_bars_are_drawn_full_and_its_label_says_so(data, region):
    import re

    svg = _svg(fund_charts.region_bars(views.funding(data, Filters(region=region)).programmes_by_region))
    drawn = re.findall(r'aria-label="programmes: \d+; label: ([^;]+);[^"]*"[^>]*?opacity="([^"]*)"', svg)
    assert len(drawn) == 10
    assert {label for label, opacity in drawn if opacity == "1"} == ({f"{region} (selected)"} if region else set())
    assert (f"{region} (selected)</text>" in svg) == bool(region)
