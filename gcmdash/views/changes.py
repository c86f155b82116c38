"""What an upload would change against the published data: records added, removed and changed, and figures moved."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gcmdash import formatting
from gcmdash.ingest.normalising import text_of
from gcmdash.model import memo, regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.dataset_specs import DATASETS
from gcmdash.model.schema import Column, DatasetSpec, Kind
from gcmdash.views import metrics

#: How much of a long text value (a title, a note) the diff shows on each side of the arrow.
_SHOWN_CHARS = 60


@dataclass(frozen=True)
class DatasetChange:
    """Records of one dataset added, removed and changed (by identifier), with the fields that changed."""

    key: str
    sheet: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[tuple[str, tuple[str, ...]], ...]
    #: (record, field header, old value, new value) for every changed field, as the analyst would read them.
    edits: tuple[tuple[str, str, str, str], ...] = ()

    @property
    def unchanged(self) -> bool:
        """True when nothing in this dataset differs."""
        return not (self.added or self.removed or self.changed)


def identity(spec: DatasetSpec) -> tuple[str, ...]:
    """The fields that identify a record: its unique ID column, or the combination declared unique."""
    unique = tuple(c.field for c in spec.columns if c.unique)
    return unique or spec.unique_together


def _as_text(table: pd.DataFrame, spec: DatasetSpec) -> pd.DataFrame:
    """Records as the text an analyst would type, indexed by their identity (comparisons ignore types and order)."""
    fields = [c.field for c in spec.columns]
    written = table[fields].map(
        lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else text_of(v)
    )
    keys = identity(spec)
    written.index = written[list(keys)].agg(" / ".join, axis=1)
    return written[~written.index.duplicated()]


def _shown(text: str, column: Column) -> str:
    """A field's value for the diff: amounts with thousands separators and their unit, long text shortened."""
    if not text:
        return "(empty)"
    if column.kind is Kind.NUMBER:
        try:
            return formatting.exact(float(text), "USD" if "(USD)" in column.header else "")
        except ValueError:
            return text
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


#: How many characters before the first difference a shortened long text keeps, so the change reads in context.
_CONTEXT_CHARS = 20


def shown_pair(old: str, new: str, column: Column) -> tuple[str, str]:
    """Both sides of a changed field for the diff; two long texts are shown from just before where they differ, so
    an edit in a brief's paragraph is visible rather than cut off after their shared beginning."""
    if column.kind is not Kind.TEXT or max(len(old), len(new)) <= _SHOWN_CHARS or not old or not new:
        return _shown(old, column), _shown(new, column)
    same = next((n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, same - _CONTEXT_CHARS)
    end = start + _SHOWN_CHARS - 2

    def around(text: str) -> str:
        return ("…" if start else "") + text[start:end] + ("…" if len(text) > end else "")

    return around(old), around(new)


def dataset_change(spec: DatasetSpec, old: pd.DataFrame, new: pd.DataFrame) -> DatasetChange:
    """The difference between two versions of one dataset's table."""
    before, after = _as_text(old, spec), _as_text(new, spec)
    common = before.index.intersection(after.index)
    columns = {c.field: c for c in spec.columns}
    changed, edits = [], []
    for key in sorted(common):
        differing = [f for f in before.columns if before.at[key, f] != after.at[key, f]]
        if differing:
            changed.append((key, tuple(columns[f].header for f in differing)))
            edits += [
                (key, columns[f].header, *shown_pair(before.at[key, f], after.at[key, f], columns[f]))
                for f in differing
            ]
    return DatasetChange(
        spec.key,
        spec.sheet,
        added=tuple(sorted(after.index.difference(before.index))),
        removed=tuple(sorted(before.index.difference(after.index))),
        changed=tuple(changed),
        edits=tuple(edits),
    )


def dataset_changes(old: Dataset, new: Dataset) -> list[DatasetChange]:
    """Every dataset's difference, in the schema's order; kept with the newer version, per older one."""
    # ~0.3 s for the bundled data, and the Data page asks again on every rerun (each widget it holds): both
    # versions are immutable and named by their content, so the diff is computed once per pair.
    return memo.kept(
        new,
        (__name__, "dataset_changes", old.version),
        lambda: [dataset_change(spec, old[spec.key], new[spec.key]) for spec in DATASETS],
    )


def summary_table(changes: list[DatasetChange]) -> pd.DataFrame:
    """Counts of added, removed and changed records per dataset."""
    return pd.DataFrame(
        [(c.sheet, len(c.added), len(c.removed), len(c.changed)) for c in changes],
        columns=["Dataset", "Added", "Removed", "Changed"],
    )


def details_table(changes: list[DatasetChange]) -> pd.DataFrame:
    """One row per record that differs: dataset, identifier, what happened, and each changed field old → new."""
    rows = [(c.sheet, key, "added", "") for c in changes for key in c.added]
    rows += [(c.sheet, key, "removed", "") for c in changes for key in c.removed]
    for c in changes:
        by_record: dict[str, list[str]] = {}
        for key, header, was, now in c.edits:
            by_record.setdefault(key, []).append(f"{header}: {was} → {now}")
        rows += [(c.sheet, key, "changed", "; ".join(by_record[key])) for key, _ in c.changed]
    return pd.DataFrame(rows, columns=["Dataset", "Record", "Change", "Fields changed (old → new)"])


def _difference(was: float, now: float, unit: str) -> str:
    """How a figure moves, signed, in its unit: "+2", "−USD 500,000", "+3.2 points"."""
    change = now - was
    sign = "+" if change > 0 else "−"
    size = abs(change)
    if unit == "%":
        return f"{sign}{size:,.1f} points"
    return sign + (formatting.money(size) if unit == "USD" else f"{size:,.0f}")


def figure_changes(old: Dataset, new: Dataset) -> pd.DataFrame:
    """Headline figures of every region (and all regions) before and after, only those that move, written as the
    cards write them (thousands separators, units)."""
    rows = []
    for region in (*regions.REGIONS, None):
        before = {f.metric: f for f in metrics.summary(old, region)}
        for figure in metrics.summary(new, region):
            was = before[figure.metric].value
            if round(was, 2) != round(figure.value, 2):
                rows.append(
                    (
                        region or "All",
                        figure.label,
                        formatting.amount(was, figure.unit),
                        formatting.amount(figure.value, figure.unit),
                        _difference(was, figure.value, figure.unit),
                    )
                )
    return pd.DataFrame(rows, columns=["Region", "Figure", "Published", "After the upload", "Change"])
