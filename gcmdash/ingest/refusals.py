"""The safe reader's refusals shared by its stages: each says in plain words what is wrong and how to fix it."""

from __future__ import annotations

from gcmdash import settings
from gcmdash.ingest.issues import Issue, IssueCode, SpreadsheetError

MB = 1024 * 1024

SAVE_AS_XLSX = "File › Save As › Excel Workbook (*.xlsx)"
SAVE_AS_CSV = "File › Save As › CSV UTF-8 (Comma delimited) (*.csv)"


def refusal(code: IssueCode, message: str, filename: str, sheet: str | None = None) -> SpreadsheetError:
    """The error carrying one issue about the whole file (or one sheet), located by file name only."""
    return SpreadsheetError(Issue(sheet, None, None, code, message, filename))


def not_a_spreadsheet(filename: str, kind: str | None, hint: str | None = None) -> SpreadsheetError:
    """The file is something else (kind, if recognised), with how to get a workbook or CSV from it."""
    looks = f"it looks like {kind}" if kind else "its contents are not those of a spreadsheet"
    hint = hint or (
        "If the data is in Excel, open it there and save it as a workbook "
        f"({SAVE_AS_XLSX}), or as {SAVE_AS_CSV.split(' › ')[-1]}."
    )
    return refusal(
        IssueCode.NOT_A_SPREADSHEET,
        f"“{filename}” is not an Excel workbook (.xlsx) or a CSV file: {looks}. {hint}",
        filename,
    )


def corrupt(filename: str, detail: str | None = None) -> SpreadsheetError:
    """The file looks like a workbook but cannot be read; detail is the parser's own words, if any."""
    extra = f" (technical detail: {one_line(detail)})" if detail else ""
    return refusal(
        IssueCode.CORRUPT_FILE,
        f"“{filename}” looks like an Excel workbook but is damaged or incomplete{extra}. It may have been cut off "
        "during download or upload, or written by a program Excel does not fully agree with. Open it in Excel "
        f"(Excel may offer to repair it), save it again with {SAVE_AS_XLSX}, and upload the new file.",
        filename,
    )


def one_line(text: str, limit: int = 160) -> str:
    """Text on one line, cut to limit characters, to quote a parser's message inside ours."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sheet_too_large(filename: str, sheet: str | None, cells: int, where: str) -> SpreadsheetError:
    """A sheet (or, without one, the workbook) holds or claims more cells than the dashboard reads."""
    limit = int(settings.get("max_cells"))
    subject = f"Sheet “{sheet}”" if sheet else f"The workbook “{filename}”"
    return refusal(
        IssueCode.SHEET_TOO_LARGE,
        f"{subject} {where} {cells:,} cells, more than the {limit:,} the dashboard reads. Usually a stray value "
        "or formatting far below or to the right of the data makes Excel think the sheet is that big: on the "
        "sheet press Ctrl+End to jump to the last used cell, delete the empty rows and columns between your data "
        "and it, save, and upload again. If the data really is that large, split it into several files.",
        filename,
        sheet,
    )


def too_many_rows(filename: str, sheet: str | None, limit: int) -> SpreadsheetError:
    """A sheet (or, without one, the file) holds more rows than the dashboard reads."""
    subject = f"Sheet “{sheet}”" if sheet else f"“{filename}”"
    return refusal(
        IssueCode.SHEET_TOO_LARGE,
        f"{subject} holds more than {limit:,} rows, more than any dataset of the format needs. Check that it is "
        "the right file (not an export of another system, a log, or a list of blank lines); if the data really "
        "is that large, split it into several files.",
        filename,
        sheet,
    )


def encrypted_error(filename: str) -> SpreadsheetError:
    """The file is protected with a password, with how to remove it."""
    return refusal(
        IssueCode.ENCRYPTED_FILE,
        f"“{filename}” is protected with a password, so its contents cannot be read. Open it in Excel, remove "
        "the password (File › Info › Protect Workbook › Encrypt with Password, clear the password and press OK), "
        "save, and upload the file again.",
        filename,
    )


def expands_too_much(filename: str, size: int) -> SpreadsheetError:
    """The archive would expand past the uncompressed-size cap (size in bytes)."""
    limit = int(settings.get("max_uncompressed_mb"))
    return refusal(
        IssueCode.ZIP_TOO_LARGE,
        f"“{filename}” would expand to {size / MB:,.0f} MB when opened, more than the {limit:,} MB the dashboard "
        "accepts. Remove sheets, images and unused rows or columns, or split the data into smaller files, then "
        "upload again.",
        filename,
    )
