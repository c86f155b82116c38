"""What every run draws around its page: the style sheets, the preview banner, the shared sidebar, the data version.

app.py draws it before the page; a page Streamlit runs on its own (see ``page_start``) draws it itself.
"""

from __future__ import annotations

import threading

import streamlit as st

from gcmdash.model import heap
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.ui import language, session, sidebar, style

# Streamlit runs a page file on its own, without app.py, when an app has a pages/ folder and the first request
# of a fresh server (or any AppTest run) names a page: the page then draws the shared sidebar itself. Whether
# app.py drew it is per script run, and a run stays on one thread, so a thread-local flag says it.
_this_run = threading.local()


def layout_css() -> None:
    """The global layout style sheet (layout.css): card titles and values wrap rather than being cut off."""
    # Text is never cut off: Streamlit truncates a headline card's title and value to one line ("USD 56.3 …" in a
    # quarter-width card). Kept apart from any other global style so each can change on its own.
    st.html(style.element(style.sheet("layout.css")))


def accessible_style() -> None:
    """The global style sheet (gcmdash/ui/style.css): readable text and a visible focus ring in both themes."""
    st.html(style.html())


def shell(data: Dataset, *, mark: bool = False) -> None:
    """The shared sidebar: filters and data version; app.py marks the run so pages do not draw it again."""
    accessible_style()
    layout_css()
    language.document_language()
    session.preview_banner()
    language.selector()
    sidebar.filter_sidebar(data)
    session.data_banner(data)
    if mark:
        _this_run.shell_drawn = True


def shell_done(data: Dataset | None = None, page: str = "") -> None:
    """End of a run started by app.py (called in a finally, so it also runs after st.stop or st.rerun)."""
    _this_run.shell_drawn = False
    if data is not None:
        # After a page's first run on a data version, what it loaded (modules, Altair's schema, cached specs) stays:
        # out of the per-run full garbage collection's way from now on.
        heap.freeze_once(f"{data.version} {page}")


def _shell_drawn() -> bool:
    return getattr(_this_run, "shell_drawn", False)


def leave_pages_folder_mode() -> None:
    """Rerun in st.navigation mode when Streamlit started this run in its old pages/-folder mode.

    Streamlit decides that mode from the folder's existence until some run calls st.navigation, so the first
    request of a fresh server runs the page file alone (a deep link) or app.py nested in a generated menu (the
    root). Internal API: if it moves, pages still work on their own, drawing the sidebar themselves.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_start() -> tuple[Dataset, Filters]:
    """What every page starts with: the data and the current filters (drawing the sidebar if app.py did not)."""
    if not _shell_drawn():
        leave_pages_folder_mode()
        language.start_run()
    data = session.dataset_or_stop()
    if not _shell_drawn():
        shell(data)
    return data, sidebar.current_filters()
