"""Bars clicked in a chart as a filter of the rest of the page, kept in the address (?pick_objective=7).

A shared link reproduces the view: the chart's selection callback writes the clicked values into the address, every
run reads them back, and the chart is drawn with them selected.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from gcmdash.render import active
from gcmdash.ui import sidebar

_PICK_SPECS: dict[str, tuple[str, str]] = {}  # chart key → (selection name = query parameter, field); constant


def clicked(key: str, selection: str, field: str) -> list:
    """The values of the bars clicked in the chart drawn with this key, as the address holds them."""
    _PICK_SPECS[key] = (selection, field)
    kept, ignored = active.picks_from_link(field, st.query_params.get_all(selection))
    if ignored:  # dropped from the address too, so the notice is shown once
        _write_pick(selection, kept)
        sidebar.ignored_link_notice([f"{selection}={v}" for v in ignored])
    return kept


def selection(key: str) -> str:
    """The query parameter holding the clicks of the chart drawn with this key (``clicked`` named it)."""
    return _PICK_SPECS[key][0]


def _write_pick(selection: str, values: list) -> None:
    if values:
        st.query_params[selection] = active.link_values(values)
    else:
        st.query_params.pop(selection, None)


def _on_click(key: str) -> None:
    """The chart's selection changed (a click, or a double-click clearing it): the address follows."""
    selection, field = _PICK_SPECS[key]
    state = st.session_state.get(key)
    points = state.selection.get(selection, []) if state is not None else []
    _write_pick(selection, [p[field] for p in points if field in p])


def on_select(key: str | None, clickable: bool) -> str | Callable[[], None]:
    """What a chart does when clicked: write its picks to the address, rerun the page, or nothing."""
    if clickable and key in _PICK_SPECS:
        return functools.partial(_on_click, key)
    return "rerun" if clickable else "ignore"
