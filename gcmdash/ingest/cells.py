"""Reading one cell the way people write it in Excel: codes, names, lists, years, dates, links."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from gcmdash.ingest.issues import IssueCode
from gcmdash.ingest.numbers import read_number
from gcmdash.model import countries, framework
from gcmdash.model.schema import Column, Kind, Vocabulary


class CellProblem(NamedTuple):
    """What is wrong with (part of) a cell, before it is placed on a sheet, row and column."""

    code: IssueCode
    message: str
    value: str


class Parsed(NamedTuple):
    """A cell's value as gcmdash uses it, and the problems met reading it."""

    value: object
    problems: tuple[CellProblem, ...] = ()


_LIST_SEPARATORS = re.compile(r"[;\n|]+")
_OBJECTIVE = re.compile(r"^(?:(?:gcm\s*)?(?:obj(?:ective)?s?|o)\.?\s*#?\s*)?(\d+)(?:\s*[-–:.)]\s*.*)?$", re.IGNORECASE)


def column_letter(position: int) -> str:
    """Excel's letters for a 0-based column position: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN or only whitespace."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def as_text(value: object) -> str:
    """A cell as text: whole numbers without '.0', dates as YYYY-MM-DD."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split()) if isinstance(value, str) and "\n" not in value else str(value).strip()


def vocabulary_key(text: str) -> str:
    """Lower-case, single-spaced, '&' as 'and': the form vocabulary values are compared in."""
    return " ".join(text.replace("&", " and ").replace("_", " ").casefold().split())


def closest(text: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The option most like text, for a 'did you mean' suggestion (never applied by itself)."""
    by_key = {vocabulary_key(o): o for o in options}
    match = difflib.get_close_matches(vocabulary_key(text), list(by_key), n=1, cutoff=0.6)
    return by_key[match[0]] if match else None


def _did_you_mean(suggestion: str | None) -> str:
    return f' Did you mean "{suggestion}"?' if suggestion else ""


@lru_cache(maxsize=64)
def _vocabulary_index(vocabulary: Vocabulary) -> dict[str, str]:
    index = {vocabulary_key(v): v for v in vocabulary.values}
    index.update({vocabulary_key(k): v for k, v in vocabulary.synonyms.items()})
    return index


def split_list(value: object) -> list[str]:
    """The items of a multi-valued cell; ';', '|', new lines and (outside names) ',' separate them."""
    if is_blank(value):
        return []
    items: list[str] = []
    for part in _LIST_SEPARATORS.split(as_text(value)):
        items.extend(p.strip() for p in part.split(","))
    return [i for i in items if i]


@lru_cache(maxsize=65536)
def _choice(text: str, vocabulary: Vocabulary) -> Parsed:
    found = _vocabulary_index(vocabulary).get(vocabulary_key(text))
    if found is not None:
        return Parsed(found)
    suggestion = closest(text, vocabulary.values + tuple(vocabulary.synonyms))
    suggestion = _vocabulary_index(vocabulary).get(vocabulary_key(suggestion)) if suggestion else None
    allowed = ", ".join(vocabulary.values)
    message = f'"{text}" is not a known {vocabulary.name}.{_did_you_mean(suggestion)} Allowed: {allowed}.'
    return Parsed(None, (CellProblem(IssueCode.UNKNOWN_VALUE, message, text),))


@lru_cache(maxsize=65536)
def _objective(text: str) -> Parsed:
    key = vocabulary_key(text)
    if key == vocabulary_key(framework.GENERAL):
        return Parsed(framework.GENERAL)
    match = _OBJECTIVE.match(text.strip())
    if match:
        number = int(match.group(1))
        if number in framework.OBJECTIVE_NUMBERS:
            return Parsed(number)
        message = f"Objective {number} does not exist: GCM objectives are numbered 1 to 23."
        return Parsed(None, (CellProblem(IssueCode.OBJECTIVE_OUT_OF_RANGE, message, text),))
    labels = {vocabulary_key(o.short_label): o.number for o in framework.objectives()}
    labels.update({vocabulary_key(o.title): o.number for o in framework.objectives()})
    if key in labels:
        return Parsed(labels[key])
    suggestion = closest(text, [o.short_label for o in framework.objectives()])
    hint = f' Did you mean objective {labels[vocabulary_key(suggestion)]} "{suggestion}"?' if suggestion else ""
    message = f'"{text}" is not a GCM objective. Write objective numbers 1–23 (e.g. "2; 7"), or "General".{hint}'
    return Parsed(None, (CellProblem(IssueCode.BAD_OBJECTIVE, message, text),))


@lru_cache(maxsize=1024)
def _principle(text: str) -> Parsed:
    names = framework.principles()
    # isdecimal, not isdigit: "¹" is a digit that int() refuses.
    if text.strip().isdecimal() and 1 <= int(text) <= len(names):
        return Parsed(names[int(text) - 1])
    by_key = {vocabulary_key(n): n for n in names}
    if vocabulary_key(text) in by_key:
        return Parsed(by_key[vocabulary_key(text)])
    message = (
        f'"{text}" is not a guiding principle.{_did_you_mean(closest(text, names))} Use numbers 1–10 or the names.'
    )
    return Parsed(None, (CellProblem(IssueCode.UNKNOWN_VALUE, message, text),))


@lru_cache(maxsize=65536)
def _country(text: str) -> Parsed:
    found = countries.resolve(text)
    if found.iso3:
        return Parsed(found.iso3)
    if found.candidates:
        names = " or ".join(countries.country_name(c) for c in found.candidates)
        message = f'"{text}" could be {names}: write the full name or the ISO3 code.'
        return Parsed(None, (CellProblem(IssueCode.AMBIGUOUS_COUNTRY, message, text),))
    message = (
        f'"{text}" is not a known country or area.{_did_you_mean(found.suggestion)} Use the UN name or the ISO3 code.'
    )
    return Parsed(None, (CellProblem(IssueCode.UNKNOWN_COUNTRY, message, text),))


def _countries(value: object) -> Parsed:
    """Countries separated by ';' or ','; a comma inside a name ("Gambia, The") keeps the name whole."""
    items: list[str] = []
    for part in _LIST_SEPARATORS.split(as_text(value)):
        tokens = [t.strip() for t in part.split(",") if t.strip()]
        i = 0
        while i < len(tokens):
            if (
                i + 1 < len(tokens)
                and _country(f"{tokens[i]}, {tokens[i + 1]}").value
                and not _country(tokens[i + 1]).value
            ):
                items.append(f"{tokens[i]}, {tokens[i + 1]}")
                i += 2
            else:
                items.append(tokens[i])
                i += 1
    return _many([_country(item) for item in items])


def _many(parts: list[Parsed]) -> Parsed:
    values: list[object] = []
    for part in parts:
        if part.value is not None and part.value not in values:
            values.append(part.value)
    return Parsed(tuple(values), tuple(p for part in parts for p in part.problems))


def _year(value: object, column: Column) -> Parsed:
    text = as_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        number: float = value.year
    else:
        try:
            number = float(text)
        except ValueError:
            message = f'"{text}" is not a year: write a four-digit year such as 2023.'
            return Parsed(None, (CellProblem(IssueCode.WRONG_TYPE, message, text),))
    if not float(number).is_integer():
        return Parsed(None, (CellProblem(IssueCode.WRONG_TYPE, f'"{text}" is not a whole year.', text),))
    return _in_range(int(number), text, column)


def _number(value: object, column: Column, decimal_comma: bool = False) -> Parsed:
    text = as_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _in_range(float(value), text, column)
    reading = read_number(text, decimal_comma)
    if reading.value is None:
        return Parsed(None, (CellProblem(reading.code or IssueCode.WRONG_TYPE, reading.message, text),))
    return _in_range(reading.value, text, column)


def _in_range(number: float, text: str, column: Column) -> Parsed:
    low, high = column.minimum, column.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"from {low:g} to {high:g}" if high is not None else f"at least {low:g}"
        message = f"{text} is out of range: {column.header} must be {bounds}."
        return Parsed(None, (CellProblem(IssueCode.OUT_OF_RANGE, message, text),))
    return Parsed(number)


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y/%m/%d")


#: 12/03/2023 or 12-03-2023: day first in most of the world, month first in the United States.
_SLASHED = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")


def _slashed_date(text: str, first: int, second: int, year: int) -> Parsed:
    """A day/month or month/day date, read when only one order makes a date (or both give the same day)."""
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    if len(set(readings)) == 1:
        return Parsed(readings[0])
    if not readings:
        message = f'"{text}" is not a date: no day and month fit. Write it as YYYY-MM-DD (e.g. 2024-03-11).'
        return Parsed(None, (CellProblem(IssueCode.BAD_DATE, message, text),))
    day_first, month_first = readings
    message = (
        f'"{text}": the order of day and month is unclear ({_long(day_first)} or {_long(month_first)}). '
        f"Write {day_first.isoformat()} or {month_first.isoformat()} (year-month-day)."
    )
    return Parsed(None, (CellProblem(IssueCode.AMBIGUOUS_DATE, message, text),))


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _date(value: object) -> Parsed:
    if isinstance(value, dt.datetime):
        return Parsed(value.date())
    if isinstance(value, dt.date):
        return Parsed(value)
    text = as_text(value)
    for fmt in _DATE_FORMATS:
        try:
            return Parsed(dt.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    slashed = _SLASHED.match(text)
    if slashed:
        return _slashed_date(text, *map(int, slashed.groups()))
    message = (
        f'"{text}" is not a date Excel or gcmdash can read: enter it as a date cell or as YYYY-MM-DD (e.g. 2024-03-11).'
    )
    return Parsed(None, (CellProblem(IssueCode.BAD_DATE, message, text),))


#: A plain web link; urlsplit (slow, per cell) is left for the rest, to tell them apart exactly as before.
_PLAIN_LINK = re.compile(r"^https?://[^/?#\s]+(?:[/?#]\S*)?$", re.IGNORECASE)


def _url(value: object) -> Parsed:
    text = as_text(value)
    if _PLAIN_LINK.match(text):
        return Parsed(text)
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in text:
        return Parsed(text)
    message = f'"{text}" is not a web link: links must start with https:// (or http://) and contain no spaces.'
    return Parsed(None, (CellProblem(IssueCode.BAD_URL, message, text),))


def _identifier(value: object) -> Parsed:
    return Parsed(as_text(value))


_READERS: dict[Kind, Callable[[object, Column], Parsed]] = {
    Kind.ID: lambda v, c: _identifier(v),
    Kind.TEXT: lambda v, c: Parsed(as_text(v)),
    Kind.YEAR: _year,
    Kind.NUMBER: _number,
    Kind.DATE: lambda v, c: _date(v),
    Kind.URL: lambda v, c: _url(v),
    Kind.COUNTRY: lambda v, c: _country(as_text(v)),
    Kind.COUNTRIES: lambda v, c: _countries(v),
    Kind.OBJECTIVES: lambda v, c: _many([_objective(i) for i in split_list(v)]),
    Kind.PRINCIPLES: lambda v, c: _many([_principle(i) for i in split_list(v)]),
    Kind.CHOICE: lambda v, c: _choice(as_text(v), c.vocabulary),
    Kind.CHOICES: lambda v, c: _many([_choice(i, c.vocabulary) for i in split_list(v)]),
}


def parse(value: object, column: Column, decimal_comma: bool = False) -> Parsed:
    """Read one non-blank cell for its column; blanks are the caller's business (required or not).

    decimal_comma: the cell comes from a file that writes decimals with a comma (a semicolon-separated CSV)."""
    if column.kind is Kind.NUMBER:
        return _number(value, column, decimal_comma)
    return _READERS[column.kind](value, column)
