"""Presentation mode (streamlit layer): full-screen slides of the brief, drawn instead of a page by app.py."""

from __future__ import annotations

import re
from string import Template

import altair as alt
import streamlit as st

from gcmdash import formatting
from gcmdash.model import regions
from gcmdash.model.dataset import Dataset
from gcmdash.model.filters import Filters
from gcmdash.render import charts, fund_charts, map_facts, map_text, map_view, slides
from gcmdash.render.map_legend import legend
from gcmdash.ui import blocks, cards, sections, session, sidebar, style
from gcmdash.views import metrics
from gcmdash.views import pages as views
from gcmdash.views.metrics import Figure

# --- Presentation mode ----------------------------------------------------------------------------------------
# Full-screen slides of the brief's sections, for screen-sharing at Regional Reviews. On any page, ?present=1 (set
# by the sidebar's Present button) makes app.py draw the slides instead of the page, for the filters in the URL;
# the slide number is a widget bound to the URL (?slide=3), so a reload or a shared link lands on the same slide.
# The sidebar is still drawn (its bound filters keep the URL) but hidden, with the header and navigation, by the
# fixed style sheet present.css: our own CSS, never data. Charts are the pages' builders in slides.present's theme.


PRESENT = "present"
SLIDE = "slide"
_PRESENT_ON = ("1", "true", "yes", "on")
#: Pixel sizes of a slide's parts as laid out for 1280×720 (slides.DESIGN_WIDTH × DESIGN_HEIGHT, then zoomed to the
#: screen): what is left between the title and the footer. 23 objectives × 21 px leave the type at 17 px.
_OBJECTIVES_HEIGHT = 23 * 21
_CATEGORIES_HEIGHT = 330
_PROGRESS_HEIGHT = 56  # the bar's own height
_MAP_HEIGHT = 400
#: The slide's sides (2.2rem each, as the style sheet pads them) and Streamlit's "large" gap between columns (4rem).
_SIDE = 35
_GAP = 64
_OBJECTIVES_COLUMNS = (1.25, 3)
_MAP_COLUMNS = (1, 3)


def present_css(zoom: str, colours: dict[str, str]) -> str:
    """The slides' style sheet (present.css) with the zoom to the screen and the footer's colours filled in."""
    return Template(style.sheet("present.css")).substitute(zoom=zoom, **colours)


def presenting() -> bool:
    """Whether this run draws the slides (?present=1 in the URL) instead of the page."""
    return str(st.query_params.get(PRESENT, "")).lower() in _PRESENT_ON


def _start_presenting() -> None:
    st.query_params[PRESENT] = "1"


def _stop_presenting() -> None:
    # The slide widget is not drawn on the next run, so Streamlit drops ?slide= from the URL with it.
    st.query_params.pop(PRESENT, None)


def present_button() -> None:
    """The sidebar's Present button: the slides of this region and filters, in a link that can be shared."""
    st.sidebar.button(
        "Present",
        on_click=_start_presenting,
        icon=":material/co_present:",
        width="stretch",
        key="present-start",
        type="primary",
        help="Full-screen slides of the brief for screen-sharing, for these filters. The arrow keys (or "
        "a clicker's Page Up and Page Down) change slides; the address can be shared.",
    )


def _go(delta: int, count: int) -> None:
    st.session_state[SLIDE] = min(max(slides.slide_number(st.session_state.get(SLIDE, 1), count) + delta, 1), count)


def _slide_notice(data: Dataset) -> str:
    number = session.seen_version()
    parts = []
    count = data.illustrative_count
    if count:
        parts.append(f"Illustrative data: {count:,} records are invented stand-ins; totals match the published briefs")
    previewing = session.previewing()
    if previewing:
        parts.append("Preview, not the published data")
    # The version number names the data for a room; the content id only when there is none (the sidebar has both).
    named = f"data {data.version}" if previewing or number is None else f"Version {number}"
    as_of = data.as_of
    parts.append(named + (f", figures as of {formatting.day(as_of)}" if as_of else ""))
    return formatting.plain(" · ".join(parts))


#: Most slide numbers the footer shows at once (first, last and the current one among them): the data notice beside
#: them keeps room for its two lines however many country slides a deck has.
PAGER_PAGES = 5


def _footer(data: Dataset, count: int) -> int:
    """The slide controls and the data notice, fixed at the bottom; returns the slide number to show."""
    with st.container(key="present-footer", horizontal=True, vertical_alignment="center", gap="small"):
        notice = st.container(key="present-notice", width="stretch")
        back = st.container(width="content")
        shown = st.container(key="present-counter", width="content")
        forward = st.container(width="content")
        # The slide number, bound to the URL; its numbers also jump to a slide.
        pager = st.pagination(count, key=SLIDE, bind="query-params", max_visible_pages=PAGER_PAGES)
        number = slides.slide_number(pager, count)
        back.button(
            "Previous",
            icon=":material/arrow_back:",
            shortcut="Left",
            key="present-previous",
            on_click=_go,
            args=(-1, count),
            disabled=number <= 1,
        )
        shown.markdown(slides.counter(number, count))
        forward.button(
            "Next",
            icon=":material/arrow_forward:",
            shortcut="Right",
            key="present-next",
            on_click=_go,
            args=(1, count),
            disabled=number >= count,
        )
        st.button("Exit", icon=":material/close:", key="present-exit", on_click=_stop_presenting)
        notice.caption(_slide_notice(data))
    # Presentation clickers send Page Up / Page Down; a button takes one shortcut, so these two take them, unseen.
    with st.container(key="present-clicker"):
        st.button(
            "Previous slide",
            shortcut="PageUp",
            key="present-clicker-previous",
            on_click=_go,
            args=(-1, count),
            disabled=number <= 1,
        )
        st.button(
            "Next slide",
            shortcut="PageDown",
            key="present-clicker-next",
            on_click=_go,
            args=(1, count),
            disabled=number >= count,
        )
    return number


def _width(weights: tuple[float, ...] = (1,), column: int = 0) -> int:
    """A column's width in pixels on the 1280-pixel slide (the whole slide's by default), less a little slack."""
    inner = slides.DESIGN_WIDTH - 2 * _SIDE - _GAP * (len(weights) - 1)
    return int(inner * weights[column] / sum(weights)) - 4


def _slide_chart(chart: alt.TopLevelMixin, width: int, **theme) -> None:
    """A page's chart in the presentation theme and the viewer's light or dark colours, `width` pixels wide."""
    # Its own width, not the container's: the zoom would make Vega fit the chart to the magnified width instead.
    st.altair_chart(
        blocks.themed(slides.present(chart, ink="#E6EDF5" if blocks.is_dark() else "#1B2A3A", width=width, **theme)),
        width="content",
        height="content",
    )


def _figures(figures: list[Figure], wanted: tuple[str, ...], per_row: int) -> None:
    by_metric = {figure.metric: figure for figure in figures}
    chosen = [by_metric[m] for m in wanted if m in by_metric]
    for start in range(0, len(chosen), per_row):
        for column, figure in zip(st.columns(per_row, gap="large"), chosen[start : start + per_row], strict=False):
            with column:
                st.metric(figure.label, formatting.shown_value(figure))
                note = f"{figure.note} · " if figure.note and not figure.without_records else ""
                st.caption(formatting.plain(note + formatting.published_line(figure)))


#: Up to this many lines, a slide's list is in the slides' large type; a longer one (ties) in a smaller one.
_BIG_LINES = 4


def _big_list(heading: str, lines: list[str], longest: int | None = None) -> None:
    """A heading and its list in the slides' type; `longest`: the longest list beside it, so both get one size."""
    size = "big" if max(len(lines), longest or 0) <= _BIG_LINES else "long"
    with st.container(key=f"present-{size}-{re.sub(r'[^a-z0-9]+', '-', heading.lower()).strip('-')}"):
        st.markdown(f"**{formatting.plain(heading)}**\n\n" + "\n".join(f"- {formatting.plain(line)}" for line in lines))


def _empty(what: str) -> None:
    with st.container(key="present-empty"):
        st.markdown(f"No {what} match the filters.")


def _objectives_slide(data: Dataset, f: Filters, what: str) -> None:
    view = views.practices(data, f) if what == "Practices" else views.pledges(data, f)
    if view.by_objective.sum() == 0:
        _empty(what.lower())
        return
    facts, chart_side = st.columns(_OBJECTIVES_COLUMNS, gap="large")
    with facts:
        st.metric(what, f"{len(view.records):,}")
        _big_list(
            "Most frequent (highlighted)",
            [f"{label} ({records})" for label, records in slides.most_frequent(view.by_objective)],
        )
    frame = charts.objective_frame(view.by_objective, view.top_objectives)
    with chart_side:
        _slide_chart(
            charts.objective_bars(frame, what),
            _width(_OBJECTIVES_COLUMNS, 1),
            rows=len(frame),
            height=_OBJECTIVES_HEIGHT,
            title=False,
            value_axis=False,
        )


def _implementers_slide(data: Dataset, f: Filters) -> None:
    view = views.practices(data, f)
    if view.records.empty:
        _empty("practices")
        return
    left, right = st.columns(2, gap="large")
    with left:
        _slide_chart(
            charts.category_bars(view.by_implementer, "implementer_type", "Practices", "Implementer type"),
            _width((1, 1)),
            rows=len(view.by_implementer),
            height=_CATEGORIES_HEIGHT,
            value_axis=False,
        )
    with right:
        _slide_chart(
            charts.category_bars(view.by_scope, "scope", "Practices", "Scope"),
            _width((1, 1)),
            rows=len(view.by_scope),
            height=_CATEGORIES_HEIGHT,
            value_axis=False,
        )


def _map_slide(data: Dataset, f: Filters) -> None:
    facts = map_facts.country_facts(data, f)
    if facts.empty:
        _empty("countries")
        return
    numbers, shown = st.columns(_MAP_COLUMNS, gap="large")
    with numbers:
        st.metric("Country Networks", int(facts["network"].sum()))
        st.metric("UNCT workshops", int((facts["workshops"] > 0).sum()))
        # Beside the map, not under it: at 1280×720 the legend and the disclaimer together would run under the footer.
        with st.container(key="present-legend"):
            blocks.map_legend(legend(slides.MAP_LAYERS, None, facts))
    with shown:
        deck = slides.present_map(facts, f.region, map_view.narrowed(f), _width(_MAP_COLUMNS, 1), _MAP_HEIGHT)
        st.pydeck_chart(
            deck, height=_MAP_HEIGHT, key="present-map", alt=map_text.alt_text(facts, slides.MAP_LAYERS, None)
        )
        with st.container(key="present-disclaimer"):
            sections.map_notes(facts.index)


def _funding_slide(data: Dataset, f: Filters, wanted: tuple[str, ...]) -> None:
    with st.container(key="present-small"):
        _figures(metrics.summary(data, f.region), wanted, 2)
    view = views.funding(data, f)
    if view.target:
        # Worldwide, as the Target mobilised figure above says ("all contributors").
        _slide_chart(
            fund_charts.progress_bar(view.mobilised, view.target),
            _width(),
            rows=1,
            height=_PROGRESS_HEIGHT,
            title=False,
        )


def _country_slide(data: Dataset, iso3: str) -> None:
    profile = views.country_profile(data, iso3)
    where = "; ".join(regions.region_label(r) for r in profile.regions)
    counts = [
        ("Practices", f"{len(profile.practices):,}"),
        ("Pledges", f"{len(profile.pledges):,}"),
        ("Joint programmes", f"{len(profile.programmes):,}"),
        ("M-MPTF contributions", formatting.amount(profile.contributed_usd, "USD")),
    ]
    with st.container(key="present-small"):
        for column, (label, activity) in zip(st.columns(4, gap="large"), cards.ACTIVITIES, strict=True):
            column.metric(label, cards.yes_no(profile.has(activity)))
        for column, (label, value) in zip(st.columns(4, gap="large"), counts, strict=True):
            column.metric(label, value)
    # Every objective addressed: with a country's few records most counts tie, and "most" would mislead.
    lists = [
        ("practices", slides.addressed_lines(profile.practice_objectives) or ["—"]),
        ("pledges", slides.addressed_lines(profile.pledge_objectives) or ["—"]),
    ]
    longest = max(len(lines) for _, lines in lists)
    for column, (what, lines) in zip(st.columns(2, gap="large"), lists, strict=True):
        with column:
            _big_list(f"Objectives its {what} address", lines, longest)
    if where:
        st.caption(formatting.plain(f"Regions: {where}"))


def _head(f: Filters, slide: slides.Slide, number: int) -> None:
    """The slide's context line, title and what it shows; the first slide says once if membership is unchecked."""
    with st.container(key="present-kicker"):
        st.markdown(formatting.plain(slides.context_line(f, caveat=number == 1)))
    st.title(formatting.plain(slide.title), anchor=False)
    with st.container(key="present-shows"):
        st.markdown(formatting.plain(slide.shows))


def presentation(data: Dataset) -> None:
    """The slides of the current region and filters, one at a time, with their controls and the data notice."""
    colours = slides.FOOTER_DARK if blocks.is_dark() else slides.FOOTER_LIGHT
    st.html(style.element(present_css(slides.zoom_css('[data-testid="stMainBlockContainer"]'), colours)))
    f = sidebar.current_filters()
    deck = slides.slides(f)
    slide_box = st.container(key="present-slide")
    number = _footer(data, len(deck))
    slide = deck[number - 1]
    with slide_box:
        with st.container(key="present-head"):
            _head(f, slide, number)
        if slide.kind == "headline":
            _figures(metrics.summary(data, f.region), slide.figures, 3)
            if f.narrowed:
                st.caption("Figures for the whole region; the other filters apply on the following slides.")
        elif slide.kind in ("practices", "pledges"):
            _objectives_slide(data, f, slide.kind.capitalize())
        elif slide.kind == "implementers":
            _implementers_slide(data, f)
        elif slide.kind == "map":
            _map_slide(data, f)
        elif slide.kind == "funding":
            _funding_slide(data, f, slide.figures)
        elif slide.kind in sections.SLIDE_SECTIONS:
            sections.text_slide(data, f.region, slide.kind)
        elif slide.kind == "country" and slide.country:
            _country_slide(data, slide.country)
