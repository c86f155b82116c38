"""The analysts' workflow in a real browser: check, preview, sign in, publish, roll back; replicas sharing a store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gcmdash.store import auth
from tests.store_support import edited_workbook, invalid_workbook, running_cluster

from .support import go_to, open_page, shots, wait_for_run, wait_healthy

ANALYST, PASSWORD = "ana.lyst@example.org", "a long enough passphrase"
#: The line once signed in; the address shows with a word joiner after "@", which keeps Markdown from linking it.
SIGNED_IN = re.compile("Signed in as " + re.escape(ANALYST).replace("@", "@\u2060?"))


def _secrets(folder: Path) -> Path:
    path = folder / "secrets.toml"
    auth.add_analyst(path, ANALYST, PASSWORD)
    return path


def _server(folder: Path, store_env: dict[str, str]) -> Iterator[str]:
    secrets = _secrets(folder)
    env = {"GCMDASH_SECRETS_FILE": str(secrets), **store_env}
    with shots.streamlit_server(shots.free_port(), "--secrets.files", str(secrets), env=env) as base:
        wait_healthy(base)
        yield base


@pytest.fixture(scope="module")
def analyst_server(tmp_path_factory) -> Iterator[str]:
    """A server with one local analyst account and a store of its own."""
    folder = tmp_path_factory.mktemp("analyst")
    yield from _server(folder, {"GCMDASH_STORE_DIR": str(folder / "store")})


def _upload(page, name: str, data: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    wait_for_run(page, 90_000)


def _practices_card(page) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=re.compile(r"^Practices")).first
    return card.get_by_test_id("stMetricValue").inner_text()


def _sign_in(page) -> None:
    page.get_by_label("Analyst e-mail").fill(ANALYST)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to publish").click()
    wait_for_run(page)
    expect(page.get_by_text(SIGNED_IN)).to_be_visible()


def _note_and_publish(page, note: str) -> None:
    page.get_by_label("Note for the version history").fill(note)
    page.keyboard.press("Tab")
    wait_for_run(page)
    page.get_by_role("button", name="Publish for everyone").click()
    wait_for_run(page)
    expect(page.get_by_text(re.compile(r"Published as version \d+"))).to_be_visible()


def _publish(page, data: bytes, note: str) -> None:
    open_page(page, page.url.split("/data")[0] + "/data")
    _upload(page, "gcm-data.xlsx", data)
    expect(page.get_by_text("No errors")).to_be_visible()
    if page.get_by_text(SIGNED_IN).count() == 0:
        _sign_in(page)
    _note_and_publish(page, note)


def test_bad_upload_is_reported_good_one_previewed_published_and_rolled_back(new_context, analyst_server):
    analyst = new_context().new_page()
    open_page(analyst, analyst_server + "/data")

    _upload(analyst, "bad.xlsx", invalid_workbook())
    expect(analyst.get_by_text(re.compile(r"1 error: nothing can be published"))).to_be_visible()
    # The report's tables (counts per problem, then each problem) are short, so shown whole as text tables.
    problem = analyst.get_by_role("row", name=re.compile(r"^Practices 2 GCM objectives error objective_out_of_range "))
    expect(problem).to_be_visible()
    expect(problem.get_by_role("cell").last.locator("xpath=preceding-sibling::*[1]")).to_have_text("31")
    assert analyst.get_by_role("button", name="Publish for everyone").count() == 0

    open_page(analyst, analyst_server + "/data")  # a fresh upload field
    _upload(analyst, "gcm-data.xlsx", edited_workbook(extra_practice=True))
    expect(analyst.get_by_text("No errors")).to_be_visible()
    analyst.get_by_role("button", name=re.compile("Preview the dashboard")).click()
    wait_for_run(analyst)
    expect(analyst.get_by_text("Previewing your upload")).to_be_visible()
    expect(analyst.get_by_role("button", name="Publish for everyone")).to_be_disabled()  # not signed in yet

    _sign_in(analyst)
    _note_and_publish(analyst, "One practice added")
    expect(analyst.get_by_text("Published as version 2")).to_be_visible()

    someone = new_context().new_page()
    open_page(someone, analyst_server + "/?region=ECE")
    assert _practices_card(someone) == "71"

    go_to(analyst, "Version history")  # within the session: still signed in
    analyst.locator(".st-key-version input").click()
    analyst.get_by_role("option", name=re.compile(r"^Version 1 ")).click()
    wait_for_run(analyst)
    analyst.get_by_role("button", name="Restore version 1").click()
    wait_for_run(analyst)
    expect(analyst.get_by_text("Version 1 restored as version 3")).to_be_visible()

    later = new_context().new_page()
    open_page(later, analyst_server + "/?region=ECE")
    assert _practices_card(later) == "70"


def test_implausible_values_are_published_only_once_confirmed(new_context, analyst_server):
    # Before: every amount 100 times too large (decimal commas misread) was offered for publishing like any upload.
    analyst = new_context().new_page()
    open_page(analyst, analyst_server + "/data")
    _upload(analyst, "gcm-data.xlsx", edited_workbook(amounts_times=100))
    expect(analyst.get_by_text("No errors")).to_be_visible()
    expect(analyst.get_by_text(re.compile(r"\d+ values to check"))).to_be_visible()
    expect(
        analyst.get_by_role("row", name=re.compile(r"^Contributions 2 Amount \(USD\) warning amount_outlier "))
    ).to_be_visible()
    _sign_in(analyst)
    analyst.get_by_label("Note for the version history").fill("Amounts as sent")
    analyst.keyboard.press("Tab")
    wait_for_run(analyst)
    publish = analyst.get_by_role("button", name="Publish for everyone")
    expect(publish).to_be_disabled()
    analyst.get_by_text("I have checked the values flagged above").click()
    wait_for_run(analyst)
    expect(publish).to_be_enabled()
    publish.click()
    wait_for_run(analyst)
    expect(analyst.get_by_text(re.compile(r"Published as version \d+"))).to_be_visible()


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """An empty database on a throwaway PostgreSQL server on loopback."""
    for cluster in running_cluster():
        yield cluster.new_database()


@pytest.fixture(scope="module")
def replicas(tmp_path_factory, postgres_url) -> Iterator[tuple[str, str]]:
    """Two app servers sharing one PostgreSQL store, as behind a load balancer."""
    env = {"GCMDASH_STORE_URL": postgres_url}
    first = _server(tmp_path_factory.mktemp("replica-a"), env)
    second = _server(tmp_path_factory.mktemp("replica-b"), env)
    yield next(first), next(second)
    for server in (first, second):
        server.close()


def test_a_publish_through_one_replica_shows_on_the_other(new_context, replicas):
    one, other = replicas
    watcher = new_context().new_page()
    open_page(watcher, other + "/?region=ECE")
    assert _practices_card(watcher) == "70"

    analyst = new_context().new_page()
    open_page(analyst, one + "/data")
    _publish(analyst, edited_workbook(extra_practice=True), "Published through replica one")

    fresh = new_context().new_page()
    open_page(fresh, other + "/?region=ECE")
    assert _practices_card(fresh) == "71"
    # A session already open on the other replica picks it up on its next interaction, and says so.
    watcher.get_by_role("button", name="Reset filters").click()
    wait_for_run(watcher)
    expect(watcher.get_by_text(re.compile("New data published"))).to_be_visible()
    assert _practices_card(watcher) == "71"


def test_guessing_from_one_browser_neither_locks_out_the_analyst_nor_floods_the_audit(new_context, tmp_path):
    # Before: every refused sign-in was audited however fast it came, and 100 failures from anyone paused every
    # password sign-in for 15 minutes, the analyst's included.
    from gcmdash.store.versions import SQLITE_FILE, Store

    store_dir = tmp_path / "store"
    for base in _server(tmp_path, {"GCMDASH_STORE_DIR": str(store_dir)}):
        guesser = new_context().new_page()
        open_page(guesser, base + "/data")
        _upload(guesser, "gcm-data.xlsx", edited_workbook(extra_practice=True))  # the sign-in form comes with files
        wrong, held_back = 0, False
        for _ in range(8):
            guesser.get_by_label("Analyst e-mail").fill(ANALYST)
            guesser.get_by_role("textbox", name="Password").fill("not the passphrase at all")
            guesser.get_by_role("button", name="Sign in to publish").click()
            wait_for_run(guesser)
            alert = guesser.get_by_test_id("stAlertContentError").last
            expect(alert).to_be_visible()
            if "Too many failed sign-in attempts" in alert.inner_text():
                held_back = True
                break
            expect(alert).to_contain_text("Wrong e-mail or password")
            wrong += 1
        assert held_back and wrong >= 1, f"{wrong} wrong answers and never held back"
        # The analyst, in another browser, signs in at once.
        analyst = new_context().new_page()
        open_page(analyst, base + "/data")
        _upload(analyst, "gcm-data.xlsx", edited_workbook(extra_practice=True))
        _sign_in(analyst)
        store = Store(f"sqlite:///{store_dir / SQLITE_FILE}")
        refusals = [e for e in store.audit(limit=1000) if e.action == "sign-in"]
        assert len(refusals) == wrong, "only the attempts whose password was checked are audited"
