"""The five GCM review regions (the UN regional commissions), their members and subregions.

Membership is data (``reference/region-membership.csv``), one row per region and country with a
role, a source and whether the source was confirmed. A country may be in several regions (the
Central Asian and South Caucasus States in ECE and ESCAP; eight North African States in ECA and
ESCWA), so counts per region must never assume a partition.

"In the region" means the commission's regional members plus areas the region's UN Network covers
(Kosovo for ECE, in the context of UNSCR 1244 (1999)). Non-regional members of ECLAC and ESCAP
(France, the Netherlands, the United Kingdom, the United States ...) are deliberately left out: they
are not part of those regions' reviews. ESCAP's and ECLAC's associate members (non-sovereign
territories) are left out too, since no source here says the regional Networks cover them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gcmdash.i18n import N_
from gcmdash.model.countries import country_name, is_known

if TYPE_CHECKING:
    import pandas as pd

REGIONS: tuple[str, ...] = ("ECE", "ECA", "ESCAP", "ESCWA", "ECLAC")

_LABELS = {
    "ECE": N_("UNECE — Europe, Central Asia and North America"),
    "ECA": N_("ECA — Africa"),
    "ESCAP": N_("ESCAP — Asia and the Pacific"),
    "ESCWA": N_("ESCWA — Arab region"),
    "ECLAC": N_("ECLAC — Latin America and the Caribbean"),
}
_ROLES = ("member", "covered")
_REFERENCE = Path(__file__).with_name("reference")


@dataclass(frozen=True)
class _Data:
    table: pd.DataFrame
    members: dict[str, frozenset[str]]
    coverage: dict[str, frozenset[str]]
    subregions: dict[str, tuple[tuple[str, frozenset[str]], ...]]


def _code(region: str) -> str:
    # Sheets and URLs say "unece", "UNECA", "escap": all mean the same commission.
    code = str(region).strip().upper()
    if code not in _LABELS and code.startswith("UN") and code[2:] in _LABELS:
        code = code[2:]
    if code not in _LABELS:
        raise KeyError(f"unknown region {region!r}; expected one of {', '.join(REGIONS)}")
    return code


def _read(name: str) -> pd.DataFrame:
    import pandas as pd  # here: the CLI answers --help without loading pandas

    return pd.read_csv(_REFERENCE / name, keep_default_na=False, dtype=str)


@lru_cache(maxsize=1)
def _data() -> _Data:
    table = _read("region-membership.csv")
    problems: list[str] = []
    problems += [f"unknown region {r!r}" for r in set(table["region"]) - set(REGIONS)]
    problems += [f"unknown role {r!r}" for r in set(table["role"]) - set(_ROLES)]
    problems += [f"confirmed must be true/false, not {v!r}" for v in set(table["confirmed"]) - {"true", "false"}]
    problems += [f"unknown country {c!r}" for c in sorted(set(table["iso3"])) if not is_known(c)]
    duplicated = table[table.duplicated(["region", "iso3"])]
    problems += [f"{r.region} lists {r.iso3} twice" for r in duplicated.itertuples()]
    if problems:
        raise ValueError("region-membership.csv: " + "; ".join(problems))

    table["confirmed"] = table["confirmed"] == "true"
    table.insert(2, "name", table["iso3"].map(country_name))
    order = table["region"].map({r: i for i, r in enumerate(REGIONS)})
    table = table.assign(_order=order).sort_values(["_order", "name"]).reset_index(drop=True)
    table = table[["region", "iso3", "name", "role", "confirmed", "source"]]

    in_region = {r: table[table["region"] == r] for r in REGIONS}
    members = {r: frozenset(t.loc[t["role"] == "member", "iso3"]) for r, t in in_region.items()}
    coverage = {r: frozenset(t["iso3"]) for r, t in in_region.items()}

    sub = _read("subregions.csv")
    outside = sub[[iso3 not in coverage.get(r, ()) for r, iso3 in zip(sub["region"], sub["iso3"], strict=True)]]
    if not outside.empty:
        pairs = ", ".join(f"{r.region}/{r.subregion}/{r.iso3}" for r in outside.itertuples())
        raise ValueError(f"subregions.csv: countries outside their region's coverage: {pairs}")
    subregions = {
        r: tuple(
            (name, frozenset(group["iso3"])) for name, group in sub[sub["region"] == r].groupby("subregion", sort=True)
        )
        for r in REGIONS
    }
    return _Data(table=table, members=members, coverage=coverage, subregions=subregions)


def region_label(code: str) -> str:
    """A short presentable label for a region code, e.g. N_("ECA — Africa")."""
    return _LABELS[_code(code)]


def members(region: str) -> frozenset[str]:
    """ISO3 codes of the region's member States."""
    return _data().members[_code(region)]


def coverage(region: str) -> frozenset[str]:
    """ISO3 codes "in the region": member States plus areas its UN Network covers."""
    return _data().coverage[_code(region)]


def regions_of(iso3: str) -> tuple[str, ...]:
    """Every region whose coverage includes the country, in REGIONS order."""
    code = str(iso3).strip().upper()
    return tuple(r for r in REGIONS if code in _data().coverage[r])


def subregions(region: str) -> dict[str, frozenset[str]]:
    """The region's subregions (name -> ISO3 codes), ordered by name."""
    return dict(_data().subregions[_code(region)])


def membership_table() -> pd.DataFrame:
    """Every membership row: region, iso3, name, role, confirmed, source."""
    return _data().table.copy()


def is_confirmed(region: str) -> bool:
    """Whether every row of the region's membership list was confirmed in a source."""
    table = _data().table
    return bool(table.loc[table["region"] == _code(region), "confirmed"].all())
