"""The store's database connection: its URL checked, SQLite's folder and pragmas, PostgreSQL's timeouts, the single
writer lock every write transaction holds, and database errors explained with how to fix them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from gcmdash.store.records import StoreUnavailable

#: How long a writer waits for another writer's transaction before giving up (SQLite busy timeout).
BUSY_TIMEOUT_S = 30
#: How long connecting to a PostgreSQL server may take before the store is reported unavailable.
CONNECT_TIMEOUT_S = 10
# Key of the PostgreSQL advisory lock every writer holds for its transaction ("gcmd" in ASCII).
_PG_WRITE_LOCK = 0x67636D64


def database_url(url: str) -> URL:
    """The parsed URL of an SQLite or PostgreSQL store (PostgreSQL through psycopg); StoreUnavailable if not."""
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
    return parsed


def create_engine(url: URL) -> Engine:
    """The engine of the store at url: SQLite with its pragmas and busy timeout, PostgreSQL with a connect timeout."""
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


@contextmanager
def write_transaction(conn: Connection, sqlite: bool) -> Iterator[Connection]:
    """A transaction on conn holding the store's single writer lock."""
    if sqlite:
        conn.execution_options(gcmdash_write=True)  # BEGIN IMMEDIATE: see _sqlite_begin
    with conn.begin():
        if not sqlite:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
        yield conn


def make_sqlite_folder(url: URL) -> None:
    """Create the folder of an SQLite file store if missing; StoreUnavailable if it cannot be made or written."""
    database = url.database or ""
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


def explain(shown_url: str, sqlite: bool, doing: str, exc: SQLAlchemyError) -> str:
    """What went wrong with the store at shown_url while it was being `doing` ("read", "written"...), and the fix."""
    original = getattr(exc, "orig", None) or exc
    reason = " ".join(str(original).split()) or type(original).__name__
    if sqlite:
        fix = (
            "Check that the folder exists and is writable and the disk is not full, or set GCMDASH_STORE_DIR "
            "(or GCMDASH_STORE_URL)."
        )
    else:
        fix = (
            "Check GCMDASH_STORE_URL (host, port, database, user, password) and that the PostgreSQL server "
            "is running and accepts connections from this machine."
        )
    return f"The store at {shown_url} could not be {doing}: {reason}. {fix}"
