"""The safe reader: ordinary files read right, hostile files refused fast, with the server process unharmed."""

from __future__ import annotations

import datetime as dt
import io
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import hostile

from gcmdash.ingest import sandbox
from gcmdash.ingest.issues import IssueCode, SpreadsheetError
from gcmdash.ingest.raw_sheet import RawSheet
from gcmdash.ingest.reading import read_bytes, read_path

# Generous bounds: the point is "finishes, and does not balloon", not a benchmark.
MAX_SECONDS = 30
MAX_RSS_GROWTH_MB = 500


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@contextmanager
def bounded() -> Iterator[None]:
    """Assert the block finished in bounded time and the test process's peak memory did not balloon."""
    start, rss = time.monotonic(), _rss_mb()
    yield
    elapsed, growth = time.monotonic() - start, _rss_mb() - rss
    assert elapsed < MAX_SECONDS, f"took {elapsed:.1f} s"
    assert growth < MAX_RSS_GROWTH_MB, f"peak memory grew by {growth:.0f} MB"


def refused(path: Path) -> SpreadsheetError:
    """The SpreadsheetError reading `path` raises, checked for the shape every such error must have."""
    with bounded(), pytest.raises(SpreadsheetError) as caught:
        read_path(path)
    issue = caught.value.issue
    assert issue.row is None and issue.column is None
    assert issue.value == path.name
    assert issue.message and "Traceback" not in issue.message and str(path.parent) not in issue.message
    return caught.value


# --------------------------------------------------------------------------------------------------------------
# Ordinary files


def test_normal_xlsx_keeps_excel_row_numbers_and_types(tmp_path: Path) -> None:
    sheets = read_path(hostile.normal_xlsx(tmp_path))
    assert [s.name for s in sheets] == ["Commitments", "Notes"]
    commitments = sheets[0]
    assert commitments.source == "normal.xlsx"
    # Title on row 1 (merged A1:E1), blank row 2: the header is on row 3, as Excel shows it.
    assert commitments.header_row == 3
    assert commitments.header == ("ID", "Country", "Objective", "Start date", "Budget")
    assert [number for number, _ in commitments.rows] == [4, 5, 7]  # row 6 is blank
    assert commitments.rows[0][1] == (1, "Mexico", 5, dt.date(2024, 3, 1), 1500.5)
    assert commitments.rows[1][1] == (2, "Chad", 23, dt.datetime(2024, 4, 2, 9, 30), None)
    assert commitments.rows[2][1][1] == "Côte d'Ivoire"
    assert isinstance(commitments.rows[0][1][3], dt.date)
    assert sheets[1] == RawSheet("Notes", "normal.xlsx", 1, ("Key", "Value"), ((2, ("source", "IOM")),))


def test_read_bytes_matches_read_path(tmp_path: Path) -> None:
    path = hostile.normal_xlsx(tmp_path)
    assert read_bytes(path.read_bytes(), "upload.xlsx")[0].rows == read_path(path)[0].rows


def test_xlsx_cells_are_shaped_for_the_validator(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append([" ID ", None, "When", "Took", 7])  # padded, empty and numeric header cells
    sheet.append([1, "x", dt.time(14, 30), dt.timedelta(hours=30)])
    sheet.append([2])  # short row: padded with None
    sheet["H3"] = "stray"  # beyond the header: kept so the validator can report it
    workbook.create_sheet("Blank")
    path = tmp_path / "shaped.xlsx"
    workbook.save(path)

    data, blank = read_path(path)
    assert data.header == ("ID", "", "When", "Took", "7")
    assert data.rows[0] == (2, (1, "x", "14:30:00", "30:00:00", None))
    assert data.rows[1] == (3, (2, None, None, None, None, None, None, "stray"))
    assert blank == RawSheet("Blank", "shaped.xlsx", 0, (), ())


def test_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    (sheet,) = read_path(hostile.bom_semicolon_csv(tmp_path))
    assert sheet.name == "europe" and sheet.source == "europe.csv"
    assert sheet.header_row == 1
    assert sheet.header == ("ID", "País", "Fecha", "Monto")
    assert sheet.rows == ((2, ("1", "México", "2024-03-01", "1,5")), (4, ("2", "Côte d'Ivoire", None, "2")))


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("a\tb\n1\t2\n", "utf-8"),  # tab-delimited
        ("sep=;\na;b\n1;2\n", "utf-8"),  # Excel's delimiter line, hidden by Excel
        ("a,b\r\n1,2\r\n", "utf-16"),  # Excel's "Unicode Text" has a BOM
    ],
)
def test_csv_delimiters_and_encodings(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode(encoding))
    (sheet,) = read_path(path)
    assert (sheet.header_row, sheet.header, sheet.rows) == (1, ("a", "b"), ((2, ("1", "2")),))


def test_excels_unicode_text_is_read(tmp_path: Path) -> None:
    # File › Save As › Unicode Text (*.txt): UTF-16 with a BOM, tab-separated.
    path = tmp_path / "activities.txt"
    path.write_bytes("Country\tType\r\nCôte d'Ivoire\tCountry Network\r\n".encode("utf-16"))
    (sheet,) = read_path(path)
    assert sheet.header == ("Country", "Type") and sheet.rows == ((2, ("Côte d'Ivoire", "Country Network")),)


def test_csv_title_block_and_one_column_table(tmp_path: Path) -> None:
    titled = tmp_path / "titled.csv"
    titled.write_text("Pledges 2024\n\nID,Name\n1,a\n", encoding="utf-8")
    (sheet,) = read_path(titled)
    assert (sheet.header_row, sheet.header, sheet.rows) == (3, ("ID", "Name"), ((4, ("1", "a")),))

    column = tmp_path / "column.csv"
    column.write_text("Country\n" + "".join(f"c{i}\n" for i in range(10)) + "x,y\n", encoding="utf-8")
    (sheet,) = read_path(column)
    assert sheet.header_row == 1 and sheet.header == ("Country",)
    assert sheet.rows[0] == (2, ("c0",)) and sheet.rows[-1] == (12, ("x", "y"))


def test_csv_cell_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCMDASH_MAX_CELLS", "1000")
    path = tmp_path / "newlines.csv"
    path.write_bytes(b"a,b\n" + b"\n" * 5000)
    error = refused(path)
    assert error.issue.code is IssueCode.SHEET_TOO_LARGE and error.issue.sheet == "newlines"


# --------------------------------------------------------------------------------------------------------------
# Hostile and broken files: each is refused with its own code, in bounded time and memory

HOSTILE: list[tuple[str, Callable[[Path], Path], IssueCode]] = [
    ("zip bomb, 300 MB of XML", hostile.zip_bomb, IssueCode.ZIP_TOO_LARGE),
    ("zip bomb, 60 MB at ~150:1", lambda d: hostile.zip_bomb(d, 60), IssueCode.ZIP_RATIO),
    ("zip bomb lying about its sizes", hostile.lying_zip_bomb, IssueCode.CORRUPT_FILE),
    ("billion laughs in sharedStrings", hostile.entity_bomb, IssueCode.XML_ENTITIES),
    ("billion laughs in the sheet", lambda d: hostile.entity_bomb(d, "sheet"), IssueCode.XML_ENTITIES),
    ("dimension A1:XFD1048576", hostile.huge_dimension, IssueCode.SHEET_TOO_LARGE),
    ("cell XFD1048576 behind a small dimension", hostile.lying_dimension, IssueCode.PARSE_MEMORY),
    ("600 zip entries", hostile.many_entries, IssueCode.ZIP_TOO_MANY_ENTRIES),
    ("PDF named .xlsx", hostile.pdf_named_xlsx, IssueCode.NOT_A_SPREADSHEET),
    ("random bytes named .xlsx", hostile.random_bytes, IssueCode.NOT_A_SPREADSHEET),
    # A real .ods is read (test_the_bundled_workbook_saved_as_ods_…); this one has no spreadsheet inside.
    ("damaged OpenDocument named .xlsx", hostile.opendocument, IssueCode.CORRUPT_FILE),
    ("legacy .xls", hostile.legacy_xls, IssueCode.LEGACY_XLS),
    ("password-protected .xlsx", hostile.encrypted_xlsx, IssueCode.ENCRYPTED_FILE),
    ("truncated .xlsx", hostile.truncated_xlsx, IssueCode.CORRUPT_FILE),
    ("empty file", hostile.empty_file, IssueCode.EMPTY_FILE),
    ("Windows-1252 CSV", hostile.cp1252_csv, IssueCode.BAD_ENCODING),
]


@pytest.mark.parametrize(("build", "code"), [(b, c) for _, b, c in HOSTILE], ids=[i for i, _, _ in HOSTILE])
def test_hostile_file_is_refused(tmp_path: Path, build: Callable[[Path], Path], code: IssueCode) -> None:
    path = build(tmp_path)
    error = refused(path)
    assert error.issue.code is code, error.issue.message
    if code is IssueCode.SHEET_TOO_LARGE:
        assert error.issue.sheet == "Sheet1"
    else:
        assert error.issue.sheet is None


def test_huge_dimension_is_refused_before_any_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_child() -> None:
        raise AssertionError("a sheet claiming XFD1048576 must be refused before the parser starts")

    monkeypatch.setattr(sandbox, "_take_child", no_child)
    assert refused(hostile.huge_dimension(tmp_path)).issue.code is IssueCode.SHEET_TOO_LARGE


def test_messages_say_how_to_fix(tmp_path: Path) -> None:
    assert "Save As" in refused(hostile.legacy_xls(tmp_path)).issue.message
    assert "Encrypt with Password" in refused(hostile.encrypted_xlsx(tmp_path)).issue.message
    message = refused(hostile.cp1252_csv(tmp_path)).issue.message
    assert "line 3" in message and "CSV UTF-8 (Comma delimited)" in message
    assert "PDF" in refused(hostile.pdf_named_xlsx(tmp_path)).issue.message


def test_text_and_web_pages_with_spreadsheet_names(tmp_path: Path) -> None:
    html = tmp_path / "export.xls"
    html.write_bytes(b"<html><body><table><tr><td>1</td></tr></table></body></html>")
    assert "web page" in refused(html).issue.message
    text = tmp_path / "data.xlsx"
    text.write_bytes(b"ID,Name\n1,a\n")
    error = refused(text)
    assert error.issue.code is IssueCode.NOT_A_SPREADSHEET and ".csv" in error.issue.message


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCMDASH_MAX_UPLOAD_MB", "1")
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # sparse: costs no disk
    assert refused(path).issue.code is IssueCode.FILE_TOO_LARGE
    with pytest.raises(SpreadsheetError) as caught:
        read_bytes(b"x" * (2 * 1024 * 1024), "big.csv")
    assert caught.value.issue.code is IssueCode.FILE_TOO_LARGE


# --------------------------------------------------------------------------------------------------------------
# The child's own limits: cells actually held, memory, time


def test_child_caps_cells_actually_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCMDASH_MAX_CELLS", "1000")
    path = hostile.big_sheet(tmp_path, 200, 10)  # no <dimension>: only the child can count
    error = refused(path)
    assert error.issue.code is IssueCode.SHEET_TOO_LARGE and error.issue.sheet == "Data1"


def test_child_caps_what_the_server_receives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A 1 KB zip whose 500 cells each hold the same 10,000-character shared string: 5 MB once read.
    path = hostile.shared_string_amplifier(tmp_path)
    assert path.stat().st_size < 10_000
    monkeypatch.setenv("GCMDASH_MAX_UNCOMPRESSED_MB", "1")
    assert refused(path).issue.code is IssueCode.ZIP_TOO_LARGE
    monkeypatch.delenv("GCMDASH_MAX_UNCOMPRESSED_MB")
    (sheet,) = read_path(path)
    assert len(sheet.rows) == 250 and sheet.rows[0][1][0] == "x" * 10_000


def test_child_memory_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2 million numeric cells need several hundred MB in the child; 150 MB is not enough.
    path = hostile.big_sheet(tmp_path, 200_000, 10)
    monkeypatch.setenv("GCMDASH_MAX_ZIP_RATIO", "10000")  # identical rows compress ~150:1
    monkeypatch.setenv("GCMDASH_PARSE_MEMORY_MB", "150")
    assert refused(path).issue.code is IssueCode.PARSE_MEMORY
    monkeypatch.setenv("GCMDASH_PARSE_MEMORY_MB", "2048")
    with bounded():
        (sheet,) = read_path(path)
    assert len(sheet.rows) == 200_000 and sheet.rows[-1][0] == 200_001


def test_child_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Twenty sheets sharing one 2-million-cell part: 0.3 MB to build, many seconds to parse.
    path = hostile.big_sheet(tmp_path, 200_000, 10, copies=20)
    monkeypatch.setenv("GCMDASH_MAX_ZIP_RATIO", "10000")
    monkeypatch.setenv("GCMDASH_MAX_CELLS", "100000000")
    monkeypatch.setenv("GCMDASH_PARSE_TIMEOUT_S", "1")
    start = time.monotonic()
    assert refused(path).issue.code is IssueCode.PARSE_TIMEOUT
    assert time.monotonic() - start < 10


def test_server_survives_and_keeps_reading(tmp_path: Path) -> None:
    # After children died of an abort and of the memory limit, the next file still reads normally.
    for build in (hostile.lying_dimension, hostile.lying_dimension):
        refused(build(tmp_path))
    assert read_path(hostile.normal_xlsx(tmp_path))[0].header_row == 3


def test_a_csv_of_millions_of_short_lines_is_refused_in_the_child_without_growing_the_server(tmp_path: Path) -> None:
    # Before: a 9.8 MB CSV of 4.9 million one-cell rows was parsed in the server, which grew by 835 MB.
    import resource

    path = tmp_path / "lines.csv"
    path.write_bytes(b"a,b\n" + b"x\n" * 4_900_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = refused(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert error.issue.code is IssueCode.SHEET_TOO_LARGE and "rows" in error.issue.message
    assert grown_mb < 100, f"the server grew by {grown_mb:.0f} MB"


def test_a_csv_field_over_the_parsers_limit_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b"a,b\n1," + b"x" * 200_000 + b"\n")
    error = refused(path)
    assert error.issue.code is IssueCode.CORRUPT_FILE and "characters" in error.issue.message
    assert "never closed" not in error.issue.message.split("(")[0]


def test_the_csv_reader_takes_its_limits_from_the_request_not_the_child(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GCMDASH_MAX_ROWS", "3")
    path = tmp_path / "four.csv"
    path.write_bytes(b"a,b\n1,2\n3,4\n5,6\n")
    assert refused(path).issue.code is IssueCode.SHEET_TOO_LARGE


def _bundled_sheets() -> dict[str, list[list[object]]]:
    from openpyxl import load_workbook

    book = load_workbook(Path(__file__).resolve().parent.parent / "data" / "gcm-data.xlsx", read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_the_bundled_workbook_saved_as_ods_reads_with_the_same_figures() -> None:
    # LibreOffice and Google Sheets save .ods: it was refused ("save it as an Excel workbook").
    from gcmdash.ingest.loading import bundled, load_files
    from gcmdash.views import metrics
    from tests.ods import ods_bytes

    result = load_files([("gcm-data.ods", ods_bytes(_bundled_sheets()))], complete=True)
    assert result.valid, [issue.message for issue in result.issues if issue.is_error][:3]
    for region in ("ECE", None):
        assert metrics.figure_values(metrics.summary(result.dataset, region)) == metrics.figure_values(
            metrics.summary(bundled().dataset, region)
        )


def test_an_ods_with_a_dtd_is_refused_like_a_workbook(tmp_path: Path) -> None:
    import zipfile

    from tests.ods import ods_bytes

    parts = zipfile.ZipFile(io.BytesIO(ods_bytes({"Practices": [["a", "b"], [1, 2]]})))
    path = tmp_path / "entities.ods"
    with zipfile.ZipFile(path, "w") as out:
        for info in parts.infolist():
            data = parts.read(info.filename)
            if info.filename == "content.xml":
                data = data.replace(b"?>\n", b'?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n', 1)
            out.writestr(info, data)
    assert refused(path).issue.code is IssueCode.XML_ENTITIES
