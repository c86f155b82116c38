"""Who may publish: modes, password hashing and checking, rate limiting, the secrets file and add-analyst."""

from __future__ import annotations

import io
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from gcmdash import cli
from gcmdash.store import auth, throttle

PASSWORD = "correct horse battery"
CLIENT = "session:test"
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "s3cret-s3cret-s3cret",
    "client_id": "client",
    "client_secret": "client-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}


def _signs_in(secrets, email: str, password: str) -> bool:
    """Whether this e-mail and password sign in, with a limiter of its own."""
    return auth.check_password(secrets, email, password, client=CLIENT, limiter=throttle.Limiter()).ok


@pytest.fixture(scope="module")
def stored() -> str:
    """One real argon2id hash of PASSWORD, made once for the module."""
    return auth.hash_password(PASSWORD)


@pytest.fixture
def local(stored) -> dict:
    """Secrets with one local analyst, a@un.org, whose password is PASSWORD."""
    return {"gcmdash": {"local_analysts": {"a@un.org": stored}}}


@pytest.fixture
def verify_spy(monkeypatch):
    """Record the hash each password verification runs against."""
    calls: list[str] = []
    real = auth._verify

    def spy(hashed: str, password: str) -> bool:
        calls.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(auth, "_verify", spy)
    return calls


# --------------------------------------------------------------------------------------------- modes


def test_no_secrets_means_publishing_is_off():
    assert auth.mode({}) is auth.Mode.OFF
    assert not auth.is_analyst({}, "a@un.org")
    assert "publishing is off" in auth.how_to_enable().lower()


def test_complete_auth_section_means_single_sign_on():
    assert auth.mode({"auth": OIDC}) is auth.Mode.OIDC
    assert auth.oidc_providers({"auth": OIDC}) == (None,)


def test_named_provider_counts_and_incomplete_auth_does_not():
    shared = {k: OIDC[k] for k in auth.OIDC_SHARED_KEYS}
    named = {"auth": {**shared, "microsoft": {k: OIDC[k] for k in auth.OIDC_PROVIDER_KEYS}}}
    assert auth.oidc_providers(named) == ("microsoft",)
    assert auth.mode(named) is auth.Mode.OIDC
    incomplete = {"auth": {k: v for k, v in OIDC.items() if k != "client_secret"}}
    assert auth.mode(incomplete) is auth.Mode.OFF
    assert any("client_secret" in p for p in auth.problems(incomplete))


def test_local_accounts_mean_password_sign_in(local):
    assert auth.mode(local) is auth.Mode.LOCAL


def test_single_sign_on_wins_over_local_accounts(local):
    both = {"auth": OIDC, **local}
    assert auth.mode(both) is auth.Mode.OIDC
    assert any("not used" in p for p in auth.problems(both))
    assert not _signs_in(both, "a@un.org", PASSWORD)


def test_plaintext_password_in_secrets_is_no_account():
    plaintext = {"gcmdash": {"local_analysts": {"a@un.org": PASSWORD}}}
    assert auth.mode(plaintext) is auth.Mode.OFF
    assert not _signs_in(plaintext, "a@un.org", PASSWORD)
    assert any("a@un.org" in p for p in auth.problems(plaintext))


def test_how_to_enable_names_both_ways_in_plain_text(tmp_path):
    text = auth.how_to_enable(tmp_path / "secrets.toml")
    for needed in (
        "gcmdash add-analyst",
        str(tmp_path / "secrets.toml"),
        "[auth]",
        "[gcmdash]",
        "analysts",
        *auth.OIDC_SHARED_KEYS,
        *auth.OIDC_PROVIDER_KEYS,
    ):
        assert needed in text
    assert "**" not in text and "`" not in text


# --------------------------------------------------------------------------------------------- who is an analyst


def test_oidc_analysts_are_the_allow_list_in_any_letter_case():
    secrets = {"auth": OIDC, "gcmdash": {"analysts": ["Ana.Lyst@UN.org "]}}
    assert auth.is_analyst(secrets, "ana.lyst@un.org")
    assert auth.is_analyst(secrets, "ANA.LYST@un.ORG")
    assert not auth.is_analyst(secrets, "someone@un.org")
    assert not auth.is_analyst(secrets, None)
    assert not auth.is_analyst({"auth": OIDC}, "ana.lyst@un.org")  # no allow-list: nobody
    assert any("nobody" in p for p in auth.problems({"auth": OIDC}))


def test_allow_list_alone_does_not_enable_anything():
    assert not auth.is_analyst({"gcmdash": {"analysts": ["a@un.org"]}}, "a@un.org")


def test_local_analysts_are_the_accounts(local):
    assert auth.is_analyst(local, "A@UN.ORG")
    assert not auth.is_analyst(local, "b@un.org")


def test_oidc_email_needs_a_signed_in_verified_user():
    assert auth.oidc_email({"is_logged_in": False}) is None
    assert auth.oidc_email({"is_logged_in": True}) is None
    assert auth.oidc_email({"is_logged_in": True, "email": "X@UN.org", "email_verified": False}) is None
    assert auth.oidc_email({"is_logged_in": True, "email": " X@UN.org"}) == "x@un.org"


# --------------------------------------------------------------------------------------------- passwords


def test_hashes_are_salted_argon2id_and_verify(local, stored):
    again = auth.hash_password(PASSWORD)
    assert again != stored
    assert again.startswith("$argon2id$") and stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    signed = auth.check_password(local, "A@un.org", PASSWORD, client=CLIENT, limiter=throttle.Limiter())
    assert signed.ok and signed.email == "a@un.org" and signed.retry_after == 0


def test_wrong_password_fails(local):
    result = auth.check_password(local, "a@un.org", PASSWORD + "!", client=CLIENT, limiter=throttle.Limiter())
    assert not result.ok and result.email is None
    assert result.reason == "Wrong e-mail or password."


def test_unknown_email_fails_the_same_way_after_a_dummy_verification(local, stored, verify_spy):
    unknown = auth.check_password(local, "nobody@un.org", PASSWORD, client=CLIENT, limiter=throttle.Limiter())
    assert not unknown.ok
    assert verify_spy == [auth._dummy_hash()]
    wrong = auth.check_password(local, "a@un.org", "not the password", client=CLIENT, limiter=throttle.Limiter())
    assert verify_spy[1:] == [stored]
    assert (unknown.reason, unknown.retry_after) == (wrong.reason, wrong.retry_after)


# --------------------------------------------------------------------------------------------- limiting


def test_failures_slow_down_then_lock_this_client_out_of_the_account(local, verify_spy):
    limiter = throttle.Limiter()
    now = 1000.0
    for expected_delay in (1, 2, 4, 8):
        result = auth.check_password(local, "a@un.org", "wrong password!", client=CLIENT, limiter=limiter, now=now)
        assert not result.ok and result.checked and result.retry_after == pytest.approx(expected_delay)
        too_soon = auth.check_password(
            local, "a@un.org", PASSWORD, client=CLIENT, limiter=limiter, now=now + expected_delay / 2
        )
        assert not too_soon.ok and not too_soon.checked and too_soon.retry_after == pytest.approx(expected_delay / 2)
        now += expected_delay
    fifth = auth.check_password(local, "a@un.org", "wrong password!", client=CLIENT, limiter=limiter, now=now)
    assert fifth.retry_after == pytest.approx(15 * 60)
    verified = len(verify_spy)
    locked = auth.check_password(local, "a@un.org", PASSWORD, client=CLIENT, limiter=limiter, now=now + 60)
    assert not locked.ok and locked.retry_after == pytest.approx(14 * 60)
    assert "try again in 14 minutes" in locked.reason
    assert len(verify_spy) == verified  # refused without checking the password
    assert auth.check_password(local, "a@un.org", PASSWORD, client=CLIENT, limiter=limiter, now=now + 15 * 60).ok


def test_no_one_can_lock_the_analyst_out_from_another_browser(local):
    # 100 wrong passwords for the analyst's own e-mail from an anonymous browser, then many other accounts.
    limiter = throttle.Limiter()
    for i in range(100):
        auth.check_password(
            local, "a@un.org", "wrong password!", client="address:203.0.113.9", limiter=limiter, now=float(i)
        )
        limiter.attempt("address:203.0.113.9", f"user{i}@un.org", now=float(i))
    assert limiter.retry_after("address:203.0.113.9", "a@un.org", now=100.0) > 0, "the attacker is held back"
    signed = auth.check_password(local, "a@un.org", PASSWORD, client="address:198.51.100.7", limiter=limiter, now=100.0)
    assert signed.ok, signed.reason


def test_unknown_accounts_are_limited_like_known_ones(local):
    limiter = throttle.Limiter(max_failures=2, base_delay_s=0)
    for now in (0.0, 1.0):
        auth.check_password(local, "ghost@un.org", PASSWORD, client=CLIENT, limiter=limiter, now=now)
    assert auth.check_password(local, "ghost@un.org", PASSWORD, client=CLIENT, limiter=limiter, now=2.0).retry_after > 0


def test_success_forgets_the_failures(local):
    limiter = throttle.Limiter()
    auth.check_password(local, "a@un.org", "wrong password!", client=CLIENT, limiter=limiter, now=0.0)
    assert auth.check_password(local, "a@un.org", PASSWORD, client=CLIENT, limiter=limiter, now=5.0).ok
    assert limiter.retry_after(CLIENT, "a@un.org", now=5.0) == 0


# --------------------------------------------------------------------------------------------- the secrets file


def test_add_analyst_creates_a_private_file(tmp_path):
    path = tmp_path / ".streamlit" / "secrets.toml"
    assert auth.add_analyst(path, "New@UN.org", PASSWORD) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    accounts = tomllib.loads(path.read_text())["gcmdash"]["local_analysts"]
    assert list(accounts) == ["new@un.org"] and accounts["new@un.org"].startswith("$argon2id$")
    assert PASSWORD not in path.read_text()
    secrets = auth.load_secrets(path)
    assert _signs_in(secrets, "new@un.org", PASSWORD)
    assert list(tmp_path.joinpath(".streamlit").iterdir()) == [path]  # no temporary file left


def test_add_analyst_keeps_the_rest_of_the_file(tmp_path):
    path = tmp_path / "secrets.toml"
    original = (
        '# identity provider, registered 2025\n[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"'
        '  # local\ncookie_secret = "xyz"\n\n[gcmdash]\nanalysts = ["x@un.org"]\n\n[other]\nkey = 1\n'
    )
    path.write_text(original)
    path.chmod(0o640)
    auth.add_analyst(path, "a@un.org", PASSWORD)
    text = path.read_text()
    block = '[gcmdash.local_analysts]\n"a@un.org" = "HASH"\n\n'
    expected = original.replace("\n[other]", f"\n{block}[other]")
    assert re.sub(r"\$argon2id\$[^\"]+", "HASH", text) == expected  # comments and layout kept
    data = tomllib.loads(text)
    assert data["auth"] == {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "xyz"}
    assert data["gcmdash"]["analysts"] == ["x@un.org"] and data["other"] == {"key": 1}
    assert list(data["gcmdash"]["local_analysts"]) == ["a@un.org"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # an existing file keeps its permissions


def test_add_analyst_updates_an_existing_account(tmp_path):
    path = tmp_path / "secrets.toml"
    auth.add_analyst(path, "A@UN.org", PASSWORD)
    auth.add_analyst(path, "b@un.org", PASSWORD)
    assert auth.add_analyst(path, "a@un.org", "a different passphrase") is False
    secrets = auth.load_secrets(path)
    assert sorted(secrets["gcmdash"]["local_analysts"]) == ["a@un.org", "b@un.org"]
    assert not _signs_in(secrets, "a@un.org", PASSWORD)
    assert _signs_in(secrets, "a@un.org", "a different passphrase")
    assert _signs_in(secrets, "b@un.org", PASSWORD)


@pytest.mark.parametrize("password", ["", "short", "eleven char"])
def test_add_analyst_refuses_short_passwords(tmp_path, password):
    path = tmp_path / "secrets.toml"
    with pytest.raises(auth.WeakPasswordError, match="at least 12 characters"):
        auth.add_analyst(path, "a@un.org", password)
    assert not path.exists()


def test_add_analyst_refuses_a_bad_email_and_leaves_a_broken_file_alone(tmp_path):
    path = tmp_path / "secrets.toml"
    with pytest.raises(ValueError, match="e-mail"):
        auth.add_analyst(path, "not-an-email", PASSWORD)
    path.write_text("[auth\nbroken")
    with pytest.raises(auth.SecretsFileError, match="left unchanged"):
        auth.add_analyst(path, "a@un.org", PASSWORD)
    assert path.read_text() == "[auth\nbroken"


def test_secrets_path_is_a_setting(monkeypatch, tmp_path):
    assert auth.secrets_path().parts[-2:] == (".streamlit", "secrets.toml")
    monkeypatch.setenv("GCMDASH_SECRETS_FILE", str(tmp_path / "s.toml"))
    assert auth.secrets_path() == tmp_path / "s.toml"
    assert auth.load_secrets() == {}


def test_secrets_file_is_ignored_by_git():
    root = Path(__file__).resolve().parent.parent
    assert ".streamlit/secrets.toml" in (root / ".gitignore").read_text().splitlines()


# --------------------------------------------------------------------------------------------- command line


def test_cli_password_stdin_adds_and_prints_no_secret(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["add-analyst", "a@un.org", "--password-stdin", "--secrets", str(path)]) == 0
    out = capsys.readouterr()
    stored = tomllib.loads(path.read_text())["gcmdash"]["local_analysts"]["a@un.org"]
    for secret in (PASSWORD, stored, "$argon2"):
        assert secret not in out.out + out.err
    assert "a@un.org" in out.out
    assert _signs_in(auth.load_secrets(path), "a@un.org", PASSWORD)


def test_cli_refuses_a_short_password_clearly(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    monkeypatch.setattr(sys, "stdin", io.StringIO("tooshort\n"))
    assert cli.main(["add-analyst", "a@un.org", "--password-stdin", "--secrets", str(path)]) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    assert not path.exists()


def test_cli_prompts_twice_and_refuses_different_passwords(tmp_path, monkeypatch, capsys):
    path = tmp_path / "secrets.toml"
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["add-analyst", "a@un.org", "--secrets", str(path)]) == 1
    assert "differ" in capsys.readouterr().err and not path.exists()
    answers = iter([PASSWORD, PASSWORD])
    assert cli.main(["add-analyst", "a@un.org", "--secrets", str(path)]) == 0
    assert "a@un.org" in auth.local_accounts(auth.load_secrets(path))


def test_installed_command_reads_the_password_from_stdin(tmp_path):
    path = tmp_path / "secrets.toml"
    done = subprocess.run(
        [sys.executable, "-m", "gcmdash.cli", "add-analyst", "a@un.org", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={"GCMDASH_SECRETS_FILE": str(path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr and "$argon2" not in done.stdout + done.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _signs_in(auth.load_secrets(path), "a@un.org", PASSWORD)
