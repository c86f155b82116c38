"""Which data a session sees: the published version from the store, an upload being previewed, or an older version.

The published version is read once per version and shared by all sessions; a preview (an upload, or an older
version being viewed) is for one session only, shown on every page under a banner saying what it is.
"""

from __future__ import annotations

import threading

import streamlit as st

from gcmdash import formatting, settings
from gcmdash.ingest.loading import LoadResult, bundled
from gcmdash.model.dataset import Dataset
from gcmdash.store.records import StoreUnavailable
from gcmdash.store.versions import Store
from gcmdash.views import pages as views

_PREVIEW = "_gcmdash_preview"
_SEEN_VERSION = "_gcmdash_seen_version"
_last_good: dict[str, tuple[int, Dataset]] = {}


@st.cache_resource(show_spinner="Opening the data store…")
def _store() -> Store:
    # One store (and connection pool) per server process; not cached when it fails, so it is retried.
    store = Store.from_settings()
    store.ensure_ready()
    return store


@st.cache_resource(show_spinner="Loading the data…", max_entries=4)
def _version_dataset(_store_key: str, number: int) -> Dataset:
    # Keyed by version number: a new publish is loaded once (from its stored snapshot), then shared by every session.
    data = _store().dataset(number)
    # The first search of a version would build every record's search text: done now, beside the first page.
    threading.Thread(target=views.prepare_search, args=(data,), name="gcmdash-search-text", daemon=True).start()
    return data


@st.cache_resource(show_spinner="Loading the bundled data…")
def _bundled() -> LoadResult:
    return bundled()


def store_or_none() -> Store | None:
    """The data store, or None (with a warning on the page) when it cannot be reached."""
    try:
        return _store()
    except StoreUnavailable as error:
        st.warning(
            f"The data store cannot be reached ({formatting.plain(str(error))}). Showing the last data "
            "loaded; publishing is off until it is back.",
            icon=":material/cloud_off:",
        )
        return None


def _published() -> tuple[int | None, Dataset]:
    """The current published version's number and data; the last good one (or the bundled data) if unreachable."""
    store = store_or_none()
    if store is not None:
        try:
            number = store.current_number()
            data = version_dataset(number)
            _last_good["published"] = (number, data)
            return number, data
        except StoreUnavailable as error:
            st.warning(
                f"The data store failed ({formatting.plain(str(error))}). Showing the last data loaded.",
                icon=":material/cloud_off:",
            )
    if "published" in _last_good:
        return _last_good["published"]
    result = _bundled()
    if result.dataset is None:
        st.error(
            f"The bundled data cannot be shown: {result.error_count} problems. An analyst can list them "
            "with `gcmdash validate data/`."
        )
        st.stop()
    return None, result.dataset


def _notice_new_version(number: int | None) -> None:
    seen = st.session_state.get(_SEEN_VERSION)
    st.session_state[_SEEN_VERSION] = number
    if seen is not None and number is not None and number != seen:
        st.toast(f"New data published: version {number}. The page now shows it.", icon=":material/update:")


def dataset_or_stop() -> Dataset:
    """The data this session sees: a preview or viewed version if one is open, else the published version."""
    preview = st.session_state.get(_PREVIEW)
    if preview is not None:
        return preview["data"]
    number, data = _published_with_loading_state()
    _notice_new_version(number)
    return data


_loaded_once = threading.Event()  # set once this server has loaded its data: later runs show no loading state


def _published_with_loading_state() -> tuple[int | None, Dataset]:
    """The published data; on a fresh server's first runs, the app's name and a loading line meanwhile."""
    if _loaded_once.is_set():
        return _published()
    waiting = st.empty()
    with waiting.container():
        # Not a heading: a page's title is its h1, which browser tests and screen readers wait for.
        st.markdown("**GCM implementation dashboard**")
        st.caption("Loading the data… the first visit after the server starts takes a few seconds.")
    found = _published()
    waiting.empty()
    _loaded_once.set()
    return found


def published_dataset() -> tuple[int | None, Dataset]:
    """The published version (ignoring this session's preview), to compare an upload against."""
    return _published()


def version_dataset(number: int) -> Dataset:
    """A stored version's data (read once per version, shared)."""
    return _version_dataset(settings.get("store_url") or "default", number)


def seen_version() -> int | None:
    """The number of the published version this session last saw (None: the bundled data)."""
    return st.session_state.get(_SEEN_VERSION)


def previewing() -> bool:
    """Whether this session is shown a preview (an upload or an older version) instead of the published data."""
    return _PREVIEW in st.session_state


def start_preview(data: Dataset, label: str) -> None:
    """Show this data, for this session only, on every page, under a banner saying what it is."""
    st.session_state[_PREVIEW] = {"data": data, "label": label}


def end_preview() -> None:
    """Back to the published data."""
    st.session_state.pop(_PREVIEW, None)


def preview_banner() -> None:
    """On every page while a preview is open: what is shown, and a way back."""
    preview = st.session_state.get(_PREVIEW)
    if preview is None:
        return
    with st.container(border=True):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.warning(
            f"**{formatting.plain(preview['label'])}** — not the published data. Only you see this.",
            icon=":material/preview:",
        )
        right.button(
            "Leave preview", on_click=end_preview, icon=":material/close:", key="leave-preview", width="stretch"
        )


def data_banner(data: Dataset) -> None:
    """The data version in the sidebar, so a screenshot or a shared link can say which data it shows."""
    number = seen_version()
    label = f"Version {number} · " if number is not None and not previewing() else ""
    count, as_of = data.illustrative_count, data.as_of
    illustrative = f" · {count:,} illustrative records" if count else ""
    dated = f" · figures as of {formatting.day(as_of)}" if as_of else ""
    st.sidebar.caption(
        f"{label}Data `{data.version}`{dated} · {formatting.plain(', '.join(data.sources))}{illustrative}"
    )
