"""The safe reader: turns an uploaded .xlsx or .csv into raw sheets without letting a hostile file harm the server.

Order of defence, cheapest first: size cap, type by magic bytes, zip central-directory checks (entry count,
declared sizes, compression ratio), XML prolog scan (DTDs/entities) and claimed sheet dimensions, and only then
parsing — in a separate, freshly started Python process with an address-space limit and a deadline. A file that
makes the parser abort, loop or eat memory costs that child process, never the Streamlit server.
"""

from __future__ import annotations

import atexit
import csv
import datetime as dt
import io
import logging
import os
import pickle
import posixpath
import re
import signal
import subprocess
import sys
import threading
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, ClassVar

from gcmdash import settings
from gcmdash.ingest.issues import Issue, IssueCode, SpreadsheetError

__all__ = ["SPREADSHEET_KINDS", "SPREADSHEET_SUFFIXES", "RawSheet", "read_bytes", "read_path"]

log = logging.getLogger(__name__)

MB = 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
# What a folder is searched for: Excel, LibreOffice and delimited text. Not .txt, which the reader takes when it is
# named (Excel's "Unicode text"), because folders of data often hold notes and read-me files as .txt too.
SPREADSHEET_SUFFIXES = (".xlsx", ".ods", ".csv", ".tsv")
SPREADSHEET_KINDS = ".xlsx, .ods, .csv or .tsv"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_SAVE_AS_XLSX = "File › Save As › Excel Workbook (*.xlsx)"
_SAVE_AS_CSV = "File › Save As › CSV UTF-8 (Comma delimited) (*.csv)"

# Entries smaller than this are not ratio-checked: tiny, very regular parts (styles, empty sheets) compress
# far better than 100:1 without being bombs, and they cannot expand to anything dangerous.
_RATIO_MIN_BYTES = 1 * MB
# How much of each XML part the server itself decompresses to look at its prolog and <dimension>.
_XML_HEAD_BYTES = 64 * 1024
# workbook.xml and its relationships are parsed in full in the server (they are small in real files).
_WORKBOOK_XML_MAX = 16 * MB
# A title block above the header is at most a few one-cell rows; past this, a one-cell row is data.
_MAX_TITLE_ROWS = 5

# Exit status of a child that ran out of memory (it reports nothing else: see _child_main).
_EXIT_MEMORY = 3
_PAYLOAD_MAGIC = b"GCMDASH-SHEETS-1\n"


@dataclass(frozen=True)
class RawSheet:
    """One sheet as read from the file, before any validation: header and non-empty rows with Excel row numbers.

    ``header_row`` is 0 (and ``header`` and ``rows`` are empty) when the sheet has no non-empty cell. Up to five
    one-cell rows above the first row with two or more filled cells are taken as a title block and skipped.
    """

    name: str
    source: str
    header_row: int
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    #: Whether the file writes decimals with a comma: a semicolon-separated CSV, as Excel saves in most of Europe.
    decimal_comma: bool = False


# --------------------------------------------------------------------------------------------------------------
# Public API


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
        raise _error(IssueCode.FILE_TOO_LARGE, _too_large_message(path.name, size, limit), path.name)
    with path.open("rb") as handle:
        # Read one byte past the cap so a file that grew since stat() is still refused.
        return handle.read(limit + 1)


def read_bytes(data: bytes, filename: str) -> list[RawSheet]:
    """Read an uploaded .xlsx or .csv given as bytes; raises SpreadsheetError with one plain-language issue."""
    limit = _max_upload_bytes()
    if len(data) > limit:
        raise _error(IssueCode.FILE_TOO_LARGE, _too_large_message(filename, len(data), limit), filename)
    if not data:
        raise _error(
            IssueCode.EMPTY_FILE,
            f"“{filename}” is empty (0 bytes). Check that you picked the right file; if it is empty on your "
            "computer too, open the original in Excel, save it again and upload the saved copy.",
            filename,
        )
    if data.startswith(_ZIP_MAGIC) or data.startswith(_EMPTY_ZIP_MAGIC):
        _check_zip(data, filename)
        return _parse_in_child(data, filename, "xlsx")
    if data.startswith(_OLE2_MAGIC):
        raise _ole2_error(data, filename)
    kind = _binary_kind(data)
    if kind is not None:
        raise _not_a_spreadsheet(filename, kind)
    text_kind = _text_kind(data)
    if text_kind is not None:
        raise _not_a_spreadsheet(filename, text_kind)
    if PurePath(filename).suffix.lower() in _CSV_SUFFIXES:
        # In the limited child too: a small CSV of millions of short lines takes far more memory once parsed.
        return _parse_in_child(data, filename, "csv")
    if _looks_like_text(data):
        raise _not_a_spreadsheet(
            filename,
            "plain text",
            "If it is a CSV export, give it a name ending in .csv and upload it again, or open it in Excel and "
            f"save it as a workbook: {_SAVE_AS_XLSX}.",
        )
    raise _not_a_spreadsheet(filename, None)


# --------------------------------------------------------------------------------------------------------------
# Messages


def _error(code: IssueCode, message: str, filename: str, sheet: str | None = None) -> SpreadsheetError:
    return SpreadsheetError(Issue(sheet, None, None, code, message, filename))


def _max_upload_bytes() -> int:
    return int(settings.get("max_upload_mb")) * MB


def _too_large_message(filename: str, size: int, limit: int) -> str:
    return (
        f"“{filename}” is {size / MB:.1f} MB; files up to {limit // MB} MB are accepted. Delete sheets, images or "
        "columns the dashboard does not need, or split the data into several files, then upload again."
    )


def _not_a_spreadsheet(filename: str, kind: str | None, hint: str | None = None) -> SpreadsheetError:
    looks = f"it looks like {kind}" if kind else "its contents are not those of a spreadsheet"
    hint = hint or (
        "If the data is in Excel, open it there and save it as a workbook "
        f"({_SAVE_AS_XLSX}), or as {_SAVE_AS_CSV.split(' › ')[-1]}."
    )
    return _error(
        IssueCode.NOT_A_SPREADSHEET,
        f"“{filename}” is not an Excel workbook (.xlsx) or a CSV file: {looks}. {hint}",
        filename,
    )


def _corrupt(filename: str, detail: str | None = None) -> SpreadsheetError:
    extra = f" (technical detail: {_one_line(detail)})" if detail else ""
    return _error(
        IssueCode.CORRUPT_FILE,
        f"“{filename}” looks like an Excel workbook but is damaged or incomplete{extra}. It may have been cut off "
        "during download or upload, or written by a program Excel does not fully agree with. Open it in Excel "
        f"(Excel may offer to repair it), save it again with {_SAVE_AS_XLSX}, and upload the new file.",
        filename,
    )


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sheet_too_large(filename: str, sheet: str | None, cells: int, where: str) -> SpreadsheetError:
    limit = int(settings.get("max_cells"))
    subject = f"Sheet “{sheet}”" if sheet else f"The workbook “{filename}”"
    return _error(
        IssueCode.SHEET_TOO_LARGE,
        f"{subject} {where} {cells:,} cells, more than the {limit:,} the dashboard reads. Usually a stray value "
        "or formatting far below or to the right of the data makes Excel think the sheet is that big: on the "
        "sheet press Ctrl+End to jump to the last used cell, delete the empty rows and columns between your data "
        "and it, save, and upload again. If the data really is that large, split it into several files.",
        filename,
        sheet,
    )


def _too_many_rows(filename: str, sheet: str | None, limit: int) -> SpreadsheetError:
    subject = f"Sheet “{sheet}”" if sheet else f"“{filename}”"
    return _error(
        IssueCode.SHEET_TOO_LARGE,
        f"{subject} holds more than {limit:,} rows, more than any dataset of the format needs. Check that it is "
        "the right file (not an export of another system, a log, or a list of blank lines); if the data really "
        "is that large, split it into several files.",
        filename,
        sheet,
    )


def _memory_error(filename: str) -> SpreadsheetError:
    limit = int(settings.get("parse_memory_mb"))
    return _error(
        IssueCode.PARSE_MEMORY,
        f"Reading “{filename}” needed more than the {limit:,} MB of memory allowed, so it was stopped. The file "
        "holds (or claims to hold) far more cells than a normal workbook — often because of a stray value or "
        "formatting far below or to the right of the data. In Excel press Ctrl+End on each sheet to find the last "
        "used cell, delete empty rows and columns beyond your data, remove sheets the dashboard does not need, "
        "save, and upload again.",
        filename,
    )


def _timeout_error(filename: str, timeout: float) -> SpreadsheetError:
    return _error(
        IssueCode.PARSE_TIMEOUT,
        f"Reading “{filename}” took longer than {timeout:g} seconds, so it was stopped. The file is very large or "
        "unusually complex. Delete sheets, rows and columns the dashboard does not need (or split the data into "
        "several files), save, and upload again.",
        filename,
    )


def _encrypted_error(filename: str) -> SpreadsheetError:
    return _error(
        IssueCode.ENCRYPTED_FILE,
        f"“{filename}” is protected with a password, so its contents cannot be read. Open it in Excel, remove "
        "the password (File › Info › Protect Workbook › Encrypt with Password, clear the password and press OK), "
        "save, and upload the file again.",
        filename,
    )


# --------------------------------------------------------------------------------------------------------------
# Recognising what the bytes are


def _ole2_error(data: bytes, filename: str) -> SpreadsheetError:
    # An OLE2 container is either a pre-2007 binary Office file or the wrapper Office puts around an
    # encrypted (password-protected) .xlsx; only the latter has an EncryptionInfo stream.
    if "EncryptionInfo".encode("utf-16-le") in data:
        return _encrypted_error(filename)
    if "WordDocument".encode("utf-16-le") in data:
        return _not_a_spreadsheet(filename, "an old-style Word document (.doc)")
    if "PowerPoint Document".encode("utf-16-le") in data:
        return _not_a_spreadsheet(filename, "an old-style PowerPoint presentation (.ppt)")
    return _error(
        IssueCode.LEGACY_XLS,
        f"“{filename}” is an old-style Excel 97–2003 workbook (.xls), which the dashboard does not read. Open it "
        f"in Excel, save it as .xlsx: {_SAVE_AS_XLSX}, and upload the new file.",
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


# --------------------------------------------------------------------------------------------------------------
# Zip and XML guards (run in the server: only metadata and bounded heads of parts are ever decompressed here)


def _check_zip(data: bytes, filename: str) -> None:
    """Refuse damaged archives, zip bombs, non-workbooks, DTDs and sheets claiming too many cells."""
    max_entries = int(settings.get("max_zip_entries"))
    # zipfile builds one object per central-directory record, each of which must start with this signature:
    # counting signatures bounds that work before zipfile is even called (a 20 MB file could hold ~400,000).
    records = data.count(b"PK\x01\x02")
    if records > max_entries:
        raise _too_many_entries(filename, records, max_entries)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > max_entries:
                raise _too_many_entries(filename, len(infos), max_entries)
            _check_sizes(infos, filename)
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                if _is_ods(archive, names):
                    # LibreOffice's and Google Sheets' format: the same zip and XML guards; the child counts cells.
                    _check_xml_prologs(archive, infos, filename)
                    return
                raise _not_a_spreadsheet(filename, *_zip_kind(archive, names))
            _check_xml_prologs(archive, infos, filename)
            _check_dimensions(archive, _sheet_parts(archive, names, filename), filename)
    except SpreadsheetError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, CRC mismatch, encrypted entry, malformed workbook.xml…
        raise _corrupt(filename) from exc


def _too_many_entries(filename: str, count: int, limit: int) -> SpreadsheetError:
    return _error(
        IssueCode.ZIP_TOO_MANY_ENTRIES,
        f"“{filename}” is made of {count:,} internal parts; a normal workbook has a few dozen (the limit is "
        f"{limit:,}). This happens when a file holds many embedded images or objects, or was not made by Excel. "
        "Copy the data sheets into a new, empty workbook, save it, and upload that.",
        filename,
    )


def _expands_too_much(filename: str, size: int) -> SpreadsheetError:
    limit = int(settings.get("max_uncompressed_mb"))
    return _error(
        IssueCode.ZIP_TOO_LARGE,
        f"“{filename}” would expand to {size / MB:,.0f} MB when opened, more than the {limit:,} MB the dashboard "
        "accepts. Remove sheets, images and unused rows or columns, or split the data into smaller files, then "
        "upload again.",
        filename,
    )


def _check_sizes(infos: list[zipfile.ZipInfo], filename: str) -> None:
    total = sum(info.file_size for info in infos)
    if total > int(settings.get("max_uncompressed_mb")) * MB:
        raise _expands_too_much(filename, total)
    max_ratio = float(settings.get("max_zip_ratio"))
    for info in infos:
        if info.file_size <= _RATIO_MIN_BYTES:
            continue
        ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
        if ratio > max_ratio:
            raise _error(
                IssueCode.ZIP_RATIO,
                f"“{filename}” contains a part ({info.filename}) that expands {ratio:,.0f}-fold when opened; real "
                f"workbooks stay far below {max_ratio:,.0f}-fold, so the file was refused as a possible “zip "
                "bomb”. If the file is genuine, open it in Excel, copy the data into a new workbook, save it and "
                "upload that.",
                filename,
            )


def _is_ods(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """An OpenDocument spreadsheet (.ods): its first part, "mimetype", says so."""
    if "mimetype" not in names or "content.xml" not in names:
        return False
    return archive.open("mimetype").read(200).decode("ascii", "replace").strip() == ODS_MIMETYPE


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, str | None]:
    if "mimetype" in names:
        mimetype = archive.open("mimetype").read(200).decode("ascii", "replace")
        if "opendocument.spreadsheet" in mimetype:
            return (
                "an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice)",
                "Open it in LibreOffice or Excel and save it as an Excel workbook (.xlsx) — in Excel: "
                f"{_SAVE_AS_XLSX}.",
            )
        if "opendocument" in mimetype:
            return "an OpenDocument file (LibreOffice or OpenOffice)", None
    if any(name.startswith("word/") for name in names):
        return "a Word document (.docx)", None
    if any(name.startswith("ppt/") for name in names):
        return "a PowerPoint presentation (.pptx)", None
    return (
        "a zip archive",
        "If the spreadsheet is inside it, unzip it first and upload the .xlsx or .csv file itself.",
    )


_DTD = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _xml_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    with archive.open(info) as part:
        raw = part.read(_XML_HEAD_BYTES)
    # Only ASCII markup is looked for, so latin-1 (which never fails) is enough unless the part is UTF-16.
    if raw.startswith((b"\xff\xfe", b"<\x00")):
        return raw[: len(raw) // 2 * 2].decode("utf-16-le", "replace")
    if raw.startswith((b"\xfe\xff", b"\x00<")):
        return raw[: len(raw) // 2 * 2].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


def _root_start(text: str) -> int | None:
    """Index of the root element's '<' after the XML declaration, comments and PIs; None if not within text."""
    i = 0
    while True:
        j = text.find("<", i)
        if j < 0:
            return None
        if text.startswith("<?", j):
            end = text.find("?>", j + 2)
            if end < 0:
                return None
            i = end + 2
        elif text.startswith("<!--", j):
            end = text.find("-->", j + 4)
            if end < 0:
                return None
            i = end + 3
        else:
            return j


def _check_xml_prologs(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], filename: str) -> None:
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        head = _xml_head(archive, info)
        # Excel never writes a DTD; one here is an entity-expansion ("billion laughs") or external-entity attack.
        if _DTD.search(head):
            raise _error(
                IssueCode.XML_ENTITIES,
                f"“{filename}” contains XML declarations (DOCTYPE/ENTITY, in {info.filename}) that Excel never "
                "writes; such files are used to attack servers, so it was refused. Open the data in Excel, save "
                f"it as a new workbook ({_SAVE_AS_XLSX}), and upload that.",
                filename,
            )
        if head.strip() and _root_start(head) is None:
            # A prolog longer than the part of it we looked at could hide a DTD further on.
            raise _corrupt(filename, f"{info.filename} does not start like an Excel part")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: Any, local_name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == local_name:
            return str(value)
    return None


def _sheet_parts(archive: zipfile.ZipFile, names: set[str], filename: str) -> list[tuple[str, str]]:
    # defusedxml refuses DTDs outright, a second lock behind the prolog scan above.
    from defusedxml.ElementTree import fromstring

    def load(name: str) -> Any:
        with archive.open(name) as part:
            raw = part.read(_WORKBOOK_XML_MAX + 1)
        if len(raw) > _WORKBOOK_XML_MAX:
            raise _corrupt(filename, f"{name} is unusually large")
        return fromstring(raw)

    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in names:
        return []  # the parser will say what is missing
    targets: dict[str, str] = {}
    for rel in load(rels_name).iter():
        if _local(rel.tag) != "Relationship" or (rel.get("TargetMode") or "").lower() == "external":
            continue
        rel_id, target = rel.get("Id"), rel.get("Target")
        if rel_id and target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel_id] = posixpath.normpath(path)
    sheets = []
    for element in load("xl/workbook.xml").iter():
        if _local(element.tag) != "sheet":
            continue
        name, rel_id = element.get("name") or "", _attr(element, "id")
        part = targets.get(rel_id or "")
        if part and part in names:
            sheets.append((name, part))
    return sheets


_DIMENSION = re.compile(r"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _ref_cells(ref: str) -> int | None:
    """Number of cells an A1:B2-style range covers; None if the text is not such a range."""
    corners = []
    for part in ref.split(":")[:2]:
        match = _CELL_REF.match(part.strip())
        if not match:
            return None
        column = 0
        for letter in match.group(1).upper():
            column = column * 26 + ord(letter) - 64
        corners.append((int(match.group(2)), column))
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def _check_dimensions(archive: zipfile.ZipFile, sheets: list[tuple[str, str]], filename: str) -> None:
    max_cells = int(settings.get("max_cells"))
    for name, part in sheets:
        head = _xml_head(archive, archive.getinfo(part))
        match = _DIMENSION.search(head)
        if match is None:
            continue  # no claim to check: the child's limits and cell count still apply
        cells = _ref_cells(match.group(1))
        if cells is not None and cells > max_cells:
            raise _sheet_too_large(filename, name, cells, f"claims to use the range {match.group(1)}, that is")


# --------------------------------------------------------------------------------------------------------------
# Parsing .xlsx in a child process

# The child is a fresh interpreter started with exec (subprocess), not a multiprocessing fork/forkserver/spawn
# child: forking a threaded server is unsafe, and multiprocessing's spawn and forkserver re-run the parent's
# __main__ in every child — under Streamlit that is the app script itself. -I keeps PYTHON* variables and the
# user's site-packages out; the project root is put on sys.path explicitly so the same gcmdash is imported.
_CHILD_CODE = (
    "import sys; sys.path.insert(0, sys.argv[1]); from gcmdash.ingest.reading import _child_main; _child_main()"
)
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])

# One child is kept started and idle (imports done, no limits yet, waiting on stdin) so an upload does not pay
# interpreter start-up; whoever takes it starts the next. Limits arrive with the file, so settings changed
# between uploads still apply. An idle spare exits as soon as its stdin closes, i.e. when this process ends.
_spare: subprocess.Popen[bytes] | None = None
_spare_lock = threading.Lock()


def _start_child() -> subprocess.Popen[bytes]:
    # Calamine's abort message is all we need from stderr; a Rust backtrace would only bury it.
    env = {**os.environ, "RUST_BACKTRACE": "0"}
    return subprocess.Popen(
        [sys.executable, "-I", "-c", _CHILD_CODE, _PROJECT_ROOT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        close_fds=True,
    )


def _take_child() -> subprocess.Popen[bytes]:
    global _spare
    with _spare_lock:
        child, _spare = _spare, _start_child()
    if child is None or child.poll() is not None:  # first upload, or the spare was killed meanwhile
        child = _start_child()
    return child


@atexit.register
def _stop_spare() -> None:
    global _spare
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None:
        child.kill()
        child.communicate()


def _parse_in_child(data: bytes, filename: str, kind: str) -> list[RawSheet]:
    """The file's sheets, parsed by a child process under the memory, time and size limits (kind: xlsx or csv)."""
    timeout = float(settings.get("parse_timeout_s"))
    memory_mb = int(settings.get("parse_memory_mb"))
    max_cells, max_rows = int(settings.get("max_cells")), int(settings.get("max_rows"))
    child = _take_child()
    max_result = int(settings.get("max_uncompressed_mb")) * MB
    # The file name travels hex-encoded: the CSV reader names its sheet and its messages after it.
    name = filename.encode("utf-8").hex() or "-"
    limits = f"{memory_mb} {max_cells} {max_rows} {timeout} {max_result} {kind} {name}\n"
    request = limits.encode("ascii") + data
    try:
        out, err = child.communicate(request, timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise _timeout_error(filename, timeout) from None
    except BaseException:
        child.kill()
        child.wait()
        raise
    return _child_result(child.returncode, out, err, filename, timeout)


def _child_result(returncode: int, out: bytes, err: bytes, filename: str, timeout: float) -> list[RawSheet]:
    if returncode == 0 and out.startswith(_PAYLOAD_MAGIC):
        try:
            message = _load_payload(out[len(_PAYLOAD_MAGIC) :])
        except Exception as exc:
            log.error("unreadable result from the spreadsheet child for %r: %s", filename, exc)
            raise _corrupt(filename) from None
        del out
        kind = message[0]
        if kind == "ok":
            return [RawSheet(name, filename, header_row, header, rows) for name, header_row, header, rows in message[1]]
        if kind == "csv":
            name, header_row, header, rows, decimal_comma = message[1]
            return [RawSheet(name, filename, header_row, header, rows, decimal_comma=decimal_comma)]
        if kind == "refused":  # the CSV reader's own located message
            code, text, sheet = message[1:]
            raise _error(IssueCode(code), text, filename, sheet)
        if kind == "too_many_rows":
            raise _too_many_rows(filename, *message[1:])
        if kind == "result_too_large":
            raise _expands_too_much(filename, message[1])
        if kind == "too_large":
            raise _sheet_too_large(filename, message[1], message[2], "holds")
        if kind == "encrypted":
            raise _encrypted_error(filename)
        raise _corrupt(filename, message[1] if len(message) > 1 else None)
    stderr = err.decode("utf-8", "replace")
    out_of_memory = (_EXIT_MEMORY, -signal.SIGKILL)
    if returncode in out_of_memory or "memory allocation of" in stderr or "MemoryError" in stderr:
        # The child's own out-of-memory exit; Rust aborts when an allocation fails under the address-space limit;
        # SIGKILL is the kernel's OOM killer.
        raise _memory_error(filename)
    if returncode == -signal.SIGXCPU:  # the CPU-time backstop fired
        raise _timeout_error(filename, timeout)
    if returncode < 0:
        log.warning("spreadsheet child died with signal %d on %r: %s", -returncode, filename, stderr[-2000:])
        raise _error(
            IssueCode.CORRUPT_FILE,
            f"The spreadsheet reader stopped unexpectedly while reading “{filename}”: the file is probably damaged "
            f"or was not written by Excel. Open it in Excel, save it again ({_SAVE_AS_XLSX}), and upload the new "
            "file.",
            filename,
        )
    # Any other exit means the child could not even start (a broken installation), not that the file is bad.
    raise RuntimeError(f"spreadsheet reader process failed (exit {returncode}): {stderr[-2000:]}")


def _time_text(*args: Any) -> str:
    return dt.time(*args).isoformat()


def _duration_text(*args: Any) -> str:
    # Shown the way Excel's [h]:mm:ss format shows a duration, e.g. 30:00:00 rather than "1 day, 6:00:00".
    seconds = round(dt.timedelta(*args).total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class _ResultUnpickler(pickle.Unpickler):
    """Unpickles the child's result, allowing only the few classes it can contain.

    Times of day and durations become text here, at no per-cell cost: RawSheet cells are never time/timedelta.
    """

    _ALLOWED: ClassVar[dict[tuple[str, str], Any]] = {
        ("datetime", "date"): dt.date,
        ("datetime", "datetime"): dt.datetime,
        ("datetime", "timezone"): dt.timezone,
        ("datetime", "time"): _time_text,
        ("datetime", "timedelta"): _duration_text,
    }

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"unexpected {module}.{name} in spreadsheet result") from None


def _load_payload(payload: bytes) -> Any:
    import gc

    # Unpickling creates one tuple per row; the cyclic GC would otherwise rescan them over and over.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _ResultUnpickler(io.BytesIO(payload)).load()
    finally:
        if enabled:
            gc.enable()


def _child_main() -> None:
    """Entry point of the parsing child: a line of limits then the workbook bytes on stdin, the result on stdout."""
    import gc
    import resource

    gc.disable()  # a short-lived process: collecting cycles among millions of fresh cells is wasted time
    import python_calamine  # noqa: F401  imported before the memory limit so the limit only covers the file

    request = sys.stdin.buffer
    line = request.readline()
    if not line:
        os._exit(0)  # an unused spare whose parent has gone
    memory_text, cells_text, rows_text, timeout_text, result_text, kind, name_hex = line.decode("ascii").split()
    max_cells, max_rows = int(cells_text), int(rows_text)
    limit = int(memory_text) * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Backstop for an orphaned child: the parent's deadline normally kills it first.
    cpu = int(float(timeout_text)) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not dump gigabytes of core
    # On MemoryError the child exits at once with a status the parent understands, without reporting or even
    # unwinding further: with the address space exhausted, CPython 3.11 can spin forever entering a cleanup
    # handler (it must allocate an int to do so), which would turn "out of memory" into a CPU-burning timeout.
    # Hence also no `with` or `finally` anywhere on the parsing path, and `except MemoryError` always first.
    try:
        if kind == "csv":
            name = bytes.fromhex(name_hex if name_hex != "-" else "").decode("utf-8")
            parsed = _child_csv(request.read(), name, max_cells, max_rows)
        else:
            parsed = _child_parse(request.read(), max_cells, max_rows)
        payload = pickle.dumps(parsed, protocol=5)
        if len(payload) > int(result_text):
            # The server would have to hold all of it: cells, when read, may be far bigger than the zip said
            # (one long shared string repeated in every cell).
            payload = pickle.dumps(("result_too_large", len(payload)), protocol=5)
        out = sys.stdout.buffer
        out.write(_PAYLOAD_MAGIC)
        out.write(payload)
        out.flush()
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    # Skip interpreter teardown: freeing millions of objects one by one is pure waste in a dying process.
    os._exit(0)


def _child_csv(data: bytes, filename: str, max_cells: int, max_rows: int) -> tuple[Any, ...]:
    """A CSV read in the child: its one sheet as plain tuples, or the reader's refusal as code, message, sheet."""
    try:
        sheet = _read_csv(data, filename, max_cells, max_rows)
    except MemoryError:
        os._exit(_EXIT_MEMORY)  # see _child_main
    except SpreadsheetError as error:
        return ("refused", str(error.issue.code), error.issue.message, error.issue.sheet)
    return ("csv", (sheet.name, sheet.header_row, sheet.header, sheet.rows, sheet.decimal_comma))


def _child_parse(data: bytes, max_cells: int, max_rows: int) -> tuple[Any, ...]:
    import python_calamine as calamine

    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        del data
        sheets = []
        total = 0
        for meta in workbook.sheets_metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no table
            sheet = workbook.get_sheet_by_name(meta.name)
            cells = sheet.height * sheet.width
            total += cells
            if cells > max_cells:
                return ("too_large", meta.name, cells)
            if total > max_cells:
                return ("too_large", None, total)
            if sheet.height > max_rows:
                return ("too_many_rows", meta.name, max_rows)
            start = sheet.start
            first_row = start[0] + 1 if start else 1
            header_row, header, rows = _shape(sheet.to_python(skip_empty_area=True), first_row)
            sheets.append((meta.name, header_row, header, rows))
            del sheet
        return ("ok", sheets)
    except MemoryError:
        os._exit(_EXIT_MEMORY)  # see _child_main
    except calamine.PasswordError:
        return ("encrypted",)
    except BaseException as exc:  # pyo3's PanicException is a BaseException
        return ("corrupt", f"{type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------------------------------------------
# Shaping rows (shared by the xlsx child and the in-process CSV reader; empty cells arrive as "")


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _shape(rows: Iterable[list[Any]], first_row: int) -> tuple[int, tuple[str, ...], tuple[Any, ...]]:
    """(header row number, header, body) from rows whose first element is Excel row ``first_row``."""
    numbered: Iterator[tuple[int, list[Any]]] = enumerate(rows, first_row)
    # One-cell rows before the first fuller row: a title block — unless there are too many to be one,
    # in which case the sheet is a one-column table and the first of them is its header.
    pending: list[tuple[int, list[Any]]] = []
    header: tuple[int, list[Any]] | None = None
    for number, row in numbered:
        filled = len(row) - row.count("")
        if filled == 0:
            continue
        if filled >= 2:
            header = (number, row)
            break
        pending.append((number, row))
        if len(pending) > _MAX_TITLE_ROWS:
            break
    if header is None:
        if not pending:
            return 0, (), ()
        header, numbered = pending[0], _chain(pending[1:], numbered)
    number, row = header
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    head = tuple(_cell_text(cell) if cell != "" else "" for cell in row[:end])
    return number, head, _body(numbered, end)


def _chain(
    first: list[tuple[int, list[Any]]], rest: Iterator[tuple[int, list[Any]]]
) -> Iterator[tuple[int, list[Any]]]:
    yield from first
    yield from rest


def _body(numbered: Iterable[tuple[int, list[Any]]], width: int) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    body: list[tuple[int, tuple[Any, ...]]] = []
    append = body.append
    for number, row in numbered:
        size = len(row)
        empty = row.count("")
        if empty == size:
            continue
        if size > width:
            tail = row[width:]
            if tail.count("") == len(tail):
                row = row[:width]
            else:
                # Cells right of the header are kept (up to the last filled one) so the validator can report them.
                end = size
                while row[end - 1] == "":
                    end -= 1
                row = row[:end]
            empty = row.count("")
        elif size < width:
            row = row + [""] * (width - size)
            empty += width - size
        if empty:
            row = [None if cell == "" else cell for cell in row]
        append((number, tuple(row)))
    return tuple(body)


# --------------------------------------------------------------------------------------------------------------
# CSV (plain text, parsed in the limited child like a workbook)


def _decode_csv(data: bytes, filename: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = "utf-16", data  # Excel's "Unicode Text"; the codec reads the BOM
    else:
        encoding, body = "utf-8", data
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        if encoding == "utf-8":
            bad = body[exc.start : exc.start + 1]
            guess = bad.decode("cp1252", "replace")
            what = f"a byte (0x{bad[0]:02X}) that is not UTF-8 — probably “{guess}” saved in an older Windows encoding"
        else:
            what = "text that is not valid UTF-16"
        raise _error(
            IssueCode.BAD_ENCODING,
            f"“{filename}” is not saved as UTF-8 text: line {line} contains {what}. In Excel open the file and "
            f"choose {_SAVE_AS_CSV}, then upload the new file.",
            filename,
        ) from None


def _sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    lines = sample.splitlines()[:50]
    best, best_score = ",", (False, 0.0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not counts:
            continue
        common, hits = Counter(counts).most_common(1)[0]
        # Prefer a delimiter that splits most rows, then the one giving the most rows of one width; failing
        # that, one that splits any row at all (ties keep the earlier, so "," by default).
        score = (True, hits / len(counts), common) if common > 1 else (False, 0.0, max(counts))
        if score > best_score:
            best, best_score = delimiter, score
    return best


_SEP_LINE = re.compile(r"^sep=(.)\r?\n")


def _read_csv(data: bytes, filename: str, max_cells: int, max_rows: int) -> RawSheet:
    text = _decode_csv(data, filename)
    del data
    name = PurePath(filename).stem
    # Excel's "sep=;" first line names the delimiter; Excel hides that line, so row 1 is the one after it.
    sep = _SEP_LINE.match(text)
    if sep and sep.group(1) in ",;\t|":
        delimiter, text = sep.group(1), text[sep.end() :]
    else:
        delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def capped() -> Iterator[list[str]]:
        cells = 0
        for count, row in enumerate(reader, start=1):
            cells += len(row) or 1  # blank lines count, so a file of newlines is refused too
            if count > max_rows:
                raise _too_many_rows(filename, name, max_rows)
            if cells > max_cells:
                raise _sheet_too_large(filename, name, cells, "holds more than")
            yield row

    try:
        header_row, header, rows = _shape(capped(), 1)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _error(
                IssueCode.CORRUPT_FILE,
                f"“{filename}” has a cell of more than {csv.field_size_limit():,} characters near line "
                f"{reader.line_num}: no field of the format is that long. Check that line (a pasted document, or "
                "a quote opened and never closed), shorten it, and upload the file again.",
                filename,
            ) from None
        raise _error(
            IssueCode.CORRUPT_FILE,
            f"“{filename}” could not be read as CSV near line {reader.line_num} ({_one_line(str(exc))}). Usually a "
            'quote (") is opened and never closed. Open the file in Excel, check that line, save it with '
            f"{_SAVE_AS_CSV}, and upload it again.",
            filename,
        ) from None
    return RawSheet(name, filename, header_row, header, rows, decimal_comma=delimiter == ";")
