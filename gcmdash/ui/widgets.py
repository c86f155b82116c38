"""The one module that imports streamlit: shared page pieces (data loading cache, region filter, banners, cards)."""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Callable

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from gcmdash import formatting, settings
from gcmdash.ingest import formatdoc
from gcmdash.ingest.loading import LoadResult, bundled, load_files, version_id
from gcmdash.model import countries, filters, framework, heap, memo, regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.dataset_specs import dataset
from gcmdash.model.filters import Filters
from gcmdash.model.vocabularies import ACTOR_TYPES, SCOPES
from gcmdash.render import active, chart_templates, exports
from gcmdash.render.map_legend import legend_html
from gcmdash.store import auth
from gcmdash.store.filenames import safe_file_name
from gcmdash.store.records import PublishRefused, StoreUnavailable
from gcmdash.store.versions import Store
from gcmdash.ui import style
from gcmdash.views import pages as views
from gcmdash.views import tables
from gcmdash.views.metrics import Figure
from gcmdash.views.people import column_for_people, records_for_people

ALL = "All"


# --- Which data a session sees ---------------------------------------------------------------------------------
# The published version from the store, read once per version and shared by all sessions; or, for one session
# only, an upload being previewed or an older version being viewed.

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
            data = _version_dataset(settings.get("store_url") or "default", number)
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


# --- Shared filters -------------------------------------------------------------------------------------------
# Rendered once by app.py before the page runs, so every page shares them and the URL carries them across pages.

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


def _sidebar_widgets(data: Dataset) -> dict[str, list[str]]:
    """Draw the filter widgets; returns, per key, the formatted options a link may name."""
    bar = st.sidebar
    accepted: dict[str, list[str]] = {}
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
    low, high = filters.year_bounds(data)
    st.session_state[_YEAR_BOUNDS] = (low, high)
    bar.slider(
        "Years",
        low,
        high,
        (low, high),
        key="years",
        bind="query-params",
        help="Practice periods, pledge years, contribution years and years programmes were approved.",
    )
    defaults = {
        "region": codes[0],
        "subregion": ALL,
        "countries": [],
        "objectives": [],
        "implementers": [],
        "scope": [],
        "years": (low, high),
    }
    bar.button("Reset filters", on_click=_reset, args=(defaults,), icon=":material/filter_alt_off:", width="stretch")
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


def filter_sidebar(data: Dataset) -> None:
    """The shared filters in the sidebar, bound to the URL; a quiet notice for link values that were ignored."""
    link = {} if st.session_state.get(_LINK_CHECKED) else _link_values()
    accepted = _sidebar_widgets(data)
    if not st.session_state.get(_LINK_CHECKED):
        st.session_state[_LINK_CHECKED] = True
        ignored = _ignored(link, accepted)
        if ignored:
            st.toast(
                "Some settings in the link were not recognised and were ignored: "
                + formatting.plain(", ".join(ignored)),
                icon=":material/link_off:",
            )


# Streamlit runs a page file on its own, without app.py, when an app has a pages/ folder and the first request
# of a fresh server (or any AppTest run) names a page: the page then draws the shared sidebar itself. Whether
# app.py drew it is per script run, and a run stays on one thread, so a thread-local flag says it.
_this_run = threading.local()


# Text is never cut off: a headline card's title and value wrap instead of ending in "…" (Streamlit truncates
# both to one line: "USD 56.3 …" in a quarter-width card). Kept apart from any other global style so each can
# change on its own.
_LAYOUT_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important; min-height: 0 !important;
}
</style>"""


def layout_css() -> None:
    """The global layout style sheet: card titles and values wrap rather than being cut off."""
    st.html(_LAYOUT_CSS)


def accessible_style() -> None:
    """The global style sheet (gcmdash/ui/style.css): readable text and a visible focus ring in both themes."""
    st.html(style.html())


def shell(data: Dataset, *, mark: bool = False) -> None:
    """The shared sidebar: filters and data version; app.py marks the run so pages do not draw it again."""
    accessible_style()
    layout_css()
    preview_banner()
    filter_sidebar(data)
    data_banner(data)
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
    data = dataset_or_stop()
    if not _shell_drawn():
        shell(data)
    return data, current_filters()


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


def region_title(region: str | None) -> str:
    """The region's name for a page title."""
    return "all regions" if region is None else regions.region_label(region)


def membership_caveat(region: str | None) -> None:
    """Says so when the region's member list has not been checked against the commission's own list."""
    if region is not None and not regions.is_confirmed(region):
        st.caption(
            f":orange[Membership of {region} as used here has not yet been checked against the commission's "
            "published list; counts may change when it is.]"
        )


def data_banner(data: Dataset) -> None:
    """The data version in the sidebar, so a screenshot or a shared link can say which data it shows."""
    number = st.session_state.get(_SEEN_VERSION)
    label = f"Version {number} · " if number is not None and _PREVIEW not in st.session_state else ""
    count, as_of = data.illustrative_count, data.as_of
    illustrative = f" · {count:,} illustrative records" if count else ""
    dated = f" · figures as of {formatting.day(as_of)}" if as_of else ""
    st.sidebar.caption(
        f"{label}Data `{data.version}`{dated} · {formatting.plain(', '.join(data.sources))}{illustrative}"
    )


def illustrative_notice(data: Dataset) -> None:
    """A one-line notice on the page itself, so it stays visible when the sidebar is closed (screen-sharing)."""
    count = data.illustrative_count
    if count:
        st.info(
            f"Illustrative data: {count:,} records are invented stand-ins for records that are not "
            "public; totals match the published briefs.",
            icon=":material/science:",
        )


def figure_card(figure: Figure) -> None:
    """One headline figure as a bordered card: value, label, note and the published comparison."""
    with st.container(border=True):
        st.metric(figure.label, formatting.shown_value(figure), help=figure.description)
        if figure.note and not figure.without_records:
            st.caption(figure.note)
        line = formatting.published_line(figure)
        if figure.source:
            mark = ":orange[⚠]" if figure.differs else "✓"
            st.caption(f"{mark} {line} · {formatting.link('source', figure.source)}")
        else:
            st.caption(line)


# --- Charts, tables and downloads ------------------------------------------------------------------------------


def _dark() -> bool:
    return getattr(st.context.theme, "type", None) == "dark"


def _themed(chart: alt.Chart, dark: bool | None = None) -> alt.Chart:
    """The chart with text in the viewer's theme colours (value labels and subtitles would be black on dark)."""
    dark = _dark() if dark is None else dark
    ink, muted = ("#E6EDF5", "#B5C3D3") if dark else ("#1B2A3A", "#4A5B6D")
    return chart.configure_text(color=ink).configure_title(color=ink, subtitleColor=muted)


try:  # Streamlit's own Altair → Vega-Lite conversion (internal API): exactly the spec st.altair_chart would send.
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec as _altair_to_vega_lite
except ImportError:  # if it moves, charts go through st.altair_chart on every run again (slower, same charts)
    _altair_to_vega_lite = None


@memo.by_identity(size=512)
def _vega_lite(chart: alt.TopLevelMixin, dark: bool) -> dict:
    # st.altair_chart rebuilds this on every run: to_dict() validates the whole spec against the Vega-Lite schema
    # (jsonschema) and turns the data into Arrow. The chart builders are memoised by content, so the same numbers
    # give the same chart object, and its themed spec (data already as Arrow bytes) is made once per theme.
    return _altair_to_vega_lite(_themed(chart, dark))


@memo.by_identity(size=512)
def _data_free(template: alt.TopLevelMixin, dark: bool) -> dict:
    # A template's spec for any data: its (empty) dataset is left out; each draw sends its own table beside it.
    return {k: v for k, v in _vega_lite(template, dark).items() if k not in ("data", "datasets")}


def _draw(chart: alt.TopLevelMixin, key: str | None = None, clickable: bool = False) -> None:
    """A chart in the viewer's theme, full width; clickable ones rerun the page with the bars clicked."""
    on_select = (
        functools.partial(_on_click, key) if clickable and key in _PICK_SPECS else ("rerun" if clickable else "ignore")
    )
    if _altair_to_vega_lite is None:
        st.altair_chart(_themed(chart), key=key, on_select=on_select, width="stretch")
        return
    template, data = chart_templates.template_of(chart), None
    if template is not None:  # a new filter state costs its table's Arrow bytes, not a chart build
        spec, data = _data_free(template, _dark()), chart.data
    else:
        spec = _vega_lite(chart, _dark())
    # Streamlit copies the spec's top level but patches a colour legend's null title inside "encoding" in place:
    # that part is copied too, the cached spec is shared by every session.
    fresh = {**spec, "encoding": copy.deepcopy(spec["encoding"])} if "encoding" in spec else dict(spec)
    st.vega_lite_chart(data, spec=fresh, key=key, on_select=on_select, width="stretch")


def chart(chart: alt.Chart) -> None:
    """A chart on its own (no table view), in the viewer's theme."""
    _draw(chart)


# A bar click's cross-filter lives in the address (?pick_objective=7), so a shared link reproduces the view: the
# chart's selection callback writes it there, every run reads it back, and the chart is drawn with it selected.
_PICK_SPECS: dict[str, tuple[str, str]] = {}  # chart key → (selection name = query parameter, field); constant


def clicked(key: str, selection: str, field: str) -> list:
    """The values of the bars clicked in the chart drawn with this key, as the address holds them."""
    _PICK_SPECS[key] = (selection, field)
    kept, ignored = active.picks_from_link(field, st.query_params.get_all(selection))
    if ignored:  # dropped from the address too, so the notice is shown once
        _write_pick(selection, kept)
        st.toast(
            "Some settings in the link were not recognised and were ignored: "
            + formatting.plain(", ".join(f"{selection}={v}" for v in ignored)),
            icon=":material/link_off:",
        )
    return kept


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


def active_filters(f: Filters, clicked: dict[str, list] | None = None) -> None:
    """A line under the page title naming every filter in force, the bars clicked included (nothing when none)."""
    line = active.caption(f, clicked)
    if line:
        st.caption(line)


def chart_block(
    chart: alt.Chart,
    table: pd.DataFrame,
    key: str,
    *,
    clickable: bool = False,
    name: str = "chart",
    region: str | None = None,
) -> None:
    """A chart with its numbers as a table beside it (tab), and PNG/SVG downloads of the chart."""
    shown, numbers = st.tabs(["Chart", "Data table"])
    with shown:
        _draw(chart, key, clickable)
    with numbers:
        data_table(table)
    with st.popover("Download chart", icon=":material/download:"):
        st.download_button(
            "PNG image",
            lambda: exports.chart_png(chart),
            exports.download_name(name, region, "png"),
            mime="image/png",
            key=f"{key}-png",
            icon=":material/image:",
            on_click="ignore",
        )
        st.download_button(
            "SVG image",
            lambda: exports.chart_svg(chart),
            exports.download_name(name, region, "svg"),
            mime="image/svg+xml",
            key=f"{key}-svg",
            icon=":material/draw:",
            on_click="ignore",
        )


def record_downloads(key: str, frame: pd.DataFrame, page: str, region: str | None) -> None:
    """CSV and XLSX downloads of the records on screen, laid out as the spreadsheet format (formulas escaped)."""
    # Built when a button is pressed, not on every run: 100,000 records take a while to turn into text.
    _download_buttons(lambda: {dataset(key).sheet: records_for_people(key, frame)}, True, page, region)


def table_downloads(tables_by_sheet: dict[str, pd.DataFrame], page: str, region: str | None) -> None:
    """XLSX (one sheet per table) and, for a single table, CSV downloads; formulas escaped."""
    _download_buttons(lambda: tables_by_sheet, len(tables_by_sheet) == 1, page, region)


def workbook_download(sheets: Callable[[], dict[str, pd.DataFrame]], page: str, region: str | None) -> None:
    """An XLSX download of several tables, built only when the button is pressed (formulas escaped)."""
    _download_buttons(sheets, False, page, region)


def _download_buttons(
    sheets: Callable[[], dict[str, pd.DataFrame]], single: bool, page: str, region: str | None
) -> None:
    # One row of equal buttons, side by side, with no empty slot where a CSV button would be.
    row = st.container(horizontal=True, gap="small")
    if single:
        row.download_button(
            "Download CSV",
            lambda: exports.csv_bytes(next(iter(sheets().values()))),
            exports.download_name(page, region, "csv"),
            mime="text/csv",
            key=f"{page}-csv",
            icon=":material/download:",
            on_click="ignore",
            width=200,
        )
    row.download_button(
        "Download XLSX",
        lambda: exports.xlsx_bytes(sheets()),
        exports.download_name(page, region, "xlsx"),
        key=f"{page}-xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        width=200,
    )


def displayable(table: pd.DataFrame) -> pd.DataFrame:
    """A table ready for st.dataframe: blanks instead of "None"."""
    return tables.for_display(table)


def data_table(table: pd.DataFrame, column_config: dict | None = None) -> None:
    """A small table in full: blanks instead of "None", each column as wide as its content needs (up to a limit)."""
    config = {}
    for column, width in tables.content_widths(table).items():
        # A given column type (a link, say) keeps its kind and, unless it says otherwise, gets the content's width.
        setting = dict((column_config or {}).get(column) or st.column_config.Column())
        setting["width"] = setting.get("width") or width
        config[column] = setting
    st.dataframe(displayable(table), hide_index=True, width="stretch", column_config=config)


#: Up to this many rows, a table of long texts is shown whole, wrapped (st.table); beyond, as a scrolling data grid.
TEXT_TABLE_ROWS = 100


def text_table(table: pd.DataFrame) -> None:
    """A table whose long texts must be read whole: wrapped when short enough, else a data grid sized to content."""
    if len(table) > TEXT_TABLE_ROWS:
        data_table(table)
        return
    # st.table renders Markdown: every text cell (a spreadsheet's value, a file name) is escaped to show as written.
    shown = displayable(table)
    escaped = {
        c: shown[c].map(lambda v: formatting.plain(v) if isinstance(v, str) else v)
        for c in shown.columns
        if not pd.api.types.is_numeric_dtype(shown[c])
    }
    st.table(shown.assign(**escaped), hide_index=True)


def _sort_controls(headers: list[str], search_key: str) -> tuple[str | None, bool]:
    """The column all records are sorted on (None: spreadsheet order) and whether descending."""
    by_column, order = st.columns([3, 2], vertical_alignment="bottom")
    column = by_column.selectbox(
        "Sort all records by", headers, index=None, key=f"{search_key}-sort", placeholder="Spreadsheet order"
    )
    direction = order.selectbox(
        "Order", ["Ascending", "Descending"], key=f"{search_key}-order", disabled=column is None
    )
    return column, direction == "Descending"


def _page_number(count: int, scope: tuple, search_key: str) -> int:
    """The page chosen below the table, back to page 1 whenever the records, the search or the sort change."""
    key, seen = f"{search_key}-page", f"{search_key}-page-scope"
    if st.session_state.get(seen) != scope:
        st.session_state[seen] = scope
        st.session_state.pop(key, None)  # the widget starts again at its default, page 1
    return st.pagination(count, key=key, width="stretch")


def records_table(data: Dataset, key: str, frame: pd.DataFrame, search_key: str) -> None:
    """A searchable table of records as people read them, a page at a time, sorted over all of them; links clickable."""
    query = st.text_input(
        "Search",
        key=search_key,
        bind="query-params",
        placeholder="Words in any column",
        label_visibility="collapsed",
        icon=":material/search:",
    )
    # Only the rows shown are turned into text; the search reads a text of every record kept per data version.
    found = frame[views.search(data, key, frame, query)] if query else frame
    size = settings.get("table_page_rows")
    if len(found) <= size:  # one page: the table's own column headers sort all of it
        st.caption(tables.count_text(len(found), "record"))
        if len(found):
            _records_dataframe(records_for_people(key, found))
        return
    caption, controls = st.columns([1, 1], vertical_alignment="bottom")
    with controls:
        column, descending = _sort_controls([c.header for c in dataset(key).columns], search_key)
    order = tables.sort_order(column_for_people(key, column, found), descending) if column else None
    shown = st.container()  # above the page selector, filled once the page is known
    scope = (tables.fingerprint(found.index), query, column, descending)
    count = tables.page_of(len(found), size, 1).count
    page = tables.page_of(len(found), size, _page_number(count, scope, search_key))
    rows = np.arange(page.start, page.stop) if order is None else order[page.start : page.stop]
    everything = f"all {len(frame):,} records the filters keep" if query else "all of them"
    caption.caption(f"{tables.rows_caption(page, len(found), 'record')}; the downloads below hold {everything}.")
    with shown:
        _records_dataframe(records_for_people(key, found.iloc[rows]))


def _records_dataframe(people: pd.DataFrame) -> None:
    """Records as people read them in a table, blanks empty, links clickable."""
    config = {c: st.column_config.LinkColumn(c) for c in people.columns if c == "Link"}
    st.dataframe(tables.for_display(people), hide_index=True, width="stretch", column_config=config)


def empty_state(what: str) -> None:
    """Says plainly that the filters keep nothing, instead of drawing empty charts."""
    st.info(
        f"No {what} match the filters. Widen them in the sidebar, or press Reset filters.",
        icon=":material/filter_alt_off:",
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


def yes_no_card(label: str, present: bool, detail: str = "") -> None:
    """A card saying whether something exists, in words and a symbol (not colour alone)."""
    with st.container(border=True):
        st.metric(label, "✔ Yes" if present else "✘ No")
        if detail:
            st.caption(detail)


# --- Analysts: sign-in, uploads, publishing -----------------------------------------------------------------------

_ANALYST = "_gcmdash_analyst"
_UPLOAD = "_gcmdash_upload"


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
        if st.user.is_logged_in:
            st.warning(f"{formatting.plain(str(auth.oidc_email(st.user)))} is not on the list of analysts.")
            st.button("Sign out", on_click=st.logout, key="sign-out")
        else:
            for provider in auth.oidc_providers(secrets):
                st.button(
                    f"Sign in to publish{f' with {provider}' if provider else ''}",
                    icon=":material/login:",
                    on_click=st.login,
                    args=() if provider is None else (provider,),
                    key=f"sign-in-{provider}",
                )
        return None
    with st.form("sign-in", border=True):
        email = st.text_input("Analyst e-mail", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        if st.form_submit_button("Sign in to publish", icon=":material/login:"):
            outcome = auth.check_password(secrets, email, password, client=sign_in_client())
            if outcome.ok:
                st.session_state[_ANALYST] = outcome.email
                st.rerun()
            store = store_or_none()
            # Only attempts whose password was checked are audited: those refused while the client must wait
            # cost nothing and add nothing, however fast they come.
            if store is not None and outcome.checked:
                store.refuse(who=email or "(no e-mail)", action="sign-in", detail=outcome.reason)
            st.error(outcome.reason)
    return None


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


def publish(files: list[tuple[str, bytes]], note: str, analyst: str | None) -> None:
    """Publish the files as a new version (signed-in analysts only); says what happened either way."""
    store = store_or_none()
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
    end_preview()
    st.success(
        f"Published as version {version.number}. Every viewer sees it on their next interaction.",
        icon=":material/published_with_changes:",
    )


def restore(number: int, analyst: str | None) -> None:
    """Roll back to an earlier version (a new version with its files); signed-in analysts only."""
    store = store_or_none()
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


def version_dataset(number: int) -> Dataset:
    """A stored version's data (read once per version, shared)."""
    return _version_dataset(settings.get("store_url") or "default", number)


def data_format_text() -> str:
    """The data-format description (generated from the schema) as Markdown."""
    return formatdoc.data_format_markdown().split("\n", 1)[1]


def map_legend(entries: list) -> None:
    """The map's legend (``gcmdash.render.map_legend.legend``) in the viewer's light or dark colours."""
    st.html(legend_html(entries, dark=_dark()))


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
        st.switch_page("pages/country.py", query_params={"country": countries.country_name(chosen)})
