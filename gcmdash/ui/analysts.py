"""The analysts' work: check an upload (what was read, its problems, what would change), sign in, publish, restore.

Checking and previewing need no account; publishing and restoring need a signed-in analyst, and refusals are audited.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from gcmdash import formatting, settings
from gcmdash.ingest import formatdoc, report
from gcmdash.ingest.issues import Issue
from gcmdash.ingest.loading import LoadResult, load_files, version_id
from gcmdash.store import auth
from gcmdash.store.filenames import safe_file_name
from gcmdash.store.records import PublishRefused, StoreUnavailable
from gcmdash.ui import downloads, session, tabular
from gcmdash.views import changes, plausibility, tables

_ANALYST = "_gcmdash_analyst"
_UPLOAD = "_gcmdash_upload"


# --- Uploads: what was read, its problems, what would change ------------------------------------------------------


def data_format_text() -> str:
    """The data-format description (generated from the schema) as Markdown."""
    return formatdoc.data_format_markdown().split("\n", 1)[1]


def uploaded_files() -> list[tuple[str, bytes]]:
    """The spreadsheets the analyst uploaded (kept for the session), as (name, bytes)."""
    # Any type: the browser would refuse other files silently (a tooltip cut off at the screen's edge); the reader
    # says what a file is and how to save it instead (an .ods, a .docx, a PDF, an old .xls).
    uploads = st.file_uploader(
        "Spreadsheets to check (.xlsx or .ods, or .csv / .txt for one dataset)",
        type=None,
        accept_multiple_files=True,
        key="uploads",
        help="One workbook holding every dataset, or one file per dataset.",
    )
    # Names as the browser sends them may hold folders or invisible direction overrides: shown and stored safe.
    return [(safe_file_name(u.name, i), u.getvalue()) for i, u in enumerate(uploads or [], start=1)]


def checked(files: list[tuple[str, bytes]]) -> LoadResult:
    """The files read and validated, once per distinct upload in this session."""
    key = version_id(files)
    kept = st.session_state.get(_UPLOAD)
    if kept is None or kept[0] != key:
        with st.spinner("Reading and checking the files…"):
            kept = (key, load_files(files, complete=True))
        st.session_state[_UPLOAD] = kept
    return kept[1]


def upload_report(result: LoadResult) -> None:
    """What was read, and every problem with its sheet, row and column (the problems also as a download)."""
    st.subheader("What was read")
    tabular.data_table(report.sheets_table(result))
    st.subheader("Problems")
    errors, warnings = result.error_count, len(result.issues) - min(result.error_count, len(result.issues))
    if result.valid:
        st.success(
            f"No errors{f', {warnings} warnings' if warnings else ''}: these files can be previewed and published.",
            icon=":material/check_circle:",
        )
    else:
        st.error(
            f"{tables.count_text(errors, 'error')}: nothing can be published until they are fixed. Each is listed "
            "below with its sheet, row and column.",
            icon=":material/error:",
        )
    if result.issues:
        tabular.text_table(report.counts_table(result.issues))
        issues = report.issues_table(result.issues)
        tabular.text_table(issues)
        downloads.table_downloads({"Problems": issues}, "validation-report", None)


def upload_changes(result: LoadResult) -> list[Issue]:
    """What a valid upload would change against the published data; returns the values to confirm before publishing."""
    st.subheader("What would change")
    number, published = session.published_dataset()
    st.caption(f"Against the published version {number}." if number else "Against the bundled data.")
    concerns = plausibility.upload_concerns(published, result)
    if concerns:
        st.warning(
            f"{tables.count_text(len(concerns), 'value')} to check: read exactly as written, but unlikely against "
            "the published data. Fix the file if one is wrong; publishing asks you to confirm them.",
            icon=":material/warning:",
        )
        tabular.text_table(report.issues_table(concerns))
    found = changes.dataset_changes(published, result.dataset)
    tabular.data_table(changes.summary_table(found))
    with st.expander("Records added, removed and changed (old → new)"):
        tabular.data_table(changes.details_table(found))
    moved = changes.figure_changes(published, result.dataset)
    st.caption("Headline figures that would move:" if len(moved) else "No headline figure would move.")
    if len(moved):
        tabular.data_table(moved)
    return concerns


def preview_button(result: LoadResult) -> None:
    """A button showing every page with the uploaded data, for this session only."""
    st.button(
        "Preview the dashboard with these files",
        icon=":material/preview:",
        on_click=session.start_preview,
        args=(result.dataset, "Previewing your upload"),
    )


def publish_section(files: list[tuple[str, bytes]], concerns: list[Issue]) -> None:
    """Sign-in, the version's note, the confirmation of flagged values, and the Publish button."""
    st.subheader("Publish")
    analyst = sign_in_box()
    note = st.text_area("Note for the version history", placeholder="What changed and why", key="publish-note")
    confirmed = not concerns or st.checkbox(
        "I have checked the values flagged above: they are right", key="publish-confirm"
    )
    if st.button(
        "Publish for everyone",
        type="primary",
        icon=":material/publish:",
        disabled=analyst is None or not note or not confirmed,
    ):
        publish(files, note, analyst)


# --- Sign-in ------------------------------------------------------------------------------------------------------


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets file at all: nothing is configured
        return {}


def signed_in_analyst() -> str | None:
    """The e-mail of the analyst signed in in this session, if any."""
    secrets = _secrets()
    kind = auth.mode(secrets)
    email = auth.oidc_email(st.user) if kind is auth.Mode.OIDC else st.session_state.get(_ANALYST)
    # Checked again on every call: an account removed from secrets.toml loses the right at once.
    return email if auth.is_analyst(secrets, email) else None


def _sign_out() -> None:
    st.session_state.pop(_ANALYST, None)


def sign_in_box() -> str | None:
    """Sign-in for publishing: OpenID Connect or a local analyst account; says how to enable it when neither is."""
    secrets = _secrets()
    kind = auth.mode(secrets)
    who = signed_in_analyst()
    if kind is auth.Mode.OFF:
        st.info("Publishing is off: no analyst sign-in is configured. " + auth.how_to_enable(), icon=":material/lock:")
        return None
    if who:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.success(f"Signed in as {formatting.plain(who)}", icon=":material/verified_user:")
        right.button("Sign out", on_click=st.logout if kind is auth.Mode.OIDC else _sign_out, key="sign-out")
        return who
    if kind is auth.Mode.OIDC:
        _oidc_sign_in(secrets)
    else:
        _password_sign_in(secrets)
    return None


def _oidc_sign_in(secrets: dict) -> None:
    """A sign-in button per OpenID Connect provider; or, for an account that is not an analyst's, a way out."""
    if st.user.is_logged_in:
        st.warning(f"{formatting.plain(str(auth.oidc_email(st.user)))} is not on the list of analysts.")
        st.button("Sign out", on_click=st.logout, key="sign-out")
        return
    for provider in auth.oidc_providers(secrets):
        st.button(
            f"Sign in to publish{f' with {provider}' if provider else ''}",
            icon=":material/login:",
            on_click=st.login,
            args=() if provider is None else (provider,),
            key=f"sign-in-{provider}",
        )


def _password_sign_in(secrets: dict) -> None:
    """The local analyst accounts' sign-in form; refused attempts whose password was checked are audited."""
    with st.form("sign-in", border=True):
        email = st.text_input("Analyst e-mail", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        if st.form_submit_button("Sign in to publish", icon=":material/login:"):
            outcome = auth.check_password(secrets, email, password, client=sign_in_client())
            if outcome.ok:
                st.session_state[_ANALYST] = outcome.email
                st.rerun()
            store = session.store_or_none()
            # Only attempts whose password was checked are audited: those refused while the client must wait
            # cost nothing and add nothing, however fast they come.
            if store is not None and outcome.checked:
                store.refuse(who=email or "(no e-mail)", action="sign-in", detail=outcome.reason)
            st.error(outcome.reason)


def sign_in_client() -> str:
    """Who sends this sign-in, for throttling: the browser's address, or this session when it is unknown."""
    header = settings.get("client_header")
    if header:
        # Behind a trusted load balancer: the address it appended last (the ones before it could be forged).
        forwarded = [part.strip() for part in str(st.context.headers.get(header) or "").split(",") if part.strip()]
        if forwarded:
            return f"address:{forwarded[-1]}"
    address = st.context.ip_address  # None on loopback, where every browser would otherwise share one address
    if address:
        return f"address:{address}"
    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id if ctx else 'none'}"


# --- Publishing and restoring -------------------------------------------------------------------------------------


def publish(files: list[tuple[str, bytes]], note: str, analyst: str | None) -> None:
    """Publish the files as a new version (signed-in analysts only); says what happened either way."""
    store = session.store_or_none()
    if store is None:
        st.error("Publishing is refused: the data store cannot be reached. Nothing was changed.")
        return
    if analyst is None:
        store.refuse(who="(not signed in)", action="publish", detail="publish attempted without signing in")
        st.error("Sign in as an analyst to publish. Nothing was changed.")
        return
    try:
        version = store.publish(files, author=analyst, note=note)
    except PublishRefused as refused:
        st.error(f"Publishing was refused: {formatting.plain(str(refused))}. Nothing was changed.")
        return
    except StoreUnavailable as error:
        st.error(f"Publishing failed: {formatting.plain(str(error))}. Nothing was changed.")
        return
    session.end_preview()
    st.success(
        f"Published as version {version.number}. Every viewer sees it on their next interaction.",
        icon=":material/published_with_changes:",
    )


def restore(number: int, analyst: str | None) -> None:
    """Roll back to an earlier version (a new version with its files); signed-in analysts only."""
    store = session.store_or_none()
    if store is None:
        st.error("Restoring is refused: the data store cannot be reached. Nothing was changed.")
        return
    if analyst is None:
        store.refuse(who="(not signed in)", action="rollback", detail=f"restore of version {number} without signing in")
        st.error("Sign in as an analyst to restore a version. Nothing was changed.")
        return
    try:
        version = store.rollback(number, author=analyst, note=f"Restored version {number}")
    except (PublishRefused, StoreUnavailable) as error:
        st.error(f"Restoring failed: {formatting.plain(str(error))}. Nothing was changed.")
        return
    st.success(f"Version {number} restored as version {version.number}.", icon=":material/history:")
