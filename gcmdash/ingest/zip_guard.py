"""The zip and XML guards, run in the server before any parsing; only metadata and bounded heads are decompressed.

They refuse damaged archives, zip bombs (entry count, declared sizes, compression ratio), archives that are not
workbooks, XML parts with DTDs or entities, and sheets whose declared dimension claims too many cells.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any

from gcmdash import settings
from gcmdash.ingest.issues import IssueCode, SpreadsheetError
from gcmdash.ingest.refusals import (
    MB,
    SAVE_AS_XLSX,
    corrupt,
    expands_too_much,
    not_a_spreadsheet,
    refusal,
    sheet_too_large,
)

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

# Entries smaller than this are not ratio-checked: tiny, very regular parts (styles, empty sheets) compress
# far better than 100:1 without being bombs, and they cannot expand to anything dangerous.
_RATIO_MIN_BYTES = 1 * MB
# How much of each XML part the server itself decompresses to look at its prolog and <dimension>.
_XML_HEAD_BYTES = 64 * 1024
# workbook.xml and its relationships are parsed in full in the server (they are small in real files).
_WORKBOOK_XML_MAX = 16 * MB


def check_zip(data: bytes, filename: str) -> None:
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
                raise not_a_spreadsheet(filename, *_zip_kind(archive, names))
            _check_xml_prologs(archive, infos, filename)
            _check_dimensions(archive, _sheet_parts(archive, names, filename), filename)
    except SpreadsheetError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, CRC mismatch, encrypted entry, malformed workbook.xml…
        raise corrupt(filename) from exc


def _too_many_entries(filename: str, count: int, limit: int) -> SpreadsheetError:
    return refusal(
        IssueCode.ZIP_TOO_MANY_ENTRIES,
        f"“{filename}” is made of {count:,} internal parts; a normal workbook has a few dozen (the limit is "
        f"{limit:,}). This happens when a file holds many embedded images or objects, or was not made by Excel. "
        "Copy the data sheets into a new, empty workbook, save it, and upload that.",
        filename,
    )


def _check_sizes(infos: list[zipfile.ZipInfo], filename: str) -> None:
    total = sum(info.file_size for info in infos)
    if total > int(settings.get("max_uncompressed_mb")) * MB:
        raise expands_too_much(filename, total)
    max_ratio = float(settings.get("max_zip_ratio"))
    for info in infos:
        if info.file_size <= _RATIO_MIN_BYTES:
            continue
        ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
        if ratio > max_ratio:
            raise refusal(
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
                f"Open it in LibreOffice or Excel and save it as an Excel workbook (.xlsx) — in Excel: {SAVE_AS_XLSX}.",
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
            raise refusal(
                IssueCode.XML_ENTITIES,
                f"“{filename}” contains XML declarations (DOCTYPE/ENTITY, in {info.filename}) that Excel never "
                "writes; such files are used to attack servers, so it was refused. Open the data in Excel, save "
                f"it as a new workbook ({SAVE_AS_XLSX}), and upload that.",
                filename,
            )
        if head.strip() and _root_start(head) is None:
            # A prolog longer than the part of it we looked at could hide a DTD further on.
            raise corrupt(filename, f"{info.filename} does not start like an Excel part")


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
            raise corrupt(filename, f"{name} is unusually large")
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
            raise sheet_too_large(filename, name, cells, f"claims to use the range {match.group(1)}, that is")
