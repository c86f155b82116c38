"""Numbers as analysts type them: digit groups and decimal marks read exactly as meant, or refused saying why.

Takes one cell's text and whether its file writes decimals with a comma (a semicolon-separated CSV, what Excel
saves in most of Europe); gives the number, or an issue code and a message that explains every reading. Imports
only the issue codes. A mark is a *group* separator when every group after the first has three digits, else it is
the decimal mark; when both readings fit ("1,250", or "1.250" in a file with decimal commas), the cell is refused.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gcmdash.ingest.issues import IssueCode

_CURRENCY = re.compile(r"^(?:usd|us\$|\$)?\s*(.*?)\s*(?:usd|us\$|\$)?$", re.IGNORECASE | re.DOTALL)
#: Spaces people and spreadsheets put between digit groups: space, no-break, narrow no-break, thin; and the Swiss '.
_GAPS = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009'’](?=\d{3}(?:\D|$))")
_DIGITS = re.compile(r"^\d+$")
_GROUPED = {mark: re.compile(rf"^\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+$") for mark in ",."}
_HOW = (
    "write digits, with a point for decimals (1500000 or 1500000.50); thousands separators are read too "
    "(1,500,000 · 1.500.000 · 1 500 000)"
)


class NumberReading(NamedTuple):
    """A cell's number, or why it is not one (code and message; value None)."""

    value: float | None
    code: IssueCode | None = None
    message: str = ""


def _refused(code: IssueCode, message: str) -> NumberReading:
    return NumberReading(None, code, message)


def _not_a_number(text: str) -> NumberReading:
    return _refused(IssueCode.WRONG_TYPE, f'"{text}" is not a number: {_HOW}; no words other than USD.')


def _both_readings(text: str, mark: str, grouped: float, decimal: float, decimal_comma: bool) -> NumberReading:
    # The suggestions are written the way this file writes decimals, so both are read back exactly as shown.
    fraction = f"{decimal:g}".replace(".", "," if decimal_comma else ".")
    return _refused(
        IssueCode.AMBIGUOUS_NUMBER,
        f'"{text}" can be read two ways: with "{mark}" between thousands it is {grouped:.0f}; with '
        f'"{mark}" as the decimal mark it is {decimal:g}. Write {grouped:.0f} or {fraction} (no '
        "thousands separators) so that it cannot be misread.",
    )


def _whole(body: str, mark: str) -> float | None:
    """The integer written with `mark` between groups of three, or None if it is not written so."""
    return float(body.replace(mark, "")) if _GROUPED[mark].match(body) else None


def _one_mark(text: str, body: str, mark: str, decimal_comma: bool) -> NumberReading:
    whole, _, fraction = body.partition(mark)
    if body.count(mark) > 1:
        grouped = _whole(body, mark)
        return NumberReading(grouped) if grouped is not None else _not_a_number(text)
    if not (_DIGITS.match(whole) and _DIGITS.match(fraction)):
        return _not_a_number(text)
    as_decimal = float(f"{whole}.{fraction}")
    could_group = len(fraction) == 3 and len(whole) <= 3 and whole != "0"
    if not could_group:
        return NumberReading(as_decimal)
    # "1,250" or "1.250": a group separator or the decimal mark. The file's convention settles it only one way:
    # in a file with decimal commas "1,250" is 1.25; "1.250" there, and "1,250" anywhere else, stay ambiguous.
    if mark == "," and decimal_comma:
        return NumberReading(as_decimal)
    if mark == "." and not decimal_comma:
        return NumberReading(as_decimal)
    return _both_readings(text, mark, float(whole + fraction), as_decimal, decimal_comma)


def read_number(text: str, decimal_comma: bool = False) -> NumberReading:
    """The number a cell's text means ("USD 2.700.000", "6180000,00", "1 250 000"), or why it cannot be read."""
    match = _CURRENCY.match(text.strip())
    body = match.group(1) if match else text
    sign = -1.0 if body[:1] in ("-", "\u2212") else 1.0
    body = _GAPS.sub("", body[1:] if sign < 0 else body).strip()
    if _DIGITS.match(body):
        return NumberReading(sign * float(body))
    commas, points = "," in body, "." in body
    if commas and points:
        # Both marks: the last one is the decimal mark, the other separates groups of three before it.
        mark = "," if body.rfind(",") > body.rfind(".") else "."
        whole, _, fraction = body.rpartition(mark)
        grouped = _whole(whole, "." if mark == "," else ",")
        if grouped is None or not _DIGITS.match(fraction):
            return _not_a_number(text)
        return NumberReading(sign * float(f"{grouped:.0f}.{fraction}"))
    if commas or points:
        reading = _one_mark(text, body, "," if commas else ".", decimal_comma)
        return reading if reading.value is None else NumberReading(sign * reading.value)
    return _not_a_number(text)
