"""What an upload would change against the published data: records added, removed and changed, and figures moved."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from gcmdash import metrics, regions
from gcmdash.dataset import Dataset
from gcmdash.normalising import text_of
from gcmdash.schema import DATASETS, DatasetSpec


@dataclass(frozen=True)
class DatasetChange:
    """Records of one dataset added, removed and changed (by identifier), with the fields that changed."""

    key: str
    sheet: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[tuple[str, tuple[str, ...]], ...]

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
    written = table[fields].map(lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and v != v)
                                else text_of(v))
    keys = identity(spec)
    written.index = written[list(keys)].agg(" / ".join, axis=1)
    return written[~written.index.duplicated()]


def dataset_change(spec: DatasetSpec, old: pd.DataFrame, new: pd.DataFrame) -> DatasetChange:
    """The difference between two versions of one dataset's table."""
    before, after = _as_text(old, spec), _as_text(new, spec)
    common = before.index.intersection(after.index)
    headers = {c.field: c.header for c in spec.columns}
    changed = []
    for key in sorted(common):
        differing = [headers[f] for f in before.columns if before.at[key, f] != after.at[key, f]]
        if differing:
            changed.append((key, tuple(differing)))
    return DatasetChange(
        spec.key, spec.sheet,
        added=tuple(sorted(after.index.difference(before.index))),
        removed=tuple(sorted(before.index.difference(after.index))),
        changed=tuple(changed),
    )


def dataset_changes(old: Dataset, new: Dataset) -> list[DatasetChange]:
    """Every dataset's difference, in the schema's order."""
    return [dataset_change(spec, old[spec.key], new[spec.key]) for spec in DATASETS]


def summary_table(changes: list[DatasetChange]) -> pd.DataFrame:
    """Counts of added, removed and changed records per dataset."""
    return pd.DataFrame([(c.sheet, len(c.added), len(c.removed), len(c.changed)) for c in changes],
                        columns=["Dataset", "Added", "Removed", "Changed"])


def details_table(changes: list[DatasetChange]) -> pd.DataFrame:
    """One row per record that differs: dataset, identifier, what happened, and the fields that changed."""
    rows = [(c.sheet, key, "added", "") for c in changes for key in c.added]
    rows += [(c.sheet, key, "removed", "") for c in changes for key in c.removed]
    rows += [(c.sheet, key, "changed", ", ".join(fields)) for c in changes for key, fields in c.changed]
    return pd.DataFrame(rows, columns=["Dataset", "Record", "Change", "Fields changed"])


def figure_changes(old: Dataset, new: Dataset) -> pd.DataFrame:
    """Headline figures of every region (and all regions) before and after, only those that move."""
    rows = []
    for region in (*regions.REGIONS, None):
        before = {f.metric: f for f in metrics.summary(old, region)}
        for figure in metrics.summary(new, region):
            was = before[figure.metric].value
            if round(was, 2) != round(figure.value, 2):
                rows.append((region or "All", figure.label, was, figure.value, figure.value - was))
    return pd.DataFrame(rows, columns=["Region", "Figure", "Published", "After the upload", "Change"])
