"""Cells written the way people write them in Excel are read to the same values."""

from __future__ import annotations

import datetime as dt

import pytest

from gcmdash.ingest.cells import parse, split_list
from gcmdash.ingest.issues import IssueCode
from gcmdash.model.dataset_specs import dataset

PRACTICES = dataset("practices")
OBJECTIVES = PRACTICES.column("objectives")
COUNTRIES = PRACTICES.column("countries")
IMPLEMENTERS = PRACTICES.column("implementer_types")
START = PRACTICES.column("start_year")
AMOUNT = dataset("contributions").column("amount_usd")
DATE = dataset("activities").column("date")
LINK = PRACTICES.column("link")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2; 7; 15", (2, 7, 15)),
        ("2,7", (2, 7)),
        ("Obj. 2", (2,)),
        ("Objective 2 - Minimize adverse drivers", (2,)),
        ("O21\n23", (21, 23)),
        ("GCM objective #5 | 6", (5, 6)),
        ("Data; Remittances", (1, 20)),
        ("general", ("General",)),
        (7.0, (7,)),
        ("2; 2; 7", (2, 7)),
    ],
)
def test_objectives(cell, expected):
    parsed = parse(cell, OBJECTIVES)
    assert parsed.value == expected and parsed.problems == ()


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("24", IssueCode.OBJECTIVE_OUT_OF_RANGE),
        ("0", IssueCode.OBJECTIVE_OUT_OF_RANGE),
        ("Objective two", IssueCode.BAD_OBJECTIVE),
    ],
)
def test_bad_objectives(cell, code):
    assert [p.code for p in parse(cell, OBJECTIVES).problems] == [code]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Kazakhstan; Kyrgyz Republic", ("KAZ", "KGZ")),
        ("Egypt, Arab Rep.; Gambia, The", ("EGY", "GMB")),
        ("Egypt, Arab Rep., Gambia, The, Turkey", ("EGY", "GMB", "TUR")),
        ("Bosnia & Herzegovina, Kosovo", ("BIH", "XKX")),
        ("TUR; xkx", ("TUR", "XKX")),
    ],
)
def test_countries(cell, expected):
    parsed = parse(cell, COUNTRIES)
    assert parsed.value == expected and parsed.problems == ()


def test_one_bad_country_keeps_the_good_ones_and_reports_the_bad():
    parsed = parse("Albania; Atlantis; Serbia", COUNTRIES)
    assert parsed.value == ("ALB", "SRB")
    assert [(p.code, p.value) for p in parsed.problems] == [(IssueCode.UNKNOWN_COUNTRY, "Atlantis")]


def test_vocabulary_synonyms_and_case():
    assert parse("government; CSO; iom", IMPLEMENTERS).value == ("Member State", "Civil society", "IOM")


def test_metric_ids_have_one_spelling_and_sheets_in_the_old_one_still_read():
    metric = dataset("figures").column("metric")
    assert parse("mobilized_pct", metric).value == "mobilised_pct"
    assert parse("Capitalization target USD", metric).value == "capitalisation_target_usd"
    assert not any("iz" in value for value in metric.vocabulary.values)


@pytest.mark.parametrize(
    ("cell", "expected"), [(2021, 2021), (2021.0, 2021), ("2021", 2021), (dt.date(2021, 5, 1), 2021)]
)
def test_years(cell, expected):
    assert parse(cell, START).value == expected


@pytest.mark.parametrize(
    ("cell", "expected"), [(1500000, 1.5e6), ("1,500,000", 1.5e6), ("USD 2 000", 2000.0), ("$3.5", 3.5)]
)
def test_amounts(cell, expected):
    assert parse(cell, AMOUNT).value == expected


@pytest.mark.parametrize("cell", ["2024-03-11", "11.03.2024", "11 March 2024", dt.datetime(2024, 3, 11)])
def test_dates(cell):
    assert parse(cell, DATE).value == dt.date(2024, 3, 11)


@pytest.mark.parametrize("cell", ["javascript:alert(1)", "www.example.org", "https://exa mple.org", "data:text/html,x"])
def test_only_web_links_are_accepted(cell):
    assert [p.code for p in parse(cell, LINK).problems] == [IssueCode.BAD_URL]


def test_split_list_drops_empty_items():
    assert split_list(" a ;; b,\nc | ") == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("25/03/2023", "2023-03-25"),
        ("03/25/2023", "2023-03-25"),
        ("05/05/2023", "2023-05-05"),
        ("11.03.2024", "2024-03-11"),
    ],
)
def test_a_date_with_only_one_day_month_order_is_read(text, meant):
    from gcmdash.ingest.cells import _date

    assert _date(text).value.isoformat() == meant


def test_a_date_whose_day_and_month_could_swap_is_refused_with_both_readings():
    from gcmdash.ingest.cells import _date

    parsed = _date("12/03/2023")
    assert parsed.value is None and parsed.problems[0].code is IssueCode.AMBIGUOUS_DATE
    assert "2023-03-12" in parsed.problems[0].message and "2023-12-03" in parsed.problems[0].message
