"""Builders for hostile and awkward spreadsheet files, made at test time (no big binaries in the repository).

Every builder writes one file into the given folder and returns its path. The large ones stream their XML
through zipfile's deflate, so a 300 MB "sheet" costs a fraction of a second and a few MB of disk.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

MB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
_SST_REL = (
    '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/>'
)


def _workbook_xml(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(parts: list[str], shared_strings: bool) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="{part.removeprefix("xl/")}"/>'
        for i, part in enumerate(parts, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}{_SST_REL if shared_strings else ''}</Relationships>"
    )


def sheet_xml(rows: Iterable[bytes], dimension: str | None = "A1:C3") -> Iterator[bytes]:
    """A worksheet part streamed as byte chunks: an optional <dimension>, then the given <row> elements."""
    yield _SHEET_OPEN.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def header_row(*names: str) -> bytes:
    """A first row of inline-string header cells."""
    cells = "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in names)
    return f'<row r="1">{cells}</row>'.encode()


def write_xlsx(
    path: Path,
    sheets: dict[str, Iterable[bytes]] | None = None,
    *,
    sheet_refs: list[tuple[str, str]] | None = None,
    shared_strings: str | None = None,
    workbook_xml: str | None = None,
    level: int = 1,
) -> Path:
    """A minimal workbook; sheet parts are {part path: chunks}; sheet_refs names (sheet, part) pairs to list."""
    sheets = sheets if sheets is not None else {"xl/worksheets/sheet1.xml": sheet_xml([header_row("ID", "Name")])}
    refs = sheet_refs or [(f"Sheet{i}", part) for i, part in enumerate(sheets, 1)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook_xml or _workbook_xml([name for name, _ in refs]))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels([part for _, part in refs], bool(shared_strings)))
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        for part, chunks in sheets.items():
            with archive.open(part, "w", force_zip64=True) as stream:
                for chunk in chunks:
                    stream.write(chunk)
    return path


def _repeated(row: bytes, total_bytes: int) -> Iterator[bytes]:
    chunk = row * max(1, MB // len(row))
    for _ in range(max(1, total_bytes // len(chunk))):
        yield chunk


_BOMB_ROW = b'<row><c t="inlineStr"><is><t>lol</t></is></c><c><v>1</v></c><c><v>2</v></c></row>'


def zip_bomb(folder: Path, megabytes: int = 300, name: str = "bomb.xlsx") -> Path:
    """A valid-looking workbook whose one sheet is `megabytes` MB of identical rows, deflated to a few MB."""
    rows = _repeated(_BOMB_ROW, megabytes * MB)
    return write_xlsx(folder / name, {"xl/worksheets/sheet1.xml": sheet_xml(rows)})


def lying_zip_bomb(folder: Path, megabytes: int = 150) -> Path:
    """A zip bomb whose zip headers claim the sheet is small (a few KB), so only the child's limits can stop it."""
    path = zip_bomb(folder, megabytes, "lying.xlsx")
    target = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(target).header_offset
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(target)] != target.encode():
        central = data.find(b"PK\x01\x02", central + 4)
    _patch_sizes(data, local, 22, 30, extra_len_offset=28, name_len_offset=26)
    _patch_sizes(data, central, 24, 46, extra_len_offset=30, name_len_offset=28)
    path.write_bytes(bytes(data))
    return path


def _patch_sizes(
    data: bytearray, header: int, size_offset: int, fixed: int, *, extra_len_offset: int, name_len_offset: int
) -> None:
    # Claim 512 KB: under the ratio check's 1 MB floor, and beyond the 64 KB the server itself decompresses.
    small = 512 * 1024
    if struct.unpack_from("<I", data, header + size_offset)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, header + size_offset, small)
    name_len = struct.unpack_from("<H", data, header + name_len_offset)[0]
    extra_len = struct.unpack_from("<H", data, header + extra_len_offset)[0]
    extra = header + fixed + name_len
    end = extra + extra_len
    while extra + 4 <= end:
        tag, size = struct.unpack_from("<HH", data, extra)
        if tag == 0x0001 and size >= 8:  # zip64: uncompressed size comes first
            struct.pack_into("<Q", data, extra + 4, small)
        extra += 4 + size


_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE sst [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol9;</t></si></sst>"
)


def entity_bomb(folder: Path, where: str = "sharedStrings") -> Path:
    """'Billion laughs': nested entities that expand to ~3 GB, in sharedStrings.xml or in the sheet itself."""
    if where == "sharedStrings":
        sheet = sheet_xml([header_row("ID", "Name"), b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'])
        return write_xlsx(folder / "laughs.xlsx", {"xl/worksheets/sheet1.xml": sheet}, shared_strings=_LAUGHS)
    doctype = _LAUGHS.split("\n")[1].replace("sst", "worksheet")
    sheet_part = (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + "\n"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return write_xlsx(folder / "laughs_sheet.xlsx", {"xl/worksheets/sheet1.xml": [sheet_part.encode()]})


def shared_string_amplifier(folder: Path, length: int = 10_000, cells: int = 500) -> Path:
    """One long shared string referenced by every cell: a small zip whose cells, once read, are large."""
    text = "x" * length
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f"<si><t>{text}</t></si></sst>"
    )
    rows = [
        header_row("A", "B"),
        *(b'<row><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row>' for _ in range(cells // 2)),
    ]
    return write_xlsx(
        folder / "amplifier.xlsx", {"xl/worksheets/sheet1.xml": sheet_xml(rows, None)}, shared_strings=shared
    )


_FAR_CELL = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def huge_dimension(folder: Path) -> Path:
    """A 1.5 KB workbook whose sheet claims A1:XFD1048576 and has a cell there (aborts calamine in-process)."""
    sheet = sheet_xml([header_row("ID", "Name"), _FAR_CELL], dimension="A1:XFD1048576")
    return write_xlsx(folder / "huge_dimension.xlsx", {"xl/worksheets/sheet1.xml": sheet})


def lying_dimension(folder: Path) -> Path:
    """Like huge_dimension, but the <dimension> claims A1:B2 (or is missing): only the child's limit can stop it."""
    sheet = sheet_xml([header_row("ID", "Name"), _FAR_CELL], dimension="A1:B2")
    return write_xlsx(folder / "lying_dimension.xlsx", {"xl/worksheets/sheet1.xml": sheet})


def numeric_sheet_rows(n_rows: int, n_cols: int, first_row: int = 2) -> Iterator[bytes]:
    """Rows of numbers without cell references (allowed by the format), generated in MB-sized chunks."""
    row_text = b"<row>" + b"<c><v>1234.5</v></c>" * n_cols + b"</row>"
    per_chunk = max(1, MB // len(row_text))
    done = 0
    while done < n_rows:
        count = min(per_chunk, n_rows - done)
        yield row_text * count
        done += count


def big_sheet(folder: Path, n_rows: int, n_cols: int = 10, copies: int = 1) -> Path:
    """A legitimate, large numeric sheet; `copies` sheets share its one part (cheap to build, slow to read)."""
    header = header_row(*[f"C{i}" for i in range(1, n_cols + 1)])
    part = "xl/worksheets/sheet1.xml"
    sheet = sheet_xml([header, *numeric_sheet_rows(n_rows, n_cols)], dimension=None)
    refs = [(f"Data{i}", part) for i in range(1, copies + 1)]
    return write_xlsx(folder / f"big_{n_rows}x{n_cols}x{copies}.xlsx", {part: sheet}, sheet_refs=refs)


def many_entries(folder: Path, count: int = 600) -> Path:
    """A workbook padded with `count` tiny extra parts."""
    path = write_xlsx(folder / "many_entries.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(count):
            archive.writestr(f"xl/media/image{i}.bin", b"x")
    return path


def opendocument(folder: Path) -> Path:
    """A LibreOffice .ods (a zip with an OpenDocument mimetype) without a spreadsheet in it, named .xlsx."""
    path = folder / "calc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


def pdf_named_xlsx(folder: Path) -> Path:
    """A PDF document with an .xlsx name."""
    path = folder / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    return path


def random_bytes(folder: Path, size: int = 4096) -> Path:
    """Random bytes with an .xlsx name."""
    path = folder / "noise.xlsx"
    path.write_bytes(b"\x01\x02" + os.urandom(size))
    return path


def _ole2(stream_names: list[str]) -> bytes:
    # Enough of a Compound File: the signature, a header, and a directory sector naming the streams.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    header = header.ljust(512, b"\x00")
    directory = b"".join(
        (name.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00") + struct.pack("<H", 2 * len(name) + 2) + bytes(62)
        for name in ["Root Entry", *stream_names]
    )
    return header + directory.ljust(4096, b"\x00")


def legacy_xls(folder: Path) -> Path:
    """An Excel 97-2003 (.xls) file: OLE2 container with a Workbook stream and no EncryptionInfo."""
    path = folder / "old.xls"
    path.write_bytes(_ole2(["Workbook", "\x05SummaryInformation"]))
    return path


def encrypted_xlsx(folder: Path) -> Path:
    """A password-protected .xlsx: Office wraps it in OLE2 with EncryptionInfo and EncryptedPackage streams."""
    path = folder / "secret.xlsx"
    path.write_bytes(_ole2(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    return path


def truncated_xlsx(folder: Path) -> Path:
    """The first half of a valid workbook, as left by an interrupted download."""
    whole = normal_xlsx(folder)
    path = folder / "truncated.xlsx"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def empty_file(folder: Path) -> Path:
    """A zero-byte file named .xlsx."""
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def cp1252_csv(folder: Path) -> Path:
    """A CSV saved by Excel as 'CSV (Comma delimited)' on Windows: Windows-1252, accents on line 3."""
    path = folder / "ansi.csv"
    path.write_bytes("ID,Country,Note\r\n1,Mexico,ok\r\n2,Côte d'Ivoire,été\r\n".encode("cp1252"))
    return path


def bom_semicolon_csv(folder: Path) -> Path:
    """A CSV UTF-8 with BOM and semicolons (Excel in a European locale), with decimal commas and a blank line."""
    path = folder / "europe.csv"
    text = "ID;País;Fecha;Monto\r\n1;México;2024-03-01;1,5\r\n\r\n2;Côte d'Ivoire;;2\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def normal_xlsx(folder: Path) -> Path:
    """A small, ordinary workbook made with openpyxl: title row, blank row, header on row 3, a blank row in the data."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Commitments"
    sheet["A1"] = "GCM commitments — 2024"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["ID", "Country", "Objective", "Start date", "Budget"])
    sheet.append([1, "Mexico", 5, dt.date(2024, 3, 1), 1500.5])
    sheet.append([2, "Chad", 23, dt.datetime(2024, 4, 2, 9, 30), None])
    sheet.append([])
    sheet.append([3, "Côte d'Ivoire", 1, dt.date(2023, 12, 31), 0])
    notes = workbook.create_sheet("Notes")
    notes.append(["Key", "Value"])
    notes.append(["source", "IOM"])
    path = folder / "normal.xlsx"
    workbook.save(path)
    return path


def crc(data: bytes) -> int:
    """CRC-32 as zip uses it (kept here so tests can build by-hand archives if needed)."""
    return zlib.crc32(data) & 0xFFFFFFFF
