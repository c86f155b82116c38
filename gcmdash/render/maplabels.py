"""Names beside the markers of a map, placed so that no name covers another name or a marker (pure).

Greedy placement in the map's pixels at its first view: the most crowded countries choose first, each from
candidate places — beside its markers (right, left, above, below, then the corners), then further out in rings
of growing radius, where a leader line joins the name to its markers. A place is taken only if its box stays inside
the map and meets no box already taken (names and every marker); a leader line runs through no other name where
any place allows.
A name that finds no place is returned as unplaced, so the caller can say so (and list it elsewhere).

The width of a name is estimated from its length (0.62 em per character: wide sans-serif fonts such as DejaVu
Sans average about 0.58 em on country names), with the text's halo on both sides, so that the boxes err on the
large side and names placed apart stay apart whatever sans-serif font the browser or printer draws them in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y downwards
Point = tuple[float, float]

EM_PER_CHARACTER = 0.62
HALO = 2.0  # pixels of halo around the text, counted in its box
LINE_HEIGHT = 1.2
#: How far out (pixels from the markers) a displaced name may go, ring by ring.
RINGS = (22, 34, 48, 66, 88, 116, 150, 190, 240)
ANGLES = 16
#: Columns of stacked names: their distance (pixels) left or right of the markers, and how many names up or down.
COLUMNS = (14, 40, 80, 130)
STACK = 14
MARGIN = 2.0


@dataclass(frozen=True)
class Item:
    """A country to name: its code, its name, and the boxes of its markers on the map (pixels)."""

    code: str
    text: str
    markers: tuple[Box, ...]


@dataclass(frozen=True)
class Label:
    """A placed name: its lines, where its text anchor is, its box, and the marker point a leader line joins."""

    code: str
    lines: tuple[str, ...]
    x: float  # the text anchor's x; lines are centred on y
    y: float
    anchor: str  # "start", "middle" or "end", as in SVG and deck.gl's TextLayer
    box: Box
    spot: Point
    leader: bool

    @property
    def leader_end(self) -> Point:
        """The point of the name's box nearest to its markers, where a leader line ends."""
        return _nearest(self.box, self.spot)


def text_size(lines: Sequence[str], size: float) -> tuple[float, float]:
    """Estimated width and height in pixels of these lines at this font size, halo included."""
    width = EM_PER_CHARACTER * size * max(len(line) for line in lines) + 2 * HALO
    return width, LINE_HEIGHT * size * len(lines) + 2 * HALO


def _ways(text: str) -> list[tuple[str, ...]]:
    """A name on one line, and a long name also on two (split at the space nearest its middle)."""
    ways: list[tuple[str, ...]] = [(text,)]
    if len(text) > 14 and " " in text:
        middle = len(text) / 2
        cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
        ways.append((text[:cut], text[cut + 1 :]))
    return ways


def _meets(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _union(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _middle(box: Box) -> Point:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _beside(around: Box, w: float, h: float) -> list[tuple[Box, str]]:
    """Boxes of a w × h name touching the markers' box: right, left, above, below, then the four corners."""
    x0, y0, x1, y1 = around
    mx, my = _middle(around)
    gap = 1.0
    places = [
        (x1 + gap, my - h / 2, "start"),
        (x0 - gap - w, my - h / 2, "end"),
        (mx - w / 2, y0 - gap - h, "middle"),
        (mx - w / 2, y1 + gap, "middle"),
        (x1 - 2, y0 - h + 2, "start"),
        (x0 - w + 2, y0 - h + 2, "end"),
        (x1 - 2, y1 - 2, "start"),
        (x0 - w + 2, y1 - 2, "end"),
    ]
    return [((x, y, x + w, y + h), anchor) for x, y, anchor in places]


def _around(spot: Point, w: float, h: float) -> list[tuple[Box, str]]:
    """Boxes of a w × h name away from the spot, nearest first: rings all round it, then columns beside it.

    The rings find room in any direction; the columns (names stacked one above the other, left and right of the
    spot) find it where many markers crowd together, as in the Western Balkans or West Africa.
    """
    found: list[tuple[float, Box, str]] = []
    for radius in RINGS:
        for i in range(ANGLES):
            angle = 2 * math.pi * i / ANGLES
            dx, dy = math.cos(angle), math.sin(angle)
            px, py = spot[0] + radius * dx, spot[1] + radius * dy
            if dx > 0.3:
                x, anchor = px, "start"
            elif dx < -0.3:
                x, anchor = px - w, "end"
            else:
                x, anchor = px - w / 2, "middle"
            y = py - h / 2 if abs(dy) < 0.7 else (py - h if dy < 0 else py)
            # Level places first at a given distance: a name beside its markers reads better than one above them.
            found.append((radius + 4 * abs(dy), (x, y, x + w, y + h), anchor))
    for gap in COLUMNS:
        for k in range(-STACK, STACK + 1):
            y = spot[1] - h / 2 + k * (h + 1)
            for x, anchor in ((spot[0] + gap, "start"), (spot[0] - gap - w, "end")):
                found.append((math.hypot(gap, k * (h + 1)) + 2, (x, y, x + w, y + h), anchor))
    found.sort(key=lambda item: item[0])
    return [(box, anchor) for _, box, anchor in found]


def _crosses(start: Point, end: Point, boxes: Iterable[Box]) -> bool:
    """Whether the segment runs through any of the boxes (sampled: leader lines are short)."""
    steps = [(start[0] + (end[0] - start[0]) * t / 10, start[1] + (end[1] - start[1]) * t / 10) for t in range(1, 10)]
    return any(b[0] < x < b[2] and b[1] < y < b[3] for b in boxes for x, y in steps)


def _nearest(box: Box, point: Point) -> Point:
    return min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])


def _crowding(items: Sequence[Item]) -> dict[str, int]:
    spots = {item.code: _middle(_union(item.markers)) for item in items}
    return {
        code: sum(1 for other, (x, y) in spots.items() if other != code and math.hypot(x - p[0], y - p[1]) < 80)
        for code, p in spots.items()
    }


def place(
    items: Sequence[Item], width: float, height: float, size: float, obstacles: Iterable[Box] = ()
) -> tuple[list[Label], list[str]]:
    """The names of these items placed without overlaps on a width × height map; and the codes left unplaced."""
    markers = [box for item in items for box in item.markers] + list(obstacles)
    names: list[Box] = []
    crowding = _crowding(items)
    order = sorted(items, key=lambda item: (-crowding[item.code], _middle(_union(item.markers))[0], item.code))
    placed, unplaced = [], []

    def free(box: Box) -> bool:
        inside = box[0] >= MARGIN and box[1] >= MARGIN and box[2] <= width - MARGIN and box[3] <= height - MARGIN
        return (
            inside
            and not any(_meets(box, other) for other in markers)
            and not any(_meets(box, other) for other in names)
        )

    for item in order:
        around = _union(item.markers)
        spot = _middle(around)
        found = None
        for lines in _ways(item.text):
            w, h = text_size(lines, size)
            found = next(((box, anchor, lines, False) for box, anchor in _beside(around, w, h) if free(box)), None)
            if found:
                break
        # Away from the markers, a leader line that runs through no other name if possible, through some if not.
        for strict in (True, False):
            for lines in _ways(item.text) if found is None else ():
                w, h = text_size(lines, size)
                found = next(
                    (
                        (box, anchor, lines, True)
                        for box, anchor in _around(spot, w, h)
                        if free(box) and not (strict and _crosses(spot, _nearest(box, spot), names))
                    ),
                    None,
                )
                if found:
                    break
        if found is None:
            unplaced.append(item.code)
            continue
        box, anchor, lines, leader = found
        names.append(box)
        x = {"start": box[0] + HALO, "end": box[2] - HALO, "middle": (box[0] + box[2]) / 2}[anchor]
        placed.append(Label(item.code, lines, x, (box[1] + box[3]) / 2, anchor, box, spot, leader))
    return placed, unplaced


def overlaps(labels: Sequence[Label]) -> list[tuple[str, str]]:
    """Pairs of names whose boxes meet (none, when ``place`` did its work): for tests and checks."""
    return [(a.code, b.code) for i, a in enumerate(labels) for b in labels[i + 1 :] if _meets(a.box, b.box)]
