"""The versioned store of published data: immutable versions of all datasets at once, with an audit log.

Every publish or rollback inserts one new version (its files, their SHA-256 and the row count of every dataset)
and one audit entry in a single transaction; nothing is ever updated or deleted. Refused and failed attempts are
audited too. The store is an embedded SQLite file by default, or a PostgreSQL database shared by several app
replicas. Writers are serialised (SQLite: ``BEGIN IMMEDIATE`` with a busy timeout; PostgreSQL: a transaction-level
advisory lock) and take the next version number inside that lock, so concurrent publishes are numbered in the
order they commit, without gaps, and none is lost; a writer killed mid-transaction leaves no trace.

Beside each version the store keeps a snapshot of its typed tables (gcmdash.model.snapshots), written with the version
(or later, by the first reader that finds none usable), so that loading a version does not re-read and re-validate
its files. Snapshots are a cache derived from the files: the one table whose rows are replaced (when the code that
builds tables changed); a missing, corrupt or outdated snapshot only means loading from the files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from gcmdash import settings
from gcmdash.ingest import loading
from gcmdash.ingest.issues import Issue, SpreadsheetError
from gcmdash.ingest.loading import LoadResult
from gcmdash.ingest.reading import file_bytes
from gcmdash.model import snapshots
from gcmdash.model.dataset import Dataset, assemble
from gcmdash.model.dataset_specs import DATASETS

SEED_AUTHOR = "gcmdash"
SQLITE_FILE = "store.sqlite3"
#: How long a writer waits for another writer's transaction before giving up (SQLite busy timeout).
BUSY_TIMEOUT_S = 30
#: How long connecting to a PostgreSQL server may take before the store is reported unavailable.
CONNECT_TIMEOUT_S = 10
# Key of the PostgreSQL advisory lock every writer holds for its transaction ("gcmd" in ASCII).
_PG_WRITE_LOCK = 0x67636D64
_NOT_SIGNED_IN = "(not signed in)"
log = logging.getLogger(__name__)

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
# Added after the first release: stores made before it get the table in ensure_ready (see _add_snapshot_table).
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


class Store:
    """The versioned store at one SQLAlchemy URL (sqlite:///path or postgresql://...)."""

    def __init__(self, url: str) -> None:
        try:
            parsed = sa.make_url(url)
        except ArgumentError as exc:
            raise StoreUnavailable(
                f"{url!r} is not a database URL. Set GCMDASH_STORE_URL to postgresql://user:password@host/db, "
                "or leave it empty for the SQLite file in GCMDASH_STORE_DIR."
            ) from exc
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise StoreUnavailable(
                f"The store must be SQLite or PostgreSQL, not {backend} ({parsed.render_as_string()}). "
                "Set GCMDASH_STORE_URL to postgresql://user:password@host/db, or leave it empty."
            )
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.url = parsed
        self.shown_url = parsed.render_as_string(hide_password=True)
        self._sqlite = backend == "sqlite"
        self._engine = _engine(parsed)
        self._folder_made = False
        self._ready = False
        # The Dataset this process last validated while writing a version, so it is not loaded again at once.
        self._fresh: tuple[int, Dataset] | None = None
        self._has_snapshots = True

    @classmethod
    def from_settings(cls) -> Store:
        """The store named by GCMDASH_STORE_URL, else the SQLite file in GCMDASH_STORE_DIR."""
        url = str(settings.get("store_url")).strip()
        if url:
            return cls(url)
        folder = Path(settings.get("store_dir")).expanduser().resolve()
        return cls(URL.create("sqlite", database=str(folder / SQLITE_FILE)).render_as_string())

    def close(self) -> None:
        """Close the pooled connections (the store can still be used: it reconnects)."""
        self._engine.dispose()

    # --- Reading --------------------------------------------------------------------------------------------

    def ensure_ready(self) -> Version:
        """Create the tables if missing and seed version 1 from the bundled data if empty; the current version."""
        with self._guard("opened"), self._connect() as conn:
            inspector = sa.inspect(conn)
            ready = inspector.has_table("versions") and _current_number(conn) is not None
            has_snapshots = inspector.has_table(_snapshots.name)
        if not ready:
            self._seed()
        elif not has_snapshots:
            self._has_snapshots = self._add_snapshot_table()
        self._ready = True
        return self.current()

    def current(self) -> Version:
        """The current (newest) version."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            number = _current_number(conn)
            if number is None:
                raise StoreUnavailable(f"The store at {self.shown_url} holds no version.")
            return _read_versions(conn, number)[0]

    def current_number(self) -> int:
        """The current version's number: one indexed query, cheap enough for every page rerun."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            number = _current_number(conn)
        if number is None:
            raise StoreUnavailable(f"The store at {self.shown_url} holds no version.")
        return number

    def versions(self) -> list[Version]:
        """Every version, newest first."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            return _read_versions(conn)

    def version(self, number: int) -> Version:
        """One version by number; UnknownVersion if there is none."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            found = _read_versions(conn, number)
            if not found:
                raise UnknownVersion(_unknown_message(conn, number))
            return found[0]

    def files(self, number: int) -> list[tuple[str, bytes]]:
        """The version's original files as (name, bytes), exactly as uploaded; UnknownVersion if there is none."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            rows = conn.execute(
                sa.select(_files.c.name, _files.c.data).where(_files.c.version == number).order_by(_files.c.position)
            ).all()
            if not rows:
                raise UnknownVersion(_unknown_message(conn, number))
        return [(row.name, bytes(row.data)) for row in rows]

    def dataset(self, number: int) -> Dataset:
        """The version's data: from its snapshot if usable, else from its files (then snapshotted for next time)."""
        fresh = self._fresh
        if fresh is not None and fresh[0] == number:
            return fresh[1]
        version = self.version(number)
        try:
            return self._from_snapshot(version)
        except snapshots.SnapshotError as error:
            log.info("version %s loads from its files: %s", number, error)
        result = loading.load_files(self.files(number), complete=True)
        if result.dataset is None:
            raise StoreUnavailable(f"published version {number} no longer validates ({result.error_count} problems)")
        parts = _snapshot_parts(result.dataset) if self._has_snapshots else {}
        if parts:
            try:
                with self._guard("written"), self._writing() as conn:
                    conn.execute(sa.delete(_snapshots).where(_snapshots.c.version == number))
                    _insert_snapshot(conn, number, parts)
            except StoreUnavailable as error:
                log.warning("the snapshot of version %s could not be stored: %s", number, error)
        return result.dataset

    def audit(self, limit: int = 200) -> list[AuditEntry]:
        """The latest audit entries, newest first."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            rows = conn.execute(sa.select(_audit).order_by(_audit.c.id.desc()).limit(limit)).all()
        return [AuditEntry(_utc(r.at), r.who, r.action, r.outcome, r.version, r.detail) for r in rows]

    def export(self, number: int, outdir: Path) -> list[Path]:
        """Write the version's original files into outdir (names made safe and distinct); the paths written."""
        files = self.files(number)
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        written = []
        for position, (name, data) in enumerate(files, start=1):
            path = outdir / _distinct(safe_file_name(name, position), taken)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(path, flags, 0o644), "wb") as handle:
                handle.write(data)
            written.append(path)
        return written

    # --- Writing --------------------------------------------------------------------------------------------

    def publish(self, files: Sequence[tuple[str, bytes]], *, author: str, note: str) -> Version:
        """Validate the files (all datasets required) and store them as the new current version."""
        self._require_ready()
        files = [(safe_file_name(str(name), i), bytes(data)) for i, (name, data) in enumerate(files, start=1)]
        names = _names(files)
        who, note = (author or "").strip(), (note or "").strip()
        if not who:
            self._refuse(_NOT_SIGNED_IN, "publish", f"{names}: no author (not signed in)")
            raise PublishRefused("Publishing needs the name of who publishes (sign in first).")
        if not note:
            self._refuse(who, "publish", f"{names}: no note")
            raise PublishRefused("Publishing needs a note saying what changed and why.")
        result = loading.load_files(files, complete=True)
        if not result.valid or result.dataset is None:
            self._refuse(who, "publish", f"{names}: {_problems(result)}")
            raise PublishRefused(f"the files are not valid: {_problems(result)}", result)
        return self._write(files, result, author=who, note=note, action="publish", restored_from=None)

    def rollback(self, number: int, *, author: str, note: str = "") -> Version:
        """Make a new current version holding the files of version `number` (restored_from=number)."""
        self._require_ready()
        who = (author or "").strip()
        if not who:
            self._refuse(_NOT_SIGNED_IN, "rollback", f"restore of version {number}: no author (not signed in)")
            raise PublishRefused("Restoring a version needs the name of who restores it (sign in first).")
        try:
            # Versions stored before names were made safe keep theirs; the new version stores them safe.
            files = [(safe_file_name(name, i), data) for i, (name, data) in enumerate(self.files(number), start=1)]
        except UnknownVersion as exc:
            self._refuse(who, "rollback", f"restore of version {number}: {exc}")
            raise
        result = loading.load_files(files, complete=True)
        if not result.valid or result.dataset is None:
            detail = f"version {number} no longer passes validation: {_problems(result)}"
            self._refuse(who, "rollback", f"restore of version {number}: {detail}")
            raise PublishRefused(f"{detail}", result)
        note = (note or "").strip() or f"Restored version {number}"
        return self._write(files, result, author=who, note=note, action="rollback", restored_from=number)

    def refuse(self, *, who: str, action: str, detail: str) -> None:
        """Audit an attempt refused elsewhere (e.g. publishing without signing in)."""
        self._require_ready()
        self._refuse(who, action, detail)

    # --- Internals ------------------------------------------------------------------------------------------

    def _require_ready(self) -> None:
        if not self._ready:
            self.ensure_ready()

    def _seed(self) -> None:
        folder = Path(settings.get("data_dir"))
        refused: list[Issue] = []
        files: list[tuple[str, bytes]] = []
        for path in loading.expand([folder]):
            try:
                files.append((path.name, file_bytes(path)))
            except SpreadsheetError as error:
                refused.append(error.issue)
            except OSError as error:
                raise StoreUnavailable(
                    f"Cannot read the bundled data {path}: {error.strerror}. Check GCMDASH_DATA_DIR."
                ) from error
        result = loading.load_files(files, complete=True, refused=refused)
        parts = _snapshot_parts(result.dataset) if result.dataset is not None else {}
        with self._guard("created"), self._writing() as conn:
            _metadata.create_all(conn)
            if _current_number(conn) is not None:
                return  # another process seeded it while we read the bundled data
            if not result.valid:
                _insert_audit(conn, SEED_AUTHOR, "seed", "refused", None, f"{folder}: {_problems(result)}")
            else:
                number = _insert_version(
                    conn,
                    files,
                    result,
                    parts,
                    author=SEED_AUTHOR,
                    action="seed",
                    restored_from=None,
                    note=f"Bundled data ({folder.name}/)",
                )
        if result.valid:
            if result.dataset is not None:
                self._fresh = (number, result.dataset)
            return
        raise PublishRefused(f"the bundled data in {folder} cannot seed the store: {_problems(result)}", result)

    def _write(
        self,
        files: list[tuple[str, bytes]],
        result: LoadResult,
        *,
        author: str,
        note: str,
        action: str,
        restored_from: int | None,
    ) -> Version:
        parts = _snapshot_parts(result.dataset) if result.dataset is not None and self._has_snapshots else {}
        try:
            with self._guard("written"), self._writing() as conn:
                number = _insert_version(
                    conn, files, result, parts, author=author, note=note, action=action, restored_from=restored_from
                )
        except StoreUnavailable as error:
            try:
                self._refuse(author, action, f"{_names(files)}: {error}", outcome="failed")
            except StoreUnavailable:
                pass  # the store is unreachable: the failure cannot be audited there
            raise
        if result.dataset is not None:
            self._fresh = (number, result.dataset)
        return self.version(number)

    def _add_snapshot_table(self) -> bool:
        # A store made before snapshots existed: add their table (once, under the writer lock, if still missing).
        # A database user not allowed to create tables can still show versions, from their files.
        try:
            with self._guard("migrated"), self._writing() as conn:
                _snapshots.create(conn, checkfirst=True)
        except StoreUnavailable as error:
            log.warning("versions will load from their files: %s", error)
            return False
        return True

    def _from_snapshot(self, version: Version) -> Dataset:
        if not self._has_snapshots:
            raise snapshots.SnapshotError("the store has no snapshot table")
        with self._guard("read"), self._connect() as conn:
            rows = conn.execute(sa.select(_snapshots).where(_snapshots.c.version == version.number)).all()
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

    def _refuse(self, who: str, action: str, detail: str, outcome: str = "refused") -> None:
        with self._guard("written"), self._connect() as conn, conn.begin():
            _insert_audit(conn, who or _NOT_SIGNED_IN, action, outcome, None, detail)

    def _make_folder(self) -> None:
        if not self._sqlite or self._folder_made:
            return
        database = self.url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreUnavailable(
                    f"Cannot create the store folder {folder}: {exc.strerror or exc}. Set GCMDASH_STORE_DIR to a "
                    "writable folder (or GCMDASH_STORE_URL to a PostgreSQL database)."
                ) from exc
            if not os.access(folder, os.W_OK | os.X_OK):
                raise StoreUnavailable(
                    f"The store folder {folder} is not writable (SQLite needs to create files beside the "
                    "database). Set GCMDASH_STORE_DIR to a writable folder, or fix its permissions."
                )
        self._folder_made = True

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        self._make_folder()
        with self._guard("opened"):
            conn = self._engine.connect()
        with conn:
            yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction holding the store's single writer lock."""
        with self._connect() as conn:
            if self._sqlite:
                conn.execution_options(gcmdash_write=True)  # BEGIN IMMEDIATE: see _sqlite_begin
            with conn.begin():
                if not self._sqlite:
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
                yield conn

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """Turn database errors into StoreUnavailable, saying which store and how to fix it."""
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreUnavailable(self._explain(doing, exc)) from exc
        except OSError as exc:
            raise StoreUnavailable(f"The store at {self.shown_url} could not be {doing}: {exc}.") from exc

    def _explain(self, doing: str, exc: SQLAlchemyError) -> str:
        original = getattr(exc, "orig", None) or exc
        reason = " ".join(str(original).split()) or type(original).__name__
        if self._sqlite:
            fix = (
                "Check that the folder exists and is writable and the disk is not full, or set GCMDASH_STORE_DIR "
                "(or GCMDASH_STORE_URL)."
            )
        else:
            fix = (
                "Check GCMDASH_STORE_URL (host, port, database, user, password) and that the PostgreSQL server "
                "is running and accepts connections from this machine."
            )
        return f"The store at {self.shown_url} could not be {doing}: {reason}. {fix}"


def safe_file_name(name: str, position: int = 1) -> str:
    """A file name made safe to store, show and write into a folder: no directories, control, reserved or
    invisible formatting characters (a right-to-left override makes "report\u202excod.exe" read "reportexe.docx")."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch) != "Cf")
    base = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "_", base).strip().strip(".").strip()
    if not base:
        return f"file-{position}"
    if len(base) > 150:
        stem, dot, suffix = base.rpartition(".")
        base = stem[: 150 - len(suffix) - 1] + dot + suffix if dot and len(suffix) <= 10 else base[:150]
    return base


def _distinct(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    taken.add(candidate.lower())
    return candidate


# --- Database helpers -------------------------------------------------------------------------------------------


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, issue BEGIN (so writers can BEGIN IMMEDIATE); then: wait for other
    # writers instead of failing, WAL so readers never block the writer (and a killed writer leaves the last
    # committed version intact), full sync at commit, and enforced foreign keys.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN, so two writers queue on the busy timeout instead of one failing
    # when it upgrades a read transaction to a write one.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("gcmdash_write") else "BEGIN")


def _current_number(conn: Connection) -> int | None:
    return conn.execute(sa.select(sa.func.max(_versions.c.number))).scalar()


def _unknown_message(conn: Connection, number: int) -> str:
    latest = _current_number(conn)
    return f"There is no version {number}: versions are numbered 1 to {latest}." if latest else "The store is empty."


def _read_versions(conn: Connection, number: int | None = None) -> list[Version]:
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


def _snapshot_parts(data: Dataset) -> dict[str, bytes]:
    """The Dataset's tables as snapshot bytes; none if they cannot be snapshotted exactly (then read from files)."""
    try:
        return snapshots.encode_tables(data.tables)
    except snapshots.SnapshotError as error:
        log.warning("no snapshot stored: %s", error)
        return {}


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


def _insert_version(
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
    number = (_current_number(conn) or 0) + 1
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
    detail = f"{_names(files)}; note: {note}"
    if restored_from is not None:
        detail = f"restored version {restored_from}: {detail}"
    if parts:
        _insert_snapshot(conn, number, parts)
    _insert_audit(conn, author, action, "done", number, detail)
    return number


#: The most characters an audit entry keeps of who tried (no e-mail is longer) and of what happened.
AUDIT_WHO_CHARS, AUDIT_DETAIL_CHARS = 320, 2000


def _capped(text: str, limit: int) -> str:
    """The text if short enough, else its start and how long it was: what anyone typed is stored bounded."""
    if len(text) <= limit:
        return text
    tail = f"… ({len(text):,} characters in all)"
    return text[: limit - len(tail)] + tail


def _insert_audit(conn: Connection, who: str, action: str, outcome: str, version: int | None, detail: str) -> None:
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


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _names(files: Sequence[tuple[str, bytes]]) -> str:
    return ", ".join(name for name, _ in files) or "(no files)"


def _problems(result: LoadResult) -> str:
    first = [issue for issue in result.issues if issue.is_error][:3]
    listed = "; ".join(
        " ".join(
            p
            for p in (
                i.sheet or i.value or "",
                f"row {i.row}" if i.row else "",
                f"[{i.column}]" if i.column else "",
                str(i.code),
            )
            if p
        )
        for i in first
    )
    more = "" if result.error_count <= len(first) else f"; and {result.error_count - len(first)} more"
    return f"{result.error_count} error{'s' * (result.error_count != 1)} ({listed}{more})"
