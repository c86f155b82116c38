"""Every HTML page or fragment the app builds comes from a Jinja2 template in gcmdash/render/templates/.

Autoescaping is on for every template, so text from spreadsheets is data wherever it lands; markup made here
(an SVG drawn by a builder) is passed as ``markupsafe.Markup`` on purpose, never by turning escaping off.
Undefined names fail loudly instead of printing nothing. Style sheets live beside the templates and are read with
``stylesheet`` so that a page can inline them and stay one self-contained file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2

from gcmdash import i18n

_PACKAGE = "gcmdash.render"
_FOLDER = "templates"


@cache
def environment() -> jinja2.Environment:
    """The one Jinja2 environment: templates from the package, autoescaped, undefined names an error, and words for
    people from the catalogue (``{{ _("Practices") }}``, ``{% trans %}``) in the language in force."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(_PACKAGE, _FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # New style: a translation is escaped like any value, and takes its values by name (_("%(n)s shown", n=…)).
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    environment.globals.update(lang=i18n.current, direction=i18n.direction)
    return environment


def render(name: str, **context: object) -> str:
    """The template `name` (e.g. "brief/page.html.j2") filled with context, every value escaped unless Markup."""
    return environment().get_template(name).render(**context)


@cache
def stylesheet(name: str) -> str:
    """The text of a style sheet kept with the templates (e.g. "brief/brief.css"), to inline in a page."""
    return resources.files(_PACKAGE).joinpath(_FOLDER, name).read_text(encoding="utf-8")
