"""AppTest of the analysts' pages: upload and check, preview, publishing rights, history."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK = ROOT / "data" / "gcm-data.xlsx"


def _open(page: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page(page)
    return app.run()


def _edited(title: str) -> bytes:
    """The bundled workbook with one practice renamed."""
    book = load_workbook(WORKBOOK)
    book["Practices"]["B2"] = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_data_page_offers_the_template_and_waits_for_files():
    app = _open("pages/data.py")
    assert not app.exception
    assert app.title[0].value == "Upload, check and publish data"


def test_a_bad_upload_is_reported_and_cannot_be_published():
    app = _open("pages/data.py")
    app.file_uploader[0].set_value(("bad.csv", b"Practice ID,Title\nPR-1,\n", "text/csv")).run()
    assert not app.exception
    assert any("errors: nothing can be published" in e.value for e in app.error)
    assert not any(b.label == "Publish for everyone" for b in app.button)


def test_a_good_upload_shows_its_changes_and_can_be_previewed_but_not_published_without_signing_in():
    app = _open("pages/data.py")
    app.file_uploader[0].set_value(("gcm-data.xlsx", _edited("A renamed practice"), XLSX)).run()
    assert not app.exception
    assert any("No errors" in s.value for s in app.success)
    assert any("Publishing is off" in i.value for i in app.info), "no sign-in is configured in tests"
    publish = next(b for b in app.button if b.label == "Publish for everyone")
    assert publish.disabled
    next(b for b in app.button if b.label.startswith("Preview the dashboard")).click().run()
    assert any("Previewing your upload" in w.value for w in app.warning)


def test_implausible_values_are_flagged_and_publishing_asks_to_confirm_them():
    from tests.store_support import edited_workbook

    app = _open("pages/data.py")
    app.file_uploader[0].set_value(("gcm-data.xlsx", edited_workbook(amounts_times=100), XLSX)).run()
    assert not app.exception
    assert any("No errors" in s.value for s in app.success)  # read as written: valid
    assert any("values to check" in w.value for w in app.warning)
    assert [c.label for c in app.checkbox] == ["I have checked the values flagged above: they are right"]
    app = _open("pages/data.py")
    app.file_uploader[0].set_value(("gcm-data.xlsx", _edited("A renamed practice"), XLSX)).run()
    assert not app.checkbox and not any("values to check" in w.value for w in app.warning)


def test_history_lists_the_seeded_version():
    app = _open("pages/history.py")
    assert not app.exception
    assert app.title[0].value == "Version history"
    table = app.dataframe[0].value
    assert (table["What"] == "seed").any()


def test_an_unreachable_store_leaves_the_dashboard_up_and_publishing_off(monkeypatch, tmp_path):
    from gcmdash.ui import session

    # Nothing listens on port 9 of loopback: the store cannot be reached.
    monkeypatch.setenv("GCMDASH_STORE_URL", "postgresql://nobody@127.0.0.1:9/none")
    session._store.clear()
    session._last_good.clear()
    try:
        app = AppTest.from_file(APP, default_timeout=120).run()
        assert not app.exception
        assert any("cannot be reached" in w.value for w in app.warning)
        assert {m.label: m.value for m in app.metric}["Practices"] == "70", "the bundled data is shown"
    finally:
        session._store.clear()


def _docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_the_uploader_takes_any_file_and_shows_the_readers_message():
    # With type=["xlsx", "csv"] the browser refused other files silently; the reader's own message was never shown.
    app = _open("pages/data.py")
    assert list(app.file_uploader[0].proto.type) == [], "no type filter in the browser"
    app.file_uploader[0].set_value(("budget.docx", _docx(), "application/octet-stream")).run()
    assert not app.exception
    assert any("1 error" in e.value for e in app.error)
    listed = [
        str(cell).replace("\\", "") for table in [*app.table, *app.dataframe] for cell in table.value.to_numpy().ravel()
    ]
    assert any("a Word document (.docx)" in cell for cell in listed), listed
