"""Change summaries against the published data, and the validation report's tables."""

from __future__ import annotations

import pytest

from gcmdash.ingest import report
from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.loading import load_paths
from gcmdash.views import changes
from tests.conftest import headers, valid_sheets


@pytest.fixture
def pair(workbook):
    old = valid_sheets()
    new = valid_sheets()
    cols = headers("practices")
    new["Practices"][1][cols.index("Title")] = "A renamed practice"
    new["Practices"][1][cols.index("Scope")] = "Local"
    extra = list(new["Practices"][1])
    extra[0] = "PR-2"
    new["Practices"].append(extra)
    new["Contributions"][1][2] = 2_000_000
    before = load_paths([workbook(old)], complete=True).dataset
    after = load_paths([workbook(new)], complete=True).dataset
    return before, after


def test_records_added_and_changed_are_named_with_their_fields(pair):
    found = {c.key: c for c in changes.dataset_changes(*pair)}
    assert found["practices"].added == ("PR-2",)
    assert found["practices"].changed == (("PR-1", ("Title", "Scope")),)
    assert found["contributions"].changed == (("DEU / 2022", ("Amount (USD)",)),)
    assert found["pledges"].unchanged and found["figures"].unchanged


def test_removed_records(pair):
    before, after = pair
    (practices,) = [c for c in changes.dataset_changes(after, before) if c.key == "practices"]
    assert practices.removed == ("PR-2",)


def test_figure_changes_list_only_what_moves(pair):
    moved = changes.figure_changes(*pair)
    ece = moved[(moved["Region"] == "ECE") & (moved["Figure"] == "Practices")]
    assert list(ece["Published"]) == ["1"] and list(ece["After the upload"]) == ["2"]
    assert list(ece["Change"]) == ["+1"]
    assert not (moved["Figure"] == "Pledges").any()
    money = moved[(moved["Region"] == "All") & (moved["Figure"] == "M-MPTF contributions")].iloc[0]
    # Written as the cards write amounts, never 1500000.0 → 2000000.0.
    assert (money["Published"], money["After the upload"], money["Change"]) == (
        "USD 1.5 million",
        "USD 2 million",
        "+USD 500,000",
    )


def test_summary_and_details_tables(pair):
    found = changes.dataset_changes(*pair)
    summary = changes.summary_table(found).set_index("Dataset")
    assert summary.loc["Practices", "Added"] == 1 and summary.loc["Practices", "Changed"] == 1
    details = changes.details_table(found)
    assert set(details["Change"]) == {"added", "changed"}
    edits = dict(zip(details["Record"], details["Fields changed (old → new)"], strict=True))
    # Each changed field with its old and new value, not only its name; amounts with separators and unit.
    assert edits["DEU / 2022"] == "Amount (USD): USD 1,500,000 → USD 2,000,000"
    assert edits["PR-1"].startswith(
        "Title: Skills passport for returnees → A renamed practice; Scope: National → Local"
    )


def test_report_tables_explain_every_code(workbook):
    sheets = valid_sheets()
    sheets["Practices"][1][headers("practices").index("Scope")] = "Natonal"
    sheets["Practices"][0].append("Notes")
    result = load_paths([workbook(sheets)], complete=True)
    table = report.issues_table(result.issues)
    row = table[table["Code"] == "unknown_value"].iloc[0]
    assert (row["Sheet"], row["Row"], row["Column"], row["Suggestion"]) == ("Practices", 2, "Scope", "National")
    counts = report.counts_table(result.issues).set_index("Code")
    assert counts.loc["unknown_value", "Count"] == 1 and counts.loc["unknown_column", "Severity"] == "warning"
    assert set(report.EXPLANATIONS) == set(IssueCode)
