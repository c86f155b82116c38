"""The validation report as analysts read it: one row per problem, counts per kind, each kind explained."""

from __future__ import annotations

import re

import pandas as pd

from gcmdash.ingest.issues import Issue, IssueCode
from gcmdash.ingest.loading import LoadResult
from gcmdash.model.dataset_specs import dataset

#: What each kind of problem means and how to fix it, in plain words.
EXPLANATIONS: dict[IssueCode, str] = {
    IssueCode.EMPTY_FILE: "The file has no content. Pick the right file, or save it again from Excel.",
    IssueCode.FILE_TOO_LARGE: "The file is larger than gcmdash accepts. Remove unused sheets or split it.",
    IssueCode.NOT_A_SPREADSHEET: "The file is not an Excel workbook or a CSV. Save it from Excel as .xlsx.",
    IssueCode.LEGACY_XLS: "Old .xls workbooks are not read. In Excel: File › Save As › Excel Workbook (.xlsx).",
    IssueCode.ENCRYPTED_FILE: "The workbook is password-protected. Remove the password and save it again.",
    IssueCode.CORRUPT_FILE: "The file is damaged or was not written by a spreadsheet program. Save it again.",
    IssueCode.ZIP_TOO_MANY_ENTRIES: (
        "The workbook holds far more parts than a data sheet needs: it is refused for safety."
    ),
    IssueCode.ZIP_TOO_LARGE: "Unpacked, the workbook would be far larger than a data sheet: it is refused for safety.",
    IssueCode.ZIP_RATIO: "The workbook is compressed like a zip bomb: it is refused for safety.",
    IssueCode.XML_ENTITIES: "The workbook contains XML declarations no spreadsheet program writes: refused for safety.",
    IssueCode.SHEET_TOO_LARGE: "A sheet claims or holds more cells than gcmdash reads. Delete unused rows and columns.",
    IssueCode.PARSE_TIMEOUT: "Reading took too long. Save the workbook again, or remove unused sheets.",
    IssueCode.PARSE_MEMORY: "Reading needed too much memory. Remove unused sheets, rows and columns.",
    IssueCode.BAD_ENCODING: "The CSV is not UTF-8. In Excel: Save As › CSV UTF-8 (Comma delimited).",
    IssueCode.MISSING_SHEET: "A dataset is missing. Add its sheet (the template has them all).",
    IssueCode.OPTIONAL_SHEET_MISSING: (
        "An optional dataset is missing: the version will have none of it. Add its sheet to keep it."
    ),
    IssueCode.IGNORED_SHEET: "A sheet is not one of the datasets; it is ignored. Nothing to fix if that is intended.",
    IssueCode.DUPLICATE_SHEET: "Two sheets hold the same dataset. Keep one.",
    IssueCode.EMPTY_SHEET: "A dataset sheet has headers but no rows.",
    IssueCode.MISSING_COLUMN: "A required column is missing or misspelt. Rename or add it as in the template.",
    IssueCode.UNKNOWN_COLUMN: "A column is not part of the format; it is ignored. Nothing to fix if that is intended.",
    IssueCode.DUPLICATE_COLUMN: "Two columns hold the same field. Keep one.",
    IssueCode.EMPTY_HEADER: "A column has data but no header (often merged header cells). Give it its header.",
    IssueCode.EMPTY_REQUIRED: "A required cell is empty. Fill it in.",
    IssueCode.WRONG_TYPE: "A cell holds text where a number or a year is expected.",
    IssueCode.BAD_DATE: "A date cannot be read. Enter a date cell, or write it as YYYY-MM-DD.",
    IssueCode.AMBIGUOUS_DATE: "A date could be day/month or month/day. Write it as YYYY-MM-DD.",
    IssueCode.AMBIGUOUS_NUMBER: "A number could be read two ways (1,250: a thousand, or 1.25). Write digits only, "
    "with a point for decimals.",
    IssueCode.NOTES_ROW: "A row holds only a note. Move notes to another sheet.",
    IssueCode.TOTALS_ROW: "A row holds a total. Remove it: totals are computed from the records.",
    IssueCode.BAD_URL: "A link is not a web address. Links start with https://.",
    IssueCode.OUT_OF_RANGE: "A number or a year is outside the allowed range.",
    IssueCode.UNKNOWN_COUNTRY: "A country name is not recognised. Use the UN name or the ISO3 code.",
    IssueCode.AMBIGUOUS_COUNTRY: "A country name could mean several countries. Write it in full or use the ISO3 code.",
    IssueCode.OBJECTIVE_OUT_OF_RANGE: "GCM objectives are numbered 1 to 23.",
    IssueCode.BAD_OBJECTIVE: "An objective cannot be read. Write numbers such as 2; 7; 15, or General.",
    IssueCode.UNKNOWN_VALUE: "A value is not in the list for its column. The drop-down in the template has the list.",
    IssueCode.FORMULA: "A cell holds a formula. Paste values instead of formulas.",
    IssueCode.DUPLICATE_ID: "The same record appears twice. Each ID (or combination) must appear once.",
    IssueCode.UNKNOWN_REFERENCE: "A cell names a record of another sheet that does not exist.",
    IssueCode.INCONSISTENT_ROW: "Cells of one row contradict each other (e.g. an end year before the start year).",
    IssueCode.TOO_MANY_ISSUES: "Only the first problems are listed. Fix them and check again.",
    IssueCode.FIGURE_JUMP: "A headline figure would move by more than 5 times. Check the records behind it; "
    "confirm before publishing if it is right.",
    IssueCode.SHARE_OVER_100: "A share would be over 100 %. Check the amounts or counts behind it.",
    IssueCode.AMOUNT_OUTLIER: "An amount is far outside the range of the published amounts. Check the cell "
    "(a misread decimal comma, a missing or extra zero); confirm if it is right.",
}

_SUGGESTION = re.compile(r'Did you mean (?:objective \d+ )?"([^"]+)"')


def suggestion(issue: Issue) -> str:
    """The closest valid value the message proposes, if any (it is never applied automatically)."""
    match = _SUGGESTION.search(issue.message)
    return match.group(1) if match else ""


def issues_table(issues: tuple[Issue, ...] | list[Issue]) -> pd.DataFrame:
    """One row per problem: where it is, what is wrong, the value found and the suggested fix."""
    return pd.DataFrame(
        [
            (
                i.sheet or "",
                i.row,
                i.column or "",
                "error" if i.is_error else "warning",
                str(i.code),
                i.message,
                i.value or "",
                suggestion(i),
            )
            for i in issues
        ],
        columns=["Sheet", "Row", "Column", "Severity", "Code", "Problem", "Value", "Suggestion"],
    ).astype({"Row": "Int64"})


def counts_table(issues: tuple[Issue, ...] | list[Issue]) -> pd.DataFrame:
    """How many problems of each kind, most frequent first, with what the kind means."""
    counts = pd.Series([i.code for i in issues], dtype=object).value_counts()
    return pd.DataFrame(
        [
            (str(code), n, "error" if Issue(None, None, None, code, "").is_error else "warning", EXPLANATIONS[code])
            for code, n in counts.items()
        ],
        columns=["Code", "Count", "Severity", "What it means"],
    )


def sheets_table(result: LoadResult) -> pd.DataFrame:
    """Which dataset each uploaded sheet was taken as, or that it was ignored."""
    return pd.DataFrame(
        [(u.source, u.sheet, dataset(u.dataset).sheet if u.dataset else "ignored", u.rows) for u in result.uses],
        columns=["File", "Sheet", "Taken as", "Rows"],
    )
