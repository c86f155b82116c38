"""The filters in force, said in one line (page captions, slides), and a bar click's values as a link holds them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gcmdash.formatting import plain
from gcmdash.model import countries, framework, regions
from gcmdash.model.filters import Filters
from gcmdash.model.vocabularies import ACTOR_TYPES

#: The fields a bar click filters on, and the values a link may name for each (as text, as in the address).
PICK_FIELDS = ("objective", "implementer_type")


def _list(values: Sequence[str], most: int = 4) -> str:
    shown = ", ".join(values[:most])
    return shown + (f" and {len(values) - most} more" if len(values) > most else "")


def narrowing(f: Filters, clicked: dict[str, Sequence] | None = None) -> list[str]:
    """What narrows the region's records, one short phrase per filter, in the sidebar's order, then the clicks."""
    parts = []
    if f.subregion:
        parts.append(f.subregion)
    if f.countries:
        parts.append(_list([countries.country_name(c) for c in f.countries]))
    if f.objectives:
        parts.append(
            ("Objective " if len(f.objectives) == 1 else "Objectives ")
            + ", ".join(str(o) for o in sorted(f.objectives))
        )
    if f.implementer_types:
        parts.append(_list(list(f.implementer_types)))
    if f.scopes:
        parts.append(", ".join(f.scopes) + " scope")
    if f.years:
        parts.append(f"{f.years[0]}–{f.years[1]}")
    picked = clicked or {}
    if picked.get("objective"):
        values = sorted(picked["objective"])
        parts.append(
            ("Clicked objective " if len(values) == 1 else "Clicked objectives ") + ", ".join(str(v) for v in values)
        )
    if picked.get("implementer_type"):
        parts.append("Clicked " + _list(list(picked["implementer_type"])))
    return parts


def context_line(f: Filters) -> str:
    """The region and what the filters narrow, one line (the slides' line above each title)."""
    region = "All regions" if f.region is None else regions.region_label(f.region)
    if f.region is not None and not regions.is_confirmed(f.region):
        region += " (membership not yet checked against the commission's list)"
    return " · ".join([region, *narrowing(f)])


def caption(f: Filters, clicked: dict[str, Sequence] | None = None) -> str:
    """'Filters: Central Asia · Objectives 2, 7 · 2019–2023' as safe Markdown, or '' when nothing narrows."""
    parts = narrowing(f, clicked)
    return plain("Filters: " + " · ".join(parts)) if parts else ""


def _allowed(field: str) -> list[str]:
    if field == "objective":
        return [str(n) for n in framework.OBJECTIVE_NUMBERS]
    if field == "implementer_type":
        return list(ACTOR_TYPES.values)
    raise ValueError(f"no bar click filters on {field!r}")


def picks_from_link(field: str, values: Iterable[str]) -> tuple[list, list[str]]:
    """A link's clicked values for a field: those the chart can hold (typed as its data), and those ignored."""
    allowed, kept, ignored = _allowed(field), [], []
    for value in values:
        if value in allowed:
            kept.append(int(value) if field == "objective" else value)
        else:
            ignored.append(value)
    return list(dict.fromkeys(kept)), ignored


def link_values(values: Iterable) -> list[str]:
    """Clicked values as the address holds them (repeated keys), in a stable order."""
    return sorted({str(v) for v in values}, key=lambda v: (not v.isdecimal(), int(v) if v.isdecimal() else 0, v))
