"""Settings are declared once, typed by their default, and every one is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from gcmdash import settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_environment_overrides_with_the_default_type(monkeypatch):
    monkeypatch.setenv("GCMDASH_MAX_UPLOAD_MB", "7")
    assert settings.get("max_upload_mb") == 7


def test_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("GCMDASH_MAX_UPLOAD_MB", "lots")
    with pytest.raises(ValueError, match="GCMDASH_MAX_UPLOAD_MB"):
        settings.get("max_upload_mb")


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme(setting):
    assert f"`{setting.env}`" in README.read_text(encoding="utf-8")
