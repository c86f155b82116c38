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

This module holds the Store and what it decides; gcmdash.store.engine connects and locks, gcmdash.store.tables
holds the schema and its queries, gcmdash.store.records what the store gives back.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import SQLAlchemyError

from gcmdash import settings
from gcmdash.ingest import loading
from gcmdash.ingest.issues import Issue, SpreadsheetError
from gcmdash.ingest.loading import LoadResult
from gcmdash.ingest.reading import file_bytes
from gcmdash.model import snapshots
from gcmdash.model.dataset import Dataset
from gcmdash.store import engine, tables
from gcmdash.store.filenames import distinct_file_name, safe_file_name
from gcmdash.store.records import AuditEntry, PublishRefused, StoreUnavailable, UnknownVersion, Version

SEED_AUTHOR = "gcmdash"
SQLITE_FILE = "store.sqlite3"
_NOT_SIGNED_IN = "(not signed in)"
log = logging.getLogger(__name__)


class Store:
    """The versioned store at one SQLAlchemy URL (sqlite:///path or postgresql://...)."""

    def __init__(self, url: str) -> None:
        parsed = engine.database_url(url)
        self.url = parsed
        self.shown_url = parsed.render_as_string(hide_password=True)
        self._sqlite = parsed.get_backend_name() == "sqlite"
        self._engine = engine.create_engine(parsed)
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
            ready = tables.is_seeded(conn)
            has_snapshots = tables.has_snapshot_table(conn)
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
            number = tables.current_number(conn)
            if number is None:
                raise StoreUnavailable(f"The store at {self.shown_url} holds no version.")
            return tables.read_versions(conn, number)[0]

    def current_number(self) -> int:
        """The current version's number: one indexed query, cheap enough for every page rerun."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            number = tables.current_number(conn)
        if number is None:
            raise StoreUnavailable(f"The store at {self.shown_url} holds no version.")
        return number

    def versions(self) -> list[Version]:
        """Every version, newest first."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            return tables.read_versions(conn)

    def version(self, number: int) -> Version:
        """One version by number; UnknownVersion if there is none."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            found = tables.read_versions(conn, number)
            if not found:
                raise UnknownVersion(tables.unknown_message(conn, number))
            return found[0]

    def files(self, number: int) -> list[tuple[str, bytes]]:
        """The version's original files as (name, bytes), exactly as uploaded; UnknownVersion if there is none."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            return tables.read_files(conn, number)

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
                    tables.replace_snapshot(conn, number, parts)
            except StoreUnavailable as error:
                log.warning("the snapshot of version %s could not be stored: %s", number, error)
        return result.dataset

    def audit(self, limit: int = 200) -> list[AuditEntry]:
        """The latest audit entries, newest first."""
        self._require_ready()
        with self._guard("read"), self._connect() as conn:
            return tables.read_audit(conn, limit)

    def export(self, number: int, outdir: Path) -> list[Path]:
        """Write the version's original files into outdir (names made safe and distinct); the paths written."""
        files = self.files(number)
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        written = []
        for position, (name, data) in enumerate(files, start=1):
            path = outdir / distinct_file_name(safe_file_name(name, position), taken)
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
        names = tables.listed_names(files)
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
            tables.create_all(conn)
            if tables.current_number(conn) is not None:
                return  # another process seeded it while we read the bundled data
            if not result.valid:
                tables.insert_audit(conn, SEED_AUTHOR, "seed", "refused", None, f"{folder}: {_problems(result)}")
            else:
                number = tables.insert_version(
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
                number = tables.insert_version(
                    conn, files, result, parts, author=author, note=note, action=action, restored_from=restored_from
                )
        except StoreUnavailable as error:
            try:
                self._refuse(author, action, f"{tables.listed_names(files)}: {error}", outcome="failed")
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
                tables.create_snapshot_table(conn)
        except StoreUnavailable as error:
            log.warning("versions will load from their files: %s", error)
            return False
        return True

    def _from_snapshot(self, version: Version) -> Dataset:
        if not self._has_snapshots:
            raise snapshots.SnapshotError("the store has no snapshot table")
        with self._guard("read"), self._connect() as conn:
            rows = tables.read_snapshot(conn, version.number)
        return tables.snapshot_dataset(rows, version)

    def _refuse(self, who: str, action: str, detail: str, outcome: str = "refused") -> None:
        with self._guard("written"), self._connect() as conn, conn.begin():
            tables.insert_audit(conn, who or _NOT_SIGNED_IN, action, outcome, None, detail)

    def _make_folder(self) -> None:
        if not self._sqlite or self._folder_made:
            return
        engine.make_sqlite_folder(self.url)
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
        with self._connect() as conn, engine.write_transaction(conn, self._sqlite):
            yield conn

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        """Turn database errors into StoreUnavailable, saying which store and how to fix it."""
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreUnavailable(engine.explain(self.shown_url, self._sqlite, doing, exc)) from exc
        except OSError as exc:
            raise StoreUnavailable(f"The store at {self.shown_url} could not be {doing}: {exc}.") from exc


def _snapshot_parts(data: Dataset) -> dict[str, bytes]:
    """The Dataset's tables as snapshot bytes; none if they cannot be snapshotted exactly (then read from files)."""
    try:
        return snapshots.encode_tables(data.tables)
    except snapshots.SnapshotError as error:
        log.warning("no snapshot stored: %s", error)
        return {}


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
