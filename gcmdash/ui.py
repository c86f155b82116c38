"""The one module that imports streamlit: shared page pieces (data loading cache, region filter, banners, cards)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from gcmdash import formatting, regions, settings
from gcmdash.dataset import Dataset
from gcmdash.loading import LoadResult, expand, load_paths
from gcmdash.metrics import Figure

ALL = "All"
REGION_KEY = "region"


def _signature(folder: str) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the data files: a new signature means new data."""
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in expand([folder]))


@st.cache_resource(show_spinner="Loading the data…", max_entries=4)
def _load(folder: str, signature: tuple) -> LoadResult:
    # Cached per data signature and shared by every session: one copy in memory, read once per version.
    return load_paths([folder], complete=True)


def bundled_result() -> LoadResult:
    """The bundled data's load result, read once per version of the files and shared by all sessions."""
    folder = settings.get("data_dir")
    return _load(folder, _signature(folder))


def dataset_or_stop() -> Dataset:
    """The current Dataset; when the data cannot be used, explains why on the page and stops it."""
    result = bundled_result()
    if result.dataset is not None:
        return result.dataset
    st.error(f"The data in {Path(settings.get('data_dir')).name}/ cannot be shown: {result.error_count} problems. "
             "An analyst can list them with `gcmdash validate data/`.")
    st.dataframe([i.as_dict() for i in result.issues[:50]], hide_index=True)
    st.stop()


def region_filter() -> str | None:
    """The region chosen in the sidebar (kept in the URL); None means all regions."""
    choice = st.sidebar.selectbox(
        "Region",
        [*regions.REGIONS, ALL],
        index=0,
        # No format_func: a bound widget writes its displayed label into the URL, and codes keep links short.
        key=REGION_KEY,
        bind="query-params",
        help="The UN regional commission whose Regional Review the figures are for: "
        + "; ".join(f"{code}: {regions.region_label(code)}" for code in regions.REGIONS),
    )
    return None if choice == ALL else choice


def region_title(region: str | None) -> str:
    """The region's name for a page title."""
    return "all regions" if region is None else regions.region_label(region)


def membership_caveat(region: str | None) -> None:
    """Says so when the region's member list has not been checked against the commission's own list."""
    if region is not None and not regions.is_confirmed(region):
        st.caption(f":orange[Membership of {region} as used here has not yet been checked against the commission's "
                   "published list; counts may change when it is.]")


def data_banner(data: Dataset) -> None:
    """The data version in the sidebar, so a screenshot or a shared link can say which data it shows."""
    illustrative = f" · {data.illustrative_count} illustrative records" if data.illustrative_count else ""
    st.sidebar.caption(f"Data version `{data.version}` · {', '.join(data.sources)}{illustrative}")


def illustrative_notice(data: Dataset) -> None:
    """A one-line notice on the page itself, so it stays visible when the sidebar is closed (screen-sharing)."""
    if data.illustrative_count:
        st.info(f"Illustrative data: {data.illustrative_count} records are invented stand-ins for records that are not "
                "public; totals match the published briefs.", icon=":material/science:")


def figure_card(figure: Figure) -> None:
    """One headline figure as a bordered card: value, label, note and the published comparison."""
    with st.container(border=True):
        st.metric(figure.label, formatting.shown_value(figure), help=figure.description)
        if figure.note and not figure.without_records:
            st.caption(figure.note)
        line = formatting.published_line(figure)
        if figure.source:
            st.caption(f"{':orange[⚠]' if figure.differs else '✓'} {line} · [source]({figure.source})")
        else:
            st.caption(line)
