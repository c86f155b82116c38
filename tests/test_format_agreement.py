"""The schema, the template workbook and docs/data-format.md describe one and the same format."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from gcmdash.ingest.formatdoc import data_format_markdown
from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.loading import load_paths
from gcmdash.ingest.template import LISTS, write_template
from gcmdash.model.dataset_specs import DATASETS
from gcmdash.model.schema import Kind
from tests.conftest import VALID_ROWS

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"


def test_template_sheets_and_headers_follow_the_schema(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    for spec in DATASETS:
        sheet = book[spec.sheet]
        assert [c.value for c in sheet[1]] == [c.header for c in spec.columns]


def test_template_drop_downs_hold_each_vocabulary(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    book = load_workbook(path)
    lists = book[LISTS]
    by_name = {col[0].value: [c.value for c in col[1:] if c.value is not None] for col in lists.iter_cols()}
    for spec in DATASETS:
        sheet = book[spec.sheet]
        rules = {str(r.sqref).split(":")[0].rstrip("0123456789"): r for r in sheet.data_validations.dataValidation}
        for position, column in enumerate(spec.columns):
            letter = chr(ord("A") + position)
            if column.kind in (Kind.CHOICE, Kind.CHOICES):
                assert letter in rules, f"{spec.sheet}: {column.header} has no drop-down"
                assert by_name[column.vocabulary.name] == list(column.vocabulary.values)
                assert LISTS in rules[letter].formula1
            else:
                assert letter not in rules


def test_filled_template_validates(tmp_path):
    path = tmp_path / "filled.xlsx"
    write_template(path)
    book = load_workbook(path)
    for spec in DATASETS:
        book[spec.sheet].append(VALID_ROWS[spec.key])
    book.save(path)
    result = load_paths([path], complete=True)
    assert [i.code for i in result.issues] == [] and result.valid


def test_empty_template_is_recognised_but_has_no_rows(tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    result = load_paths([path], complete=True)
    codes = {i.code for i in result.issues}
    assert codes == {IssueCode.EMPTY_SHEET}
    assert {u.dataset for u in result.uses if u.dataset} == {d.key for d in DATASETS}


def test_committed_data_format_doc_is_generated_from_the_schema():
    assert DOC.read_text(encoding="utf-8") == data_format_markdown(), "run `make docs` and commit"


def test_doc_names_every_column_and_value():
    text = data_format_markdown()
    for spec in DATASETS:
        assert f"## {spec.sheet}" in text
        for column in spec.columns:
            assert f"| {column.header} |" in text
            for value in column.vocabulary.values if column.vocabulary else ():
                assert value in text
    for code in IssueCode:
        assert f"`{code.value}`" in text
