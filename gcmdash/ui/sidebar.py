"""The shared filters in the sidebar, kept in the address (?region=ECE&objectives=...), and the country pickers.

Drawn once per run before the page (by app.py, or by the page itself when Streamlit runs it alone), so every page
shares them and the URL carries them across pages.
"""

from __future__ import annotations

import functools

import streamlit as st

from gcmdash import formatting
from gcmdash.model import countries, filters, framework, regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.model.vocabularies import ACTOR_TYPES, SCOPES

ALL = "All"
FILTER_KEYS = ("region", "subregion", "countries", "objectives", "implementers", "scope", "years")
_LINK_CHECKED = "_gcmdash_link_checked"
_YEAR_BOUNDS = "_gcmdash_year_bounds"


def _objective_label(number: int) -> str:
    return framework.objective(number).label


@functools.lru_cache(maxsize=128)
def _country_choices(region: str | None, subregion: str | None) -> tuple[list[str], list[str]]:
    """The country filter's codes in name order and their names (sorting ~250 names by name is per-run work)."""
    options = filters.country_options(region, subregion)
    return options, [countries.country_name(c) for c in options]


@functools.lru_cache(maxsize=1)
def _region_help() -> str:
    return "The UN regional commission whose Regional Review the figures are for: " + "; ".join(
        f"{code}: {regions.region_label(code)}" for code in regions.REGIONS
    )


def _place_widgets(accepted: dict[str, list[str]]) -> None:
    """Region, subregion and countries; records in `accepted` the formatted options a link may name."""
    bar = st.sidebar
    codes = [*regions.REGIONS, ALL]
    region = bar.selectbox(
        "Region",
        codes,
        key="region",
        bind="query-params",
        # No format_func: a bound widget writes its displayed label into the URL, and codes keep links short.
        help=_region_help(),
    )
    accepted["region"] = codes
    region_code = None if region == ALL else region
    subregions = [ALL, *filters.subregion_options(region_code)]
    subregion = bar.selectbox(
        "Subregion",
        subregions,
        key="subregion",
        bind="query-params",
        disabled=region_code is None,
        help="A group of countries within the region.",
    )
    accepted["subregion"] = subregions
    options, names = _country_choices(region_code, None if subregion == ALL else subregion)
    # A copy: Streamlit is handed a list it may keep, the cached one is shared by every session.
    bar.multiselect(
        "Countries",
        list(options),
        key="countries",
        bind="query-params",
        format_func=countries.country_name,
        placeholder="All countries of the region",
    )
    accepted["countries"] = names


def _topic_widgets(accepted: dict[str, list[str]]) -> None:
    """GCM objectives, implementer types and scope; records in `accepted` the options a link may name."""
    bar = st.sidebar
    numbers = list(framework.OBJECTIVE_NUMBERS)
    bar.multiselect(
        "GCM objectives",
        numbers,
        key="objectives",
        bind="query-params",
        format_func=_objective_label,
        placeholder="All objectives",
        help="Keeps records addressing at least one of these objectives.",
    )
    accepted["objectives"] = [_objective_label(n) for n in numbers]
    bar.multiselect(
        "Implementer types",
        list(ACTOR_TYPES.values),
        key="implementers",
        bind="query-params",
        placeholder="All types",
        help="Practices' implementers and pledging entities' types.",
    )
    accepted["implementers"] = list(ACTOR_TYPES.values)
    bar.multiselect(
        "Scope",
        list(SCOPES.values),
        key="scope",
        bind="query-params",
        placeholder="All scopes",
        help="Applies to practices only.",
    )
    accepted["scope"] = list(SCOPES.values)


def _sidebar_widgets(data: Dataset) -> dict[str, list[str]]:
    """Draw the filter widgets; returns, per key, the formatted options a link may name."""
    accepted: dict[str, list[str]] = {}
    _place_widgets(accepted)
    _topic_widgets(accepted)
    low, high = filters.year_bounds(data)
    st.session_state[_YEAR_BOUNDS] = (low, high)
    st.sidebar.slider(
        "Years",
        low,
        high,
        (low, high),
        key="years",
        bind="query-params",
        help="Practice periods, pledge years, contribution years and years programmes were approved.",
    )
    defaults = {
        "region": regions.REGIONS[0],
        "subregion": ALL,
        "countries": [],
        "objectives": [],
        "implementers": [],
        "scope": [],
        "years": (low, high),
    }
    st.sidebar.button(
        "Reset filters", on_click=_reset, args=(defaults,), icon=":material/filter_alt_off:", width="stretch"
    )
    return accepted


def _reset(defaults: dict[str, object]) -> None:
    # Bound widgets are re-seeded from the URL, so the defaults are set, not merely forgotten.
    for key, value in defaults.items():
        st.session_state[key] = value


def _link_values() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in FILTER_KEYS if key in st.query_params}


def _ignored(link: dict[str, list[str]], accepted: dict[str, list[str]]) -> list[str]:
    """Values a link named that no widget could take (years are checked by the slider itself)."""
    return [
        f"{key}={value}"
        for key, values in link.items()
        if key in accepted
        for value in values
        if value not in accepted[key]
    ]


def ignored_link_notice(named: list[str]) -> None:
    """A quiet notice naming the settings of a link (``key=value``) that were not recognised."""
    st.toast(
        "Some settings in the link were not recognised and were ignored: " + formatting.plain(", ".join(named)),
        icon=":material/link_off:",
    )


def filter_sidebar(data: Dataset) -> None:
    """The shared filters in the sidebar, bound to the URL; a quiet notice for link values that were ignored."""
    link = {} if st.session_state.get(_LINK_CHECKED) else _link_values()
    accepted = _sidebar_widgets(data)
    if not st.session_state.get(_LINK_CHECKED):
        st.session_state[_LINK_CHECKED] = True
        ignored = _ignored(link, accepted)
        if ignored:
            ignored_link_notice(ignored)


def current_filters() -> Filters:
    """The filters as the sidebar holds them now."""
    state = st.session_state
    region = state.get("region", regions.REGIONS[0])
    subregion = state.get("subregion", ALL)
    years = state.get("years")
    return Filters(
        region=None if region == ALL else region,
        subregion=None if subregion in (None, ALL) else subregion,
        countries=tuple(state.get("countries") or ()),
        objectives=tuple(state.get("objectives") or ()),
        implementer_types=tuple(state.get("implementers") or ()),
        scopes=tuple(state.get("scope") or ()),
        # The whole range is no restriction: undated records stay in view.
        years=tuple(years) if years and tuple(years) != state.get(_YEAR_BOUNDS) else None,
    )


def country_picker(options: list[str]) -> str | None:
    """The country whose profile is shown, kept in the URL by name (?country=Georgia)."""
    return st.selectbox(
        "Country",
        options,
        index=None,
        key="country",
        bind="query-params",
        format_func=countries.country_name,
        placeholder="Choose a country or area",
    )


def open_profile(iso3: str) -> None:
    """Go to the Country profile of this country."""
    # The Country profile's picker is bound to the URL by name (?country=Georgia), not by code.
    st.switch_page("pages/country.py", query_params={"country": countries.country_name(iso3)})


def profile_picker(codes: list[str]) -> None:
    """A list of the map's countries: choosing one opens its profile, as selecting it on the map does (by keyboard)."""
    chosen = st.selectbox(
        "Open a country's profile",
        codes,
        index=None,
        key="map-profile",
        format_func=countries.country_name,
        placeholder="Choose a country or area of the map",
    )
    if chosen:
        open_profile(chosen)
