"""The one shape of every problem found in a spreadsheet: (sheet, row, column, code, message, value)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NamedTuple


class IssueCode(StrEnum):
    """Every kind of problem gcmdash reports; tests compare these, never the wording."""

    # The file as a whole: nothing in it can be read.
    EMPTY_FILE = "empty_file"
    FILE_TOO_LARGE = "file_too_large"
    NOT_A_SPREADSHEET = "not_a_spreadsheet"
    LEGACY_XLS = "legacy_xls"
    ENCRYPTED_FILE = "encrypted_file"
    CORRUPT_FILE = "corrupt_file"
    ZIP_TOO_MANY_ENTRIES = "zip_too_many_entries"
    ZIP_TOO_LARGE = "zip_too_large"
    ZIP_RATIO = "zip_ratio"
    XML_ENTITIES = "xml_entities"
    SHEET_TOO_LARGE = "sheet_too_large"
    PARSE_TIMEOUT = "parse_timeout"
    PARSE_MEMORY = "parse_memory"
    BAD_ENCODING = "bad_encoding"
    # The layout of sheets and columns.
    MISSING_SHEET = "missing_sheet"
    OPTIONAL_SHEET_MISSING = "optional_sheet_missing"
    IGNORED_SHEET = "ignored_sheet"
    DUPLICATE_SHEET = "duplicate_sheet"
    EMPTY_SHEET = "empty_sheet"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    EMPTY_HEADER = "empty_header"
    # Single cells.
    EMPTY_REQUIRED = "empty_required"
    WRONG_TYPE = "wrong_type"
    AMBIGUOUS_NUMBER = "ambiguous_number"
    BAD_DATE = "bad_date"
    AMBIGUOUS_DATE = "ambiguous_date"
    BAD_URL = "bad_url"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_COUNTRY = "unknown_country"
    AMBIGUOUS_COUNTRY = "ambiguous_country"
    OBJECTIVE_OUT_OF_RANGE = "objective_out_of_range"
    BAD_OBJECTIVE = "bad_objective"
    UNKNOWN_VALUE = "unknown_value"
    FORMULA = "formula"
    # Rows that are not records.
    NOTES_ROW = "notes_row"
    TOTALS_ROW = "totals_row"
    # Across rows and sheets.
    DUPLICATE_ID = "duplicate_id"
    UNKNOWN_REFERENCE = "unknown_reference"
    INCONSISTENT_ROW = "inconsistent_row"
    TOO_MANY_ISSUES = "too_many_issues"
    # Plausible against the published data? Read as written, but published only once the analyst confirms.
    FIGURE_JUMP = "figure_jump"
    SHARE_OVER_100 = "share_over_100"
    AMOUNT_OUTLIER = "amount_outlier"


#: Codes that are reported but do not make a file invalid: nothing the analyst wrote is lost by them.
#: Warnings the analyst must confirm before publishing: the values were read as written, but look implausible.
TO_CONFIRM: frozenset[IssueCode] = frozenset(
    {IssueCode.FIGURE_JUMP, IssueCode.SHARE_OVER_100, IssueCode.AMOUNT_OUTLIER}
)
WARNINGS: frozenset[IssueCode] = frozenset(
    {IssueCode.IGNORED_SHEET, IssueCode.UNKNOWN_COLUMN, IssueCode.OPTIONAL_SHEET_MISSING, *TO_CONFIRM}
)


class Issue(NamedTuple):
    """One problem: where it is (Excel sheet, 1-based row as Excel shows it, column header), what and why."""

    sheet: str | None
    row: int | None
    column: str | None
    code: IssueCode
    message: str
    value: str | None = None

    @property
    def is_error(self) -> bool:
        """True when this problem stops the file from being used."""
        return self.code not in WARNINGS

    def as_dict(self) -> dict[str, Any]:
        """The issue as plain JSON-ready values."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "code": str(self.code),
            "message": self.message,
            "value": self.value,
        }


class SpreadsheetError(Exception):
    """A file that cannot be read at all; carries the one issue that explains why."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def shown_value(value: object, limit: int = 80) -> str | None:
    """A cell value as an analyst would recognise it, shortened so reports stay readable."""
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
