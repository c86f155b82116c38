"""The command comparing the five regions: every headline figure side by side, the shares' totals, the overlaps."""

from __future__ import annotations

import argparse
import json
from typing import Any

from gcmdash.cli.figures import chosen_data
from gcmdash.cli.reporting import EXIT_VALID


def _published_cell(figure: Any) -> str:
    """The brief's figure as the table writes it: "over USD 56 million, Mar 2024", or "no brief figure"."""
    from gcmdash import formatting
    from gcmdash.views import compare_tables

    if figure.published is None:
        return compare_tables.NO_BRIEF_FIGURE
    when = f"{figure.as_of:%b %Y}" if figure.as_of is not None else "undated"
    shown = formatting.published(figure)
    return f"{shown}, {when}" + (" (world)" if figure.metric in compare_tables.WORLDWIDE else "")


def comparison_record(comparison: Any, data: Any) -> dict[str, Any]:
    """The comparison as one JSON-ready object: regions → metrics → figure, then shares and overlaps."""
    from gcmdash.views import compare, metrics

    shown = comparison.filters
    return {
        "regions": {
            region: {
                e.figure.metric: {
                    **metrics.figure_record(e.figure),
                    "narrowed": e.narrowed,
                    "differs": e.differs,  # null where no published figure counts what the records count
                }
                for e in entries
            }
            for region, entries in comparison.entries.items()
        },
        "practice_total": comparison.practice_total,
        "shares": {
            b.region: {
                "published": b.published,
                "as_of": b.as_of.isoformat() if b.as_of else None,
                "published_practices": b.published_practices,
                "implied_total": None if b.implied_total is None else round(b.implied_total, 1),
                "computed": round(b.computed, 2),
                "computed_total": b.computed_total,
            }
            for b in compare.share_bases(comparison)
        },
        "overlaps": [
            {"regions": list(o.pair), "countries": list(o.countries), "practices": o.practices, "pledges": o.pledges}
            for o in compare.overlaps(data, shown)
        ],
        "counted_twice": {
            t.what: {"column_sum": t.column_sum, "in_any": t.in_any, "in_several": t.in_several, "in_none": t.in_none}
            for t in compare.counted_twice(data, shown)
        },
    }


def _table(rows: list[list[str]]) -> list[str]:
    """Rows of cells as aligned text columns, two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]


def cmd_compare(args: argparse.Namespace) -> int:
    """Print every headline figure of the five regions side by side, each beside its published brief figure."""
    from gcmdash import formatting
    from gcmdash.model.filters import Filters
    from gcmdash.views import compare, compare_tables

    found = chosen_data(args, "comparison")
    if isinstance(found, int):
        return found
    data, label = found
    comparison = compare.compare(data, Filters(region=None))
    if args.json:
        record = {"data_version": data.version, "shown": label, **comparison_record(comparison, data)}
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return EXIT_VALID
    print(f"The five regions compared — {label}")
    rows = [["Figure", *compare.REGIONS]]
    for figure in comparison.metrics:
        entries = [comparison.entry(r, figure.metric) for r in compare.REGIONS]
        rows.append([figure.label, *(("⚠ " if e.differs else "") + formatting.shown_value(e.figure) for e in entries)])
        rows.append(["  brief", *(_published_cell(e.figure) for e in entries)])
    print("\n".join(_table(rows)))
    print("⚠: the records do not reproduce the published figure; —: no records of this kind.")
    print(compare_tables.share_note(compare.share_bases(comparison)))
    for line in compare_tables.overlap_lines(
        compare.overlaps(data, comparison.filters), compare.counted_twice(data, comparison.filters)
    ):
        print(line)
    return EXIT_VALID
