"""Helpers of the store tests: a throwaway PostgreSQL cluster and workbooks to publish.

The cluster is made with initdb in a temporary folder and started with pg_ctl on a free loopback port, with its
unix socket in that folder and trust authentication; as root it runs as the `postgres` OS user. It lives for the
test session and is stopped (and its folder removed) at the end. When PostgreSQL is not installed, the tests on
PostgreSQL fail saying so: they are never skipped (`make test` installs it).
"""

from __future__ import annotations

import functools
import io
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "gcm-data.xlsx"
PG_USER = "postgres"


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)


def postgres_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin (newest)."""
    found = shutil.which("pg_ctl")
    if found and (Path(found).resolve().parent / "initdb").exists():
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: _version_key(p.parent))
    for pg_ctl in reversed(candidates):
        if (pg_ctl.parent / "initdb").exists():
            return pg_ctl.parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    """A running throwaway PostgreSQL cluster; new_database() gives each test an empty database."""

    def __init__(self) -> None:
        bindir = postgres_bindir()
        if bindir is None:
            pytest.fail(
                "PostgreSQL is not installed (no pg_ctl/initdb on PATH or in /usr/lib/postgresql/*/bin), so "
                "the store tests on PostgreSQL cannot run. Run `make test` (it installs Debian's postgresql) "
                "or `apt-get install postgresql`.",
                pytrace=False,
            )
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="gcmdash-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            try:
                pwd.getpwnam(PG_USER)
            except KeyError:
                pytest.fail(
                    f"Running as root, but there is no `{PG_USER}` OS user to run PostgreSQL as "
                    "(Debian's postgresql package creates it).",
                    pytrace=False,
                )
            shutil.chown(self.root, PG_USER, PG_USER)
            self._as_user = ["runuser", "-u", PG_USER, "--"]
        self._run("initdb", "-D", str(self.data), "-U", PG_USER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_user, str(self.bindir / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(
                f"PostgreSQL test cluster: `{' '.join(command)}` failed ({done.returncode}):\n"
                f"{done.stdout}\n{done.stderr}\n{tail}",
                pytrace=False,
            )

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database of this cluster (TCP on 127.0.0.1, trust authentication)."""
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={PG_USER} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        subprocess.run(
            [*self._as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
            cwd=self.root,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def running_cluster() -> Iterator[PostgresCluster]:
    """Start a cluster, yield it, stop it: the body of a session fixture."""
    cluster = PostgresCluster()
    try:
        yield cluster
    finally:
        cluster.stop()


# --- Workbooks to publish ---------------------------------------------------------------------------------------


@functools.cache
def bundled_bytes() -> bytes:
    """The bundled workbook: valid, every dataset."""
    return BUNDLED.read_bytes()


@functools.cache
def edited_workbook(
    title: str = "", objectives: str = "", extra_practice: bool = False, amounts_times: int = 1
) -> bytes:
    """The bundled workbook with the first practice's title and/or objectives changed, or one practice added; or
    every contribution multiplied (as decimal commas misread as thousands would give: implausible, still valid)."""
    book = load_workbook(io.BytesIO(bundled_bytes()))
    if amounts_times != 1:
        contributions = book["Contributions"]
        column = [cell.value for cell in contributions[1]].index("Amount (USD)") + 1
        for row in range(2, contributions.max_row + 1):
            cell = contributions.cell(row=row, column=column)
            if isinstance(cell.value, (int, float)):
                cell.value *= amounts_times
    sheet = book["Practices"]
    header = [cell.value for cell in sheet[1]]
    if title:
        sheet.cell(row=2, column=header.index("Title") + 1, value=title)
    if objectives:
        sheet.cell(row=2, column=header.index("GCM objectives") + 1, value=objectives)
    if extra_practice:
        row = [cell.value for cell in sheet[2]]
        row[header.index("Practice ID")] = "PR-9999"
        row[header.index("Title")] = "An added practice"
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def invalid_workbook() -> bytes:
    """A workbook with one error: a practice citing GCM objective 31."""
    return edited_workbook(objectives="2; 31")
