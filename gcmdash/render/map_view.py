"""The map's view: its size, the countries its first view frames per region, and how it is panned and zoomed."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from gcmdash.model import regions, shapes
from gcmdash.model.filters import Filters
from gcmdash.render import projection

HEIGHT = 560
#: The map's width its first view is fitted to: about the page's narrowest (a 1280 px screen with the sidebar); a
#: wider page only adds margin around the fitted countries.
FIT_WIDTH = 760
#: The map is panned and zoomed by dragging, the wheel and the keyboard, never by double-click (see ``view``).
CONTROLLER = {"doubleClickZoom": False, "scrollZoom": True, "dragPan": True, "keyboard": True, "inertia": False}
#: The columns whose marked countries a region's first view frames (every marker layer, switched on or not: the view
#: stays put while layers are switched), and how far from their centre (degrees of arc) a country still counts.
FRAME_COLUMNS = ("network", "workshops", "champion", "reports")
CORE_ARC = 55.0


@dataclass(frozen=True)
class Size:
    """A map's size in pixels for fitting its first view, its names' type size and how much its markers grow."""

    width: int = FIT_WIDTH
    height: int = HEIGHT
    font: int = 12
    marker_scale: float = 1.0


PAGE = Size()


def narrowed(f: Filters) -> bool:
    """Whether the filters narrow the countries (a subregion or chosen countries): the map then frames just those."""
    return bool(f.countries) or (f.region is not None and f.subregion in regions.subregions(f.region))


def framed(
    facts: pd.DataFrame, region: str | None, narrowed: bool = False, columns: Collection[str] = FRAME_COLUMNS
) -> frozenset[str] | None:
    """The countries the first view is fitted to (None: the whole world).

    A subregion or chosen countries (narrowed): all of them. A region: its countries marked in these columns, less
    the few far from the rest (UNECE's Canada and United States, which would shrink Europe and Central Asia to a
    corner; the caption names them), else all its countries. No region: the world.
    """
    if narrowed and not facts.empty:
        return frozenset(c for c in facts.index if c in shapes.centres()) or None
    if region is None:
        return None
    marked = [c for c in facts.index[facts[list(columns)].astype(bool).any(axis=1)] if c in shapes.centres()]
    codes = _core(marked) or [
        c for c in (facts.index if not facts.empty else regions.coverage(region)) if c in shapes.centres()
    ]
    return frozenset(codes) or None


def _core(codes: list[str]) -> list[str]:
    """The countries within CORE_ARC of their centre, the centre taken again without the far ones until it holds."""
    core = list(codes)
    while core:
        lon0, lat0 = projection.centre_of(shapes.centres()[c] for c in core)
        near = [c for c in codes if projection.arc(lon0, lat0, *shapes.centres()[c]) <= CORE_ARC]
        if set(near) == set(core) or not near:
            return near
        core = near
    return core


def fit_for(codes: Collection[str] | None, size: Size = PAGE) -> projection.Fit:
    """The projection and first view of a map framing these countries (None: the world) at this size."""
    return projection.fit(projection.for_countries(codes), codes or shapes.shape_codes(), size.width, size.height)


def offset_from_middle(facts: pd.DataFrame, region: str | None, code: str, size: Size = PAGE) -> tuple[float, float]:
    """Where a country's marker point lies on the region's map as first shown: pixels right and down of its middle."""
    fit = fit_for(framed(facts, region), size)
    x, y = fit.pixel(projection.projected_centres(fit.projection)[code])
    return x - fit.width / 2, y - fit.height / 2


def outside(fit: projection.Fit, codes: Iterable[str]) -> list[str]:
    """Which of these countries' markers lie outside the first view (the caption names them)."""
    where = projection.projected_centres(fit.projection)
    out = []
    for code in codes:
        if code not in where:
            out.append(code)
            continue
        x, y = fit.pixel(where[code])
        if not (0 <= x <= fit.width and 0 <= y <= fit.height):
            out.append(code)
    return out


def view() -> pdk.View:
    """The map's view: flat (an OrthographicView of the projected shapes), panned and zoomed as CONTROLLER says."""
    # No double-click zoom: with it, deck.gl holds every click back to see whether a second one follows, and a
    # press of ordinary length was lost (the profile opened for 2 clicks in 5).
    return pdk.View(type="OrthographicView", controller=CONTROLLER, flip_y=True)


def initial_state(fit: projection.Fit) -> pdk.ViewState:
    """The first view of a fit: centred on it at its zoom, zooming out 2 steps and in 5 from there."""
    return pdk.ViewState(
        target=[*fit.centre, 0],
        zoom=round(fit.zoom, 3),
        min_zoom=round(fit.zoom - 2, 3),
        max_zoom=round(fit.zoom + 5, 3),
    )
