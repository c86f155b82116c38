"""Validation: one small workbook per problem code, asserting the code and where it is (sheet, row, column)."""

from __future__ import annotations

import copy

import pytest

from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.loading import load_paths
from tests.conftest import headers, valid_sheets


def _issues(workbook, sheets, complete=True):
    result = load_paths([workbook(sheets)], complete=complete)
    return result, {(i.code, i.sheet, i.row, i.column) for i in result.issues}


def test_valid_workbook_loads_with_no_issue(workbook):
    result, found = _issues(workbook, valid_sheets())
    assert found == set()
    assert result.valid and result.dataset is not None
    assert list(result.dataset["practices"]["practice_id"]) == ["PR-1"]
    assert set(result.dataset["practice_countries"]["iso3"]) == {"KAZ"}
    assert set(result.dataset["practice_objectives"]["objective"]) == {2, 7}


def _with(sheet: str, row: int, header: str, value: object):
    sheets = valid_sheets()
    rows = sheets[sheet]
    while len(rows) <= row - 1:
        rows.append(copy.copy(rows[1]))
    rows[row - 1][rows[0].index(header)] = value
    return sheets


CELL_CASES = [
    ("Practices", "GCM objectives", "2; 24", IssueCode.OBJECTIVE_OUT_OF_RANGE),
    ("Practices", "GCM objectives", "Obj. two", IssueCode.BAD_OBJECTIVE),
    ("Practices", "Countries", "Atlantis", IssueCode.UNKNOWN_COUNTRY),
    ("Practices", "Scope", "Nationwide", IssueCode.UNKNOWN_VALUE),
    ("Practices", "Implementer types", "Member State; Aliens", IssueCode.UNKNOWN_VALUE),
    ("Practices", "Guiding principles", "Human rights; 11", IssueCode.UNKNOWN_VALUE),
    ("Practices", "Start year", "last year", IssueCode.WRONG_TYPE),
    ("Practices", "Start year", 1850, IssueCode.OUT_OF_RANGE),
    ("Practices", "Link", "javascript:alert(1)", IssueCode.BAD_URL),
    ("Practices", "Title", None, IssueCode.EMPTY_REQUIRED),
    ("Practices", "Provenance", "Made up", IssueCode.UNKNOWN_VALUE),
    ("Contributions", "Amount (USD)", "a lot", IssueCode.WRONG_TYPE),
    ("Contributions", "Amount (USD)", -5, IssueCode.OUT_OF_RANGE),
    ("Contributions", "Contributor", "Germny", IssueCode.UNKNOWN_COUNTRY),
    ("Country activities", "Date", "sometime in May", IssueCode.BAD_DATE),
    ("Brief figures", "Metric", "practises", IssueCode.UNKNOWN_VALUE),
    ("Pledges", "Related practice ID", "PR-404", IssueCode.UNKNOWN_REFERENCE),
]


@pytest.mark.parametrize(("sheet", "header", "value", "code"), CELL_CASES)
def test_cell_problem_is_located(workbook, sheet, header, value, code):
    result, found = _issues(workbook, _with(sheet, 2, header, value))
    assert (code, sheet, 2, header) in found
    assert not result.valid and result.dataset is None


def test_unknown_value_suggests_the_closest(workbook):
    result, _ = _issues(workbook, _with("Practices", 2, "Scope", "Natonal"))
    (issue,) = [i for i in result.issues if i.code is IssueCode.UNKNOWN_VALUE]
    assert '"National"' in issue.message and issue.value == "Natonal"


def test_unknown_country_suggests_but_never_applies(workbook):
    result, _ = _issues(workbook, _with("Practices", 2, "Countries", "Kyrgz Republic"))
    (issue,) = [i for i in result.issues if i.code is IssueCode.UNKNOWN_COUNTRY]
    assert "Kyrgyzstan" in issue.message and result.dataset is None


def test_duplicate_identifier_points_at_the_repeat(workbook):
    sheets = valid_sheets()
    sheets["Practices"].append(list(sheets["Practices"][1]))
    result, found = _issues(workbook, sheets)
    assert (IssueCode.DUPLICATE_ID, "Practices", 3, "Practice ID") in found
    assert (IssueCode.DUPLICATE_ID, "Practices", 2, "Practice ID") not in found


def test_duplicate_combination_is_reported(workbook):
    sheets = valid_sheets()
    sheets["Contributions"].append(list(sheets["Contributions"][1]))
    _, found = _issues(workbook, sheets)
    assert (IssueCode.DUPLICATE_ID, "Contributions", 3, "Contributor") in found


def test_scope_needs_countries_unless_regional_or_global(workbook):
    _, found = _issues(workbook, _with("Practices", 2, "Countries", None))
    assert (IssueCode.EMPTY_REQUIRED, "Practices", 2, "Countries") in found
    sheets = _with("Practices", 2, "Countries", None)
    sheets["Practices"][1][headers("practices").index("Scope")] = "Global"
    sheets["Pledges"][1][headers("pledges").index("Related practice ID")] = None
    assert _issues(workbook, sheets)[1] == set()


def test_end_before_start_is_inconsistent(workbook):
    _, found = _issues(workbook, _with("Practices", 2, "End year", 2019))
    assert (IssueCode.INCONSISTENT_ROW, "Practices", 2, "End year") in found


def test_missing_and_unknown_columns(workbook):
    sheets = valid_sheets()
    sheets["Practices"][0][headers("practices").index("Title")] = "Titel"
    sheets["Practices"][0].append("My notes")
    sheets["Practices"][1].append("remember to check")
    result, found = _issues(workbook, sheets)
    assert (IssueCode.MISSING_COLUMN, "Practices", 1, "Title") in found
    assert (IssueCode.UNKNOWN_COLUMN, "Practices", 1, "My notes") in found
    missing = next(i for i in result.issues if i.code is IssueCode.MISSING_COLUMN)
    assert '"Titel"' in missing.message


def test_unknown_column_alone_is_only_a_warning(workbook):
    sheets = valid_sheets()
    sheets["Practices"][0].append("My notes")
    sheets["Practices"][1].append("x")
    result, found = _issues(workbook, sheets)
    assert found == {(IssueCode.UNKNOWN_COLUMN, "Practices", 1, "My notes")}
    assert result.valid and result.dataset is not None


def test_duplicate_and_empty_headers(workbook):
    sheets = valid_sheets()
    sheets["Practices"][0].extend(["Objectives", None])
    sheets["Practices"][1].extend(["3", "orphan value"])
    _, found = _issues(workbook, sheets)
    width = len(headers("practices"))
    assert (IssueCode.DUPLICATE_COLUMN, "Practices", 1, "Objectives") in found
    assert (IssueCode.EMPTY_HEADER, "Practices", 1, chr(ord("A") + width + 1)) in found


def test_tolerant_headers_and_sheet_names(workbook):
    sheets = valid_sheets()
    practices = sheets.pop("Practices")
    practices[0] = [h.upper().replace(" ", "_") for h in practices[0]]
    sheets["good practices"] = practices
    result, found = _issues(workbook, sheets)
    assert found == set() and result.valid


def test_sheet_recognised_by_columns_when_named_otherwise(workbook):
    sheets = valid_sheets()
    sheets["Sheet1"] = sheets.pop("Pledges")
    result, found = _issues(workbook, sheets)
    assert result.valid
    assert any(u.sheet == "Sheet1" and u.dataset == "pledges" for u in result.uses)


def test_missing_sheet_when_complete_required(workbook):
    sheets = valid_sheets()
    del sheets["Contributions"]
    _, found = _issues(workbook, sheets)
    assert (IssueCode.MISSING_SHEET, "Contributions", None, None) in found
    _, partial = _issues(workbook, sheets, complete=False)
    assert partial == set()


def test_unrelated_sheet_is_ignored_with_a_warning(workbook):
    sheets = valid_sheets()
    sheets["Pivot"] = [["a", "b"], [1, 2]]
    result, found = _issues(workbook, sheets)
    assert (IssueCode.IGNORED_SHEET, "Pivot", None, None) in found and result.valid


def test_two_sheets_for_one_dataset(workbook):
    sheets = valid_sheets()
    sheets["Practices 2"] = [headers("practices"), ["PR-2", *sheets["Practices"][1][1:]]]
    _, found = _issues(workbook, sheets)
    assert (IssueCode.DUPLICATE_SHEET, "Practices 2", None, None) in found


def test_empty_sheet(workbook):
    sheets = valid_sheets()
    sheets["Contributions"] = [headers("contributions")]
    _, found = _issues(workbook, sheets)
    assert (IssueCode.EMPTY_SHEET, "Contributions", 1, None) in found


def test_rows_are_excel_row_numbers_below_a_title_and_a_gap(workbook):
    sheets = valid_sheets()
    rows = sheets["Practices"]
    bad = list(rows[1])
    bad[0] = "PR-9"
    bad[2] = "99"
    sheets["Practices"] = [["Practices of the region"], [], rows[0], rows[1], [], bad]
    _, found = _issues(workbook, sheets)
    assert (IssueCode.OBJECTIVE_OUT_OF_RANGE, "Practices", 6, "GCM objectives") in found


def test_issue_list_is_capped_with_a_count(workbook, monkeypatch):
    monkeypatch.setenv("GCMDASH_MAX_ISSUES", "5")
    sheets = valid_sheets()
    for n in range(20):
        row = list(sheets["Practices"][1])
        row[0], row[2] = f"PR-{n + 2}", "77"
        sheets["Practices"].append(row)
    result, _ = _issues(workbook, sheets)
    assert len(result.issues) == 6 and result.issues[-1].code is IssueCode.TOO_MANY_ISSUES
    assert result.error_count == 20


def test_an_unreadable_country_is_not_also_called_missing(workbook):
    _, found = _issues(workbook, _with("Practices", 2, "Countries", "Atlantis"))
    assert found == {(IssueCode.UNKNOWN_COUNTRY, "Practices", 2, "Countries")}


def test_a_sheet_with_its_id_column_and_a_misspelt_header_is_taken_and_the_header_reported(tmp_path):
    from gcmdash.ingest.loading import load_files

    result = load_files([("notes.csv", b"Practice ID,Titel,GCM objectives\nPR-1,x,2\n")])
    assert [u.dataset for u in result.uses] == ["practices"]
    found = {(i.code, i.column) for i in result.issues}
    assert (IssueCode.MISSING_COLUMN, "Title") in found and (IssueCode.UNKNOWN_COLUMN, "Titel") in found


def test_the_same_bad_value_in_several_rows_is_reported_at_each_row(workbook):
    # Each distinct value is read once per column: its problem must still be reported for every row holding it.
    sheets = valid_sheets()
    rows = sheets["Practices"]
    for number in range(3):
        row = copy.copy(rows[1])
        row[rows[0].index("Practice ID")] = f"PR-X{number}"
        row[rows[0].index("Countries")] = "Atlantis"
        rows.append(row)
    _, found = _issues(workbook, sheets)
    assert {(code, row) for code, sheet, row, column in found if column == "Countries"} == {
        (IssueCode.UNKNOWN_COUNTRY, 3),
        (IssueCode.UNKNOWN_COUNTRY, 4),
        (IssueCode.UNKNOWN_COUNTRY, 5),
    }
