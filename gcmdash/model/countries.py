"""Country names and codes to ISO3, and ISO3 to the UN's short name.

The bulk of the knowledge (codes, official names, name patterns) is country_converter's packaged
``country_data.tsv``; only the exceptions are kept by hand in ``reference/country-names.csv``
(UN names where they differ from country_converter's, and aliases its patterns miss).

country_converter itself is never imported: 1.3.2 crashes at import time under pandas 3. A close
but inexact name is only ever offered as a suggestion, never applied: fuzzy matching is how
"Kosovo" ends up as Serbia elsewhere.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gcmdash import i18n

if TYPE_CHECKING:
    import pandas as pd

_EXCEPTIONS = Path(__file__).with_name("reference") / "country-names.csv"
# Sheets repeat the same few hundred spellings; the bound only stops free text from growing it.
_CACHE_SIZE = 1 << 16
_SUGGESTION_CUTOFF = 0.8
#: Kosovo's code, and the formula the UN requires wherever Kosovo is named or drawn.
KOSOVO = "XKX"
KOSOVO_FOOTNOTE = (
    "References to Kosovo shall be understood to be in the context of United Nations Security Council resolution "
    "1244 (1999)."
)
#: Names shorter than this are left out when finding countries in free text: codes and short words ("US", "Chad"
#: is five) are too often ordinary words.
_MIN_NAME = 4


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one piece of text to a country."""

    text: str
    iso3: str | None
    candidates: tuple[str, ...] = ()
    suggestion: str | None = None


@dataclass(frozen=True)
class _Index:
    names: dict[str, str]  # iso3 -> UN short name
    codes: dict[str, str]  # upper-case ISO3/ISO2 -> iso3
    exact: dict[str, frozenset[str]]  # normalised name -> iso3s
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # current entities only
    suggestions: dict[str, str]  # normalised name -> iso3, current entities only
    table: pd.DataFrame


def _norm(text: str) -> str:
    # Accents are dropped so "Turkiye" and "Cote d'Ivoire" match exactly; the name patterns in
    # country_converter all carry an unaccented alternative, so they run on this form too.
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    return " ".join(text.casefold().split())


def _tsv_path() -> Path:
    # find_spec locates the package without executing its __init__, which is what crashes.
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("country_converter is not installed; its country_data.tsv is needed")
    return Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"


def _read_exceptions() -> pd.DataFrame:
    import pandas as pd  # here: the CLI answers --help without loading pandas

    return pd.read_csv(_EXCEPTIONS, keep_default_na=False, dtype=str)


@lru_cache(maxsize=1)
def _index() -> _Index:
    import pandas as pd  # here: the CLI answers --help without loading pandas

    cc = pd.read_csv(_tsv_path(), sep="\t", keep_default_na=False, dtype=str)
    extra = _read_exceptions()
    unknown = sorted(set(extra["iso3"]) - set(cc["ISO3"]))
    if unknown:
        raise ValueError(f"{_EXCEPTIONS.name}: codes not in country_converter: {unknown}")
    extra = extra.set_index("iso3")

    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    exact: dict[str, set[str]] = {}
    patterns: list[tuple[str, re.Pattern[str]]] = []
    suggestions: dict[str, str] = {}
    rows: list[dict[str, object]] = []
    for row in cc.itertuples(index=False):
        iso3 = row.ISO3
        un_name = extra.at[iso3, "un_name"] if iso3 in extra.index else ""
        aliases = extra.at[iso3, "aliases"] if iso3 in extra.index else ""
        name = un_name or row.name_short
        names[iso3] = name
        # A few ISO2 cells are patterns ("^GB$|^UK$"); every alternative is a code.
        iso2s = [c.strip("^$") for c in row.ISO2.split("|") if c.strip("^$")]
        for code in (iso3, *iso2s):
            codes[code.upper()] = iso3
        spellings = {name, row.name_short, row.name_official, *aliases.split(";")}
        current = not row.obsolete
        for spelling in filter(None, (_norm(s) for s in spellings)):
            exact.setdefault(spelling, set()).add(iso3)
            if current:
                suggestions[spelling] = iso3
        if current:
            patterns.append((iso3, re.compile(row.regex, re.IGNORECASE)))
            rows.append(
                {"iso3": iso3, "name": name, "iso2": iso2s[0] if iso2s else None, "un_member": bool(row.UNmember)}
            )
    table = pd.DataFrame(rows).sort_values("name", key=lambda s: s.map(_norm))
    return _Index(
        names=names,
        codes=codes,
        exact={k: frozenset(v) for k, v in exact.items()},
        patterns=tuple(patterns),
        suggestions=suggestions,
        table=table.reset_index(drop=True),
    )


@lru_cache(maxsize=_CACHE_SIZE)
def resolve(text: str) -> Resolution:
    """Resolve a country name or ISO3/ISO2 code; only an unambiguous match sets ``iso3``."""
    index = _index()
    stripped = " ".join(str(text).split())
    if not stripped:
        return Resolution(text, None)
    if len(stripped) in (2, 3) and stripped.upper() in index.codes:
        return Resolution(text, index.codes[stripped.upper()])
    key = _norm(stripped)
    found = index.exact.get(key, frozenset())
    if not found:
        found = frozenset(iso3 for iso3, rx in index.patterns if rx.search(key))
    if len(found) == 1:
        return Resolution(text, next(iter(found)))
    if found:
        return Resolution(text, None, candidates=tuple(sorted(found)))
    close = difflib.get_close_matches(key, index.suggestions, n=1, cutoff=_SUGGESTION_CUTOFF)
    suggestion = index.names[index.suggestions[close[0]]] if close else None
    return Resolution(text, None, suggestion=suggestion)


def country_name(iso3: str) -> str:
    """The UN short name for an ISO3 code; KeyError for an unknown code."""
    return _index().names[iso3.upper()]


def local_name(iso3: str) -> str:
    """The country's name in the reader's language, for display: the UN short name in English, CLDR's elsewhere
    (through Babel), with the project's exceptions; the English name where CLDR has none. KeyError when unknown."""
    name = country_name(iso3)
    lang = i18n.current()
    return name if lang == i18n.DEFAULT else _cldr_name(iso3.upper(), lang) or name


@lru_cache(maxsize=4096)
def _cldr_name(iso3: str, lang: str) -> str | None:
    exception = _LOCAL_EXCEPTIONS.get((iso3, lang))
    if exception:
        return exception
    iso2 = _iso2().get(iso3)
    if iso2 is None:
        return None
    from babel import Locale  # here: the CLI answers --help without loading Babel's data

    return Locale.parse(i18n.babel_locale(lang)).territories.get(iso2)


@lru_cache(maxsize=1)
def _iso2() -> dict[str, str]:
    table = _index().table
    return {iso3: iso2 for iso3, iso2 in zip(table["iso3"], table["iso2"], strict=True) if isinstance(iso2, str)} | {
        KOSOVO: "XK"
    }


#: Where the UN's name in a language is not CLDR's (checked against UNTERM and the Hub's pages in that language).
_LOCAL_EXCEPTIONS: dict[tuple[str, str], str] = {}


def country_table() -> pd.DataFrame:
    """Current countries and areas (iso3, name, iso2, un_member), sorted by name."""
    return _index().table.copy()


def is_known(iso3: str) -> bool:
    """Whether an ISO3 code (current or obsolete entity) is known."""
    return isinstance(iso3, str) and iso3.upper() in _index().names


@lru_cache(maxsize=1)
def _names_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    index = _index()
    # One spelling, one country: a spelling shared by two current entities names neither.
    owners: dict[str, set[str]] = {}
    for spelling, iso3s in index.exact.items():
        current = {c for c in iso3s if index.suggestions.get(spelling) == c}
        if current and len(spelling) >= _MIN_NAME:
            owners.setdefault(spelling, set()).update(current)
    single = {spelling: next(iter(c)) for spelling, c in owners.items() if len(c) == 1}
    # Longest first, so "guinea-bissau" and "papua new guinea" win over "guinea" where they start.
    alternatives = "|".join(re.escape(s) for s in sorted(single, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), single


def named_in(text: str) -> tuple[str, ...]:
    """ISO3 codes of the countries and areas a free text names by a full name, in order of first mention."""
    pattern, owner = _names_pattern()
    found: dict[str, None] = {}
    for match in pattern.finditer(_norm(text)):
        found.setdefault(owner[match.group(0)], None)
    return tuple(found)
