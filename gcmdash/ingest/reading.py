"""The safe reader: turns an uploaded .xlsx or .csv into raw sheets without letting a hostile file harm the server.

Order of defence, cheapest first: size cap, type by magic bytes, zip central-directory checks (entry count,
declared sizes, compression ratio), XML prolog scan (DTDs/entities) and claimed sheet dimensions, and only then
parsing — in a separate, freshly started Python process with an address-space limit and a deadline. A file that
makes the parser abort, loop or eat memory costs that child process, never the Streamlit server.

Here: the entry points, the size cap and what the bytes are. The zip and XML checks are in zip_guard, the child in
sandbox, which reads workbooks (workbooks) and delimited text (text_files) into RawSheets (raw_sheet).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from gcmdash import settings
from gcmdash.ingest.issues import IssueCode, SpreadsheetError
from gcmdash.ingest.raw_sheet import RawSheet
from gcmdash.ingest.refusals import MB, SAVE_AS_XLSX, encrypted_error, not_a_spreadsheet, refusal
from gcmdash.ingest.sandbox import parse_in_child
from gcmdash.ingest.zip_guard import check_zip

__all__ = ["SPREADSHEET_KINDS", "SPREADSHEET_SUFFIXES", "file_bytes", "read_bytes", "read_path"]

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
# What a folder is searched for: Excel, LibreOffice and delimited text. Not .txt, which the reader takes when it is
# named (Excel's "Unicode text"), because folders of data often hold notes and read-me files as .txt too.
SPREADSHEET_SUFFIXES = (".xlsx", ".ods", ".csv", ".tsv")
SPREADSHEET_KINDS = ".xlsx, .ods, .csv or .tsv"


def read_path(path: str | os.PathLike[str]) -> list[RawSheet]:
    """Read a spreadsheet file from disk (size checked before reading); OSError if the file cannot be opened."""
    path = Path(path)
    return read_bytes(file_bytes(path), path.name)


def file_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, refusing one over the size cap before reading it (FILE_TOO_LARGE)."""
    path = Path(path)
    limit = _max_upload_bytes()
    size = path.stat().st_size
    if size > limit:
        raise refusal(IssueCode.FILE_TOO_LARGE, _too_large_message(path.name, size, limit), path.name)
    with path.open("rb") as handle:
        # Read one byte past the cap so a file that grew since stat() is still refused.
        return handle.read(limit + 1)


def read_bytes(data: bytes, filename: str) -> list[RawSheet]:
    """Read an uploaded .xlsx or .csv given as bytes; raises SpreadsheetError with one plain-language issue."""
    limit = _max_upload_bytes()
    if len(data) > limit:
        raise refusal(IssueCode.FILE_TOO_LARGE, _too_large_message(filename, len(data), limit), filename)
    if not data:
        raise refusal(
            IssueCode.EMPTY_FILE,
            f"“{filename}” is empty (0 bytes). Check that you picked the right file; if it is empty on your "
            "computer too, open the original in Excel, save it again and upload the saved copy.",
            filename,
        )
    if data.startswith(_ZIP_MAGIC) or data.startswith(_EMPTY_ZIP_MAGIC):
        check_zip(data, filename)
        return parse_in_child(data, filename, "xlsx")
    if data.startswith(_OLE2_MAGIC):
        raise _ole2_error(data, filename)
    kind = _binary_kind(data)
    if kind is not None:
        raise not_a_spreadsheet(filename, kind)
    text_kind = _text_kind(data)
    if text_kind is not None:
        raise not_a_spreadsheet(filename, text_kind)
    if PurePath(filename).suffix.lower() in _CSV_SUFFIXES:
        # In the limited child too: a small CSV of millions of short lines takes far more memory once parsed.
        return parse_in_child(data, filename, "csv")
    if _looks_like_text(data):
        raise not_a_spreadsheet(
            filename,
            "plain text",
            "If it is a CSV export, give it a name ending in .csv and upload it again, or open it in Excel and "
            f"save it as a workbook: {SAVE_AS_XLSX}.",
        )
    raise not_a_spreadsheet(filename, None)


def _max_upload_bytes() -> int:
    return int(settings.get("max_upload_mb")) * MB


def _too_large_message(filename: str, size: int, limit: int) -> str:
    return (
        f"“{filename}” is {size / MB:.1f} MB; files up to {limit // MB} MB are accepted. Delete sheets, images or "
        "columns the dashboard does not need, or split the data into several files, then upload again."
    )


# --------------------------------------------------------------------------------------------------------------
# Recognising what the bytes are


def _ole2_error(data: bytes, filename: str) -> SpreadsheetError:
    # An OLE2 container is either a pre-2007 binary Office file or the wrapper Office puts around an
    # encrypted (password-protected) .xlsx; only the latter has an EncryptionInfo stream.
    if "EncryptionInfo".encode("utf-16-le") in data:
        return encrypted_error(filename)
    if "WordDocument".encode("utf-16-le") in data:
        return not_a_spreadsheet(filename, "an old-style Word document (.doc)")
    if "PowerPoint Document".encode("utf-16-le") in data:
        return not_a_spreadsheet(filename, "an old-style PowerPoint presentation (.ppt)")
    return refusal(
        IssueCode.LEGACY_XLS,
        f"“{filename}” is an old-style Excel 97–2003 workbook (.xls), which the dashboard does not read. Open it "
        f"in Excel, save it as .xlsx: {SAVE_AS_XLSX}, and upload the new file.",
        filename,
    )


_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip-compressed archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "a Rich Text (RTF) document"),
)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _text_kind(data: bytes) -> str | None:
    # Some systems export "Excel" files that are really web pages or Excel 2003 XML; say so, since the fix differs.
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<table" in head):
        return "a web page (HTML), which some systems export with an Excel name"
    if head.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:65536]:
            return "an Excel 2003 XML spreadsheet"
        return "an XML file"
    return None


def _looks_like_text(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head
