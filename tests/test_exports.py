"""Exports: records in the spreadsheet format and back through the loader, formula-safe CSV/XLSX, charts, names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import altair as alt
import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gcmdash.ingest.loading import bundled, load_files
from gcmdash.model.dataset import build
from gcmdash.model.dataset_specs import DATASETS, dataset
from gcmdash.render import exports
from gcmdash.views.people import records_for_people

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "=cmd|' /C calc'!A0",
    "\r=1",
    " =1+1",
    "＝1+1",
]
HARMLESS = ["Skills passport", "1+1", "e-mail", "'quoted", "", "Türkiye; Côte d’Ivoire"]


@pytest.fixture(scope="module")
def data():
    result = bundled()
    assert result.valid, result.issues[:3]
    return result.dataset


def _without_row(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns="row").reset_index(drop=True)


def _hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({"Text": HOSTILE, "Amount": [-5, 1.5, 0, 2, 3, 4, 5, 6, 7]})


# --- Records for people --------------------------------------------------------------------------------------


def test_records_use_headers_in_schema_order_without_row(data):
    people = records_for_people("practices", data["practices"])
    assert list(people.columns) == [c.header for c in dataset("practices").columns]
    assert len(people) == len(data["practices"])


def test_records_join_lists_and_name_countries():
    frame = pd.DataFrame(
        {
            "row": [2, 3],
            "practice_id": ["PR-1", "PR-2"],
            "title": ["A", "B"],
            "objectives": [(2, 7, "General"), None],
            "countries": [("KAZ", "KGZ"), ("TUR", "CIV")],
            "scope": ["National", "Local"],
            "implementer_types": [("Member State", "IOM"), ("Civil society",)],
            "principles": [(), None],
            "start_year": pd.array([2021, None], dtype="Int64"),
        }
    )
    people = records_for_people("practices", frame)
    first, second = people.iloc[0], people.iloc[1]
    assert first["GCM objectives"] == "2; 7; General"
    assert first["Countries"] == "Kazakhstan; Kyrgyzstan"
    assert second["Countries"] == "Türkiye; Côte d'Ivoire"
    assert first["Implementer types"] == "Member State; IOM"
    assert first["Guiding principles"] is None and second["GCM objectives"] is None
    assert first["Start year"] == 2021 and pd.isna(second["Start year"])
    assert people["End year"].isna().all()  # absent columns come out empty, not missing


def test_names_the_loader_would_split_in_a_list_stay_codes():
    frame = pd.DataFrame({"countries": [("CHN", "HKG", "BES")], "contributor": ["HKG"]})
    listed = records_for_people("practices", frame).at[0, "Countries"]
    assert listed == "China; HKG; Bonaire, Sint Eustatius and Saba"
    assert records_for_people("contributions", frame).at[0, "Contributor"] == "China, Hong Kong SAR"


def test_filtered_records_keep_their_order(data):
    table = data["practices"]
    subset = table[table["scope"] == "Local"].iloc[::-1]
    people = records_for_people("practices", subset)
    assert list(people["Practice ID"]) == list(subset["practice_id"])


# --- Round trip through the loader -----------------------------------------------------------------------------


def test_practices_round_trip_through_xlsx(data):
    original = data["practices"]
    workbook = exports.xlsx_bytes({dataset("practices").sheet: records_for_people("practices", original)})
    result = load_files([("export.xlsx", workbook)])
    assert result.valid, result.issues[:3]
    pd.testing.assert_frame_equal(_without_row(result.dataset["practices"]), _without_row(original))


def test_practices_round_trip_through_csv(data):
    original = data["practices"]
    name = f"{dataset('practices').sheet}.csv"
    result = load_files([(name, exports.csv_bytes(records_for_people("practices", original)))])
    assert result.valid, result.issues[:3]
    pd.testing.assert_frame_equal(_without_row(result.dataset["practices"]), _without_row(original))


def test_every_dataset_round_trips_in_one_workbook(data):
    sheets = {spec.sheet: records_for_people(spec.key, data[spec.key]) for spec in DATASETS}
    result = load_files([("everything.xlsx", exports.xlsx_bytes(sheets))], complete=True)
    assert result.valid, result.issues[:3]
    for spec in DATASETS:
        pd.testing.assert_frame_equal(_without_row(result.dataset[spec.key]), _without_row(data[spec.key]))


@pytest.mark.parametrize("key", [spec.key for spec in DATASETS])
def test_every_dataset_round_trips_as_csv(data, key):
    result = load_files([(f"{dataset(key).sheet}.csv", exports.csv_bytes(records_for_people(key, data[key])))])
    assert result.valid, result.issues[:3]
    pd.testing.assert_frame_equal(_without_row(result.dataset[key]), _without_row(data[key]))


def test_comma_names_round_trip_in_lists():
    table = build(
        {
            "practices": pd.DataFrame(
                {
                    "practice_id": ["PR-1"],
                    "title": ["T"],
                    "objectives": [(1,)],
                    "countries": [("CHN", "HKG", "MAC", "TWN")],
                    "scope": ["Regional"],
                    "implementer_types": [("IOM",)],
                    "provenance": ["Illustrative"],
                },
                index=pd.Index([2], name="row"),
            )
        },
        "v",
    )["practices"]
    people = records_for_people("practices", table)
    result = load_files([("Practices.csv", exports.csv_bytes(people))])
    assert result.valid, result.issues[:3]
    assert result.dataset["practices"].at[0, "countries"] == ("CHN", "HKG", "MAC", "TWN")


def test_hostile_text_survives_the_xlsx_round_trip_unchanged(data):
    original = data["practices"].head(len(HOSTILE)).copy()
    original["title"] = pd.array([f"{h}x" if h.endswith("=") else h for h in HOSTILE], dtype="string")
    people = records_for_people("practices", original)
    result = load_files([("export.xlsx", exports.xlsx_bytes({"Practices": people}))])
    assert result.valid, result.issues[:3]
    # The loader tidies whitespace in text cells, as it did when the title was first read.
    assert list(result.dataset["practices"]["title"]) == [" ".join(h.split()) for h in HOSTILE]


# --- CSV ----------------------------------------------------------------------------------------------------


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_prefixes_formula_like_text_with_an_apostrophe():
    rows = _csv_rows(exports.csv_bytes(_hostile_frame()))
    assert rows[0] == ["Text", "Amount"]
    assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE]


def test_csv_leaves_numbers_and_harmless_text_alone():
    frame = pd.DataFrame({"Text": HARMLESS, "Amount": [-5, -0.25, 1e6, None, 2021, 3]})
    rows = _csv_rows(exports.csv_bytes(frame))
    assert [r[0] for r in rows[1:]] == HARMLESS
    assert [r[1] for r in rows[1:]] == ["-5", "-0.25", "1000000", "", "2021", "3"]


def test_csv_writes_dates_missing_values_and_headers_plainly():
    frame = pd.DataFrame(
        {"=Header": ["a", None], "Date": [dt.date(2024, 3, 1), None], "Year": pd.array([2021, None], dtype="Int64")}
    )
    rows = _csv_rows(exports.csv_bytes(frame))
    assert rows == [["'=Header", "Date", "Year"], ["a", "2024-03-01", "2021"], ["", "", ""]]


def test_csv_ends_lines_the_way_excel_does():
    assert exports.csv_bytes(pd.DataFrame({"A": [1]})) == b"\xef\xbb\xbfA\r\n1\r\n"


# --- XLSX ---------------------------------------------------------------------------------------------------


def test_xlsx_writes_formula_like_text_as_string_cells():
    data = exports.xlsx_bytes({"Records": _hostile_frame()})
    sheet = load_workbook(io.BytesIO(data))["Records"]
    texts = [sheet.cell(row=r, column=1) for r in range(2, len(HOSTILE) + 2)]
    # The value itself is untouched (XML reads a bare carriage return as a line feed: still text, still defused).
    assert [c.value for c in texts] == [h.replace("\r", "\n") for h in HOSTILE]
    assert all(c.data_type == "s" and c.quotePrefix for c in texts)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name))


def test_xlsx_keeps_numbers_numbers_and_dates_dates():
    frame = pd.DataFrame(
        {
            "Amount": [-5, 2.5],
            "Year": pd.array([2021, None], dtype="Int64"),
            "Date": [dt.date(2024, 3, 1), pd.Timestamp("2024-05-02 10:30")],
        }
    )
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes({"S": frame})))["S"]
    assert sheet["A2"].value == -5 and sheet["A2"].data_type == "n" and not sheet["A2"].quotePrefix
    assert sheet["A3"].value == 2.5
    assert sheet["B2"].value == 2021 and sheet["B3"].value is None
    assert sheet["C2"].is_date and sheet["C2"].value == dt.datetime(2024, 3, 1)
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet["C3"].is_date and sheet["C3"].value == dt.datetime(2024, 5, 2, 10, 30)


def test_xlsx_header_is_bold_frozen_and_filterable_with_fitted_widths(data):
    people = records_for_people("practices", data["practices"])
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes({"Practices": people})))["Practices"]
    assert [c.value for c in sheet[1]] == list(people.columns)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    last = get_column_letter(len(people.columns))
    assert sheet.auto_filter.ref == f"A1:{last}{len(people) + 1}"
    letters = [get_column_letter(n) for n in range(1, len(people.columns) + 1)]
    widths = {c: sheet.column_dimensions[c].width for c in letters}
    assert all(8 <= w <= 60 for w in widths.values())
    assert widths["B"] > widths["A"]  # titles are wider than IDs


def test_xlsx_one_sheet_per_entry_with_names_excel_accepts():
    frames = {
        "Practices": pd.DataFrame({"A": [1]}),
        "Pledges / all [draft]?": pd.DataFrame({"B": ["x"]}),
        "practices": pd.DataFrame(),
        "A" * 40: pd.DataFrame({"C": [None]}),
    }
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(frames)))
    assert book.sheetnames == ["Practices", "Pledges - all -draft--", "practices (2)", "A" * 31]
    assert book["Pledges - all -draft--"]["A2"].value == "x"


def test_xlsx_replaces_characters_xml_cannot_hold():
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes({"S": pd.DataFrame({"A": ["bell\x07"]})})))["S"]
    assert sheet["A2"].value == "bell\ufffd"


def test_formula_like():
    assert all(exports.formula_like(h) for h in HOSTILE)
    assert not any(exports.formula_like(h) for h in HARMLESS)


# --- Charts -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bar_chart():
    frame = pd.DataFrame({"objective": ["Obj. 1", "Obj. 2", "Côte d’Ivoire"], "records": [3, 5, -1]})
    return alt.Chart(frame).mark_bar().encode(y="objective:N", x="records:Q").properties(title="Practices")


def test_chart_svg(bar_chart):
    svg = exports.chart_svg(bar_chart)
    assert svg.startswith(b"<svg")
    assert "Côte d’Ivoire".encode() in svg
    # Nothing in the picture points outside it (only the SVG namespaces are URLs).
    namespaces = {b"http://www.w3.org/2000/svg", b"http://www.w3.org/1999/xlink"}
    assert set(re.findall(rb"https?://[^\"'\s)]+", svg)) <= namespaces
    assert b"@import" not in svg and b"url(" not in svg


def test_chart_png(bar_chart):
    one, two = exports.chart_png(bar_chart, scale=1), exports.chart_png(bar_chart)
    assert one.startswith(b"\x89PNG\r\n\x1a\n") and two.startswith(b"\x89PNG\r\n\x1a\n")
    width = lambda png: int.from_bytes(png[16:20], "big")  # noqa: E731  IHDR width
    assert width(two) == 2 * width(one)
    with pytest.raises(ValueError):
        exports.chart_png(bar_chart, scale=0)


def test_charts_drawn_to_fill_the_page_get_a_fixed_width(bar_chart):
    text = bar_chart.mark_text(align="left").encode(text="records:Q")
    for chart in (bar_chart.properties(width="container"), (bar_chart + text).properties(width="container")):
        svg = exports.chart_svg(chart)
        assert int(re.search(rb'<svg[^>]* width="(\d+)"', svg).group(1)) > 720


def test_charts_never_fetch_data():
    remote = alt.Chart(alt.Data(url="https://example.org/data.csv")).mark_bar().encode(x="a:N", y="b:Q")
    with pytest.raises(ValueError, match="not allowed"):
        exports.chart_svg(remote)
    with pytest.raises(ValueError, match="not allowed"):
        exports.chart_png(remote)


# --- File names ---------------------------------------------------------------------------------------------


def test_download_name():
    day = dt.date(2026, 11, 30)
    assert exports.download_name("practices", "ECE", "csv", day) == "gcmdash-practices-ECE-2026-11-30.csv"
    assert exports.download_name("practices", None, ".XLSX", day) == "gcmdash-practices-2026-11-30.xlsx"
    assert exports.download_name("Pledges by objective", "World", "png", day) == (
        "gcmdash-pledges-by-objective-World-2026-11-30.png"
    )
    assert exports.download_name("../../etc/passwd", "Côte d’Ivoire", "s/v:g", day) == (
        "gcmdash-etc-passwd-Cote-d-Ivoire-2026-11-30.svg"
    )
    assert exports.download_name("practices", "ECE", "csv").endswith(f"-{dt.date.today().isoformat()}.csv")


def test_download_names_hold_only_safe_characters():
    name = exports.download_name('a<b>:"c"|?*\\d\x00e\n', " ", "csv", dt.date(2026, 1, 2))
    assert re.fullmatch(r"[A-Za-z0-9.-]+", name)
