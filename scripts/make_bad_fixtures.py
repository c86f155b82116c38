#!/usr/bin/env python
"""Write the corpus of bad spreadsheets ``tests/fixtures/bad/``: one defect per file, and ``manifest.json``.

Usage::

    python scripts/make_bad_fixtures.py [OUTPUT_DIR]      # default: tests/fixtures/bad

Every case starts from one complete, valid set of sheets (each dataset present with one valid row, as in
``tests/conftest.py``) and adds exactly one defect, so the problems it should raise are exactly that defect's.
The manifest says, for each file, what is wrong in plain words, whether the reader refuses it ("unreadable"),
the validator rejects it ("invalid") or it is accepted ("valid", warnings only), and the expected problems as
(code, sheet, row, column) — positions, never wording. ``tests/test_bad_fixtures.py`` checks every file against
it, and checks that the committed corpus is exactly what this script writes.

The output is deterministic: workbooks are written by openpyxl with fixed document properties, then re-packed
as a zip with fixed timestamps and no compression (so the bytes do not depend on the zlib build). Every file is
small. Hostile files that must be big when expanded (zip bombs, lying sizes, huge real sheets) are not here:
``tests/hostile.py`` builds them at test time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.writer.excel import ExcelWriter  # noqa: E402

from gcmdash.model.dataset_specs import DATASETS, dataset  # noqa: E402

DEFAULT_OUTPUT = ROOT / "tests" / "fixtures" / "bad"
MANIFEST = "manifest.json"
FIXED_TIME = dt.datetime(2024, 3, 1, 0, 0, 0)

#: One valid row per dataset, by header (the same values as tests/conftest.py VALID_ROWS). Kept here, not
#: imported, so the committed corpus does not change when a test helper does.
BASE_ROWS: dict[str, dict[str, object]] = {
    "practices": {
        "Practice ID": "PR-1",
        "Title": "Skills passport for returnees",
        "GCM objectives": "2; 7",
        "Countries": "Kazakhstan",
        "Scope": "National",
        "Implementer types": "Member State; IOM",
        "Guiding principles": "Human rights",
        "Start year": 2021,
        "End year": 2023,
        "Link": "https://example.org/p1",
        "Provenance": "Illustrative",
        "Source": "test",
    },
    "pledges": {
        "Pledge ID": "PL-1",
        "Title": "Legal aid for migrant workers",
        "Pledging entity": "Government of Portugal",
        "Entity type": "Member State",
        "Kind": "Individual",
        "Forms": "Policy-oriented",
        "GCM objectives": "7; 15",
        "Countries": "Portugal",
        "Year": 2022,
        "Related practice ID": "PR-1",
        "Link": None,
        "Provenance": "Illustrative",
        "Source": "test",
    },
    "contributions": {
        "Contributor": "Germany",
        "Year": 2022,
        "Amount (USD)": 1500000,
        "Provenance": "Illustrative",
        "Source": "test",
    },
    "programmes": {
        "Programme ID": "JP-1",
        "Title": "Migration data for planning",
        "Countries": "Tajikistan",
        "Status": "Funded",
        "Thematic area": "Data and evidence-based policy",
        "Year approved": 2020,
        "Budget (USD)": 2000000,
        "Link": None,
        "Provenance": "Published",
        "Source": "test",
    },
    "activities": {
        "Country": "Georgia",
        "Activity": "Country Network",
        "Year": 2021,
        "Date": None,
        "Link": None,
        "Note": None,
        "Provenance": "Published",
        "Source": "test",
    },
    "figures": {
        "Region": "ECE",
        "Metric": "practices",
        "Value": 70,
        "Qualifier": "Exactly",
        "As of": dt.date(2024, 3, 1),
        "Source": "https://migrationnetwork.un.org/",
        "Note": None,
    },
    "sections": {
        "Region": "ECE",
        "Section": "Regional Network",
        "Order": 1,
        "Heading": "Based in Vienna",
        "Text": "The Regional Network is based in Vienna.\n\n- Co-chaired by IOM\n- UNDP and UNHCR",
        "Link": None,
        "Link text": None,
        "As of": dt.date(2024, 3, 1),
        "Source": "https://migrationnetwork.un.org/",
        "Provenance": "Published",
    },
}

Sheets = dict[str, list[list[object]]]
Position = tuple[str, "str | None", "int | None", "str | None"]


# --------------------------------------------------------------------------------------------------------------
# Building blocks


def headers(key: str) -> list[str]:
    return [c.header for c in dataset(key).columns]


def base_row(key: str) -> list[object]:
    return [BASE_ROWS[key].get(h) for h in headers(key)]


def base_sheets() -> Sheets:
    """The complete, valid set of sheets: every dataset with its template headers and one valid row."""
    return {spec.sheet: [headers(spec.key), base_row(spec.key)] for spec in DATASETS}


def with_cell(sheet: str, header: str, value: object, row: int = 2) -> Sheets:
    """The base sheets with one cell (Excel row `row`, column `header`) replaced."""
    sheets = base_sheets()
    rows = sheets[sheet]
    rows[row - 1][rows[0].index(header)] = value
    return sheets


def repack(parts: dict[str, bytes]) -> bytes:
    """A zip of the given parts, in order, with fixed timestamps and no compression: the same bytes every time."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_STORED
            entry.external_attr = 0o600 << 16
            entry.create_system = 3  # as written on Unix, wherever the script runs
            archive.writestr(entry, data)
    return out.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def xlsx(sheets: Sheets, edit: Callable[[Workbook], None] | None = None) -> bytes:
    """An .xlsx of the sheets (name -> rows, first row the header), deterministic; `edit` may change the book."""
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "gcmdash (scripts/make_bad_fixtures.py)"
    book.properties.lastModifiedBy = "gcmdash (scripts/make_bad_fixtures.py)"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if edit is not None:
        edit(book)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(book, archive).save()  # not book.save(): that stamps the current time
    return repack(parts_of(raw.getvalue()))


def csv_text(rows: list[list[object]]) -> str:
    """Rows as Excel writes CSV: comma-separated, CRLF, fields quoted only when needed."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def _ole2(stream_names: list[str]) -> bytes:
    """Enough of a Compound File (OLE2) for its type to be told: signature, header, a directory naming streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    header = header.ljust(512, b"\x00")
    directory = b"".join(
        (name.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00") + struct.pack("<H", 2 * len(name) + 2) + bytes(62)
        for name in ["Root Entry", *stream_names]
    )
    return header + directory.ljust(4096, b"\x00")


def _sheet_part(parts: dict[str, bytes], sheet: str) -> str:
    """The zip part holding a sheet of an openpyxl workbook (sheets are written as sheet1.xml, sheet2.xml… in order)."""
    index = [spec.sheet for spec in DATASETS].index(sheet) + 1
    name = f"xl/worksheets/sheet{index}.xml"
    assert name in parts, name
    return name


# --------------------------------------------------------------------------------------------------------------
# The defects


def wrong_sheet_name() -> bytes:
    # The Practices sheet named "Sheet1" with headers a colleague translated: neither name nor columns say what it is.
    sheets = base_sheets()
    rows = sheets.pop("Practices")
    rows[0] = [
        "Référence",
        "Intitulé",
        "Objectifs PMM",
        "Pays",
        "Niveau",
        "Acteurs",
        "Principes",
        "Début",
        "Fin",
        "Lien",
        "Origine",
        "Source",
    ]
    sheets = {"Sheet1": rows, **sheets}
    return xlsx(sheets)


def missing_required_column() -> bytes:
    sheets = base_sheets()
    rows = sheets["Practices"]
    at = rows[0].index("Scope")
    for row in rows:
        del row[at]
    return xlsx(sheets)


def misspelt_column() -> bytes:
    sheets = base_sheets()
    sheets["Practices"][0][sheets["Practices"][0].index("Title")] = "Titel"
    return xlsx(sheets)


def unknown_extra_column() -> bytes:
    sheets = base_sheets()
    sheets["Practices"][0].append("My notes")
    sheets["Practices"][1].append("check with the focal point")
    return xlsx(sheets)


def duplicate_column() -> bytes:
    sheets = base_sheets()
    sheets["Practices"][0].append("Objectives")  # a synonym of "GCM objectives", already there
    sheets["Practices"][1].append("2; 7")
    return xlsx(sheets)


def merged_header_cells() -> bytes:
    # "Start year" merged across the Start year and End year header cells (H1:I1): column I keeps its data but
    # loses its header, as merged cells do.
    def merge(book: Workbook) -> None:
        sheet = book["Practices"]
        sheet["H1"] = "Start year"
        sheet.merge_cells("H1:I1")

    return xlsx(base_sheets(), merge)


def empty_sheet() -> bytes:
    sheets = base_sheets()
    sheets["Contributions"] = [headers("contributions")]
    return xlsx(sheets)


def missing_sheet() -> bytes:
    sheets = base_sheets()
    del sheets["Country activities"]
    return xlsx(sheets)


def duplicate_sheet() -> bytes:
    sheets = base_sheets()
    second = base_row("practices")
    second[0] = "PR-2"
    sheets["Practices 2"] = [headers("practices"), second]
    return xlsx(sheets)


def duplicate_practice_id() -> bytes:
    sheets = base_sheets()
    again = base_row("practices")
    again[headers("practices").index("Title")] = "Skills passport for returnees, phase II"
    sheets["Practices"].append(again)
    return xlsx(sheets)


def duplicate_activity() -> bytes:
    sheets = base_sheets()
    again = base_row("activities")
    again[headers("activities").index("Note")] = "entered twice"
    sheets["Country activities"].append(again)
    return xlsx(sheets)


def entity_bomb() -> bytes:
    # "Billion laughs" in the Practices sheet of an otherwise valid workbook: ten nested levels of ten entities,
    # the last used as the practice's title.
    parts = parts_of(xlsx(base_sheets()))
    name = _sheet_part(parts, "Practices")
    text = parts[name].decode("utf-8")
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    title = "<t>Skills passport for returnees</t>"
    assert title in text and not text.startswith("<?xml")
    parts[name] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [{entities}]>\n'
        + text.replace(title, "<t>&lol9;</t>")
    ).encode("utf-8")
    return repack(parts)


def huge_dimension() -> bytes:
    # The Practices sheet claims (and reaches) the last cell of a worksheet, XFD1048576: 17 billion cells.
    parts = parts_of(xlsx(base_sheets()))
    name = _sheet_part(parts, "Practices")
    text = parts[name].decode("utf-8")
    start = text.index("<dimension ref=")
    end = text.index("/>", start) + 2
    text = text[:start] + '<dimension ref="A1:XFD1048576"/>' + text[end:]
    text = text.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    parts[name] = text.encode("utf-8")
    return repack(parts)


def truncated() -> bytes:
    data = xlsx(base_sheets())
    return data[: len(data) // 2]


def damaged_entry() -> bytes:
    # One byte of the Practices sheet changed after the zip was written: the entry's CRC-32 no longer matches.
    data = bytearray(xlsx(base_sheets()))
    at = data.index(b"Skills passport")
    data[at + 5] = ord("z")
    return bytes(data)


def zip_not_workbook() -> bytes:
    # A zip archive holding the data as CSV, renamed .xlsx.
    inner = csv_text([headers("contributions"), base_row("contributions")]).encode("utf-8")
    return repack({"contributions.csv": inner, "README.txt": b"Exported data.\r\n"})


def pdf_named_xlsx() -> bytes:
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def html_export() -> bytes:
    # What some systems export as "Excel": an HTML table with an .xls name.
    cells = "".join(f"<th>{h}</th>" for h in headers("contributions"))
    values = "".join(f"<td>{v}</td>" for v in base_row("contributions"))
    return (
        f'<html><head><meta charset="utf-8"></head><body><table><tr>{cells}</tr><tr>{values}</tr></table>'
        "</body></html>\n"
    ).encode()


def legacy_xls() -> bytes:
    return _ole2(["Workbook", "\x05SummaryInformation", "\x05DocumentSummaryInformation"])


def encrypted() -> bytes:
    return _ole2(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])


def activities_csv(note: str | None, country: str = "Georgia") -> list[list[object]]:
    row = base_row("activities")
    h = headers("activities")
    row[h.index("Country")] = country
    row[h.index("Note")] = note
    return [h, row]


def windows_1252_csv() -> bytes:
    # Excel's "CSV (Comma delimited)" on Windows: Windows-1252, so "Côte d'Ivoire" has the byte 0xF4 on line 2.
    return csv_text(activities_csv("Réseau établi en 2021", "Côte d'Ivoire")).encode("cp1252")


def notes_row() -> bytes:
    sheets = base_sheets()
    sheets["Practices"].append(["Source: national focal points' survey, March 2024"])
    return xlsx(sheets)


def totals_row() -> bytes:
    sheets = base_sheets()
    h = headers("contributions")
    total = [None] * len(h)
    total[h.index("Contributor")], total[h.index("Amount (USD)")] = "Total", 1500000
    sheets["Contributions"].append(total)
    return xlsx(sheets)


def no_contributions() -> bytes:
    sheets = base_sheets()
    del sheets["Contributions"]
    return xlsx(sheets)


def contributions_csv(amounts: list[str], delimiter: str) -> bytes:
    """Contributions as Excel writes CSV: in most of Europe semicolon-separated with decimal commas."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers("contributions"))
    h = headers("contributions")
    for i, amount in enumerate(amounts):
        row = base_row("contributions")
        row[h.index("Amount (USD)")] = amount
        row[h.index("Year")] = 2019 + i
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


#: The published contributions the plausibility cases are compared with: (contributor, year, amount in USD).
PUBLISHED_CONTRIBUTIONS = (("Germany", 2022, 1_500_000), ("Portugal", 2021, 250_000), ("Spain", 2023, 800_000))


def contributions_set(amounts: dict[str, float] | None = None, target_share: float | None = None) -> bytes:
    """The base sheets with three contributions and the capitalisation target of USD 150 million (Brief figures
    rows 3 and 4); amounts replaces contributors' amounts, target_share adds a published mobilised share (row 4)."""
    sheets = base_sheets()
    h = headers("contributions")
    rows = [headers("contributions")]
    for contributor, year, amount in PUBLISHED_CONTRIBUTIONS:
        row = base_row("contributions")
        row[h.index("Contributor")], row[h.index("Year")] = contributor, year
        row[h.index("Amount (USD)")] = (amounts or {}).get(contributor, amount)
        rows.append(row)
    sheets["Contributions"] = rows
    f = headers("figures")
    target = base_row("figures")
    target[f.index("Region")], target[f.index("Metric")], target[f.index("Value")] = (
        "World",
        "capitalisation_target_usd",
        150_000_000,
    )
    sheets["Brief figures"].append(target)
    if target_share is not None:
        share = base_row("figures")
        share[f.index("Region")], share[f.index("Metric")], share[f.index("Value")] = (
            "World",
            "mobilised_pct",
            target_share,
        )
        sheets["Brief figures"].append(share)
    return xlsx(sheets)


def formula_text_csv() -> bytes:
    return csv_text(activities_csv('=HYPERLINK("https://example.org/tor","Terms of reference")')).encode("utf-8")


# --------------------------------------------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class Case:
    file: str
    wrong: str
    status: str  # "unreadable" (the reader refuses it), "invalid" (read, but rejected), "valid" (warnings only)
    build: Callable[[], bytes]
    errors: tuple[Position, ...] = ()
    warnings: tuple[Position, ...] = ()
    #: Other files of the corpus loaded together with this one (for a single-dataset CSV, the rest of the set).
    load_with: tuple[str, ...] = ()
    decision: str | None = None
    #: The corpus file that plays the published version, and the plausibility warnings expected against it.
    against: str | None = None
    concerns: tuple[Position, ...] = ()


def tor_on_a_workshop() -> bytes:
    sheets = with_cell("Country activities", "Activity", "UNCT workshop")
    rows = sheets["Country activities"]
    rows[1][rows[0].index("Terms of Reference")] = "https://example.org/tor"
    return xlsx(sheets)


def without_sections() -> bytes:
    sheets = base_sheets()
    del sheets["Brief sections"]
    return xlsx(sheets)


def cell_case(file: str, wrong: str, sheet: str, header: str, value: object, code: str, row: int = 2) -> Case:
    return Case(
        file, wrong, "invalid", lambda: xlsx(with_cell(sheet, header, value, row)), errors=((code, sheet, row, header),)
    )


_FORMULA_DECISION = (
    "A CSV cell that looks like a formula (=HYPERLINK(...)) is not an error. gcmdash never evaluates cells: a CSV "
    "is read as text and the cell is stored as the text it is; every CSV/XLSX download neutralises formula-like "
    "text (gcmdash.render.exports.formula_like: a leading apostrophe in CSV, a string cell in XLSX), so the text "
    "cannot "
    "run in whoever opens a download. Refusing it would reject legitimate text that starts with =, +, - or @. "
    "The formula code exists in IssueCode but is not raised for CSV text."
)

CASES: tuple[Case, ...] = (
    # --- Refused by the reader: nothing in the file can be read -------------------------------------------------
    Case("empty_file.xlsx", "A zero-byte file.", "unreadable", lambda: b"", errors=(("empty_file", None, None, None),)),
    Case(
        "pdf_named.xlsx",
        "A PDF document given an .xlsx name.",
        "unreadable",
        pdf_named_xlsx,
        errors=(("not_a_spreadsheet", None, None, None),),
    ),
    Case(
        "zip_not_a_workbook.xlsx",
        "A zip archive holding a CSV and a README (not a workbook), named .xlsx.",
        "unreadable",
        zip_not_workbook,
        errors=(("not_a_spreadsheet", None, None, None),),
    ),
    Case(
        "html_export.xls",
        "A web page (an HTML table) exported by another system with an Excel .xls name.",
        "unreadable",
        html_export,
        errors=(("not_a_spreadsheet", None, None, None),),
    ),
    Case(
        "legacy.xls",
        "An Excel 97-2003 binary workbook (OLE2 container with a Workbook stream): only its header.",
        "unreadable",
        legacy_xls,
        errors=(("legacy_xls", None, None, None),),
    ),
    Case(
        "encrypted.xlsx",
        "A password-protected workbook: Office's OLE2 wrapper with EncryptionInfo and "
        "EncryptedPackage streams (header only).",
        "unreadable",
        encrypted,
        errors=(("encrypted_file", None, None, None),),
    ),
    Case(
        "truncated.xlsx",
        "The first half of the valid workbook, as an interrupted download leaves it (no zip central directory).",
        "unreadable",
        truncated,
        errors=(("corrupt_file", None, None, None),),
    ),
    Case(
        "damaged_entry.xlsx",
        "The valid workbook with one byte of the Practices sheet changed after it was "
        "written, so that part fails its CRC-32 check (a damaged copy).",
        "unreadable",
        damaged_entry,
        errors=(("corrupt_file", None, None, None),),
    ),
    Case(
        "xml_entity_bomb.xlsx",
        "The valid workbook whose Practices sheet declares nested XML entities ('billion "
        "laughs', about 3 GB when expanded) and uses one as the practice title.",
        "unreadable",
        entity_bomb,
        errors=(("xml_entities", None, None, None),),
    ),
    Case(
        "huge_dimension.xlsx",
        "The valid workbook whose Practices sheet claims the range A1:XFD1048576 and has "
        "a cell in XFD1048576 (17 billion cells).",
        "unreadable",
        huge_dimension,
        errors=(("sheet_too_large", "Practices", None, None),),
    ),
    Case(
        "windows_1252.csv",
        "Country activities as CSV saved in Windows-1252 (Excel's plain 'CSV (Comma "
        "delimited)'), not UTF-8: Côte d'Ivoire's ô is byte 0xF4. Loaded with missing_sheet.xlsx, which holds the "
        "other datasets.",
        "unreadable",
        windows_1252_csv,
        errors=(("bad_encoding", None, None, None),),
        load_with=("missing_sheet.xlsx",),
    ),
    # --- Sheets and columns ---------------------------------------------------------------------------------------
    Case(
        "wrong_sheet_name.xlsx",
        'The Practices sheet is named "Sheet1" and its headers are in French, so neither '
        "its name nor its columns say which dataset it is: it is ignored and Practices is missing.",
        "invalid",
        wrong_sheet_name,
        errors=(("missing_sheet", "Practices", None, None),),
        warnings=(("ignored_sheet", "Sheet1", None, None),),
    ),
    Case(
        "missing_sheet.xlsx",
        "No Country activities sheet, while a complete set is required.",
        "invalid",
        missing_sheet,
        errors=(("missing_sheet", "Country activities", None, None),),
    ),
    Case(
        "duplicate_sheet.xlsx",
        'A second sheet "Practices 2" also holding practices.',
        "invalid",
        duplicate_sheet,
        errors=(("duplicate_sheet", "Practices 2", None, None),),
    ),
    Case(
        "empty_sheet.xlsx",
        "The Contributions sheet has its headers but no rows.",
        "invalid",
        empty_sheet,
        errors=(("empty_sheet", "Contributions", 1, None),),
    ),
    Case(
        "missing_required_column.xlsx",
        "The Practices sheet has no Scope column (required).",
        "invalid",
        missing_required_column,
        errors=(("missing_column", "Practices", 1, "Scope"),),
    ),
    Case(
        "misspelt_column.xlsx",
        'The Practices header "Title" is misspelt "Titel": Title is missing, and "Titel" is an unknown column.',
        "invalid",
        misspelt_column,
        errors=(("missing_column", "Practices", 1, "Title"),),
        warnings=(("unknown_column", "Practices", 1, "Titel"),),
    ),
    Case(
        "unknown_extra_column.xlsx",
        'An extra column "My notes" on Practices, and nothing else wrong: a warning only, the file is accepted.',
        "valid",
        unknown_extra_column,
        warnings=(("unknown_column", "Practices", 1, "My notes"),),
    ),
    Case(
        "duplicate_column.xlsx",
        'Practices has an extra column "Objectives", a synonym of "GCM objectives", which is already there.',
        "invalid",
        duplicate_column,
        errors=(("duplicate_column", "Practices", 1, "Objectives"),),
    ),
    Case(
        "merged_header_cells.xlsx",
        'The Practices header cells H1:I1 are merged (showing "Start year"), so column '
        "I (End year) has data but no header.",
        "invalid",
        merged_header_cells,
        errors=(("empty_header", "Practices", 1, "I"),),
    ),
    # --- Single cells ---------------------------------------------------------------------------------------------
    cell_case(
        "text_in_year.xlsx",
        'Practices Start year is the text "last year".',
        "Practices",
        "Start year",
        "last year",
        "wrong_type",
    ),
    cell_case(
        "text_in_amount.xlsx",
        'Contributions Amount (USD) is the text "a lot".',
        "Contributions",
        "Amount (USD)",
        "a lot",
        "wrong_type",
    ),
    cell_case(
        "year_out_of_range.xlsx",
        "A pledge made in 2015, before the GCM (years from 2018 are accepted).",
        "Pledges",
        "Year",
        2015,
        "out_of_range",
    ),
    cell_case(
        "empty_required.xlsx", "A practice with no Title (required).", "Practices", "Title", None, "empty_required"
    ),
    cell_case(
        "objective_out_of_range.xlsx",
        'Practices GCM objectives "2; 24": there are 23 objectives.',
        "Practices",
        "GCM objectives",
        "2; 24",
        "objective_out_of_range",
    ),
    cell_case(
        "bad_objective_text.xlsx",
        'Practices GCM objectives "Obj. two": not a number or a known label.',
        "Practices",
        "GCM objectives",
        "Obj. two",
        "bad_objective",
    ),
    cell_case(
        "unknown_country.xlsx",
        'Practices Countries "Kazakhstan; Atlantis": Atlantis is not a country or '
        "area (Kazakhstan is kept so the practice still has a country).",
        "Practices",
        "Countries",
        "Kazakhstan; Atlantis",
        "unknown_country",
    ),
    cell_case(
        "ambiguous_country.xlsx",
        'Pledges Countries "Korea": the Republic of Korea or the DPRK.',
        "Pledges",
        "Countries",
        "Korea",
        "ambiguous_country",
    ),
    cell_case(
        "unknown_vocabulary_value.xlsx",
        'Practices Scope "Nationwide", not one of Local, National, Multilevel, Regional, Global.',
        "Practices",
        "Scope",
        "Nationwide",
        "unknown_value",
    ),
    cell_case(
        "javascript_url.xlsx",
        'Practices Link "javascript:alert(document.cookie)": only http(s) links.',
        "Practices",
        "Link",
        "javascript:alert(document.cookie)",
        "bad_url",
    ),
    cell_case(
        "bad_date.xlsx",
        'Country activities Date "2021-02-30", a day that does not exist.',
        "Country activities",
        "Date",
        "2021-02-30",
        "bad_date",
    ),
    # --- Across rows and sheets ------------------------------------------------------------------------------------
    Case(
        "duplicate_practice_id.xlsx",
        "Two practices with the ID PR-1 (rows 2 and 3); the repeat is reported.",
        "invalid",
        duplicate_practice_id,
        errors=(("duplicate_id", "Practices", 3, "Practice ID"),),
    ),
    Case(
        "duplicate_activity.xlsx",
        "Country activities has Georgia, Country Network, 2021 twice (rows 2 and 3).",
        "invalid",
        duplicate_activity,
        errors=(("duplicate_id", "Country activities", 3, "Country"),),
    ),
    cell_case(
        "unknown_practice_reference.xlsx",
        'A pledge\'s Related practice ID "PR-404" is not in Practices.',
        "Pledges",
        "Related practice ID",
        "PR-404",
        "unknown_reference",
    ),
    cell_case(
        "end_before_start.xlsx",
        "A practice whose End year (2019) is before its Start year (2021).",
        "Practices",
        "End year",
        2019,
        "inconsistent_row",
    ),
    Case(
        "tor_on_a_workshop.xlsx",
        "A UNCT workshop row carries a Terms of Reference address: only Country Network rows have them.",
        "invalid",
        tor_on_a_workshop,
        errors=(("inconsistent_row", "Country activities", 2, "Terms of Reference"),),
    ),
    cell_case(
        "link_text_without_link.xlsx",
        "A Brief sections row has a Link text but no Link.",
        "Brief sections",
        "Link text",
        "Submit a practice",
        "inconsistent_row",
    ),
    cell_case(
        "unknown_section.xlsx",
        'A Brief sections row names the section "Regional Networks overview", which is not a brief section.',
        "Brief sections",
        "Section",
        "Regional Networks overview",
        "unknown_value",
    ),
    Case(
        "without_brief_sections.xlsx",
        "Every dataset but Brief sections (a workbook made before the sheet existed): a warning only, the file is "
        "accepted and the version has no brief text.",
        "valid",
        without_sections,
        warnings=(("optional_sheet_missing", "Brief sections", None, None),),
    ),
    # --- Numbers, dates and rows as people type them ---------------------------------------------------------------
    cell_case(
        "ambiguous_amount.xlsx",
        'Contributions Amount (USD) is the text "1,250": 1250 or 1.25.',
        "Contributions",
        "Amount (USD)",
        "1,250",
        "ambiguous_number",
    ),
    cell_case(
        "ambiguous_date.xlsx",
        'Country activities Date is the text "12/03/2023": 12 March or 3 December.',
        "Country activities",
        "Date",
        "12/03/2023",
        "ambiguous_date",
    ),
    Case(
        "notes_row.xlsx",
        "A note typed in column A under the Practices table (row 3), nothing else in its row.",
        "invalid",
        notes_row,
        errors=(("notes_row", "Practices", 3, "Practice ID"),),
    ),
    Case(
        "totals_row.xlsx",
        'A "Total" row under the Contributions (row 3), with the sum in Amount (USD).',
        "invalid",
        totals_row,
        errors=(("totals_row", "Contributions", 3, "Contributor"),),
    ),
    Case(
        "missing_contributions.xlsx",
        "No Contributions sheet (the rest of the set for the CSV cases below).",
        "invalid",
        no_contributions,
        errors=(("missing_sheet", "Contributions", None, None),),
    ),
    Case(
        "contributions_decimal_comma.csv",
        "Contributions as a semicolon-separated CSV with decimal commas "
        '("6180000,00"; "1.500.000,50"), as Excel saves it in most of Europe: read as 6,180,000 and 1,500,000.50, '
        "not 100 times too large. Loaded with missing_contributions.xlsx.",
        "valid",
        lambda: contributions_csv(["6180000,00", "1.500.000,50"], ";"),
        load_with=("missing_contributions.xlsx",),
    ),
    Case(
        "contributions_ambiguous_amount.csv",
        'Contributions as a comma-separated CSV whose amount is "1,250": '
        "1250 with a thousands comma or 1.25 with a decimal comma, so it is refused. Loaded with "
        "missing_contributions.xlsx.",
        "invalid",
        lambda: contributions_csv(["1,250"], ","),
        errors=(("ambiguous_number", "contributions_ambiguous_amount", 2, "Amount (USD)"),),
        load_with=("missing_contributions.xlsx",),
    ),
    # --- Read as written, but implausible against the published data (warnings to confirm before publishing) ---
    Case(
        "plausible_published.xlsx",
        "Nothing wrong: the published version the cases below are compared with, "
        "three contributions (USD 250,000 to USD 1,500,000) and the capitalisation target (USD 150 million).",
        "valid",
        contributions_set,
    ),
    Case(
        "plausible_update.xlsx",
        "Nothing implausible: Spain's contribution moves from USD 800,000 to USD 900,000.",
        "valid",
        lambda: contributions_set({"Spain": 900_000}),
        against="plausible_published.xlsx",
    ),
    Case(
        "implausible_amounts_100x.xlsx",
        "Every contribution 100 times the published one, as decimal commas "
        "misread as thousands give: the total moves 100×, the target is 170 % mobilised, each amount is more "
        "than 5 times the largest published.",
        "valid",
        lambda: contributions_set({c: 100 * a for c, _, a in PUBLISHED_CONTRIBUTIONS}),
        against="plausible_published.xlsx",
        concerns=(
            ("figure_jump", "Contributions", None, "Amount (USD)"),
            ("share_over_100", "Contributions", None, "Amount (USD)"),
            ("amount_outlier", "Contributions", 2, "Amount (USD)"),
            ("amount_outlier", "Contributions", 3, "Amount (USD)"),
            ("amount_outlier", "Contributions", 4, "Amount (USD)"),
        ),
    ),
    Case(
        "implausible_extra_zeros.xlsx",
        "Portugal's USD 250,000 typed with two extra zeros (USD 25,000,000): "
        "more than 5 times the largest published amount, and the total moves 10×.",
        "valid",
        lambda: contributions_set({"Portugal": 25_000_000}),
        against="plausible_published.xlsx",
        concerns=(
            ("figure_jump", "Contributions", None, "Amount (USD)"),
            ("amount_outlier", "Contributions", 3, "Amount (USD)"),
        ),
    ),
    Case(
        "implausible_share.xlsx",
        "A published mobilised share of 400 (Brief figures row 4): a percentage over 100.",
        "valid",
        lambda: contributions_set(target_share=400),
        against="plausible_published.xlsx",
        concerns=(("share_over_100", "Brief figures", 4, "Value"),),
    ),
    # --- Decisions ----------------------------------------------------------------------------------------------
    Case(
        "formula_text.csv",
        'Country activities as CSV whose Note is =HYPERLINK("https://example.org/tor","Terms '
        'of reference"). Loaded with missing_sheet.xlsx, which holds the other datasets. Not an error: see '
        "decision.",
        "valid",
        formula_text_csv,
        load_with=("missing_sheet.xlsx",),
        decision=_FORMULA_DECISION,
    ),
)


def manifest() -> dict:
    def positions(items: tuple[Position, ...]) -> list[dict]:
        return [dict(zip(("code", "sheet", "row", "column"), item, strict=True)) for item in items]

    entries = []
    for case in CASES:
        entry = {"file": case.file, "wrong": case.wrong, "status": case.status}
        if case.load_with:
            entry["load_with"] = list(case.load_with)
        entry["errors"] = positions(case.errors)
        entry["warnings"] = positions(case.warnings)
        if case.decision:
            entry["decision"] = case.decision
        if case.against:
            entry["against"] = case.against
            entry["concerns"] = positions(case.concerns)
        entries.append(entry)
    return {
        "about": "Bad spreadsheets, one defect each on top of a complete valid set, written by "
        "scripts/make_bad_fixtures.py (do not edit by hand: change the script and run it). Each file is "
        "loaded with load_files(..., complete=True), together with the files in load_with if any. status: "
        "'unreadable' = refused by the reader, 'invalid' = read but rejected, 'valid' = accepted "
        "(warnings only). errors and warnings list every expected problem as (code, sheet, row, column); "
        "rows are Excel row numbers. A case with 'against' is compared with that file as the published "
        "version: 'concerns' lists the plausibility warnings (gcmdash.views.plausibility) expected, to be "
        "confirmed before publishing.",
        "cases": entries,
    }


def build_all() -> dict[str, bytes]:
    """Every file of the corpus, manifest included, by name."""
    files = {case.file: case.build() for case in CASES}
    files[MANIFEST] = (json.dumps(manifest(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def write(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    files = build_all()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", help=f"a folder (default {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    folder = Path(args.output) if args.output else DEFAULT_OUTPUT
    files = write(folder)
    stale = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in files)
    print(f"wrote {len(files) - 1} files and {MANIFEST} to {folder}")
    if stale:
        print("files not written by this script (delete them if they are old cases): " + ", ".join(stale))


if __name__ == "__main__":
    main()
