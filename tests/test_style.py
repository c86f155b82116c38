"""The global style sheet: every colour it sets meets WCAG AA contrast on both themes' backgrounds (config.toml)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from gcmdash.ui import style

CONFIG = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())
THEMES = ("light", "dark")
#: The sheet's text colours and the least contrast each needs (WCAG 2.2: 4.5:1 for text, 3:1 for a focus ring).
TEXT = ("muted", "link", "code")


def theme(name: str) -> dict[str, str]:
    return CONFIG["theme"][name]


def backgrounds(name: str) -> list[str]:
    """The page's and the sidebar's (and cards', inputs') background in a theme."""
    return [theme(name)["backgroundColor"], theme(name)["secondaryBackgroundColor"]]


def mix(colour: str, over: str, share: float) -> str:
    """colour at `share` opacity over another, as #RRGGBB (what Streamlit's tinted backgrounds come to)."""
    channels = [round(share * int(colour[i : i + 2], 16) + (1 - share) * int(over[i : i + 2], 16)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02X}" for c in channels)


def test_contrast_is_wcag_arithmetic():
    assert style.contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert style.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # The measurement of Streamlit's caption grey.
    assert style.contrast("#767F89", "#FFFFFF") == pytest.approx(4.06, abs=0.01)
    assert style.contrast("#123456", "#ABCDEF") == style.contrast("#ABCDEF", "#123456")


def test_every_colour_used_is_declared_once_for_both_themes():
    declared = style.colours()
    used = set(re.findall(r"var\(--gcm-([a-z-]+)\)", style.css()))
    assert used and used <= set(declared), f"used but not declared: {used - set(declared)}"
    assert set(declared) <= used, f"declared but not used: {set(declared) - used}"
    assert len(re.findall(r"--gcm-[a-z-]+\s*:", style.css())) == len(declared), "a colour not as light-dark(#, #)"


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("role", TEXT)
def test_text_colours_meet_aa_on_the_page_and_the_sidebar(name, role):
    colour = style.colours()[role][THEMES.index(name)]
    for background in backgrounds(name):
        ratio = style.contrast(colour, background)
        assert ratio >= 4.5, f"--gcm-{role} {colour} on {background} ({name}) is {ratio:.2f}:1"


@pytest.mark.parametrize("name", THEMES)
def test_the_focus_ring_stands_out_from_the_page_and_the_sidebar(name):
    ring = style.colours()["ring"][THEMES.index(name)]
    for background in backgrounds(name):
        assert style.contrast(ring, background) >= 3, f"ring {ring} on {background} ({name})"


def test_the_ring_outside_the_app_stands_out_in_either_theme():
    # Menus and popovers hang outside .stApp, where the sheet cannot tell the theme: one colour for both.
    light, dark = style.colours()["ring-any"]
    assert light == dark
    for background in backgrounds("light") + backgrounds("dark"):
        assert style.contrast(light, background) >= 3, f"ring {light} on {background}"


@pytest.mark.parametrize("name", THEMES)
def test_text_on_the_primary_colour_and_on_a_chosen_pill(name):
    index = THEMES.index(name)
    primary = theme(name)["primaryColor"]
    on_primary = style.colours()["on-primary"][index]
    assert style.contrast(on_primary, primary) >= 4.5, f"{on_primary} on {primary} ({name})"
    # A chosen pill is the primary colour at 10% over the page (measured: #E6F1F8 in the light theme).
    for background in backgrounds(name):
        tint = mix(primary, background, 0.1)
        pill = style.colours()["pill"][index]
        assert style.contrast(pill, tint) >= 4.5, f"pill {pill} on {tint} ({name})"


def test_the_tint_arithmetic_matches_the_measured_pill():
    assert mix("#0072BC", "#FFFFFF", 0.1) == "#E6F1F8"


@pytest.mark.parametrize("name", THEMES)
def test_streamlits_link_and_code_colours_agree_with_the_sheet(name):
    index = THEMES.index(name)
    assert theme(name)["linkColor"].upper() == style.colours()["link"][index]
    assert theme(name)["codeTextColor"].upper() == style.colours()["code"][index]


def test_the_sheet_is_one_static_style_element_that_loads_nothing():
    html = style.html()
    assert html.startswith("<style>") and html.endswith("</style>") and html.count("<style") == 1
    assert "</style" not in style.css()
    for outside in ("url(", "@import", "http"):
        assert outside not in style.css(), f"the style sheet must load nothing ({outside})"
