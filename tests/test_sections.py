"""The brief's sections as data: the bundled text, its parsing, whom it names, where it shows, and its statements."""

from __future__ import annotations

import datetime as dt

import pytest
from markupsafe import escape
from streamlit.testing.v1 import AppTest

from gcmdash.ingest import loading
from gcmdash.ingest.loading import load_paths
from gcmdash.model import countries, regions
from gcmdash.model.filters import Filters
from gcmdash.render import brief, map_facts
from gcmdash.ui import sections as shown
from gcmdash.views import changes, sections, statements
from tests.conftest import headers, valid_sheets
from tests.test_pages import APP, _open

#: The parts of the UNECE brief the issue names, each with facts its text must carry (the seed brief's facts).
ECE_FACTS = {
    "Regional Network": ("Issue-based Coalition", "Vienna", "IOM, UNDP and UNHCR", "UN Brussels Team"),
    "Regional Review": ("11 March 2024", "Palais des Nations", "Regional Forum for Sustainable Development"),
    "Country Networks": ("Terms of Reference", "being revised"),
    "Champions": ("Regional Champion country meeting",),
    "IMRF engagement": ("Luxembourg", "Portugal and Azerbaijan"),
    "UNCT support": ("Building Migration Partnerships",),
    "Guidance": ("six-step", "Kazakhstan and Uzbekistan", "priority-pipeline"),
    "Stakeholder engagement": ("seven of the fourteen", "Kyrgyz Republic and Tajikistan", "proposal for indicators"),
    "M-MPTF": ("USD 150 million", "over three years"),
    "Resources": ("Submit a practice", "GCM Talks"),
}
#: Each other region's review: its date and place (gcm-facts.md, "The review cycle").
REVIEWS = {
    "ESCWA": ("3–4 July 2024", "Cairo"),
    "ECA": ("9–10 October 2024", "Addis Ababa"),
    "ESCAP": ("4–6 February 2025", "Bangkok"),
    "ECLAC": ("18–20 March 2025", "Santiago"),
}


@pytest.fixture(scope="module")
def data():
    return loading.bundled().dataset


def _part(data, region: str, section: str) -> sections.Part:
    return next(p for p in sections.brief_sections(data, region) if p.section == section)


@pytest.mark.parametrize(("section", "facts"), ECE_FACTS.items())
def test_the_bundled_unece_brief_has_every_section_with_its_facts(data, section, facts):
    part = _part(data, "ECE", section)
    words = " ".join(f"{i.heading} {i.text}" for i in part.items)
    assert part.items, section
    assert [f for f in facts if f not in words] == []
    assert {i.provenance for i in part.items} == {"Published"}
    assert {i.source for i in part.items} == {"https://migrationnetwork.un.org/regional-information-brief-unece"}


@pytest.mark.parametrize(("region", "review"), REVIEWS.items())
def test_other_regions_have_only_their_public_review(data, region, review):
    mine = [i for i in sections.items(data) if i.region == region]
    assert [i.section for i in mine] == ["Regional Review"]
    assert all(fact in mine[0].text for fact in review)
    missing = sections.missing(sections.brief_sections(data, region))
    assert sections.TITLES["Regional Network"] in missing and sections.TITLES["Regional Review"] not in missing


def test_every_region_shares_the_timeline_in_order(data):
    for region in regions.REGIONS:
        timeline = _part(data, region, "Timeline").items
        assert [i.heading for i in timeline][:2] == ["17–20 May 2022", "11 March 2024"]
        assert timeline[-1].heading == "2026"


def test_text_is_paragraphs_and_bullet_points():
    found = sections.blocks("First line\ncarried on.\n\n- one\n• two\n  still two\n\nLast.")
    assert found == (
        sections.Block(False, ("First line carried on.",)),
        sections.Block(True, ("one", "two still two")),
        sections.Block(False, ("Last.",)),
    )
    assert sections.blocks("Intro\n- a\n- b") == (sections.Block(False, ("Intro",)), sections.Block(True, ("a", "b")))


def test_countries_named_in_free_text():
    assert countries.named_in("workshops in the Kyrgyz Republic and Tajikistan, and Guinea-Bissau") == (
        "KGZ",
        "TJK",
        "GNB",
    )
    assert countries.named_in("Niger and Nigeria; Sudan, South Sudan; Bosnia & Herzegovina") == (
        "NER",
        "NGA",
        "SDN",
        "SSD",
        "BIH",
    )
    assert countries.named_in("The Regional Network is based in Vienna; Member States; the UK") == ()


@pytest.mark.parametrize(
    ("iso3", "heading"),
    [
        ("KAZ", "Kazakhstan and Uzbekistan's Country Networks plan to use it, with the M-MPTF priority pipeline"),
        ("TJK", "Stakeholder meetings on Central Asia and EECA, a Kosovo national forum, workshops in the Kyrgyz "
         "Republic and Tajikistan"),
        ("LUX", "Luxembourg co-facilitated the Progress Declaration"),
        ("ESP", "Spain: a panel on GCM implementation and a proposal for indicators"),
    ],
)  # fmt: skip
def test_the_items_naming_a_country(data, iso3, heading):
    assert heading in [i.heading for i in sections.naming(data, iso3)]


def test_the_brief_has_every_section_from_the_data_and_56_member_states(data):
    page = brief.brief_html(data, "ECE", version_label="test")
    for section in ECE_FACTS:
        for item in _part(data, "ECE", section).items:
            assert f"<h4>{escape(item.heading)}</h4>" in page, item.heading
    assert "56 member States or the areas its Regional Network" in page and "57 member" not in page
    assert countries.KOSOVO_FOOTNOTE in page
    assert "Not in the data for this region" not in page


def _with(workbook, **changes) -> object:
    """The valid one-row workbook with Brief sections and Country activities rows replaced (lists of row dicts)."""
    sheets = valid_sheets()
    for sheet, rows in changes.items():
        key = {"sections": "Brief sections", "activities": "Country activities"}[sheet]
        names = headers(sheet)
        base = dict(zip(names, valid_sheets()[key][1], strict=True))
        sheets[key] = [names] + [[{**base, **row}.get(n) for n in names] for row in rows]
    result = load_paths([workbook(sheets)], complete=True)
    assert result.valid, result.issues
    return result.dataset


def test_text_from_the_data_is_escaped_in_the_brief_and_in_markdown(workbook):
    payload = "<b>bold</b> **strong** [x](http://attacker.invalid)"
    data = _with(workbook, sections=[{"Heading": "<i>head</i>", "Text": payload}])
    page = brief.brief_html(data, "ECE", version_label="test")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page and "&lt;i&gt;head&lt;/i&gt;" in page
    fragment = shown.items_html([("<u>label</u>", sections.items(data)[0])])
    assert "&lt;b&gt;bold&lt;/b&gt; **strong** [x](http://attacker.invalid)" in fragment
    assert "&lt;u&gt;label&lt;/u&gt;" in fragment and "<b>" not in fragment and 'href="http://attacker' not in fragment


def test_terms_of_reference_are_linked_where_public(workbook):
    data = _with(
        workbook,
        activities=[
            {"Country": "Georgia", "Terms of Reference": "https://example.org/georgia-tor"},
            {"Country": "Armenia", "Terms of Reference": None},
        ],
    )
    listed = {n.name: n.terms_of_reference for n in sections.networks(data, "ECE")}
    assert listed == {"Georgia": "https://example.org/georgia-tor", "Armenia": None}
    page = brief.brief_html(data, "ECE", version_label="test")
    assert '<a href="https://example.org/georgia-tor">Georgia</a>' in page
    assert "Linked to their Terms of Reference: 1 of 2; the others' are not in the data." in page
    facts = map_facts.country_facts(data, Filters(region="ECE"))
    assert facts.loc["GEO", "tor"] == "https://example.org/georgia-tor" and not isinstance(facts.loc["ARM", "tor"], str)


def _practices(rows: list[tuple[str, str, str]]) -> list[dict]:
    return [{"Practice ID": pid, "Countries": where, "Scope": scope} for pid, where, scope in rows]


def test_most_practices_national_as_in_other_regions_is_checked(workbook):
    sheets = valid_sheets()
    names = headers("practices")
    base = dict(zip(names, sheets["Practices"][1], strict=True))
    rows = [
        ("PR-1", "Serbia", "National"),
        ("PR-2", "Albania", "National"),
        ("PR-3", "Poland", "Local"),
        ("PR-4", "Kenya", "Local"),
        ("PR-5", "Ghana", "Local"),
        ("PR-6", "Chile", "National"),
    ]
    sheets["Practices"] = [names] + [[{**base, **row}.get(n) for n in names] for row in _practices(rows)]
    sheets["Pledges"][1][headers("pledges").index("Related practice ID")] = None
    data = load_paths([workbook(sheets)], complete=True).dataset
    ece = statements.national_practices(data, "ECE")
    assert ece.holds is False  # national in ECE, but not in most other regions with practices (ECA is local)
    assert "67 %" in ece.evidence and "1 of the 2 other regions" in ece.evidence
    assert statements.national_practices(data, "ECA").holds is False
    assert statements.national_practices(data, "ESCWA").holds is None


def test_the_bundled_statements_hold(data):
    found = statements.statements(data, "ECE")
    assert [(s.section, s.holds) for s in found] == [("Practices", True), ("M-MPTF", True)]
    assert [s.section for s in statements.statements(data, "ESCAP")] == ["Practices"]  # no published total there


def _shown_text(app: AppTest) -> list[str]:
    """Every text the run shows: Markdown, captions and the HTML fragments (the data's words are HTML)."""
    return [*(m.value for m in app.markdown), *(c.value for c in app.caption), *(h.proto.body for h in app.get("html"))]


def test_the_overview_shows_the_sections_in_the_brief_s_order():
    app = _open("pages/overview.py", {"region": "ECE"})
    assert not app.exception
    titles = [h.value for h in app.subheader]
    wanted = [sections.TITLES[s] for s in ECE_FACTS]
    assert [t for t in titles if t in wanted] == wanted
    assert any("Vienna" in text for text in _shown_text(app))
    assert any("\\* References to Kosovo" in c.value for c in app.caption)


def test_a_region_without_sections_says_so():
    app = _open("pages/overview.py", {"region": "ESCAP"})
    assert any("Not in the data for this region" in c.value for c in app.caption)
    assert any("Bangkok" in text for text in _shown_text(app))


def test_the_country_profile_shows_the_items_naming_it():
    app = _open("pages/country.py", {"country": "Kazakhstan"})
    assert not app.exception
    assert "In the briefs' text" in [h.value for h in app.subheader]
    assert any("Kazakhstan and Uzbekistan" in text and "priority" in text for text in _shown_text(app))


@pytest.mark.parametrize(("region", "expected"), [("ECE", "Vienna"), ("ESCAP", "Not in the data for this region")])
def test_the_network_and_review_slide(region, expected):
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params.update({"present": "1", "region": region, "slide": "2"})
    app.run()
    assert not app.exception
    assert app.title[0].value == "The Regional Network and the Regional Review"
    assert any(expected in text for text in _shown_text(app))


def test_a_dataset_without_sections_still_loads_and_says_so(workbook):
    sheets = valid_sheets()
    del sheets["Brief sections"]
    result = load_paths([workbook(sheets)], complete=True)
    assert result.valid and [i.code for i in result.issues] == ["optional_sheet_missing"]
    data = result.dataset
    assert sections.items(data) == () and len(sections.missing(sections.brief_sections(data, "ECE"))) == 14
    assert dt.date(2024, 3, 1) == data.as_of


def test_an_edit_of_the_brief_s_text_shows_in_what_would_change(workbook):
    before = "The Regional Network is based in Vienna. IOM, UNDP and UNHCR co-chair it, with others in the region."
    after = before.replace("UNDP and UNHCR", "UNDP, UNHCR and UNICEF")
    old, new = (_with(workbook, sections=[{"Text": text}]) for text in (before, after))
    change = next(c for c in changes.dataset_changes(old, new) if c.key == "sections")
    assert change.changed == (("ECE / Regional Network / 1", ("Text",)),)
    ((_, header, was, now),) = change.edits
    assert "UNDP and UNHCR co-chair" in was and "UNICEF co-chair" in now
