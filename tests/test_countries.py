import csv
import gettext
from pathlib import Path

import pytest

from gcmdash.model.countries import Resolution, country_name, country_table, is_known, resolve

REFERENCE = Path(__file__).parents[1] / "gcmdash" / "model" / "reference" / "country-names.csv"

ALIASES = {
    "Kyrgyz Republic": "KGZ",
    "Kyrgyzstan": "KGZ",
    "Republic of Türkiye": "TUR",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "Turkiye": "TUR",
    "Bosnia & Herzegovina": "BIH",
    "Bosnia and Herzegovina": "BIH",
    "Egypt, Arab Rep.": "EGY",
    "Gambia, The": "GMB",
    "The Gambia": "GMB",
    "Kosovo": "XKX",
    "Swaziland": "SWZ",
    "DR Congo": "COD",
    "Republic of Moldova": "MDA",
    "Moldova": "MDA",
    "North Macedonia": "MKD",
    "Macedonia": "MKD",
    "Czech Republic": "CZE",
    "Russia": "RUS",
    "UK": "GBR",
    "USA": "USA",
    "United States of America": "USA",
    "Iran, Islamic Rep.": "IRN",
    "Yemen, Rep.": "YEM",
    "Venezuela, RB": "VEN",
    "Lao PDR": "LAO",
    "Korea, Rep.": "KOR",
    "Cote d'Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Côte d\u2019Ivoire": "CIV",
    "Cabo Verde": "CPV",
    "Cape Verde": "CPV",
    "Viet Nam": "VNM",
    "Syrian Arab Republic": "SYR",
    "Micronesia, Fed. Sts.": "FSM",
    "St. Lucia": "LCA",
    "Saint Lucia": "LCA",
    "Hong Kong SAR, China": "HKG",
    "TUR": "TUR",
    "tur": "TUR",
    "xkx": "XKX",
    "TR": "TUR",
    "tr": "TUR",
    "XK": "XKX",
    "xk": "XKX",
    "  Bosnia   &  Herzegovina ": "BIH",
}

# gcm-facts.md: the Africa brief's 34 Country Networks, the UNECE brief's 15, the 28 champions.
AFRICA_NETWORKS = {
    "Algeria": "DZA",
    "Burkina Faso": "BFA",
    "Cameroon": "CMR",
    "Central African Republic": "CAF",
    "Chad": "TCD",
    "Côte d'Ivoire": "CIV",
    "Djibouti": "DJI",
    "Egypt": "EGY",
    "Ethiopia": "ETH",
    "The Gambia": "GMB",
    "Ghana": "GHA",
    "Guinea": "GIN",
    "Guinea-Bissau": "GNB",
    "Kenya": "KEN",
    "Liberia": "LBR",
    "Libya": "LBY",
    "Malawi": "MWI",
    "Mali": "MLI",
    "Mauritania": "MRT",
    "Mauritius": "MUS",
    "Mozambique": "MOZ",
    "Morocco": "MAR",
    "Niger": "NER",
    "Nigeria": "NGA",
    "Rwanda": "RWA",
    "Senegal": "SEN",
    "Sierra Leone": "SLE",
    "Somalia": "SOM",
    "Sudan": "SDN",
    "Swaziland": "SWZ",
    "DR Congo": "COD",
    "Tunisia": "TUN",
    "Zambia": "ZMB",
    "Zimbabwe": "ZWE",
}
ECE_NETWORKS = {
    "Albania": "ALB",
    "Armenia": "ARM",
    "Azerbaijan": "AZE",
    "Belarus": "BLR",
    "Georgia": "GEO",
    "Kazakhstan": "KAZ",
    "Kyrgyz Republic": "KGZ",
    "Republic of Moldova": "MDA",
    "North Macedonia": "MKD",
    "Serbia": "SRB",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
    "Republic of Türkiye": "TUR",
    "Uzbekistan": "UZB",
    "Kosovo": "XKX",
}
CHAMPIONS = {
    "Azerbaijan": "AZE",
    "Canada": "CAN",
    "Chad": "TCD",
    "Colombia": "COL",
    "Costa Rica": "CRI",
    "Ecuador": "ECU",
    "Egypt": "EGY",
    "El Salvador": "SLV",
    "Ethiopia": "ETH",
    "Ghana": "GHA",
    "Guinea-Bissau": "GNB",
    "Honduras": "HND",
    "Iraq": "IRQ",
    "Kenya": "KEN",
    "Luxembourg": "LUX",
    "Malawi": "MWI",
    "Mali": "MLI",
    "Mexico": "MEX",
    "Morocco": "MAR",
    "Niger": "NER",
    "Nigeria": "NGA",
    "Panama": "PAN",
    "Peru": "PER",
    "Portugal": "PRT",
    "Senegal": "SEN",
    "Sierra Leone": "SLE",
    "The Gambia": "GMB",
    "Türkiye": "TUR",
}

NEIGHBOURS = {
    "Niger": "NER",
    "Nigeria": "NGA",
    "Congo": "COG",
    "DR Congo": "COD",
    "Democratic Republic of the Congo": "COD",
    "Republic of the Congo": "COG",
    "Guinea": "GIN",
    "Guinea-Bissau": "GNB",
    "Equatorial Guinea": "GNQ",
    "Papua New Guinea": "PNG",
    "Dominica": "DMA",
    "Dominican Republic": "DOM",
    "Sudan": "SDN",
    "South Sudan": "SSD",
    "Samoa": "WSM",
    "American Samoa": "ASM",
    "Niue": "NIU",
}


@pytest.mark.parametrize(
    "text, iso3",
    [*ALIASES.items(), *AFRICA_NETWORKS.items(), *ECE_NETWORKS.items(), *CHAMPIONS.items(), *NEIGHBOURS.items()],
)
def test_resolves_to_the_right_country(text, iso3):
    result = resolve(text)
    assert (result.iso3, result.candidates) == (iso3, ())


def test_kosovo_is_never_serbia():
    assert resolve("Kosovo").iso3 == "XKX"
    assert resolve("Kosovo (UNSCR 1244)").iso3 == "XKX"
    mixed = resolve("Serbia and Kosovo")
    assert mixed.iso3 is None and mixed.candidates == ("SRB", "XKX")
    typo = resolve("Kosova")
    assert typo.iso3 is None and typo.suggestion == "Kosovo"


def test_unknown_name_gets_no_code_and_at_most_a_real_suggestion():
    result = resolve("Atlantis")
    assert result.iso3 is None and result.candidates == ()
    names = set(country_table()["name"])
    assert result.suggestion is None or result.suggestion in names


def test_typo_is_suggested_never_applied():
    result = resolve("Kyrgz Republic")
    assert result == Resolution("Kyrgz Republic", None, (), "Kyrgyzstan")


def test_bare_korea_is_ambiguous():
    result = resolve("Korea")
    assert result.iso3 is None and result.candidates == ("KOR", "PRK")
    assert result.suggestion is None


def test_obsolete_entities_only_when_named_exactly():
    assert resolve("Netherlands Antilles").iso3 == "ANT"
    assert resolve("USSR").iso3 is None  # only country_converter's pattern would match
    assert "ANT" not in set(country_table()["iso3"])
    assert is_known("ANT")


@pytest.mark.parametrize("text", ["", "   ", "N/A", "Global", "Europe"])
def test_non_countries_resolve_to_nothing(text):
    assert resolve(text).iso3 is None


def test_every_listed_name_resolves_to_itself():
    table = country_table()
    wrong = {
        name: resolve(name).iso3
        for iso3, name in zip(table["iso3"], table["name"], strict=True)
        if resolve(name).iso3 != iso3
    }
    assert wrong == {}


def test_un_short_names():
    expected = {
        "TUR": "Türkiye",
        "MDA": "Republic of Moldova",
        "RUS": "Russian Federation",
        "COD": "Democratic Republic of the Congo",
        "COG": "Congo",
        "LAO": "Lao People's Democratic Republic",
        "IRN": "Iran (Islamic Republic of)",
        "GBR": "United Kingdom",
        "USA": "United States",
        "NLD": "Netherlands",
        "CZE": "Czechia",
        "KGZ": "Kyrgyzstan",
        "SYR": "Syrian Arab Republic",
        "TZA": "United Republic of Tanzania",
        "VNM": "Viet Nam",
        "BOL": "Bolivia (Plurinational State of)",
        "VEN": "Venezuela (Bolivarian Republic of)",
        "CIV": "Côte d'Ivoire",
        "KOR": "Republic of Korea",
        "PRK": "Democratic People's Republic of Korea",
        "PSE": "State of Palestine",
        "SWZ": "Eswatini",
        "GMB": "Gambia",
        "XKX": "Kosovo",
        "MKD": "North Macedonia",
    }
    assert {code: country_name(code) for code in expected} == expected
    assert country_name("xkx") == "Kosovo"
    with pytest.raises(KeyError):
        country_name("ZZZ")


def test_country_table_shape():
    table = country_table()
    assert list(table.columns) == ["iso3", "name", "iso2", "un_member"]
    assert table["iso3"].is_unique
    assert int(table["un_member"].sum()) == 193
    assert table.set_index("iso3").loc[["TUR", "XKX", "PSE", "GBR"], "iso2"].tolist() == ["TR", "XK", "PS", "GB"]
    assert not table.set_index("iso3").loc[["XKX", "PSE"], "un_member"].any()
    # Sorted as a reader expects: accents and case do not push names to the end.
    names = table["name"].tolist()
    assert names[0] == "Afghanistan"
    assert names.index("Åland Islands") < names.index("Albania")
    assert names.index("Tunisia") < names.index("Türkiye") < names.index("Turkmenistan")


def test_is_known():
    assert is_known("TUR") and is_known("xkx")
    assert not is_known("ZZZ") and not is_known("")


def test_exception_file_is_consistent():
    with REFERENCE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["iso3", "un_name", "aliases", "source"]
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert is_known(row["iso3"]) and row["source"].strip()
        assert country_name(row["iso3"]) == row["un_name"]


def test_no_foreign_name_resolves_to_the_wrong_country():
    pycountry = pytest.importorskip("pycountry")
    # Portuguese "Guiana" is Guyana, but in English it means French Guiana: left to the latter.
    allowed = {("pt", "Guiana")}
    wrong = []
    for lang in (None, "fr", "es", "pt"):
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext if lang else str
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                name = getattr(country, attr, None)
                if not name:
                    continue
                text = translate(name)
                got = resolve(text).iso3
                if got not in (None, country.alpha_3) and (lang, text) not in allowed:
                    wrong.append((lang, text, country.alpha_3, got))
    assert wrong == []


def test_resolution_is_memoised():
    resolve.cache_clear()
    for i in range(10_000):
        resolve(("Türkiye", "Kyrgyz Republic", "Atlantis", "DR Congo")[i % 4])
    info = resolve.cache_info()
    assert info.misses == 4 and info.hits == 9_996
