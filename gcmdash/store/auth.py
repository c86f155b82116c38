"""Who may publish: analyst sign-in by OpenID Connect or by local password accounts, and nothing else.

Viewing, uploading, validating and previewing need no account; publishing and rollback need a signed-in
analyst. This module is pure logic (no Streamlit); the app's sign-in UI calls it with the secrets mapping
(``st.secrets`` or :func:`load_secrets`) and, for single sign-on, ``st.user``.

Modes, decided by the secrets (OIDC wins when both are configured):

* ``Mode.OIDC``: ``[auth]`` holds Streamlit's complete OpenID Connect configuration; the UI calls
  ``st.login()`` and an analyst is a signed-in user whose e-mail is in ``[gcmdash] analysts``.
* ``Mode.LOCAL``: ``[gcmdash.local_analysts]`` maps e-mails to argon2id hashes (``gcmdash add-analyst``);
  the UI asks for e-mail and password and calls :func:`check_password`.
* ``Mode.OFF``: neither; publishing is off and :func:`how_to_enable` says how to turn it on.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomlkit
from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from tomlkit.exceptions import TOMLKitError

from gcmdash import settings
from gcmdash.store import throttle

#: Keys of ``[auth]`` every Streamlit OIDC configuration needs, and those each provider needs.
OIDC_SHARED_KEYS = ("redirect_uri", "cookie_secret")
OIDC_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
#: Where gcmdash keeps its own secrets: ``[gcmdash] analysts`` and ``[gcmdash.local_analysts]``.
SECTION, ALLOW_LIST, LOCAL_TABLE = "gcmdash", "analysts", "local_analysts"
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024
HASH_PREFIX = "$argon2id$"
SECRETS_FILE_MODE = 0o600

_EMAIL = re.compile(r"^[^@\s\"\\]+@[^@\s\"\\]+\.[^@\s\"\\]+$")
_HASHER = PasswordHasher(type=Type.ID)  # argon2id with the RFC 9106 low-memory parameters (64 MiB, t=3, p=4)


class Mode(StrEnum):
    """How analysts sign in: single sign-on, local password accounts, or not at all."""

    OIDC = "oidc"
    LOCAL = "local"
    OFF = "off"


class WeakPasswordError(ValueError):
    """A password refused for being too short (or too long)."""


class SecretsFileError(ValueError):
    """The secrets file cannot be read or written safely."""


@dataclass(frozen=True)
class SignIn:
    """The outcome of a password sign-in: ok with the analyst's canonical e-mail, or why not and when to retry."""

    ok: bool
    email: str | None
    reason: str
    retry_after: float = 0.0
    #: Whether the password was verified (False: refused before, e.g. while the client must wait).
    checked: bool = False


# --------------------------------------------------------------------------------------------- secrets


def secrets_path() -> Path:
    """The secrets file (setting ``secrets_file``): where add-analyst writes and load_secrets reads."""
    return Path(settings.get("secrets_file"))


def load_secrets(path: Path | None = None) -> dict[str, Any]:
    """The secrets file's contents ({} when missing); raises SecretsFileError when it is not valid TOML."""
    path = secrets_path() if path is None else Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SecretsFileError(f"{path} is not valid TOML: {exc}") from exc


def normalise_email(email: str | None) -> str:
    """An e-mail as accounts are keyed: trimmed and lower-case ('' for None)."""
    return (email or "").strip().lower()


def _table(secrets: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    node: Any = secrets
    for key in keys:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def _filled(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def oidc_providers(secrets: Mapping[str, Any]) -> tuple[str | None, ...]:
    """Completely configured identity providers: None is ``[auth]``'s own (``st.login()``), a name an
    ``[auth.NAME]``."""
    auth = _table(secrets, "auth")
    if not all(_filled(auth.get(k)) for k in OIDC_SHARED_KEYS):
        return ()
    found: list[str | None] = []
    if all(_filled(auth.get(k)) for k in OIDC_PROVIDER_KEYS):
        found.append(None)
    for name, value in auth.items():
        # Streamlit refuses provider names containing "_" (and client_kwargs is not a provider).
        if isinstance(value, Mapping) and "_" not in name and all(_filled(value.get(k)) for k in OIDC_PROVIDER_KEYS):
            found.append(name)
    return tuple(found)


def allowed_emails(secrets: Mapping[str, Any]) -> frozenset[str]:
    """The OIDC allow-list ``[gcmdash] analysts``, normalised (empty when missing or malformed)."""
    listed = _table(secrets, SECTION).get(ALLOW_LIST)
    if not isinstance(listed, (list, tuple)):
        return frozenset()
    return frozenset(normalise_email(e) for e in listed if isinstance(e, str) and normalise_email(e))


def local_accounts(secrets: Mapping[str, Any]) -> dict[str, str]:
    """Local analyst accounts ``[gcmdash.local_analysts]``: normalised e-mail -> argon2id hash (others ignored)."""
    return {
        normalise_email(email): stored
        for email, stored in _table(secrets, SECTION, LOCAL_TABLE).items()
        if normalise_email(email) and isinstance(stored, str) and stored.startswith(HASH_PREFIX)
    }


def mode(secrets: Mapping[str, Any]) -> Mode:
    """How analysts sign in with these secrets: OIDC if [auth] is complete, else LOCAL if any account, else OFF."""
    if oidc_providers(secrets):
        return Mode.OIDC
    if local_accounts(secrets):
        return Mode.LOCAL
    return Mode.OFF


def problems(secrets: Mapping[str, Any]) -> list[str]:
    """Plain-text warnings about the sign-in configuration, for the app to show an administrator ([] if none)."""
    found: list[str] = []
    auth = _table(secrets, "auth")
    if auth and not oidc_providers(secrets):
        missing = [k for k in (*OIDC_SHARED_KEYS, *OIDC_PROVIDER_KEYS) if not _filled(auth.get(k))]
        found.append(f"[auth] is incomplete, so single sign-on is off (missing: {', '.join(missing)}).")
    if oidc_providers(secrets) and not allowed_emails(secrets):
        found.append(
            f"Single sign-on is configured but [{SECTION}] {ALLOW_LIST} lists no e-mail, so nobody may publish."
        )
    if oidc_providers(secrets) and local_accounts(secrets):
        found.append(f"Single sign-on is configured, so the local accounts in [{SECTION}.{LOCAL_TABLE}] are not used.")
    raw = _table(secrets, SECTION, LOCAL_TABLE)
    bad = sorted(str(e) for e, h in raw.items() if not (isinstance(h, str) and h.startswith(HASH_PREFIX)))
    if bad:
        found.append(
            f"Ignored local accounts whose entry is not an argon2id hash: {', '.join(bad)} "
            "(set their password with gcmdash add-analyst)."
        )
    return found


def is_analyst(secrets: Mapping[str, Any], email: str | None) -> bool:
    """Whether this signed-in e-mail may publish: OIDC in the allow-list, LOCAL has an account (case-insensitive)."""
    email = normalise_email(email)
    if not email:
        return False
    current = mode(secrets)
    if current is Mode.OIDC:
        return email in allowed_emails(secrets)
    if current is Mode.LOCAL:
        return email in local_accounts(secrets)
    return False


def oidc_email(user: Mapping[str, Any]) -> str | None:
    """The normalised e-mail of a signed-in ``st.user``, or None (not signed in, no e-mail, or not verified)."""
    if not user.get("is_logged_in") or user.get("email_verified") is False:
        return None
    email = user.get("email")
    return normalise_email(email) if isinstance(email, str) and normalise_email(email) else None


def how_to_enable(path: Path | None = None) -> str:
    """Plain text for the app when publishing is off: the two ways to turn it on, with exact commands and keys."""
    path = secrets_path() if path is None else Path(path)
    return f"""Publishing is off: no analyst can sign in yet. Viewing, uploading, validating and previewing work \
without an account.
To turn publishing on, do one of these on the server, then reload the app.

1. Local analyst accounts. Run, for each analyst:
       .venv/bin/gcmdash add-analyst name@example.org
   It asks twice for a password of at least {MIN_PASSWORD_CHARS} characters and stores only its argon2id hash in
   {path}
   (under [{SECTION}.{LOCAL_TABLE}]; the file is created readable by its owner only).

2. Single sign-on with your organisation's OpenID Connect identity provider. Register the app with the provider
   (redirect URI: the app's address followed by /oauth2callback), then add to {path}:
       [auth]
       redirect_uri = "https://dashboard.example.org/oauth2callback"
       cookie_secret = "a long random string"
       client_id = "the client ID from the provider"
       client_secret = "the client secret from the provider"
       server_metadata_url = "https://login.example.org/.well-known/openid-configuration"

       [{SECTION}]
       {ALLOW_LIST} = ["name@example.org"]
   Only the e-mails listed in {ALLOW_LIST} may publish. When both are configured, single sign-on is used."""


# --------------------------------------------------------------------------------------------- passwords


def check_strength(password: str) -> None:
    """Raise WeakPasswordError unless the password has at least 12 (and at most 1024) characters."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPasswordError(
            f"Password refused: it must have at least {MIN_PASSWORD_CHARS} characters. "
            "A few unrelated words make a long password that is easy to type."
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise WeakPasswordError(f"Password refused: it must have at most {MAX_PASSWORD_CHARS} characters.")


def hash_password(password: str) -> str:
    """A salted argon2id hash of the password (a new random salt each call)."""
    return _HASHER.hash(password)


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, verified against for unknown e-mails so they take as long as known ones."""
    return hash_password(os.urandom(32).hex())


# --------------------------------------------------------------------------------------------- limiting


def _wait_text(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} seconds"
    return f"{round(seconds / 60)} minutes"


def check_password(
    secrets: Mapping[str, Any],
    email: str,
    password: str,
    *,
    client: str,
    limiter: throttle.Limiter | None = None,
    now: float | None = None,
) -> SignIn:
    """Sign in with a local account: same answer and similar time whether or not the e-mail exists; rate-limited
    per client (its address or session) and account, so that failures from one client never hold back another."""
    if mode(secrets) is not Mode.LOCAL:
        return SignIn(False, None, "Password sign-in is not enabled on this server.")
    limiter = throttle.LIMITER if limiter is None else limiter
    now = time.monotonic() if now is None else now
    key = normalise_email(email)
    dummy = _dummy_hash()  # made once per process, before the first attempt, so that is not timed either
    wait = limiter.attempt(client, key, now)
    if wait > 0:
        return SignIn(False, None, f"Too many failed sign-in attempts: try again in {_wait_text(wait)}.", wait)
    stored = local_accounts(secrets).get(key)
    too_long = len(password) > MAX_PASSWORD_CHARS
    # Unknown e-mails (and absurd passwords) still cost one verification, so timing does not tell them apart.
    matched = _verify(stored if stored and not too_long else dummy, "" if too_long else password)
    if stored and matched and not too_long:
        limiter.succeeded(client, key, now)
        return SignIn(True, key, "Signed in.", checked=True)
    return SignIn(False, None, "Wrong e-mail or password.", limiter.retry_after(client, key, now), checked=True)


# --------------------------------------------------------------------------------------------- accounts


def check_email(email: str) -> str:
    """The normalised e-mail, or ValueError if it does not look like one."""
    normal = normalise_email(email)
    if not _EMAIL.match(normal):
        raise ValueError(f"Not an e-mail address: {email!r}.")
    return normal


def add_analyst(secrets_path: Path, email: str, password: str) -> bool:
    """Store (or replace) a local analyst's password hash, keeping the rest of the file; True if the account is new."""
    email = check_email(email)
    check_strength(password)
    path = Path(secrets_path)
    existed = path.exists()
    text = path.read_text(encoding="utf-8") if existed else ""
    try:
        before = tomllib.loads(text)
        document = tomlkit.parse(text)
    except (tomllib.TOMLDecodeError, TOMLKitError) as exc:
        raise SecretsFileError(f"{path} is not valid TOML, so it was left unchanged: {exc}") from exc
    section = before.get(SECTION, {})
    accounts = section.get(LOCAL_TABLE, {}) if isinstance(section, dict) else None
    if not isinstance(section, dict) or not isinstance(accounts, dict):
        raise SecretsFileError(f"{path}: [{SECTION}] and [{SECTION}.{LOCAL_TABLE}] must be tables; left unchanged.")
    same = [k for k in accounts if normalise_email(k) == email]

    if SECTION not in document:
        document[SECTION] = tomlkit.table(is_super_table=True)
    created = LOCAL_TABLE not in document[SECTION]
    if created:
        document[SECTION][LOCAL_TABLE] = tomlkit.table()
    table = document[SECTION][LOCAL_TABLE]
    for key in same:
        if key != email:  # the same account spelt in other letter cases
            del table[key]
    table[email] = hash_password(password)  # an existing entry is replaced where it stands
    if created:
        table.add(tomlkit.nl())  # a blank line before whatever table follows
    new_text = tomlkit.dumps(document)

    # Check what will be written says exactly what it should, before writing anything.
    expected = tomllib.loads(text)
    expected.setdefault(SECTION, {}).setdefault(LOCAL_TABLE, {})
    for key in same:
        del expected[SECTION][LOCAL_TABLE][key]
    expected[SECTION][LOCAL_TABLE][email] = table[email]
    if tomllib.loads(new_text) != expected:
        raise SecretsFileError(f"{path}: could not update it without changing other entries; left unchanged.")
    _write_private(path, new_text)
    return not same


def _write_private(path: Path, text: str) -> None:
    """Replace the file atomically; a new file is 0600, an existing one keeps its mode (and owner if allowed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.stat() if path.exists() else None
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # created 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if old is not None:
            os.chmod(temporary, old.st_mode & 0o777)
            try:
                os.chown(temporary, old.st_uid, old.st_gid)
            except (PermissionError, AttributeError):
                pass
        else:
            os.chmod(temporary, SECRETS_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
