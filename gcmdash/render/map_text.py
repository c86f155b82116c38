"""The map in words: tooltips, the caption, the note on its first view, its text alternative and the disclaimer.

Tooltips are plain text, shown through ``innerText`` (see ``maps``): a country name or note such as
``<img src=x onerror=...>`` is shown as those characters.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from gcmdash.model import shapes
from gcmdash.render.map_facts import display_name
from gcmdash.render.map_layers import LAYERS
from gcmdash.render.map_legend import legend
from gcmdash.render.map_view import FRAME_COLUMNS, PAGE, Size, fit_for, framed, outside

#: Under every map, as the Regional Information Briefs print it under theirs.
DISCLAIMER = (
    "This map is for illustration purposes only. The boundaries and names shown and the designations used "
    "on this map do not imply official endorsement or acceptance by the United Nations Network on "
    "Migration."
)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def tooltip_text(row: pd.Series) -> str:
    """The tooltip of one country: its name, regions and facts, as plain text (never HTML)."""
    lines = [str(row["name"]) + (f" ({row['regions']})" if row["regions"] else "")]
    if row["network"]:
        lines.append(
            "● Country UN Network on Migration"
            + (" · Terms of Reference in the table" if isinstance(row["tor"], str) else "")
        )
    if row["workshops"]:
        lines.append("▲ " + _count(int(row["workshops"]), "UNCT workshop", "UNCT workshops"))
    if row["champion"]:
        lines.append("★ GCM champion country")
    if row["reports"]:
        lines.append("◆ " + _count(int(row["reports"]), "voluntary GCM report", "voluntary GCM reports"))
    lines.append(
        f"{_count(int(row['practices']), 'practice', 'practices')} · {_count(int(row['pledges']), 'pledge', 'pledges')}"
    )
    lines.append("Select to open the country profile")
    return "\n".join(lines)


def alt_text(facts: pd.DataFrame, layers: Iterable[str], choropleth: str | None) -> str:
    """A text alternative of the map for screen readers: what is shaded, how many countries each marker marks."""
    parts = [
        f"Map of {_count(len(facts), 'country', 'countries')}"
        + (f", shaded by their number of {choropleth}" if choropleth else "")
    ]
    parts += [f"{e.label}: {e.count}" for e in legend(layers, None, facts)]
    return "; ".join(parts) + ". The table below the map lists every country."


def describe(layers: Iterable[str], choropleth: str | None) -> str:
    """One sentence saying what the map shows, for the caption under the title."""
    wanted = [e.label for e in LAYERS if e.label in set(layers)]
    parts = []
    if choropleth:
        parts.append(
            f"countries shaded by their number of {choropleth} (one implemented or pledged in several "
            "countries counts in each)"
        )
    if wanted:
        parts.append("markers for " + ", ".join(wanted))
    if not parts:
        return "The countries of the selection, outlined. Switch on a layer to see more."
    return (
        "Shown: "
        + "; ".join(parts)
        + ". Select a country, or choose it in the list under the map, to open its profile."
    )


def view_note(
    facts: pd.DataFrame,
    region: str | None,
    narrowed: bool = False,
    layers: Iterable[str] = (),
    columns: Collection[str] = FRAME_COLUMNS,
    size: Size = PAGE,
) -> str:
    """What the first view is fitted to, and which marked countries lie outside it (to find by zooming out)."""
    codes = framed(facts, region, narrowed, columns)
    if codes is None:
        return "An equal-area map of the world; drag to move, scroll to zoom."
    marks = [e.label for e in LAYERS if e.column in columns]
    what = (
        "the countries of the selection"
        if narrowed or codes == frozenset(facts.index) & shapes.centres().keys()
        else "the countries with markers (" + ", ".join(marks) + ")"
    )
    wanted = [e.column for e in LAYERS if e.label in set(layers)]
    marked = facts.index[facts[wanted].astype(bool).any(axis=1)] if wanted else []
    away = sorted(display_name(c) for c in outside(fit_for(codes, size), marked))
    more = f" Outside the first view: {', '.join(away)}." if away else ""
    return f"An equal-area map fitted to {what}; drag to move, scroll to zoom.{more}"
