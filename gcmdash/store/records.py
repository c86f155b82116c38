"""What the store gives back: versions, their files and audit entries, and the exceptions it raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gcmdash.ingest.issues import Issue
from gcmdash.ingest.loading import LoadResult


@dataclass(frozen=True)
class StoredFile:
    """One file of a version, as uploaded: its name, SHA-256 (hex) and size in bytes."""

    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Version:
    """One immutable published version of all datasets."""

    number: int
    content_id: str
    created_at: datetime
    author: str
    note: str
    action: str
    restored_from: int | None
    files: tuple[StoredFile, ...]
    row_counts: dict[str, int]


@dataclass(frozen=True)
class AuditEntry:
    """One attempt to change the store (or sign in), whether done, refused or failed."""

    at: datetime
    who: str
    action: str
    outcome: str
    version: int | None
    detail: str


class StoreUnavailable(Exception):
    """The store cannot be reached, opened or written; the message says what and how to fix it."""


class PublishRefused(Exception):
    """A publish or rollback was refused (invalid files, no author, no note); nothing was changed."""

    def __init__(self, message: str, result: LoadResult | None = None) -> None:
        super().__init__(message)
        self.result = result
        self.issues: tuple[Issue, ...] = result.issues if result is not None else ()


class UnknownVersion(LookupError):
    """There is no version with that number."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown version"
