"""CSV, TSV and TXT files read as one sheet: the encoding (UTF-8, or UTF-16 with a BOM) and the delimiter.

Runs in the limited child like a workbook: a small file of millions of short lines takes far more memory parsed.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.raw_sheet import RawSheet, shape
from gcmdash.ingest.refusals import SAVE_AS_CSV, one_line, refusal, sheet_too_large, too_many_rows


def _decode_csv(data: bytes, filename: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = "utf-16", data  # Excel's "Unicode Text"; the codec reads the BOM
    else:
        encoding, body = "utf-8", data
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        if encoding == "utf-8":
            bad = body[exc.start : exc.start + 1]
            guess = bad.decode("cp1252", "replace")
            what = f"a byte (0x{bad[0]:02X}) that is not UTF-8 — probably “{guess}” saved in an older Windows encoding"
        else:
            what = "text that is not valid UTF-16"
        raise refusal(
            IssueCode.BAD_ENCODING,
            f"“{filename}” is not saved as UTF-8 text: line {line} contains {what}. In Excel open the file and "
            f"choose {SAVE_AS_CSV}, then upload the new file.",
            filename,
        ) from None


def _sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    lines = sample.splitlines()[:50]
    best, best_score = ",", (False, 0.0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not counts:
            continue
        common, hits = Counter(counts).most_common(1)[0]
        # Prefer a delimiter that splits most rows, then the one giving the most rows of one width; failing
        # that, one that splits any row at all (ties keep the earlier, so "," by default).
        score = (True, hits / len(counts), common) if common > 1 else (False, 0.0, max(counts))
        if score > best_score:
            best, best_score = delimiter, score
    return best


_SEP_LINE = re.compile(r"^sep=(.)\r?\n")


def read_delimited_text(data: bytes, filename: str, max_cells: int, max_rows: int) -> RawSheet:
    """The file's one sheet, named after the file; refuses bad encodings, broken quoting, too many rows or cells."""
    text = _decode_csv(data, filename)
    del data
    name = PurePath(filename).stem
    # Excel's "sep=;" first line names the delimiter; Excel hides that line, so row 1 is the one after it.
    sep = _SEP_LINE.match(text)
    if sep and sep.group(1) in ",;\t|":
        delimiter, text = sep.group(1), text[sep.end() :]
    else:
        delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def capped() -> Iterator[list[str]]:
        cells = 0
        for count, row in enumerate(reader, start=1):
            cells += len(row) or 1  # blank lines count, so a file of newlines is refused too
            if count > max_rows:
                raise too_many_rows(filename, name, max_rows)
            if cells > max_cells:
                raise sheet_too_large(filename, name, cells, "holds more than")
            yield row

    try:
        header_row, header, rows = shape(capped(), 1)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise refusal(
                IssueCode.CORRUPT_FILE,
                f"“{filename}” has a cell of more than {csv.field_size_limit():,} characters near line "
                f"{reader.line_num}: no field of the format is that long. Check that line (a pasted document, or "
                "a quote opened and never closed), shorten it, and upload the file again.",
                filename,
            ) from None
        raise refusal(
            IssueCode.CORRUPT_FILE,
            f"“{filename}” could not be read as CSV near line {reader.line_num} ({one_line(str(exc))}). Usually a "
            'quote (") is opened and never closed. Open the file in Excel, check that line, save it with '
            f"{SAVE_AS_CSV}, and upload it again.",
            filename,
        ) from None
    return RawSheet(name, filename, header_row, header, rows, decimal_comma=delimiter == ";")
