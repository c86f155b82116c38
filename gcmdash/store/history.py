"""The version history as people read it: tables of versions and audit entries, labels, and file bundles."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence

import pandas as pd

from gcmdash.store.records import AuditEntry, Version


def when(version: Version) -> str:
    """When a version was made, in UTC to the minute."""
    return f"{version.created_at:%Y-%m-%d %H:%M} UTC"


def versions_table(versions: Sequence[Version]) -> pd.DataFrame:
    """One row per version, newest first: number, when, who, what, note, files and rows."""
    return pd.DataFrame(
        [
            {
                "Version": v.number,
                "When": when(v),
                "Who": v.author,
                "What": v.action + (f" of version {v.restored_from}" if v.restored_from else ""),
                "Note": v.note,
                "Files": ", ".join(f.name for f in v.files),
                "Rows": ", ".join(f"{key} {n}" for key, n in v.row_counts.items()),
                "Current": i == 0,
            }
            for i, v in enumerate(versions)
        ]
    )


def version_label(versions: Sequence[Version]) -> Callable[[int], str]:
    """A format function for picking a version by number: 'Version 3 · 2026-11-30 10:12 UTC · ana@un.org'."""
    by_number = {v.number: v for v in versions}
    return lambda n: f"Version {n} · {when(by_number[n])} · {by_number[n].author}" if n in by_number else str(n)


def audit_table(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    """The audit log, newest first."""
    return pd.DataFrame(
        [(f"{e.at:%Y-%m-%d %H:%M:%S} UTC", e.who, e.action, e.outcome, e.version, e.detail) for e in entries],
        columns=["When", "Who", "Action", "Outcome", "Version", "Detail"],
    )


def zip_files(files: Sequence[tuple[str, bytes]]) -> bytes:
    """A version's original files in one zip, names reduced to their last part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name.replace("\\", "/").rsplit("/", 1)[-1] or "file", data)
    return buffer.getvalue()
