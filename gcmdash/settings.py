"""Every setting of gcmdash in one place: name, environment variable, default and help text."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """A named, documented setting read from the environment variable GCMDASH_<NAME>."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        """The environment variable that overrides the default."""
        return "GCMDASH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", str(PROJECT_ROOT / "data"), "Folder holding the bundled spreadsheets the app starts on."),
    Setting(
        "store_url",
        "",
        "SQLAlchemy URL of the store of published versions, e.g. postgresql://user:password@host/db (app servers "
        "sharing one store); empty: the SQLite file in store_dir.",
    ),
    Setting(
        "store_dir",
        str(PROJECT_ROOT / ".gcmdash"),
        "Folder of the SQLite store of published versions (store.sqlite3), created on first use and seeded from "
        "data_dir; used when store_url is empty.",
    ),
    Setting("max_upload_mb", 20, "Largest spreadsheet file accepted, in megabytes."),
    Setting("max_zip_entries", 500, "Most entries an .xlsx (a zip archive) may hold before it is refused."),
    Setting("max_uncompressed_mb", 200, "Largest total uncompressed size of an .xlsx's contents, in megabytes."),
    Setting("max_zip_ratio", 100, "Highest compression ratio allowed for an .xlsx entry (zip bomb guard)."),
    Setting("max_cells", 5_000_000, "Most cells a sheet may claim (by its dimension) or hold."),
    Setting(
        "max_rows",
        500_000,
        "Most rows one sheet (or CSV file) may hold: each row read costs the server memory, "
        "so a small file of millions of short lines is refused.",
    ),
    Setting("parse_timeout_s", 60, "Seconds a spreadsheet may take to parse before it is abandoned."),
    Setting("parse_memory_mb", 2048, "Memory the spreadsheet-parsing child process may use, in megabytes."),
    Setting("max_issues", 500, "Most problems listed for one file; the rest are counted."),
    Setting(
        "view_cache_entries",
        256,
        "Most page views (what a page draws for one set of filters) kept per data "
        "version, shared by every viewer; the least recently used go first.",
    ),
    Setting("view_cache_mb", 512, "Most memory, in megabytes, the kept page views of one data version may hold."),
    Setting(
        "table_page_rows",
        500,
        "Records shown per page of a records table (the rest are a page away; downloads hold them all).",
    ),
    Setting(
        "client_header",
        "",
        "Request header naming the browser's address when the app runs behind a trusted load balancer, e.g. "
        "X-Forwarded-For (its last address is used); empty: the connection's own address. Sign-in attempts are "
        "throttled per address.",
    ),
    Setting(
        "secrets_file",
        str(PROJECT_ROOT / ".streamlit" / "secrets.toml"),
        "Secrets file with analyst sign-in ([auth], [gcmdash]); `gcmdash add-analyst` writes it.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """The value of a setting: its environment variable if set (converted to the default's type), else the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    kind = type(setting.default)
    try:
        return kind(raw)
    except ValueError as exc:
        raise ValueError(f"{setting.env}={raw!r} is not a valid {kind.__name__}: {setting.help}") from exc
