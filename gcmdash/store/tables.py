"""The store's tables and every query on them: versions, their files and snapshots, and the audit log.

Rows are only ever inserted (snapshot rows are also replaced, being a cache); each function runs on a connection
the caller opened, inside the writer lock for the inserts (gcmdash.store.engine.write_transaction).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from gcmdash.ingest import loading
from gcmdash.ingest.loading import LoadResult
from gcmdash.model import snapshots
from gcmdash.model.dataset import Dataset, assemble
from gcmdash.model.dataset_specs import DATASETS
from gcmdash.store.records import AuditEntry, StoredFile, UnknownVersion, Version

_metadata = sa.MetaData()
_versions = sa.Table(
    "versions",
    _metadata,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("content_id", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("restored_from", sa.Integer, sa.ForeignKey("versions.number"), nullable=True),
    sa.Column("row_counts", sa.JSON, nullable=False),
)
_files = sa.Table(
    "version_files",
    _metadata,
    sa.Column("version", sa.Integer, sa.ForeignKey("versions.number"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
_audit = sa.Table(
    "audit",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("outcome", sa.String(16), nullable=False),
    sa.Column("version", sa.Integer, nullable=True),
    sa.Column("detail", sa.Text, nullable=False),
)
# Added after the first release: stores made before it get the table in Store.ensure_ready (create_snapshot_table).
_snapshots = sa.Table(
    "version_snapshots",
    _metadata,
    sa.Column("version", sa.Integer, sa.ForeignKey("versions.number"), primary_key=True),
    sa.Column("dataset", sa.String(64), primary_key=True),
    sa.Column("format", sa.Integer, nullable=False),
    sa.Column("code_id", sa.String(32), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

#: The most characters an audit entry keeps of who tried (no e-mail is longer) and of what happened.
AUDIT_WHO_CHARS, AUDIT_DETAIL_CHARS = 320, 2000


# --- The schema -------------------------------------------------------------------------------------------------


def create_all(conn: Connection) -> None:
    """Create every table that is missing."""
    _metadata.create_all(conn)


def create_snapshot_table(conn: Connection) -> None:
    """Create the snapshot table if missing (a store made before snapshots existed)."""
    _snapshots.create(conn, checkfirst=True)


def is_seeded(conn: Connection) -> bool:
    """Whether the versions table exists and holds a version."""
    return sa.inspect(conn).has_table(_versions.name) and current_number(conn) is not None


def has_snapshot_table(conn: Connection) -> bool:
    """Whether the snapshot table exists."""
    return sa.inspect(conn).has_table(_snapshots.name)


# --- Reading ----------------------------------------------------------------------------------------------------


def current_number(conn: Connection) -> int | None:
    """The newest version's number; None if there is no version."""
    return conn.execute(sa.select(sa.func.max(_versions.c.number))).scalar()


def unknown_message(conn: Connection, number: int) -> str:
    """Why there is no version `number`: which numbers there are."""
    latest = current_number(conn)
    return f"There is no version {number}: versions are numbered 1 to {latest}." if latest else "The store is empty."


def read_versions(conn: Connection, number: int | None = None) -> list[Version]:
    """Every version newest first, or only version `number` (none if there is no such version)."""
    query = sa.select(_versions).order_by(_versions.c.number.desc())
    files_query = sa.select(_files.c.version, _files.c.name, _files.c.sha256, _files.c.size).order_by(
        _files.c.version, _files.c.position
    )
    if number is not None:
        query = query.where(_versions.c.number == number)
        files_query = files_query.where(_files.c.version == number)
    files: dict[int, list[StoredFile]] = {}
    for row in conn.execute(files_query):
        files.setdefault(row.version, []).append(StoredFile(row.name, row.sha256, int(row.size)))
    return [
        Version(
            row.number,
            row.content_id,
            _utc(row.created_at),
            row.author,
            row.note,
            row.action,
            row.restored_from,
            tuple(files.get(row.number, ())),
            {str(k): int(v) for k, v in dict(row.row_counts).items()},
        )
        for row in conn.execute(query)
    ]


def read_files(conn: Connection, number: int) -> list[tuple[str, bytes]]:
    """The version's files as (name, bytes) in their order; UnknownVersion if there is none."""
    rows = conn.execute(
        sa.select(_files.c.name, _files.c.data).where(_files.c.version == number).order_by(_files.c.position)
    ).all()
    if not rows:
        raise UnknownVersion(unknown_message(conn, number))
    return [(row.name, bytes(row.data)) for row in rows]


def read_audit(conn: Connection, limit: int) -> list[AuditEntry]:
    """The latest `limit` audit entries, newest first."""
    rows = conn.execute(sa.select(_audit).order_by(_audit.c.id.desc()).limit(limit)).all()
    return [AuditEntry(_utc(r.at), r.who, r.action, r.outcome, r.version, r.detail) for r in rows]


def read_snapshot(conn: Connection, number: int) -> Sequence[Row[Any]]:
    """The snapshot rows of version `number`, one per dataset stored (check them with snapshot_dataset)."""
    return conn.execute(sa.select(_snapshots).where(_snapshots.c.version == number)).all()


def snapshot_dataset(rows: Sequence[Row[Any]], version: Version) -> Dataset:
    """The version's Dataset from its snapshot rows; SnapshotError if incomplete, made by other code or corrupt."""
    wanted = {spec.key for spec in DATASETS}
    found = {row.dataset: row for row in rows}
    if set(found) != wanted:
        raise snapshots.SnapshotError(f"no complete snapshot ({len(found)} of {len(wanted)} tables)")
    tables = {}
    for spec in DATASETS:
        row = found[spec.key]
        data = bytes(row.data)
        if row.format != snapshots.FORMAT or row.code_id != snapshots.code_id():
            raise snapshots.SnapshotError("the snapshot was made by other code (format or table building)")
        if snapshots.checksum(data) != row.sha256:
            raise snapshots.SnapshotError(f"the snapshot of {spec.key} does not match its checksum")
        tables[spec.key] = snapshots.decode(data)
    return assemble(tables, version.content_id, tuple(f.name for f in version.files))


# --- Writing ----------------------------------------------------------------------------------------------------


def replace_snapshot(conn: Connection, number: int, parts: dict[str, bytes]) -> None:
    """Store parts (dataset key: snapshot bytes) as version `number`'s snapshot, instead of any it had."""
    conn.execute(sa.delete(_snapshots).where(_snapshots.c.version == number))
    _insert_snapshot(conn, number, parts)


def _insert_snapshot(conn: Connection, number: int, parts: dict[str, bytes]) -> None:
    conn.execute(
        sa.insert(_snapshots),
        [
            {
                "version": number,
                "dataset": name,
                "format": snapshots.FORMAT,
                "code_id": snapshots.code_id(),
                "sha256": snapshots.checksum(data),
                "data": data,
            }
            for name, data in parts.items()
        ],
    )


def insert_version(
    conn: Connection,
    files: list[tuple[str, bytes]],
    result: LoadResult,
    parts: dict[str, bytes],
    *,
    author: str,
    note: str,
    action: str,
    restored_from: int | None,
) -> int:
    """Insert the next version, its files and its audit entry; runs inside the writer lock."""
    number = (current_number(conn) or 0) + 1
    now = datetime.now(UTC)
    row_counts = {use.dataset: use.rows for use in result.uses if use.dataset is not None}
    conn.execute(
        sa.insert(_versions).values(
            number=number,
            content_id=loading.version_id(files),
            created_at=now,
            author=author,
            note=note,
            action=action,
            restored_from=restored_from,
            row_counts=row_counts,
        )
    )
    conn.execute(
        sa.insert(_files),
        [
            {
                "version": number,
                "position": position,
                "name": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "data": data,
            }
            for position, (name, data) in enumerate(files, start=1)
        ],
    )
    detail = f"{listed_names(files)}; note: {note}"
    if restored_from is not None:
        detail = f"restored version {restored_from}: {detail}"
    if parts:
        _insert_snapshot(conn, number, parts)
    insert_audit(conn, author, action, "done", number, detail)
    return number


def _capped(text: str, limit: int) -> str:
    """The text if short enough, else its start and how long it was: what anyone typed is stored bounded."""
    if len(text) <= limit:
        return text
    tail = f"… ({len(text):,} characters in all)"
    return text[: limit - len(tail)] + tail


def insert_audit(conn: Connection, who: str, action: str, outcome: str, version: int | None, detail: str) -> None:
    """Insert one audit entry, who and detail capped in length."""
    conn.execute(
        sa.insert(_audit).values(
            at=datetime.now(UTC),
            who=_capped(who, AUDIT_WHO_CHARS),
            action=action,
            outcome=outcome,
            version=version,
            detail=_capped(detail, AUDIT_DETAIL_CHARS),
        )
    )


def listed_names(files: Sequence[tuple[str, bytes]]) -> str:
    """The files' names as an audit entry lists them."""
    return ", ".join(name for name, _ in files) or "(no files)"


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
