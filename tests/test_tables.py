"""Tables as people read them: search, sort and pages over all the records, and the page shown in the app."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from gcmdash.ingest.loading import bundled
from gcmdash.views import tables
from gcmdash.views.people import column_for_people, records_for_people

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def data():
    result = bundled()
    assert result.valid
    return result.dataset


# --- Search ------------------------------------------------------------------------------------------------------


def test_search_finds_every_word_in_any_column_and_blank_cells_hold_nothing():
    table = pd.DataFrame(
        {
            "title": ["Skills passport", None, "Legal aid", "Passports"],
            "countries": ["Georgia", "Kazakhstan", None, "Türkiye; Georgia"],
            "year": pd.array([2021, None, 2022, 2021], dtype="Int64"),
        }
    )
    assert tables.matching(table, "PASSPORT georgia").tolist() == [True, False, False, True]
    assert tables.matching(table, "2021").tolist() == [True, False, False, True]
    assert not tables.matching(table, "none").any() and not tables.matching(table, "<na>").any()
    assert tables.matching(table, "  ").all()
    assert tables.matching(table, "a.d").tolist() == [False] * 4  # literal, not a pattern


@pytest.mark.parametrize("key", ["practices", "pledges", "programmes", "contributions"])
def test_search_works_on_every_records_table(data, key):
    # Blank cells once made the search fail on every table that had one.
    people = records_for_people(key, data[key])
    word = str(people.iloc[0, 1]).split()[0]
    found = tables.matching(people, word)
    assert (
        found.iloc[0]
        and found.sum()
        == people.apply(
            lambda row: any(word.casefold() in str(v).casefold() for v in row if v is not None and not pd.isna(v)),
            axis=1,
        ).sum()
    )


def test_search_text_finds_what_matching_finds():
    table = pd.DataFrame(
        {
            "title": ["Skills passport", None, "Legal aid", "STRASSE works"],
            "countries": ["Georgia", "Kazakhstan", None, "Türkiye; Georgia"],
            "year": pd.array([2021, None, 2022, 2021], dtype="Int64"),
        }
    )
    text = tables.search_text(table)
    for query in ("PASSPORT georgia", "2021", "none", "<na>", "  ", "a.d", "straße", "aid\nge", "türk"):
        assert tables.text_matching(text, query).tolist() == tables.matching(table, query).tolist(), query


@pytest.mark.parametrize("key", ["practices", "pledges", "programmes", "activities", "contributions"])
def test_the_kept_search_text_agrees_with_reading_the_records(data, key):
    from gcmdash.views import pages as views

    records = data[key].iloc[::2]  # a selection, as pages pass: rows of the version's table
    people = records_for_people(key, records)
    for query in (str(people.iloc[0, 1]).split()[0], "2021", "national georgia", "zzz"):
        expected = tables.matching(people, query).to_numpy()
        assert views.search(data, key, records, query).tolist() == expected.tolist(), query


# --- Sorting -----------------------------------------------------------------------------------------------------


def test_text_sorts_whatever_its_case_blanks_last_ties_in_table_order():
    values = pd.Series(["b", None, "A", "a", "c", "B"], dtype=object, index=[9, 8, 7, 6, 5, 4])
    assert tables.sort_order(values).tolist() == [2, 3, 0, 5, 4, 1]
    assert tables.sort_order(values, descending=True).tolist() == [4, 0, 5, 2, 3, 1]


def test_numbers_sort_as_numbers_not_as_text():
    values = pd.Series(pd.array([10, None, 9, 100, 9], dtype="Int64"))
    assert tables.sort_order(values).tolist() == [2, 4, 0, 3, 1]
    assert tables.sort_order(values, descending=True).tolist() == [3, 0, 2, 4, 1]


# --- Pages -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "number", "expected"),
    [
        (37_878, 1, tables.Page(1, 76, 0, 500)),
        (37_878, 76, tables.Page(76, 76, 37_500, 37_878)),
        (37_878, 80, tables.Page(76, 76, 37_500, 37_878)),  # a page the records no longer reach: the last one
        (37_878, 0, tables.Page(1, 76, 0, 500)),
        (500, 1, tables.Page(1, 1, 0, 500)),
        (501, 2, tables.Page(2, 2, 500, 501)),
        (0, 3, tables.Page(1, 1, 0, 0)),
    ],
)
def test_page_of(total, number, expected):
    assert tables.page_of(total, 500, number) == expected


def test_rows_caption_counts_with_separators():
    assert tables.rows_caption(tables.page_of(37_878, 500, 2), 37_878, "record") == "Rows 501–1,000 of 37,878 records"
    assert tables.rows_caption(tables.page_of(70, 500, 1), 70, "record") == "70 records"
    assert tables.rows_caption(tables.page_of(1, 500, 1), 1, "record") == "1 record"


def test_fingerprint_changes_with_the_rows_kept():
    index = pd.Index(np.arange(0, 1000, 3))
    assert tables.fingerprint(index) == tables.fingerprint(pd.Index(np.arange(0, 1000, 3)))
    assert tables.fingerprint(index) != tables.fingerprint(index[:-1])
    assert tables.fingerprint(index) != tables.fingerprint(pd.Index(np.arange(1, 1000, 3)))


def test_for_display_blanks_every_empty_cell(data):
    # Streamlit writes "None" in an empty cell of any column, a number column's too (issue 10: no "None" shown).
    people = records_for_people("practices", data["practices"])
    shown = tables.for_display(people)
    assert people["End year"].isna().any() and not shown["End year"].isna().any()
    assert set(shown["End year"][people["End year"].isna()]) == {""}
    gappy = [c for c in people.columns if people[c].isna().any()]
    assert gappy, "the test needs a text column with blank cells"
    for column in gappy:
        assert (shown[column] == "").sum() == people[column].isna().sum() and not shown[column].isna().any()


def test_column_for_people_is_that_column_of_the_records(data):
    frame = data["practices"].iloc[::7]
    people = records_for_people("practices", frame)
    for header in ("Countries", "Title", "Start year"):
        pd.testing.assert_series_equal(column_for_people("practices", header, frame), people[header], check_names=False)


# --- In the app --------------------------------------------------------------------------------------------------


def _practices(monkeypatch, rows: int) -> AppTest:
    monkeypatch.setenv("GCMDASH_TABLE_PAGE_ROWS", str(rows))
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["region"] = "ECE"
    app.switch_page("pages/practices.py")
    return app.run()


def _rows_caption(app: AppTest) -> str:
    (caption,) = [c.value for c in app.caption if c.value.startswith("Rows ")]
    return caption


def test_a_large_table_shows_one_page_and_the_count(monkeypatch, data):
    app = _practices(monkeypatch, 20)  # ECE has 70 practices: 4 pages
    assert not app.exception, app.exception
    assert _rows_caption(app) == "Rows 1–20 of 70 records; the downloads below hold all of them."
    table = app.dataframe[-1].value
    ece = records_for_people("practices", views_records(data))
    assert table["Practice ID"].tolist() == ece["Practice ID"].head(20).tolist()
    assert app.pagination[0].num_pages == 4

    app.pagination[0].set_value(4).run()
    assert _rows_caption(app).startswith("Rows 61–70 of 70 records")
    assert app.dataframe[-1].value["Practice ID"].tolist() == ece["Practice ID"].tail(10).tolist()


def test_sorting_sorts_all_the_records_and_starts_again_at_page_1(monkeypatch, data):
    app = _practices(monkeypatch, 20)
    app.pagination[0].set_value(3).run()
    app.selectbox(key="q-sort").set_value("Start year").run()
    app.selectbox(key="q-order").set_value("Descending").run()
    assert _rows_caption(app).startswith("Rows 1–20 of 70 records")
    ece = records_for_people("practices", views_records(data))
    newest = ece["Start year"].sort_values(ascending=False, kind="stable").head(20).tolist()
    assert app.dataframe[-1].value["Start year"].tolist() == newest


def test_a_narrower_filter_never_leaves_an_empty_page(monkeypatch, data):
    from gcmdash.model.filters import Filters
    from gcmdash.views import pages as views

    narrow = len(views.practices(data, Filters(region="ECE", objectives=(2,))).records)
    assert 1 < narrow < 20  # objective 2's practices fit on one page: no page selector
    app = _practices(monkeypatch, 20)
    app.pagination[0].set_value(4).run()
    app.sidebar.multiselect(key="objectives").set_value([2]).run()
    assert not app.exception
    assert f"{narrow} records" in [c.value for c in app.caption] and not app.pagination
    assert len(app.dataframe[-1].value) == narrow
    app.sidebar.multiselect(key="objectives").set_value([]).run()
    assert _rows_caption(app).startswith("Rows 1–20 of 70 records")


def test_search_covers_every_record_not_only_the_page(monkeypatch, data):
    app = _practices(monkeypatch, 20)
    ece = records_for_people("practices", views_records(data))
    last_title = ece["Title"].iloc[-1]
    app.text_input(key="q").set_value(last_title).run()
    assert not app.exception, app.exception
    assert last_title in app.dataframe[-1].value["Title"].tolist()


def views_records(data) -> pd.DataFrame:
    """The practices the Practices page shows for ECE with no other filter."""
    from gcmdash.model.filters import Filters
    from gcmdash.views import pages as views

    return views.practices(data, Filters(region="ECE")).records


def test_prepared_search_texts_are_kept_for_the_version():
    from gcmdash.model.dataset import assemble
    from gcmdash.views import pages as views

    loaded = bundled().dataset
    data = assemble(loaded.tables, loaded.version, loaded.sources)  # its own, empty store of results
    views.prepare_search(data)
    assert len(data.memo) == len(views.SEARCHABLE)
    hits = data.memo.hits
    views.search(data, "practices", data["practices"], "migrant")
    assert data.memo.hits == hits + 1
