"""The regions compared as people read them: the figures' table, the shares' totals, the overlaps in words."""

from __future__ import annotations

import pandas as pd

from gcmdash import formatting
from gcmdash.model import countries
from gcmdash.views.compare import REGIONS, WORLDWIDE, Comparison, Entry, Overlap, ShareBase, Twice

NO_BRIEF_FIGURE = "no brief figure"


def published_text(entry: Entry) -> str:
    """The brief's figure beside a computed one: "brief 70, March 2024", "whole-region brief: …" when the filters
    narrow the computed value, "worldwide brief: …" for a worldwide figure, or "no brief figure"."""
    figure = entry.figure
    if figure.published is None:
        return NO_BRIEF_FIGURE
    text = formatting.published(figure)
    when = f"{figure.as_of:%B %Y}" if figure.as_of is not None else "undated"
    if figure.metric in WORLDWIDE:
        return f"worldwide brief: {text}, {when}"
    if entry.narrowed:  # the brief counted the whole region: not the filtered records' peer
        return f"whole-region brief: {text}, {when}"
    return f"brief {text}, {when}"


def figures_table(comparison: Comparison) -> pd.DataFrame:
    """One row per headline figure, one column per region: its computed value, then the brief's figure and date
    (⚠ first where the records do not reproduce it)."""
    rows = []
    for figure in comparison.metrics:
        row = {"Figure": figure.label}
        for region in REGIONS:
            entry = comparison.entry(region, figure.metric)
            mark = "⚠ " if entry.differs else ""
            row[region] = f"{mark}{formatting.shown_value(entry.figure)} · {published_text(entry)}"
        rows.append(row)
    return pd.DataFrame(rows)


def figures_long(comparison: Comparison) -> pd.DataFrame:
    """Every figure of every region as numbers, one row each: for downloads and scripts."""
    rows = []
    for figure in comparison.metrics:
        for region in REGIONS:
            entry = comparison.entry(region, figure.metric)
            f = entry.figure
            rows.append(
                {
                    "Figure": f.label,
                    "Metric": f.metric,
                    "Region": region,
                    "Computed from the records": f.value,
                    "Unit": f.unit,
                    "Narrowed by the filters": entry.narrowed,
                    "Published": f.published,
                    "Published as": f.qualifier or ("Exactly" if f.published is not None else None),
                    "Published for": None if f.published is None else "World" if f.metric in WORLDWIDE else region,
                    "As of": f.as_of,
                    "Differs": entry.differs,
                    "Source": f.source,
                    "Note": f.note,
                }
            )
    return pd.DataFrame(rows)


def shares_table(bases: list[ShareBase]) -> pd.DataFrame:
    """Each region's share of all practices: the brief's with the total it implies at its date, and the computed one
    of the records' single total."""
    return pd.DataFrame(
        [
            {
                "Region": b.region,
                "Published share": None if b.published is None else formatting.amount(b.published, "%"),
                "As of": None if b.as_of is None else f"{b.as_of:%B %Y}",
                "Published practices": None if b.published_practices is None else f"{b.published_practices:,.0f}",
                "All practices it implies": None if b.implied_total is None else f"about {b.implied_total:,.0f}",
                "Computed share": formatting.amount(b.computed, "%"),
                "Of all practices in the records": f"{b.computed_total:,}",
            }
            for b in bases
        ]
    )


def share_note(bases: list[ShareBase]) -> str:
    """Why published shares are not read against each other: the totals they imply differ by date (plain text)."""
    dated = [b for b in bases if b.implied_total is not None]
    computed_total = bases[0].computed_total if bases else 0
    one_base = f"The computed shares are all of one total, {computed_total:,} practices in the records."
    if len(dated) < 2:
        return one_base
    implied = "; ".join(
        f"{b.region} {formatting.amount(b.published, '%')} in {b.as_of:%B %Y} implies about {b.implied_total:,.0f}"
        for b in dated
    )
    return f"The published shares are of different totals: {implied} practices in all. {one_base}"


def overlaps_table(overlaps: list[Overlap]) -> pd.DataFrame:
    """Each pair of regions sharing countries or records: the countries in both, and the records counted in both."""
    return pd.DataFrame(
        [
            {
                "Regions": f"{a} and {b}",
                "Countries in both": len(o.countries),
                "Which": ", ".join(countries.country_name(c) for c in o.countries),
                "Practices counted in both": o.practices,
                "Pledges counted in both": o.pledges,
            }
            for o in overlaps
            for a, b in [o.pair]
        ]
    )


def overlap_lines(overlaps: list[Overlap], twice: list[Twice]) -> list[str]:
    """The overlaps in words (plain text): which countries count in two regions, and how far the columns' sums
    exceed the distinct records."""
    lines = [
        f"{len(o.countries)} countries are in both {o.pair[0]} and {o.pair[1]} "
        f"({', '.join(countries.country_name(c) for c in o.countries)}): their records count in both columns."
        for o in overlaps
        if o.countries
    ]
    for t in twice:
        if t.in_several:
            lines.append(
                f"The five columns add up to {t.column_sum:,} {t.what}, but they are {t.in_any:,} distinct {t.what}: "
                f"{t.in_several:,} count in two regions or more (a shared country, or countries in several regions)."
            )
        if t.in_none:
            lines.append(
                f"{t.in_none:,} {t.what} have no country in any of the five regions (global ones, or without "
                "countries): they count in none."
            )
    return lines
