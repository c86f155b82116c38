"""The versioned store, on SQLite and on a real PostgreSQL server: every test runs on both (see store_support)."""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from gcmdash.cli import main
from gcmdash.ingest import loading
from gcmdash.ingest.issues import IssueCode
from gcmdash.model import snapshots
from gcmdash.model.dataset import Dataset
from gcmdash.store.filenames import safe_file_name
from gcmdash.store.records import PublishRefused, StoreUnavailable, UnknownVersion
from gcmdash.store.versions import Store
from tests.store_support import (
    PG_USER,
    ROOT,
    PostgresCluster,
    bundled_bytes,
    edited_workbook,
    invalid_workbook,
    running_cluster,
)

CSV_NOTES = "Notes,Comment\r\nfirst,\xe9t\xe9 \u2014 kept byte for byte\r\n".encode("utf-8-sig")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL server for the session; the tests on PostgreSQL fail (never skip) without one."""
    yield from running_cluster()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store: a new SQLite file, or a new database on the throwaway PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'store.sqlite3'}"
    return request.getfixturevalue("pg_cluster").new_database()


@pytest.fixture
def open_store(store_url: str) -> Iterator[Callable[[], Store]]:
    """Open (and at the end close) stores on the test's database."""
    opened: list[Store] = []

    def make() -> Store:
        store = Store(store_url)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[[], Store]) -> Store:
    """A ready store: seeded with the bundled data as version 1."""
    ready = open_store()
    ready.ensure_ready()
    return ready


def _rows(files: list[tuple[str, bytes]]) -> dict[str, int]:
    result = loading.load_files(files, complete=True)
    return {use.dataset: use.rows for use in result.uses if use.dataset}


def _child(url: str, script: str, *args: str) -> subprocess.Popen[str]:
    """Run a Python snippet in a new process on the store at url."""
    env = {**os.environ, "GCMDASH_STORE_URL": url, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# A child publishing through the CLI: argv[1] how long it holds the writer lock once its version and files are
# written (just before its audit entry, inside the transaction; "kill": until killed), argv[2] a file it creates
# at that moment, argv[3] a file it waits for before starting its write transaction ("-": none); then the CLI's.
CHILD_PUBLISH = """
    import sys, time
    from pathlib import Path
    import gcmdash.store.tables as tables
    import gcmdash.store.versions as store
    hold, signal_file, wait_file = sys.argv[1:4]
    insert_audit, write = tables.insert_audit, store.Store._write
    def holding(conn, who, action, outcome, version, detail):
        if outcome == "done":
            print("IN-TRANSACTION", version, flush=True)
            if signal_file != "-":
                Path(signal_file).touch()
            time.sleep(3600 if hold == "kill" else float(hold))
        insert_audit(conn, who, action, outcome, version, detail)
    def waiting(self, *args, **kwargs):
        deadline = time.monotonic() + 60
        while wait_file != "-" and not Path(wait_file).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        print("WRITING", flush=True)
        return write(self, *args, **kwargs)
    tables.insert_audit, store.Store._write = holding, waiting
    from gcmdash.cli import main
    raise SystemExit(main(sys.argv[4:]))
"""


def _large_workbook(title: str) -> bytes:
    """A valid workbook of about 6 MB: an edited copy padded with an incompressible, unreferenced zip entry."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(edited_workbook(title=title))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as padded,
    ):
        for entry in source.infolist():
            padded.writestr(entry, source.read(entry.filename))
        padded.writestr("xl/media/padding.bin", random.Random(title).randbytes(6 * 1024 * 1024))
    return out.getvalue()


# --- Seeding ----------------------------------------------------------------------------------------------------


def test_first_use_seeds_the_bundled_data_as_version_1(open_store):
    store = open_store()
    first = store.ensure_ready()
    assert (first.number, first.action, first.author, first.restored_from) == (1, "seed", "gcmdash", None)
    assert [(f.name, f.sha256, f.size) for f in first.files] == [
        ("gcm-data.xlsx", hashlib.sha256(bundled_bytes()).hexdigest(), len(bundled_bytes()))
    ]
    assert first.content_id == loading.version_id([("gcm-data.xlsx", bundled_bytes())])
    assert first.row_counts == _rows([("gcm-data.xlsx", bundled_bytes())])
    assert first.created_at.tzinfo is not None and first.created_at.utcoffset().total_seconds() == 0
    assert store.files(1) == [("gcm-data.xlsx", bundled_bytes())]
    again = open_store().ensure_ready()
    assert again == first and store.current_number() == 1
    (entry,) = store.audit()
    assert (entry.who, entry.action, entry.outcome, entry.version) == ("gcmdash", "seed", "done", 1)


def test_two_processes_starting_on_an_empty_store_seed_it_once(store_url):
    script = """
        from gcmdash.store.versions import Store
        print(Store.from_settings().ensure_ready().number)
    """
    children = [_child(store_url, script) for _ in range(3)]
    outputs = [child.communicate(timeout=60) for child in children]
    assert [child.returncode for child in children] == [0, 0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["1", "1", "1"]
    store = Store(store_url)
    assert [v.number for v in store.versions()] == [1]
    assert [(e.action, e.outcome) for e in store.audit()] == [("seed", "done")]
    store.close()


# --- Publishing ---------------------------------------------------------------------------------------------------


def test_publish_makes_a_new_current_version_with_its_record(store):
    data = edited_workbook(title="A renamed practice", extra_practice=True)
    version = store.publish([("ece-2025.xlsx", data)], author="alice@example.org", note="March figures")
    assert (version.number, version.action, version.author, version.note) == (
        2,
        "publish",
        "alice@example.org",
        "March figures",
    )
    assert version.restored_from is None
    assert version.files[0].sha256 == hashlib.sha256(data).hexdigest() and version.files[0].size == len(data)
    assert version.content_id == loading.version_id([("ece-2025.xlsx", data)])
    assert version.row_counts["practices"] == 251
    assert version.row_counts == {**store.version(1).row_counts, "practices": 251}
    assert store.current() == version and store.current_number() == 2
    assert version.created_at >= store.version(1).created_at and version.created_at.tzinfo == UTC
    entry = store.audit()[0]
    assert (entry.who, entry.action, entry.outcome, entry.version) == ("alice@example.org", "publish", "done", 2)
    assert "March figures" in entry.detail and "ece-2025.xlsx" in entry.detail


def test_invalid_publish_is_refused_audited_and_changes_nothing(store):
    with pytest.raises(PublishRefused) as refused:
        store.publish([("bad.xlsx", invalid_workbook())], author="bob", note="try")
    assert [i.code for i in refused.value.issues if i.is_error] == [IssueCode.OBJECTIVE_OUT_OF_RANGE]
    assert refused.value.result is not None and not refused.value.result.valid
    with pytest.raises(PublishRefused) as unreadable:
        store.publish([("report.xlsx", b"%PDF-1.7\n" + b"x" * 200)], author="bob", note="try")
    assert unreadable.value.issues[0].code is IssueCode.NOT_A_SPREADSHEET
    with pytest.raises(PublishRefused, match="note"):
        store.publish([("good.xlsx", bundled_bytes())], author="bob", note="  ")
    with pytest.raises(PublishRefused, match="sign in"):
        store.publish([("good.xlsx", bundled_bytes())], author="", note="fine")
    with pytest.raises(PublishRefused):
        store.publish([], author="bob", note="nothing")
    assert store.current_number() == 1 and [v.number for v in store.versions()] == [1]
    audit = store.audit()
    assert [(e.who, e.action, e.outcome, e.version) for e in audit[:5]] == [
        ("bob", "publish", "refused", None),
        ("(not signed in)", "publish", "refused", None),
        ("bob", "publish", "refused", None),
        ("bob", "publish", "refused", None),
        ("bob", "publish", "refused", None),
    ]
    assert "objective_out_of_range" in audit[4].detail and "bad.xlsx" in audit[4].detail


def test_a_store_error_while_writing_is_audited_as_failed_and_changes_nothing(store, monkeypatch):
    import sqlalchemy.exc

    import gcmdash.store.tables as tables_module

    insert_audit = tables_module.insert_audit

    def failing(conn, who, action, outcome, version, detail):
        if outcome == "done":  # inside the transaction, after the version and its files were inserted
            raise sqlalchemy.exc.OperationalError("INSERT INTO audit", {}, OSError("disk I/O error"))
        insert_audit(conn, who, action, outcome, version, detail)

    monkeypatch.setattr(tables_module, "insert_audit", failing)
    with pytest.raises(StoreUnavailable, match="disk I/O error"):
        store.publish([("new.xlsx", edited_workbook(title="Lost"))], author="ivan", note="fails")
    assert store.current_number() == 1 and [v.number for v in store.versions()] == [1]
    entry = store.audit()[0]
    assert (entry.who, entry.action, entry.outcome, entry.version) == ("ivan", "publish", "failed", None)
    assert "disk I/O error" in entry.detail


def test_refusals_made_elsewhere_are_audited(store):
    store.refuse(who="(not signed in)", action="publish", detail="publish attempted without signing in")
    entry = store.audit()[0]
    assert (entry.who, entry.action, entry.outcome, entry.version) == ("(not signed in)", "publish", "refused", None)
    assert entry.detail == "publish attempted without signing in" and entry.at.tzinfo == UTC


def test_rollback_is_a_new_version_with_the_old_files(store):
    store.publish([("new.xlsx", edited_workbook(title="Changed"))], author="alice", note="change")
    restored = store.rollback(1, author="carol", note="the change was wrong")
    assert (restored.number, restored.action, restored.restored_from, restored.author, restored.note) == (
        3,
        "rollback",
        1,
        "carol",
        "the change was wrong",
    )
    assert restored.content_id == store.version(1).content_id != store.version(2).content_id
    assert restored.row_counts == store.version(1).row_counts
    assert store.files(3) == store.files(1) and store.current_number() == 3
    assert store.rollback(2, author="carol").note == "Restored version 2"
    entry = store.audit()[1]
    assert (entry.who, entry.action, entry.outcome, entry.version) == ("carol", "rollback", "done", 3)
    with pytest.raises(UnknownVersion, match="no version 99"):
        store.rollback(99, author="carol")
    assert store.current_number() == 4
    assert (store.audit()[0].action, store.audit()[0].outcome) == ("rollback", "refused")


def test_versions_are_listed_newest_first_and_files_round_trip_byte_exact(store):
    files = [("ece.xlsx", edited_workbook(title="One")), ("notes.csv", CSV_NOTES)]
    store.publish(files, author="alice", note="two files")
    store.publish([("ece.xlsx", edited_workbook(title="Two"))], author="bob", note="one file")
    assert [(v.number, v.author) for v in store.versions()] == [(3, "bob"), (2, "alice"), (1, "gcmdash")]
    assert store.files(2) == files
    assert [f.name for f in store.version(2).files] == ["ece.xlsx", "notes.csv"]
    assert store.version(2).files[1].sha256 == hashlib.sha256(CSV_NOTES).hexdigest()
    with pytest.raises(UnknownVersion):
        store.version(7)
    with pytest.raises(UnknownVersion):
        store.files(0)


def test_export_writes_the_files_under_safe_names_only(store, tmp_path):
    hostile = [("../../etc/x.xlsx", bundled_bytes()), ("..\\..\\notes.csv", CSV_NOTES), ("notes.csv", CSV_NOTES)]
    store.publish(hostile, author="mallory", note="names")
    sandbox = tmp_path / "sandbox"  # "../../etc/x.xlsx" from sandbox/deep/out would land in sandbox/etc
    out = sandbox / "deep" / "out"
    written = store.export(2, out)
    assert [p.name for p in written] == ["x.xlsx", "notes.csv", "notes (2).csv"]
    assert all(p.parent == out for p in written)
    assert [p.read_bytes() for p in written] == [bundled_bytes(), CSV_NOTES, CSV_NOTES]
    assert sorted(p.relative_to(sandbox).as_posix() for p in sandbox.rglob("*") if p.is_file()) == [
        "deep/out/notes (2).csv",
        "deep/out/notes.csv",
        "deep/out/x.xlsx",
    ]
    assert store.files(2)[0][0] == "x.xlsx"  # stored without the folders, as shown everywhere


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/x.xlsx", "x.xlsx"),
        ("C:\\Users\\a\\b.csv", "b.csv"),
        ("..", "file-1"),
        ("", "file-1"),
        ("/", "file-1"),
        (".hidden.csv", "hidden.csv"),
        ("a\x00b:c?.xlsx", "a_b_c_.xlsx"),
        ("report\u202excod.exe", "reportxcod.exe"),
        ("\u2066data\u2069\u200f.xlsx", "data.xlsx"),
        ("\u202e", "file-1"),
    ],
)
def test_safe_file_names(name, safe):
    assert safe_file_name(name) == safe


# --- Concurrency and crashes --------------------------------------------------------------------------------------


def test_two_concurrent_publishes_from_two_processes_both_land_in_order(store, store_url, tmp_path):
    # Alice's publish holds the writer lock for 1.5 s once its rows are written; Bob's starts writing only then,
    # so it must wait for the lock (not fail, not interleave) and become the next version.
    alice, bob, locked = tmp_path / "alice.xlsx", tmp_path / "bob.xlsx", tmp_path / "alice-holds-the-lock"
    alice.write_bytes(edited_workbook(title="Edited by alice"))
    bob.write_bytes(edited_workbook(title="Edited by bob"))
    first = _child(
        store_url,
        CHILD_PUBLISH,
        "1.5",
        str(locked),
        "-",
        "publish",
        str(alice),
        "--note",
        "from alice",
        "--as",
        "alice",
    )
    second = _child(
        store_url, CHILD_PUBLISH, "0", "-", str(locked), "publish", str(bob), "--note", "from bob", "--as", "bob"
    )
    outputs = [child.communicate(timeout=90) for child in (first, second)]
    assert [child.returncode for child in (first, second)] == [0, 0], outputs
    assert "IN-TRANSACTION 2" in outputs[0][0] and "IN-TRANSACTION 3" in outputs[1][0]
    versions = store.versions()
    assert [(v.number, v.author, v.note) for v in versions] == [
        (3, "bob", "from bob"),
        (2, "alice", "from alice"),
        (1, "gcmdash", "Bundled data (data/)"),
    ]
    assert versions[1].content_id == loading.version_id([("alice.xlsx", alice.read_bytes())])
    assert versions[0].content_id == loading.version_id([("bob.xlsx", bob.read_bytes())])
    assert store.files(3) == [("bob.xlsx", bob.read_bytes())] and store.files(2) == [("alice.xlsx", alice.read_bytes())]
    assert versions[0].created_at > versions[1].created_at
    assert [(e.who, e.version) for e in store.audit() if e.outcome == "done"] == [
        ("bob", 3),
        ("alice", 2),
        ("gcmdash", 1),
    ]


def test_a_publish_killed_mid_transaction_leaves_the_previous_version(store, store_url, tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(_large_workbook("Never published"))
    child = _child(store_url, CHILD_PUBLISH, "kill", "-", "-", "publish", str(path), "--note", "killed", "--as", "dora")
    try:
        line = child.stdout.readline() + child.stdout.readline()  # WRITING, then IN-TRANSACTION: rows not committed
        assert "IN-TRANSACTION 2" in line, (line, child.stderr.read() if child.poll() is not None else "")
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    reopened = Store(store_url)
    try:
        assert reopened.current_number() == 1 and [v.number for v in reopened.versions()] == [1]
        assert reopened.files(1) == [("gcm-data.xlsx", bundled_bytes())]
        assert all(e.who != "dora" for e in reopened.audit())
        started = time.monotonic()
        again = _large_workbook("Published after the crash")
        after = reopened.publish([("big.xlsx", again)], author="erin", note="ok")
        assert after.number == 2 and time.monotonic() - started < 20  # the dead writer's lock was released
        assert store.current() == after and store.files(2) == [("big.xlsx", again)]
    finally:
        reopened.close()


# --- An unavailable store -----------------------------------------------------------------------------------------


def _dead_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_postgresql_server_is_reported_clearly():
    port = _dead_port()
    store = Store(f"postgresql://gcm:secret@127.0.0.1:{port}/gcm")
    with pytest.raises(StoreUnavailable) as error:
        store.ensure_ready()
    message = str(error.value)
    assert f"127.0.0.1:{port}" in message and "GCMDASH_STORE_URL" in message and "running" in message
    assert "secret" not in message


def test_an_unwritable_sqlite_folder_is_reported_clearly(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("GCMDASH_STORE_URL", raising=False)
    monkeypatch.setenv("GCMDASH_STORE_DIR", str(blocker / "store"))
    with pytest.raises(StoreUnavailable) as error:
        Store.from_settings().ensure_ready()
    assert str(blocker / "store") in str(error.value) and "GCMDASH_STORE_DIR" in str(error.value)


def test_a_bad_store_url_is_reported_clearly(monkeypatch):
    monkeypatch.setenv("GCMDASH_STORE_URL", "not a url")
    with pytest.raises(StoreUnavailable, match="GCMDASH_STORE_URL"):
        Store.from_settings()
    with pytest.raises(StoreUnavailable, match="SQLite or PostgreSQL"):
        Store("mysql://u@localhost/db")


def test_the_default_store_is_an_sqlite_file_in_store_dir_made_on_first_use(tmp_path, monkeypatch):
    monkeypatch.delenv("GCMDASH_STORE_URL", raising=False)
    monkeypatch.setenv("GCMDASH_STORE_DIR", str(tmp_path / "state"))
    store = Store.from_settings()
    assert store.url.database == str(tmp_path / "state" / "store.sqlite3")
    assert store.ensure_ready().number == 1 and (tmp_path / "state" / "store.sqlite3").is_file()
    import sqlite3

    with sqlite3.connect(tmp_path / "state" / "store.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store.close()


# --- Snapshots: loading a version without re-reading its files -----------------------------------------------------


def _same_data(got: Dataset, expected: Dataset) -> None:
    assert (got.version, got.sources) == (expected.version, expected.sources)
    assert set(got.tables) == set(expected.tables) and set(got.long) == set(expected.long)
    for name in expected.tables:
        pd.testing.assert_frame_equal(got.tables[name], expected.tables[name], check_exact=True)
        assert snapshots.identical(got.tables[name], expected.tables[name])
    for name in expected.long:
        pd.testing.assert_frame_equal(got.long[name], expected.long[name], check_exact=True)


def _snapshot_rows(store: Store, number: int) -> list:
    engine = sa.create_engine(store.url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                sa.text(
                    "SELECT dataset, format, code_id, sha256, data FROM version_snapshots "
                    "WHERE version = :n ORDER BY dataset"
                ),
                {"n": number},
            ).all()
    finally:
        engine.dispose()


def _execute(store: Store, sql: str, **params) -> None:
    engine = sa.create_engine(store.url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(sql), params)
    finally:
        engine.dispose()


@pytest.fixture
def load_count(monkeypatch) -> list[int]:
    """How many times the files of a version are read and validated (loading.load_files, still run for real)."""
    calls = [0]
    real = loading.load_files

    def counting(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(loading, "load_files", counting)
    return calls


def test_the_seed_is_validated_once_and_later_processes_load_its_snapshot(open_store, load_count):
    store = open_store()
    store.ensure_ready()
    assert load_count == [1]
    seeded = store.dataset(1)
    assert load_count == [1]  # the seed's own Dataset, not a second read of the same files
    rows = _snapshot_rows(store, 1)
    assert [row.dataset for row in rows] == sorted(seeded.tables)
    assert all(row.format == snapshots.FORMAT and row.code_id == snapshots.code_id() for row in rows)
    assert all(row.sha256 == snapshots.checksum(bytes(row.data)) for row in rows)
    replica = open_store()
    replica.ensure_ready()
    _same_data(replica.dataset(1), seeded)
    assert load_count == [1]


def test_a_published_version_loads_from_its_snapshot_not_its_files(store, open_store):
    data = edited_workbook(objectives="2; General")
    store.publish([("ece.xlsx", data)], author="alice@example.org", note="General objective")
    expected = loading.load_files([("ece.xlsx", data)], complete=True).dataset
    # Spoil the stored files: a reader that still gets the data must have read the snapshot.
    _execute(store, "UPDATE version_files SET data = :junk WHERE version = 2", junk=b"not a workbook")
    _same_data(open_store().dataset(2), expected)


@pytest.mark.parametrize(
    "spoil",
    [
        "DELETE FROM version_snapshots WHERE version = 1",
        "DELETE FROM version_snapshots WHERE version = 1 AND dataset = 'figures'",
        "UPDATE version_snapshots SET code_id = 'older code' WHERE version = 1",
        "UPDATE version_snapshots SET format = 0 WHERE version = 1",
        "UPDATE version_snapshots SET sha256 = :sum WHERE version = 1 AND dataset = 'pledges'",
        "UPDATE version_snapshots SET data = :junk, sha256 = :junk_sum WHERE version = 1 AND dataset = 'practices'",
    ],
    ids=["missing", "incomplete", "other code", "other format", "bad checksum", "unreadable"],
)
def test_an_unusable_snapshot_falls_back_to_the_files_and_is_rewritten(store, open_store, load_count, spoil):
    expected = store.dataset(1)
    _execute(store, spoil, sum="0" * 64, junk=b"junk", junk_sum=snapshots.checksum(b"junk"))
    load_count[0] = 0
    reader = open_store()
    _same_data(reader.dataset(1), expected)
    assert load_count == [1]  # this reader fell back to the files
    rows = _snapshot_rows(store, 1)
    assert [row.dataset for row in rows] == sorted(expected.tables)
    assert all(row.code_id == snapshots.code_id() and row.sha256 == snapshots.checksum(bytes(row.data)) for row in rows)
    _same_data(open_store().dataset(1), expected)
    assert load_count == [1]  # the next reader used the rewritten snapshot


def test_a_store_made_before_snapshots_gets_their_table_and_keeps_working(store, open_store, load_count):
    store.publish([("ece.xlsx", edited_workbook(title="Renamed"))], author="alice@example.org", note="Rename")
    expected = store.dataset(2)
    # The store as the previous release made it: versions, version_files and audit only.
    _execute(store, "DROP TABLE version_snapshots")
    before = store.versions()
    upgraded = open_store()
    assert upgraded.ensure_ready().number == 2
    assert upgraded.versions() == before
    assert _snapshot_rows(upgraded, 2) == []
    load_count[0] = 0
    _same_data(upgraded.dataset(2), expected)
    assert load_count == [1]
    assert len(_snapshot_rows(upgraded, 2)) == len(expected.tables)  # written by that first load
    third = upgraded.publish([("ece.xlsx", edited_workbook(extra_practice=True))], author="bob", note="Added")
    assert len(_snapshot_rows(upgraded, third.number)) == len(expected.tables)
    assert [e.action for e in upgraded.audit()][:3] == ["publish", "publish", "seed"]


def test_an_old_store_whose_user_may_not_create_tables_still_shows_and_publishes(pg_cluster):
    url = pg_cluster.new_database()
    owner = Store(url)
    owner.ensure_ready()
    _execute(owner, "DROP TABLE version_snapshots")
    role = "viewer_" + url.rsplit("/", 1)[1]
    _execute(owner, f"CREATE ROLE {role} LOGIN")
    _execute(owner, f"GRANT SELECT, INSERT ON versions, version_files, audit TO {role}")
    _execute(owner, f"GRANT USAGE ON SEQUENCE audit_id_seq TO {role}")
    _execute(owner, "REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    limited = Store(url.replace(f"//{PG_USER}@", f"//{role}@"))
    try:
        assert limited.ensure_ready().number == 1  # could not add the snapshot table: carries on without it
        _same_data(limited.dataset(1), owner.dataset(1))
        version = limited.publish([("ece.xlsx", edited_workbook(title="Renamed"))], author="alice", note="Rename")
        assert version.number == 2 and limited.dataset(2).tables["practices"]["title"].iloc[0] == "Renamed"
    finally:
        limited.close()
        owner.close()


# --- Command line -------------------------------------------------------------------------------------------------


@pytest.fixture
def cli_store(store_url, monkeypatch) -> Iterator[str]:
    """The CLI's store (GCMDASH_STORE_URL) set to the test's database."""
    monkeypatch.setenv("GCMDASH_STORE_URL", store_url)
    yield store_url
    gc.collect()  # close the connections of the stores main() opened


def _versions_json(capsys) -> dict:
    capsys.readouterr()
    assert main(["versions", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_publish_exit_codes_and_nothing_changed_when_refused(cli_store, tmp_path, capsys):
    good, bad, pdf = tmp_path / "good.xlsx", tmp_path / "bad.xlsx", tmp_path / "report.xlsx"
    good.write_bytes(edited_workbook(title="From the CLI"))
    bad.write_bytes(invalid_workbook())
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    assert main(["publish", str(good), "--note", "cli", "--as", "frank"]) == 0
    assert "Published version 2: publish by frank" in capsys.readouterr().out
    assert main(["publish", str(bad), "--note", "cli"]) == 1
    out = capsys.readouterr().out
    assert "Practices row 2 [GCM objectives]: error objective_out_of_range" in out and "NOT valid" in out
    assert main(["publish", str(pdf), "--note", "cli"]) == 2
    assert main(["publish", str(tmp_path / "missing.xlsx"), "--note", "cli"]) == 2
    with pytest.raises(SystemExit) as usage:
        main(["publish", str(good), "--note", " "])
    assert usage.value.code == 2
    report = _versions_json(capsys)
    assert report["current"] == 2 and [v["number"] for v in report["versions"]] == [2, 1]
    assert [(e.action, e.outcome) for e in Store(cli_store).audit()[:2]] == [
        ("publish", "refused"),
        ("publish", "refused"),
    ]


def test_cli_versions_json_shape(cli_store, capsys):
    report = _versions_json(capsys)
    assert set(report) == {"current", "versions"} and report["current"] == 1
    (version,) = report["versions"]
    assert set(version) == {
        "number",
        "content_id",
        "created_at",
        "author",
        "note",
        "action",
        "restored_from",
        "files",
        "row_counts",
    }
    assert version["files"] == [
        {"name": "gcm-data.xlsx", "sha256": hashlib.sha256(bundled_bytes()).hexdigest(), "size": len(bundled_bytes())}
    ]
    assert version["created_at"].endswith("+00:00") and version["row_counts"]["practices"] == 250
    assert main(["versions"]) == 0
    assert "* version 1: seed by gcmdash" in capsys.readouterr().out


def test_cli_rollback_and_export(cli_store, tmp_path, capsys):
    changed = tmp_path / "changed.xlsx"
    changed.write_bytes(edited_workbook(title="Changed in the CLI"))
    assert main(["publish", str(changed), "--note", "change", "--as", "gina"]) == 0
    assert main(["rollback", "1", "--as", "gina", "--note", "undo"]) == 0
    assert "Restored as version 3: rollback of version 1 by gina" in capsys.readouterr().out
    assert main(["rollback", "42", "--as", "gina"]) == 1
    assert "no version 42" in capsys.readouterr().err
    assert main(["export", "2", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "out" / "changed.xlsx")]
    assert (tmp_path / "out" / "changed.xlsx").read_bytes() == changed.read_bytes()
    assert main(["export", "9", str(tmp_path / "out")]) == 1
    report = _versions_json(capsys)
    assert [(v["number"], v["action"], v["restored_from"]) for v in report["versions"]] == [
        (3, "rollback", 1),
        (2, "publish", None),
        (1, "seed", None),
    ]


def test_cli_reports_an_unavailable_store_with_exit_2(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("GCMDASH_STORE_URL", f"postgresql://gcm@127.0.0.1:{_dead_port()}/gcm")
    assert main(["versions"]) == 2
    assert "GCMDASH_STORE_URL" in capsys.readouterr().err
    path = tmp_path / "good.xlsx"
    path.write_bytes(bundled_bytes())
    assert main(["publish", str(path), "--note", "x", "--as", "h"]) == 2


def test_what_anyone_types_is_audited_bounded(store):
    # A refused sign-in with a 1 MB "e-mail" stored it whole: ten of them grew the store by 14 MB.
    huge = "x" * 1_000_000 + "@example.org"
    for _ in range(10):
        store.refuse(who=huge, action="sign-in", detail=f"{huge}: Wrong e-mail or password.")
    entries = store.audit(limit=10)
    assert len(entries) == 10
    for entry in entries:
        assert len(entry.who) <= 320 and len(entry.detail) <= 2000
        assert entry.who.startswith("xxx") and "1,000,012 characters in all" in entry.who
    assert store.audit(limit=1)[0].detail.endswith("characters in all)")
    store.refuse(who="bob@example.org", action="sign-in", detail="Wrong e-mail or password.")
    assert (store.audit(limit=1)[0].who, store.audit(limit=1)[0].detail) == (
        "bob@example.org",
        "Wrong e-mail or password.",
    )
