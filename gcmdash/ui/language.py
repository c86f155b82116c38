"""The reader's language for this run: from the address (?lang=fr), else the browser's, else English; its selector.

Set first in every run (app.py, or a page run on its own), before any word is drawn, so that the navigation, the
page and the sidebar all speak it. The selector in the sidebar is bound to the address like the filters, so a
shared link and presentation mode keep the language.
"""

from __future__ import annotations

import json

import streamlit as st

from gcmdash import i18n
from gcmdash.i18n import _

KEY = "lang"


def _asked() -> str | None:
    """The language the address or the selector names, if any (any of the six, complete or not: asked by name)."""
    value = st.session_state.get(KEY) or st.query_params.get(KEY)
    return i18n.language_of(value) if value else None


def _browser() -> str:
    """The browser's preferred language among those offered (Accept-Language, else the browser's locale)."""
    offered = i18n.offered()
    header = st.context.headers.get("Accept-Language") if st.context.headers else None
    wanted = i18n.negotiate(header or st.context.locale)
    return wanted if wanted in offered else i18n.DEFAULT


def start_run() -> str:
    """Put the reader's language in force for this run; returns it."""
    return i18n.choose(_asked() or _browser())


def document_language() -> None:
    """The page's language and direction on its <html> element, so screen readers and the browser read it right."""
    lang = i18n.current()
    lang_js, dir_js = json.dumps(lang), json.dumps(i18n.direction(lang))
    script = f"<script>document.documentElement.lang = {lang_js}; document.documentElement.dir = {dir_js};</script>"
    st.html(script, unsafe_allow_javascript=True)


def selector() -> None:
    """The language selector at the top of the sidebar (only when more than one language is complete)."""
    offered = i18n.offered()
    current = i18n.current()
    if current not in offered:  # asked for by name before its catalogue is complete: still shown, and named
        offered = [*offered, current]
    if len(offered) < 2:
        return
    st.sidebar.selectbox(
        _("Language"),
        offered,
        index=offered.index(current),
        key=KEY,
        bind="query-params",
        format_func=i18n.LANGUAGES.__getitem__,
    )
