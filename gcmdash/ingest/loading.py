"""From files to a Dataset: read safely, recognise each sheet, normalise, validate, and report every problem."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from gcmdash import settings
from gcmdash.ingest.issues import Issue, IssueCode, SpreadsheetError
from gcmdash.ingest.normalising import clear_unreadable, normalise, recognise
from gcmdash.ingest.raw_sheet import RawSheet
from gcmdash.ingest.reading import SPREADSHEET_SUFFIXES, file_bytes, read_bytes
from gcmdash.model.dataset import Dataset, build
from gcmdash.model.dataset_specs import DATASETS, TEMPLATE_SHEETS
from gcmdash.model.schema import DatasetSpec

# gcmdash.ingest.validation is imported where files are validated, not here: it loads pandera (about a second), which a
# server showing a stored version (read from its snapshot) never needs.


@dataclass(frozen=True)
class SheetUse:
    """What became of one sheet: the dataset it was taken as, or None when ignored."""

    source: str
    sheet: str
    dataset: str | None
    rows: int


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading files: the Dataset when valid, and every issue found (capped)."""

    dataset: Dataset | None
    issues: tuple[Issue, ...]
    error_count: int
    uses: tuple[SheetUse, ...]
    unreadable: bool

    @property
    def valid(self) -> bool:
        """True when no error (warnings allowed) was found."""
        return self.error_count == 0


def _cap(issues: list[Issue]) -> tuple[tuple[Issue, ...], int]:
    errors = sum(i.is_error for i in issues)
    limit = settings.get("max_issues")
    if len(issues) <= limit:
        return tuple(issues), errors
    rest = len(issues) - limit
    more = Issue(
        None,
        None,
        None,
        IssueCode.TOO_MANY_ISSUES,
        f"{rest} more problems are not listed. Fix the ones above (they often share a cause) and check again.",
        str(rest),
    )
    return (*issues[:limit], more), errors


def load_files(
    files: Sequence[tuple[str, bytes]], *, complete: bool = False, refused: Sequence[Issue] = ()
) -> LoadResult:
    """Load (file name, bytes) pairs; complete=True also requires every dataset to be present.

    `refused` holds issues of files that could not even be read from disk (too large), reported first.
    """
    issues: list[Issue] = list(refused)
    uses: list[SheetUse] = []
    frames: dict[str, pd.DataFrame] = {}
    sheet_of: dict[str, str] = {}
    unreadable = bool(refused)
    for name, data in files:
        try:
            sheets = read_bytes(data, name)
        except SpreadsheetError as error:
            issues.append(error.issue)
            unreadable = True
            continue
        for sheet in sheets:
            issues.extend(_take_sheet(sheet, frames, sheet_of, uses))
    if not unreadable:
        from gcmdash.ingest.validation import check_references

        issues.extend(check_references(frames, sheet_of))
        if complete:
            issues.extend(_missing_datasets(frames, [n for n, _ in files]))
        elif not frames and files:
            issues.append(_nothing_recognised([n for n, _ in files]))
    shown, errors = _cap(issues)
    result_dataset = None
    if errors == 0 and not unreadable:
        typed = {key: clear_unreadable(frame) for key, frame in frames.items()}
        result_dataset = build(typed, version_id(files), tuple(n for n, _ in files))
    return LoadResult(result_dataset, shown, errors, tuple(uses), unreadable)


def _take_sheet(sheet: RawSheet, frames: dict, sheet_of: dict, uses: list[SheetUse]) -> list[Issue]:
    if sheet.name in TEMPLATE_SHEETS:
        uses.append(SheetUse(sheet.source, sheet.name, None, len(sheet.rows)))
        return []
    spec = recognise(sheet)
    if spec is None:
        uses.append(SheetUse(sheet.source, sheet.name, None, len(sheet.rows)))
        expected = ", ".join(f'"{d.sheet}"' for d in DATASETS)
        return [
            Issue(
                sheet.name,
                None,
                None,
                IssueCode.IGNORED_SHEET,
                f'Sheet "{sheet.name}" in {sheet.source} is not one of the datasets and is ignored. '
                f"Name sheets {expected}.",
                sheet.name,
            )
        ]
    uses.append(SheetUse(sheet.source, sheet.name, spec.key, len(sheet.rows)))
    if spec.key in frames:
        return [
            Issue(
                sheet.name,
                None,
                None,
                IssueCode.DUPLICATE_SHEET,
                f'Sheet "{sheet.name}" in {sheet.source} holds {spec.sheet} again (already read from sheet '
                f'"{sheet_of[spec.key]}"): keep only one.',
                sheet.name,
            )
        ]
    frame, issues = normalise(spec, sheet)
    sheet_of[spec.key] = sheet.name
    if not sheet.rows:
        issues.append(
            Issue(
                sheet.name,
                sheet.header_row,
                None,
                IssueCode.EMPTY_SHEET,
                f'Sheet "{sheet.name}" ({spec.sheet}) has headers but no rows below them.',
                None,
            )
        )
    if any(i.code is IssueCode.MISSING_COLUMN for i in issues):
        frames[spec.key] = frame
        return issues
    from gcmdash.ingest.validation import check_table

    issues.extend(check_table(spec, sheet.name, frame))
    frames[spec.key] = frame
    order = {c.header: n for n, c in enumerate(spec.columns)}
    return sorted(issues, key=lambda i: (i.row or 0, order.get(i.column or "", len(order)), i.code))


def _missing_datasets(frames: dict, names: list[str]) -> list[Issue]:
    return [_missing(spec, names) for spec in DATASETS if spec.key not in frames]


def _missing(spec: DatasetSpec, names: list[str]) -> Issue:
    where = f'Add a sheet named "{spec.sheet}" (the template has it) to {", ".join(names)}'
    if spec.optional:
        return Issue(
            spec.sheet,
            None,
            None,
            IssueCode.OPTIONAL_SHEET_MISSING,
            f"No sheet holds {spec.sheet}: this version would have none, and the pages and the brief would show "
            f"the figures without them. {where} to keep them.",
            None,
        )
    return Issue(
        spec.sheet,
        None,
        None,
        IssueCode.MISSING_SHEET,
        f"No sheet holds {spec.sheet} ({spec.description.rstrip('.')}). {where}.",
        None,
    )


def _nothing_recognised(names: list[str]) -> Issue:
    expected = ", ".join(f'"{d.sheet}"' for d in DATASETS)
    return Issue(
        None,
        None,
        None,
        IssueCode.MISSING_SHEET,
        f"No sheet in {', '.join(names)} is a gcmdash dataset. Name the sheets {expected}, "
        "or start from the template (gcmdash template).",
        None,
    )


def version_id(files: Sequence[tuple[str, bytes]]) -> str:
    """A content hash naming this set of files: the same bytes always give the same version."""
    digest = hashlib.sha256()
    for name, data in sorted(files):
        digest.update(os.path.basename(name).encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:12]


def load_paths(paths: Sequence[str | os.PathLike], *, complete: bool = False) -> LoadResult:
    """Load spreadsheet files (or folders of them) from disk."""
    files, refused = [], []
    for path in expand(paths):
        try:
            files.append((path.name, file_bytes(path)))
        except SpreadsheetError as error:
            refused.append(error.issue)
    return load_files(files, complete=complete, refused=refused)


def expand(paths: Sequence[str | os.PathLike]) -> list[Path]:
    """Files named, with folders replaced by the spreadsheets in them (sorted; Excel's ~$ lock files left out)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in SPREADSHEET_SUFFIXES and not p.name.startswith("~$")
                )
            )
        else:
            found.append(path)
    return found


def bundled() -> LoadResult:
    """The bundled data in the data folder, all datasets required."""
    return load_paths([settings.get("data_dir")], complete=True)
