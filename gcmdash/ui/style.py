"""The app's style sheets (the .css files in gcmdash/ui/) as <style> elements, and the contrast arithmetic.

The global sheet, style.css, holds each colour once as a custom property, ``--gcm-NAME: light-dark(LIGHT, DARK)``;
``colours`` reads them back so that tests can check every colour against both themes' backgrounds with
``contrast`` (WCAG 2.2's contrast ratio).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markupsafe import Markup

from gcmdash.render import templating

FOLDER = Path(__file__).resolve().parent
_PROPERTY = re.compile(r"--gcm-([a-z-]+)\s*:\s*light-dark\(\s*(#[0-9A-Fa-f]{6})\s*,\s*(#[0-9A-Fa-f]{6})\s*\)")


@cache
def sheet(name: str) -> str:
    """The text of a style sheet in gcmdash/ui/ (e.g. "layout.css")."""
    return (FOLDER / name).read_text(encoding="utf-8")


def css() -> str:
    """The global style sheet's text (style.css)."""
    return sheet("style.css")


def element(text: str) -> str:
    """Style sheet text as an HTML <style> element, for st.html."""
    # Our own static CSS, never data: marked safe so that its quotes and ">" stay CSS.
    return templating.render("ui/style.html.j2", sheet=Markup(text))


def html() -> str:
    """The global style sheet as an HTML <style> element (static text: nothing from data goes into it)."""
    return element(css())


def colours() -> dict[str, tuple[str, str]]:
    """Every colour the sheet declares: name → (light theme's, dark theme's)."""
    return {name: (light.upper(), dark.upper()) for name, light, dark in _PROPERTY.findall(css())}


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """The relative luminance of a #RRGGBB colour (WCAG 2.2)."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two #RRGGBB colours, 1 to 21 (WCAG 2.2)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
