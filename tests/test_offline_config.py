"""The Streamlit configuration sends nothing outside the machine."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


def test_no_usage_statistics_and_no_public_ip_lookup():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    # A wildcard or unset address makes headless Streamlit fetch its public IP from an outside host.
    assert config["server"]["address"] not in ("", "0.0.0.0", "::")


def test_the_server_refuses_uploads_over_the_reader_cap():
    from gcmdash import settings

    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == settings.get("max_upload_mb")
