"""Rows that are not records: a note typed under the table, or a totals row.

Takes one raw row of a sheet and its dataset; gives the one issue that names the real problem (instead of a
missing value in every required column), or None for an ordinary row. Imports cells, numbers, issues and the
schema only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gcmdash.ingest.cells import as_text, column_letter, is_blank
from gcmdash.ingest.issues import Issue, IssueCode, shown_value
from gcmdash.ingest.numbers import read_number
from gcmdash.model.schema import DatasetSpec

#: A cell that labels its row as a sum of the others: "Total", "Totals:", "Grand total", "Subtotal 2023", "Sum".
_TOTAL = re.compile(r"^(?:grand\s+|sub-?)?totals?\b|^sum\b|^gesamt|^total\s+general", re.IGNORECASE)


def stray_row(
    spec: DatasetSpec, sheet: str, header: Sequence[str], excel_row: int, cells: Sequence[object]
) -> Issue | None:
    """The issue of a row that holds no record (a note or a total), or None."""
    filled = [(position, value) for position, value in enumerate(cells) if not is_blank(value)]
    texts = [(position, value) for position, value in filled if isinstance(value, str)]
    # A label in the row's first filled cell, short as labels are ("Total", "Grand total 2023"), and numbers only
    # after it: not a record or a note that happens to begin with the word.
    if filled and isinstance(filled[0][1], str) and len(filled[0][1].strip()) <= 30:
        position, value = filled[0]
        if _TOTAL.match(value.strip()) and all(_numeric(other) for _, other in filled[1:]):
            return Issue(
                sheet,
                excel_row,
                _column(header, position),
                IssueCode.TOTALS_ROW,
                f'Row {excel_row} looks like a total ("{as_text(value)[:60]}"): remove it; gcmdash '
                "computes every total from the records.",
                shown_value(value),
            )
    required = sum(1 for column in spec.columns if column.required)
    if len(filled) == 1 and texts and required > 1:
        position, value = texts[0]
        return Issue(
            sheet,
            excel_row,
            _column(header, position),
            IssueCode.NOTES_ROW,
            f"Row {excel_row} holds only text in column {column_letter(position)} "
            f'("{as_text(value)[:60]}"): notes belong in another sheet. Move it there, or delete it.',
            shown_value(value),
        )
    return None


def _numeric(value: object) -> bool:
    if isinstance(value, str):
        return read_number(value).value is not None
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _column(header: Sequence[str], position: int) -> str:
    name = header[position] if position < len(header) else ""
    return name or column_letter(position)
