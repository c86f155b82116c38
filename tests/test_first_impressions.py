"""First impressions: no "None" in any table, the active filters named under the title, the country picker under
its title, a bar click read from the address; and the pure pieces behind them (gcmdash.render.active, tables)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gcmdash.model import regions
from gcmdash.model.filters import Filters
from gcmdash.render import active, slides
from gcmdash.views import tables

from .test_pages import PAGES, _open


def _text_cells(frame: pd.DataFrame) -> list[tuple[str, object]]:
    """(column, cell) of every cell a table would show as "None" or "nan": missing text, or such words."""
    found = []
    for column in frame.columns:
        values = frame[column]
        for cell in values:  # Streamlit writes "None" in any empty cell, a number column's included
            missing = cell is None or (not isinstance(cell, str) and pd.isna(cell))
            if missing or (isinstance(cell, str) and cell.strip() in {"None", "nan", "NaN", "NaT", "<NA>"}):
                found.append((column, cell))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_no_table_on_any_page_shows_none(page):
    query = {"region": "ECE", "country": "Georgia"} if page == "pages/country.py" else {"region": "ECE"}
    app = _open(page, query)
    assert not app.exception, app.exception
    for frame in [d.value for d in app.dataframe] + [t.value for t in app.table]:
        assert not _text_cells(frame), f"{page}: {_text_cells(frame)[:5]}"


@pytest.mark.parametrize("region", [r for r in regions.REGIONS if r != "ECE"] + ["All"])
def test_no_table_on_the_overview_shows_none_for_any_region(region):
    app = _open("pages/overview.py", {"region": region})
    assert not app.exception, app.exception
    for frame in [d.value for d in app.dataframe] + [t.value for t in app.table]:
        assert not _text_cells(frame), f"{region}: {_text_cells(frame)[:5]}"


def test_the_overview_table_has_figures_without_a_published_value_shown_blank():
    # The checks above must have something to find: some region has figures the briefs did not publish.
    blanks = 0
    for region in [*regions.REGIONS, "All"]:
        frame = _open("pages/overview.py", {"region": region}).dataframe[0].value
        blanks += int((frame["As of"] == "").sum() + (frame["Published as"] == "").sum())
    assert blanks


def test_a_check_for_none_finds_none():
    gappy = pd.DataFrame(
        {"a": ["x", None], "b": [1.0, float("nan")], "c": pd.array([2021, None], dtype="Int64"), "d": [1.5, 2.0]}
    )
    assert [column for column, _ in _text_cells(gappy)] == ["a", "b", "c"]
    shown = tables.for_display(gappy)
    assert not _text_cells(shown)
    assert list(shown["c"]) == ["2021", ""] and list(shown["b"]) == ["1", ""]
    assert pd.api.types.is_numeric_dtype(shown["d"]), "a number column without gaps stays numeric"


def _captions(app: AppTest) -> list[str]:
    return [c.value for c in app.caption]


def test_the_line_under_the_title_names_every_active_filter():
    app = _open(
        "pages/practices.py",
        {
            "region": "ECE",
            "subregion": "Central Asia",
            "objectives": ["2. Minimize adverse drivers", "7. Reduce vulnerabilities"],
            "implementers": "Civil society",
            "scope": "National",
            "years": ["2019", "2023"],
            "pick_objective": "7",
        },
    )
    assert not app.exception, app.exception
    line = next(c for c in _captions(app) if c.startswith("Filters"))
    expected = active.caption(
        Filters(
            region="ECE",
            subregion="Central Asia",
            objectives=(2, 7),
            implementer_types=("Civil society",),
            scopes=("National",),
            years=(2019, 2023),
        ),
        {"objective": [7]},
    )
    assert line == expected
    for part in ("Central Asia", "Objectives 2, 7", "Civil society", "National scope", "2019–2023", "objective 7"):
        assert part in line.replace("\\", ""), part


@pytest.mark.parametrize("page", ["pages/practices.py", "pages/pledges.py", "pages/funding.py", "pages/map.py"])
def test_no_filter_line_when_nothing_narrows(page):
    app = _open(page, {"region": "ECE"})
    assert not any(c.startswith("Filters") for c in _captions(app))


def test_a_bar_click_in_the_link_filters_the_page_and_unknown_values_are_ignored():
    everything = _open("pages/practices.py", {"region": "ECE"})
    clicked = _open("pages/practices.py", {"region": "ECE", "pick_implementer": "Civil society"})
    wrong = _open("pages/practices.py", {"region": "ECE", "pick_implementer": "Martians", "pick_objective": "99"})
    count = lambda app: next(c for c in _captions(app) if "practices** shown" in c)  # noqa: E731
    assert count(clicked) != count(everything)
    assert count(wrong) == count(everything)
    toasts = " ".join(t.value for t in wrong.toast)
    assert "not recognised" in toasts and "pick\\_implementer=Martians" in toasts and "pick\\_objective=99" in toasts
    assert "pick_implementer" not in wrong.query_params and "pick_objective" not in wrong.query_params


def test_the_country_picker_is_under_the_title():
    for query, title in (({}, "Country profile"), ({"country": "Georgia"}, "Georgia")):
        app = _open("pages/country.py", query)
        kinds = [type(e).__name__ for e in app.main.children.values()]
        assert app.title[0].value == title
        heading, picker = kinds.index("Title"), kinds.index("Selectbox")
        assert heading < picker, kinds[:6]


# --- The pure pieces -----------------------------------------------------------------------------------------


def test_the_slides_and_the_pages_say_the_filters_the_same_way():
    f = Filters(region="ECE", subregion="Central Asia", objectives=(7, 2), years=(2019, 2023))
    assert slides.context_line(f) == f"{regions.region_label('ECE')} · Central Asia · Objectives 2, 7 · 2019–2023"
    assert active.caption(f) == active.caption(f, {})
    assert active.caption(f).replace("\\", "") == "Filters: Central Asia · Objectives 2, 7 · 2019–2023"
    assert active.caption(Filters(region="ECE")) == ""


def test_filter_text_from_a_spreadsheet_is_escaped_for_markdown():
    line = active.caption(Filters(region="ECE"), {"implementer_type": ["*Civil* [society](http://x)"]})
    assert "\\*Civil\\*" in line and "\\[society\\]" in line


def test_many_countries_are_shortened():
    f = Filters(region="ECE", countries=("GEO", "ARM", "AZE", "KAZ", "KGZ", "UZB"))
    assert "and 2 more" in active.caption(f)


@pytest.mark.parametrize(
    ("field", "values", "kept", "ignored"),
    [
        ("objective", ["7", "2", "7"], [7, 2], []),
        ("objective", ["0", "24", "x", "7.0"], [], ["0", "24", "x", "7.0"]),
        ("implementer_type", ["Civil society", "civil society"], ["Civil society"], ["civil society"]),
    ],
)
def test_link_picks_keep_only_what_a_chart_can_hold(field, values, kept, ignored):
    assert active.picks_from_link(field, values) == (kept, ignored)


def test_link_values_are_stable():
    assert active.link_values([11, 2, 7]) == ["2", "7", "11"]
    assert active.link_values(["Local authority", "Academia"]) == ["Academia", "Local authority"]


def test_content_widths_follow_the_longest_cell_within_limits():
    frame = pd.DataFrame({"N": [1, 22], "Problem": ["x" * 30, None], "Long": ["y" * 500, ""]})
    widths = tables.content_widths(frame)
    assert widths["N"] == 64  # the least
    assert widths["Problem"] == 8 * 30 + 24
    assert widths["Long"] == 480  # the most
    assert tables.content_widths(frame.iloc[:0])["Problem"] == 8 * (len("Problem") + 2) + 24
