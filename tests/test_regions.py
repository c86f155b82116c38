import pytest

from gcmdash.model.countries import country_name, is_known, resolve
from gcmdash.model.regions import (
    REGIONS,
    coverage,
    is_confirmed,
    members,
    membership_table,
    region_label,
    regions_of,
    subregions,
)

# gcm-facts.md, "Regions": UNECE's 56 member States as UNECE publishes them.
ECE_NAMES = """Albania, Andorra, Armenia, Austria, Azerbaijan, Belarus, Belgium,
Bosnia and Herzegovina, Bulgaria, Canada, Croatia, Cyprus, Czechia, Denmark, Estonia, Finland, France, Georgia, Germany,
Greece, Hungary, Iceland, Ireland, Israel, Italy, Kazakhstan, Kyrgyzstan, Latvia, Liechtenstein,
Lithuania, Luxembourg, Malta, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Poland,
Portugal, Republic of Moldova, Romania, Russian Federation, San Marino, Serbia, Slovakia, Slovenia,
Spain, Sweden, Switzerland, Tajikistan, Türkiye, Turkmenistan, Ukraine, United Kingdom,
United States, Uzbekistan"""
CENTRAL_ASIA_AND_SOUTH_CAUCASUS = {"KAZ", "KGZ", "TJK", "TKM", "UZB", "ARM", "AZE", "GEO"}
ECA_AND_ESCWA = {"DZA", "EGY", "LBY", "MRT", "MAR", "SOM", "SDN", "TUN"}
NON_REGIONAL = {"FRA", "NLD", "GBR", "USA"}


def test_ece_is_exactly_the_facts_file_list():
    names = [n.strip() for n in ECE_NAMES.split(",")]
    codes = {resolve(n).iso3 for n in names}
    assert len(names) == 56 and None not in codes
    assert members("ECE") == codes
    assert coverage("ECE") == codes | {"XKX"}
    assert "XKX" not in members("ECE")


@pytest.mark.parametrize(
    "region, n_members, n_coverage",
    [("ECE", 56, 57), ("ECA", 54, 54), ("ESCAP", 49, 49), ("ESCWA", 20, 20), ("ECLAC", 33, 33)],
)
def test_counts(region, n_members, n_coverage):
    assert (len(members(region)), len(coverage(region))) == (n_members, n_coverage)


def test_overlaps_stated_in_the_facts_file():
    for iso3 in CENTRAL_ASIA_AND_SOUTH_CAUCASUS:
        assert regions_of(iso3) == ("ECE", "ESCAP")
    for iso3 in ECA_AND_ESCWA:
        assert regions_of(iso3) == ("ECA", "ESCWA")
    assert members("ECE") & members("ESCAP") >= CENTRAL_ASIA_AND_SOUTH_CAUCASUS
    assert members("ECA") & members("ESCWA") == ECA_AND_ESCWA


def test_non_regional_members_are_left_out():
    for iso3 in NON_REGIONAL:
        assert regions_of(iso3) == ("ECE",)
    assert not NON_REGIONAL & (coverage("ECLAC") | coverage("ESCAP"))


def test_regions_of():
    assert regions_of("XKX") == ("ECE",)
    assert regions_of("kaz") == ("ECE", "ESCAP")
    assert regions_of("PSE") == ("ESCWA",)
    assert regions_of("BRA") == ("ECLAC",)
    assert regions_of("ATA") == ()


def test_palestine_is_a_full_escwa_member():
    assert "PSE" in members("ESCWA")


def test_every_code_is_a_known_country():
    table = membership_table()
    assert all(is_known(code) for code in table["iso3"])
    for region in REGIONS:
        for name, codes in subregions(region).items():
            assert codes <= coverage(region), (region, name, codes - coverage(region))


def test_membership_table():
    table = membership_table()
    assert list(table.columns) == ["region", "iso3", "name", "role", "confirmed", "source"]
    assert not table.duplicated(["region", "iso3"]).any()
    assert set(table["role"]) == {"member", "covered"}
    assert table["source"].str.strip().ne("").all()
    assert table["name"].tolist() == [country_name(c) for c in table["iso3"]]
    assert list(dict.fromkeys(table["region"])) == list(REGIONS)
    kosovo = table[table["iso3"] == "XKX"].iloc[0]
    assert (kosovo["region"], kosovo["role"], bool(kosovo["confirmed"])) == ("ECE", "covered", True)


def test_confirmation():
    assert is_confirmed("ECE")
    assert [r for r in REGIONS if not is_confirmed(r)] == ["ECA", "ESCAP", "ESCWA", "ECLAC"]
    table = membership_table().set_index(["region", "iso3"])
    # The overlaps named in the facts file are confirmed even where the rest of the list is not.
    assert table.loc[("ESCWA", "EGY"), "confirmed"] and table.loc[("ESCAP", "KAZ"), "confirmed"]
    assert not table.loc[("ESCWA", "JOR"), "confirmed"]


def test_subregions():
    ece = subregions("ECE")
    assert list(ece) == sorted(ece)
    assert ece["Central Asia"] == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    assert ece["South Caucasus"] == {"ARM", "AZE", "GEO"}
    assert ece["Western Balkans"] == {"ALB", "BIH", "MNE", "MKD", "SRB", "XKX"}
    assert ece["Eastern Europe"] == {"BLR", "MDA", "RUS", "UKR"}
    assert ece["North America"] == {"CAN", "USA"}
    assert len(ece["European Union"]) == 27
    eca = subregions("eca")
    assert set().union(*eca.values()) == members("ECA")
    assert sum(len(v) for v in eca.values()) == 54  # African Union regions do not overlap
    assert set(subregions("ESCAP")) == {
        "East and North-East Asia",
        "South-East Asia",
        "South and South-West Asia",
        "North and Central Asia",
        "Pacific",
    }
    assert set().union(*subregions("ESCAP").values()) == members("ESCAP")
    assert set().union(*subregions("ECLAC").values()) == members("ECLAC")
    assert "MEX" in subregions("ECLAC")["Central America"]


def test_region_codes_are_forgiving_but_strict():
    assert region_label("ece") == region_label("UNECE") == region_label("ECE")
    assert region_label("ECA").startswith("ECA")
    assert members("unescwa") == members("ESCWA")
    with pytest.raises(KeyError):
        members("EU")


def test_lookups_return_immutable_sets():
    assert isinstance(members("ECE"), frozenset) and isinstance(coverage("ECE"), frozenset)
    subregions("ECE").clear()
    assert subregions("ECE")
