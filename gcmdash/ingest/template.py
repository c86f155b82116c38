"""The blank template workbook, written from the schema: instructions, one sheet per dataset, drop-down lists."""

from __future__ import annotations

import io
import os

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from gcmdash.model import framework
from gcmdash.model.dataset_specs import DATASETS, INSTRUCTIONS, LISTS
from gcmdash.model.schema import Column, DatasetSpec, Kind

_REQUIRED_FILL = PatternFill("solid", fgColor="FFD6EAF8")
_OPTIONAL_FILL = PatternFill("solid", fgColor="FFF2F2F2")
_ROWS_WITH_LISTS = 5000


def _hint(column: Column) -> str:
    need = "Required." if column.required else "Optional."
    return (
        f"{need} {column.description} Example: {column.example}" if column.example else f"{need} {column.description}"
    )


def _lists(book: Workbook) -> dict[str, str]:
    """A hidden sheet holding each vocabulary; returns the range formula of each by vocabulary name."""
    sheet = book.create_sheet(LISTS)
    ranges: dict[str, str] = {}
    vocabularies = {c.vocabulary.name: c.vocabulary for d in DATASETS for c in d.columns if c.vocabulary}
    for position, vocabulary in enumerate(vocabularies.values(), start=1):
        letter = get_column_letter(position)
        sheet.cell(1, position, vocabulary.name)
        for row, value in enumerate(vocabulary.values, start=2):
            sheet.cell(row, position, value)
        ranges[vocabulary.name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(vocabulary.values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _dataset_sheet(book: Workbook, spec: DatasetSpec, ranges: dict[str, str]) -> None:
    sheet = book.create_sheet(spec.sheet)
    for position, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(1, position, column.header)
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(_hint(column), "gcmdash")
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(14, min(48, len(column.example or "") + 6, len(column.header) + 12))
        if column.kind is Kind.CHOICE and column.vocabulary is not None:
            rule = DataValidation(
                type="list",
                formula1=ranges[column.vocabulary.name],
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=column.header,
                error=f"Choose a {column.vocabulary.name} from the list.",
            )
            rule.add(f"{letter}2:{letter}{_ROWS_WITH_LISTS}")
            sheet.add_data_validation(rule)
        elif column.kind is Kind.CHOICES and column.vocabulary is not None:
            # Several values go in one cell, so a hard list would refuse them; the list is offered as a prompt.
            rule = DataValidation(
                type="list",
                formula1=ranges[column.vocabulary.name],
                allow_blank=True,
                showErrorMessage=False,
                showInputMessage=True,
                promptTitle=column.header,
                prompt="Pick one, or type several separated by ;",
            )
            rule.add(f"{letter}2:{letter}{_ROWS_WITH_LISTS}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def _instructions(book: Workbook) -> None:
    sheet = book.active
    sheet.title = INSTRUCTIONS
    lines = [
        ("gcmdash data template", True),
        (
            "Fill one sheet per dataset. Keep the header row as it is; blue headers are required, grey ones optional.",
            False,
        ),
        ("Several values in one cell are separated by a semicolon: 2; 7; 15.", False),
        ("Countries: UN names, common names or ISO3 codes. Objectives: numbers 1–23 or General.", False),
        (
            "Check a file before publishing it: gcmdash validate FILE.xlsx "
            "(it lists every problem by sheet, row and column).",
            False,
        ),
        ("", False),
    ]
    for spec in DATASETS:
        lines.append((f"{spec.sheet} — {spec.description}", True))
        lines.extend((f"  {c.header}: {_hint(c)}", False) for c in spec.columns)
        lines.append(("", False))
    lines.append(("GCM objectives", True))
    lines.extend((f"  {o.number}. {o.short_label} — {o.title}", False) for o in framework.objectives())
    for row, (text, bold) in enumerate(lines, start=1):
        sheet.cell(row, 1, text).font = Font(bold=bold)
    sheet.column_dimensions["A"].width = 140


def template_workbook() -> Workbook:
    """The template as an openpyxl workbook."""
    book = Workbook()
    _instructions(book)
    ranges = _lists(book)
    for spec in DATASETS:
        _dataset_sheet(book, spec, ranges)
    book.move_sheet(LISTS, offset=len(DATASETS))
    return book


def template_bytes() -> bytes:
    """The template as .xlsx bytes, for downloads."""
    buffer = io.BytesIO()
    template_workbook().save(buffer)
    return buffer.getvalue()


def write_template(path: str | os.PathLike) -> None:
    """Write the template workbook to a file."""
    template_workbook().save(path)
