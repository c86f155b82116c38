"""The app starts on the bundled data and shows the region's headline figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gcmdash.model import regions

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _run(query: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    return app.run()


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_overview_shows_the_ece_brief_figures():
    app = _run()
    assert not app.exception
    shown = _metrics(app)
    assert shown["Practices"] == "70"
    assert shown["Pledges"] == "93"
    assert shown["Country Networks"] == "15"
    assert shown["Share of all practices"] == "28.0%"
    assert shown["M-MPTF contributions"] == "USD 56.3 million"
    captions = " ".join(c.value for c in app.caption)
    assert "differs" not in captions, "every ECE figure reproduces the brief"
    assert "other filters apply" not in captions, "no filter beyond the region is set by default"
    assert any("Illustrative data" in i.value for i in app.info)


@pytest.mark.parametrize("region", [*regions.REGIONS, "All"])
def test_every_region_renders(region):
    app = _run({"region": region})
    assert not app.exception
    assert app.sidebar.selectbox[0].value == region
    assert "Practices" in _metrics(app)


def test_region_without_records_shows_a_dash_not_a_zero():
    app = _run({"region": "ECLAC"})
    assert _metrics(app)["UNCT workshops"] == "—"
    assert any("No records of this kind" in c.value for c in app.caption)


def test_unconfirmed_membership_is_labelled():
    assert any("not yet been checked" in c.value for c in _run({"region": "ESCAP"}).caption)
    assert not any("not yet been checked" in c.value for c in _run({"region": "ECE"}).caption)


def test_invalid_region_in_the_url_falls_back_quietly():
    app = _run({"region": "<script>"})
    assert not app.exception
    assert app.sidebar.selectbox[0].value == "ECE"
