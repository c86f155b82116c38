"""RawSheet, a sheet as read before any validation, and how read rows become one: title block, header, body.

Shared by both readers, the workbook one and the CSV one, which give empty cells as "".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# A title block above the header is at most a few one-cell rows; past this, a one-cell row is data.
_MAX_TITLE_ROWS = 5


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


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def shape(rows: Iterable[list[Any]], first_row: int) -> tuple[int, tuple[str, ...], tuple[Any, ...]]:
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
