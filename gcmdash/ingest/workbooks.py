"""Workbooks (.xlsx and .ods) read by calamine in the limited child: every worksheet, its cells capped, shaped.

What it returns is the child's message to the server (decoded by sandbox): the sheets, or why they were not read.
"""

from __future__ import annotations

import io
import os
from typing import Any

from gcmdash.ingest.child_exit import EXIT_MEMORY
from gcmdash.ingest.raw_sheet import shape


def read_workbook(data: bytes, max_cells: int, max_rows: int) -> tuple[Any, ...]:
    """The child's message for a workbook: ("ok", [(name, header row, header, rows)…]) or why it was not read."""
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
            header_row, header, rows = shape(sheet.to_python(skip_empty_area=True), first_row)
            sheets.append((meta.name, header_row, header, rows))
            del sheet
        return ("ok", sheets)
    except MemoryError:
        os._exit(EXIT_MEMORY)  # see child_exit
    except calamine.PasswordError:
        return ("encrypted",)
    except BaseException as exc:  # pyo3's PanicException is a BaseException
        return ("corrupt", f"{type(exc).__name__}: {exc}")
