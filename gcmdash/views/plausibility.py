"""Plausibility of an upload against the published data: figures that move too far, shares over 100 %, amounts far
outside the published range.

Takes the published Dataset and the upload's valid Dataset (with the sheet each dataset came from); gives warning
Issues (codes in ``issues.TO_CONFIRM``) that the analyst confirms before publishing. The values were read exactly as
written: these warnings catch what reads cleanly but is unlikely (every amount 100× too large, a stray zero).
Imports metrics, regions, formatting, schema and issues; never Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from gcmdash import formatting
from gcmdash.ingest.issues import Issue, IssueCode
from gcmdash.model import regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.dataset_specs import DATASETS, dataset
from gcmdash.model.schema import Kind
from gcmdash.views import metrics

if TYPE_CHECKING:
    from gcmdash.ingest.loading import LoadResult

#: A headline figure moving by more than this factor (up or down) is questioned.
JUMP_FACTOR = 5.0
#: An amount more than this many times the largest published one (or less than the smallest over it) is questioned.
OUTLIER_FACTOR = 5.0
#: With nothing published to compare, an amount this many times away from the upload's own median is questioned.
SELF_OUTLIER_FACTOR = 100.0

#: The dataset and column behind each headline figure, where an analyst looks when it moves.
_BEHIND: dict[str, tuple[str, str | None]] = {
    "practices": ("practices", None),
    "practices_share_pct": ("practices", None),
    "pledges": ("pledges", None),
    "country_networks": ("activities", None),
    "champion_countries": ("activities", None),
    "voluntary_reports": ("activities", None),
    "unct_workshops": ("activities", None),
    "joint_programmes_funded": ("programmes", None),
    "joint_programmes_pipeline": ("programmes", None),
    "contributors": ("contributions", None),
    "contributions_usd": ("contributions", "amount_usd"),
    "mobilised_pct": ("contributions", "amount_usd"),
    "steering_committee_members": ("activities", None),
}


def concerns(old: Dataset, new: Dataset, sheets: Mapping[str, str] | None = None) -> list[Issue]:
    """Every implausible figure or value of the upload (new) against the published data (old).

    sheets: the sheet each dataset was read from (dataset key → sheet name), for the locations; the schema's names
    where not given.
    """
    sheets = {spec.key: spec.sheet for spec in DATASETS} | dict(sheets or {})
    return [*_figure_jumps(old, new, sheets), *_shares(new, sheets), *_outliers(old, new, sheets)]


def upload_concerns(published: Dataset, upload: LoadResult) -> list[Issue]:
    """The concerns of a valid upload against the published data, located in the sheets it was read from."""
    if upload.dataset is None:
        return []
    return concerns(published, upload.dataset, {u.dataset: u.sheet for u in upload.uses if u.dataset})


def _region_name(region: str | None) -> str:
    return regions.region_label(region).split(" — ")[0] if region else "All regions"


def _behind(metric: str, sheets: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The sheet and column header an analyst checks when the figure looks wrong."""
    key, column = _BEHIND.get(metric, (None, None))
    if key is None:
        return None, None
    return sheets.get(key), dataset(key).column(column).header if column else None


def _factor(was: float, now: float) -> float:
    """How many times larger or smaller: infinite for a figure falling to zero from at least the jump factor (rows
    lost), 1 for one rising from zero (a region's first records are normal news)."""
    if was <= 0:
        return 1.0
    if now <= 0:
        return math.inf if was >= JUMP_FACTOR else 1.0
    return max(now / was, was / now)


def _figure_jumps(old: Dataset, new: Dataset, sheets: Mapping[str, str]) -> list[Issue]:
    moves: dict[str, list[tuple[float, str, metrics.Figure, float]]] = {}
    for region in (*regions.REGIONS, metrics.ALL):
        before = {f.metric: f.value for f in metrics.summary(old, region)}
        for figure in metrics.summary(new, region):
            factor = _factor(before[figure.metric], figure.value)
            if factor > JUMP_FACTOR:
                moves.setdefault(figure.metric, []).append(
                    (factor, _region_name(region), figure, before[figure.metric])
                )
    issues = []
    for metric, found in moves.items():
        found.sort(key=lambda m: -m[0])
        factor, _, figure, was = found[0]
        where = "; ".join(
            f"{name} {formatting.amount(w, f.unit)} → {formatting.amount(f.value, f.unit)}" for _, name, f, w in found
        )
        sheet, column = _behind(metric, sheets)
        issues.append(
            Issue(
                sheet,
                None,
                column,
                IssueCode.FIGURE_JUMP,
                f"“{figure.label}” would {'fall to zero' if math.isinf(factor) else f'move by {factor:,.1f}×'} against "
                f"the published data ({where}). A move this large "
                "is more often a misread column (decimal commas, thousands, a unit in millions) or missing rows than "
                "news: check the records behind it. If it is right, confirm it before publishing.",
                f"{formatting.amount(was, figure.unit)} → {formatting.amount(figure.value, figure.unit)}",
            )
        )
    return issues


def _shares(new: Dataset, sheets: Mapping[str, str]) -> list[Issue]:
    issues = []
    seen: set[str] = set()
    for region in (*regions.REGIONS, metrics.ALL):
        for figure in metrics.summary(new, region):
            if figure.unit == "%" and figure.value > 100 and figure.metric not in seen:
                seen.add(figure.metric)
                sheet, column = _behind(figure.metric, sheets)
                issues.append(
                    Issue(
                        sheet,
                        None,
                        column,
                        IssueCode.SHARE_OVER_100,
                        f"“{figure.label}” would be {formatting.amount(figure.value, '%')} ({figure.note}): a share "
                        "cannot pass 100 % unless the target was exceeded. Check the amounts (a decimal comma read as "
                        "thousands multiplies each by 100); if it is right, confirm it before publishing.",
                        formatting.amount(figure.value, "%"),
                    )
                )
    figures = new["figures"]
    for _, row in figures[figures["metric"].astype(str).str.endswith("_pct") & (figures["value"] > 100)].iterrows():
        issues.append(
            Issue(
                sheets["figures"],
                int(row["row"]),
                dataset("figures").column("value").header,
                IssueCode.SHARE_OVER_100,
                f"The published share “{row['metric']}” for {row['region']} is "
                f"{formatting.amount(row['value'], '%')}: a percentage over 100. "
                "Write the share as the brief gives it (40 for 40 %); if it is right, confirm it.",
                formatting.exact(float(row["value"]), ""),
            )
        )
    return issues


def _amount_columns() -> list[tuple[str, str, str]]:
    """(dataset, field, header) of every amount column; the brief's figures are checked as figures instead."""
    return [
        (spec.key, c.field, c.header)
        for spec in DATASETS
        if spec.key != "figures"
        for c in spec.columns
        if c.kind is Kind.NUMBER
    ]


def _outliers(old: Dataset, new: Dataset, sheets: Mapping[str, str]) -> list[Issue]:
    issues = []
    for key, field, header in _amount_columns():
        table = new[key]
        amounts = table[field]
        bounds = _bounds(old[key][field], amounts)
        if bounds is None:
            continue
        (low, low_text), (high, high_text) = bounds
        for position in amounts.index[(amounts > high) | ((amounts > 0) & (amounts < low))]:
            value = float(amounts.at[position])
            issues.append(
                Issue(
                    sheets.get(key, key),
                    _row(table, position),
                    header,
                    IssueCode.AMOUNT_OUTLIER,
                    f"{formatting.exact(value, 'USD')} is {high_text if value > high else low_text}. Check the cell: a "
                    "decimal comma or a thousands separator misread, a missing or extra zero, an amount in millions. "
                    "If it is right, confirm it before publishing.",
                    formatting.exact(value, "USD"),
                )
            )
    return issues


def _bounds(published: pd.Series, amounts: pd.Series) -> tuple[tuple[float, str], tuple[float, str]] | None:
    """The (low, high) limits of a plausible amount, each with how a warning says it; None: nothing to compare."""
    published = published.dropna()
    published = published[published > 0]
    if len(published):
        least, most = float(published.min()), float(published.max())
        return (
            (
                least / OUTLIER_FACTOR,
                f"less than a {_nth(OUTLIER_FACTOR)} of the smallest published amount "
                f"({formatting.exact(least, 'USD')})",
            ),
            (
                most * OUTLIER_FACTOR,
                f"more than {OUTLIER_FACTOR:g} times the largest published amount ({formatting.exact(most, 'USD')})",
            ),
        )
    own = amounts.dropna()
    own = own[own > 0]
    if len(own) < 3:
        return None
    median = float(own.median())
    return (
        (
            median / SELF_OUTLIER_FACTOR,
            f"less than a {_nth(SELF_OUTLIER_FACTOR)} of the sheet's median amount ({formatting.exact(median, 'USD')})",
        ),
        (
            median * SELF_OUTLIER_FACTOR,
            f"more than {SELF_OUTLIER_FACTOR:g} times the sheet's median amount ({formatting.exact(median, 'USD')})",
        ),
    )


def _nth(factor: float) -> str:
    return {5.0: "fifth", 10.0: "tenth", 100.0: "hundredth"}.get(factor, f"1/{factor:g}")


def _row(table: pd.DataFrame, position: int) -> int | None:
    row = table.at[position, "row"] if "row" in table else None
    return None if row is None or (isinstance(row, float) and math.isnan(row)) else int(row)
