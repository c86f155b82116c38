#!/usr/bin/env python
"""Write the bundled workbook ``data/gcm-data.xlsx``: one sheet per dataset of ``gcmdash.model.schema``.

Usage::

    python scripts/generate_data.py [OUTPUT]

OUTPUT is an .xlsx path or a folder (the workbook is then ``OUTPUT/gcm-data.xlsx``); the default is
``data/gcm-data.xlsx``. The output is deterministic: the same code gives byte-identical files
(seeded random numbers, fixed workbook properties and fixed zip timestamps).

Truth rules. Every row carries a Provenance and a Source:

* Published: a public fact, with the document named in Source: the UNECE Regional Information Brief
  (March 2024), the Arab and African briefs, the champion countries listed at the Network's Accra
  event, and the M-MPTF facts in ``/work/shared/reference/gcm-facts.md``.
* Inferred: derived from public facts (e.g. Kazakhstan's and Uzbekistan's pipeline joint
  programmes; contributors named in the UNECE donors' statement). Source says which cells are
  illustrative.
* Illustrative: an invented record standing in for data that is not public (no machine-readable
  export of practices or pledges exists; contribution amounts were not found). Source is
  ``ILLUSTRATIVE`` below. Illustrative records never carry a link pretending to be a document page.

The illustrative records are built so that the figures computed by ``gcmdash.views.metrics.summary``
reproduce the published brief figures, and so that their proportions keep the briefs' qualitative words
("most practices cover multiple objectives": most, not all, in every region; most practices national,
some multilevel; Member States, then civil society, then IOM; the six objectives most UNECE pledges focus
on, with no seventh tied); ``check()`` asserts all of this before anything is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font, PatternFill  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.writer.excel import ExcelWriter  # noqa: E402

from gcmdash.model import countries, framework, regions  # noqa: E402
from gcmdash.model.dataset_specs import DATASETS  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from brief_sections import sections  # noqa: E402, I001

SEED = 2024
DEFAULT_OUTPUT = ROOT / "data" / "gcm-data.xlsx"
WORKBOOK_NAME = "gcm-data.xlsx"
#: Fixed timestamp for the workbook properties and every zip entry, so the bytes never change.
FIXED_TIME = dt.datetime(2024, 3, 1, 0, 0, 0)

# --- Sources -------------------------------------------------------------------------------------
ILLUSTRATIVE = "gcmdash illustrative generator (scripts/generate_data.py)"
UNECE_BRIEF = "Regional Information Brief, UNECE region, updated March 2024"
UNECE_BRIEF_URL = "https://migrationnetwork.un.org/regional-information-brief-unece"
ARAB_BRIEF = "Regional Information Brief, Arab region, updated June 2024"
ARAB_BRIEF_URL = "https://migrationnetwork.un.org/regional-information-brief-arab-region"
AFRICA_BRIEF = "Regional Information Brief, African region, August 2024"
AFRICA_BRIEF_URL = "https://migrationnetwork.un.org/regional-information-brief-african-region"
ACCRA = "UN Network on Migration: the 28 champion countries listed at the Network's Accra event"
MMPTF_FIRST_SIX = "M-MPTF: the first six joint programmes, funded in October 2020"
DONORS_STATEMENT = (
    "UNECE donors' statement on the M-MPTF (Denmark, Germany, the Netherlands, Norway, Spain, "
    "the United Kingdom, the United States)"
)
REPOSITORY_URL = "https://migrationnetwork.un.org/practices"
KOSOVO_NOTE = (
    "References to Kosovo shall be understood to be in the context of UN Security Council resolution 1244 (1999)"
)

# --- Names ---------------------------------------------------------------------------------------
#: Other spellings analysts paste from other sources; each is resolved by gcmdash.model.countries.
ALIASES = {
    "KGZ": "Kyrgyz Republic",
    "TUR": "Republic of Türkiye",
    "BIH": "Bosnia & Herzegovina",
    "MDA": "Moldova",
    "CZE": "Czech Republic",
    "USA": "United States of America",
    "GBR": "UK",
    "RUS": "Russia",
    "GMB": "The Gambia",
    "COD": "DR Congo",
    "EGY": "Egypt, Arab Rep.",
    "LAO": "Lao PDR",
    "IRN": "Iran",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
}
#: Names as they read inside a sentence (titles, entity names).
PROSE = {
    "MDA": "Moldova",
    "GBR": "the United Kingdom",
    "USA": "the United States",
    "NLD": "the Netherlands",
    "PHL": "the Philippines",
    "RUS": "the Russian Federation",
    "KGZ": "Kyrgyzstan",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "IRN": "Iran",
    "FSM": "Micronesia",
    "LAO": "Lao PDR",
    "TZA": "Tanzania",
    "COD": "the Democratic Republic of the Congo",
    "CAF": "the Central African Republic",
    "GMB": "the Gambia",
    "DOM": "the Dominican Republic",
    "ARE": "the United Arab Emirates",
    "SYR": "the Syrian Arab Republic",
    "PSE": "the State of Palestine",
    "KOR": "the Republic of Korea",
    "BHS": "the Bahamas",
    "MDV": "the Maldives",
    "MHL": "the Marshall Islands",
    "COG": "the Congo",
    "CZE": "Czechia",
    "BIH": "Bosnia and Herzegovina",
    "SLB": "Solomon Islands",
    "COM": "the Comoros",
}
#: Cities for local-level practices.
CITIES = {
    "KAZ": ["Almaty", "Astana", "Shymkent"],
    "KGZ": ["Bishkek", "Osh"],
    "TJK": ["Dushanbe", "Khujand"],
    "UZB": ["Tashkent", "Samarkand"],
    "ARM": ["Yerevan", "Gyumri"],
    "GEO": ["Tbilisi", "Batumi", "Kutaisi"],
    "AZE": ["Baku"],
    "MDA": ["Chișinău", "Bălți"],
    "UKR": ["Odesa", "Lviv"],
    "SRB": ["Belgrade", "Novi Sad"],
    "ALB": ["Tirana", "Durrës"],
    "MKD": ["Skopje"],
    "BIH": ["Sarajevo", "Bihać"],
    "TUR": ["Gaziantep", "İzmir", "Istanbul"],
    "DEU": ["Berlin", "Hamburg", "Leipzig"],
    "ITA": ["Palermo", "Turin", "Milan"],
    "ESP": ["Barcelona", "Valencia"],
    "PRT": ["Lisbon", "Porto"],
    "FRA": ["Lyon", "Marseille"],
    "BEL": ["Ghent", "Antwerp"],
    "NLD": ["Utrecht", "Rotterdam"],
    "GRC": ["Athens", "Thessaloniki"],
    "SWE": ["Malmö", "Gothenburg"],
    "NOR": ["Oslo", "Bergen"],
    "IRL": ["Dublin", "Cork"],
    "GBR": ["Glasgow", "Manchester"],
    "USA": ["Chicago", "Houston"],
    "CAN": ["Montréal", "Winnipeg", "Halifax"],
    "CHE": ["Geneva", "Zurich"],
    "AUT": ["Vienna", "Graz"],
    "POL": ["Warsaw", "Wrocław"],
    "CZE": ["Brno"],
    "ROU": ["Cluj-Napoca"],
    "FIN": ["Helsinki", "Tampere"],
    "DNK": ["Aarhus"],
    "KEN": ["Nairobi", "Mombasa"],
    "NGA": ["Lagos", "Kano"],
    "GHA": ["Accra", "Kumasi"],
    "SEN": ["Dakar", "Tambacounda"],
    "ETH": ["Addis Ababa", "Dire Dawa"],
    "ZAF": ["Johannesburg", "Cape Town"],
    "UGA": ["Kampala", "Arua"],
    "CIV": ["Abidjan"],
    "MLI": ["Bamako", "Kayes"],
    "NER": ["Agadez", "Niamey"],
    "ZMB": ["Lusaka"],
    "RWA": ["Kigali"],
    "PHL": ["Manila", "Cebu"],
    "IDN": ["Jakarta", "Surabaya"],
    "THA": ["Bangkok", "Chiang Mai", "Mae Sot"],
    "BGD": ["Dhaka", "Sylhet"],
    "NPL": ["Kathmandu", "Pokhara"],
    "IND": ["Kochi", "Hyderabad"],
    "VNM": ["Ho Chi Minh City", "Hanoi"],
    "MYS": ["Kuala Lumpur", "Penang"],
    "LKA": ["Colombo"],
    "PAK": ["Lahore"],
    "KHM": ["Phnom Penh", "Battambang"],
    "FJI": ["Suva"],
    "MNG": ["Ulaanbaatar"],
    "MEX": ["Tijuana", "Tapachula", "Ciudad Juárez"],
    "COL": ["Cúcuta", "Bogotá"],
    "PER": ["Lima", "Tumbes"],
    "CHL": ["Antofagasta", "Santiago"],
    "BRA": ["São Paulo", "Boa Vista"],
    "ECU": ["Quito", "Guayaquil"],
    "GTM": ["Guatemala City", "Quetzaltenango"],
    "CRI": ["San José"],
    "ARG": ["Buenos Aires", "Mendoza"],
    "DOM": ["Santo Domingo"],
    "HND": ["San Pedro Sula"],
    "JOR": ["Amman", "Irbid"],
    "LBN": ["Beirut", "Tripoli"],
    "IRQ": ["Erbil"],
    "EGY": ["Cairo", "Alexandria"],
    "MAR": ["Rabat", "Tangier", "Oujda"],
    "TUN": ["Tunis", "Sfax"],
    "QAT": ["Doha"],
    "ARE": ["Dubai"],
    "SAU": ["Riyadh"],
    "BHR": ["Manama"],
    "KWT": ["Kuwait City"],
}

#: Mainly countries of destination (high income): titles about emigration, return or diaspora do not
#: fit them. A judgement for plausible illustrative titles, not a classification from a source.
DESTINATION = frozenset(
    "AND AUT BEL CAN CHE CYP CZE DEU DNK ESP EST FIN FRA GBR IRL ISL ISR ITA LIE LUX MCO MLT NLD NOR PRT "
    "SMR SVN SWE USA ARE BHR KWT OMN QAT SAU AUS NZL JPN KOR SGP BRN".split()
)
#: Countries of both emigration and immigration (or transit): any title fits.
BOTH = frozenset(
    "RUS TUR KAZ POL HUN SVK GRC HRV LTU LVA ROU BGR MEX COL PER ECU CHL CRI PAN ARG BRA DOM TTO URY "
    "ZAF KEN ETH UGA NGA GHA CIV SEN EGY MAR TUN LBY DZA DJI NER MLI BWA JOR LBN IRQ THA MYS IND CHN IRN".split()
)
#: Voted against A/RES/73/195 (GCM endorsement, 19 December 2018) as recalled when writing this
#: generator (not from gcm-facts.md): kept out of every illustrative pick, so that no invented GCM
#: practice, pledge or report is attributed to them.
VOTED_AGAINST = frozenset({"CZE", "HUN", "ISR", "POL"})
#: Abstained on A/RES/73/195 (same caveat): no illustrative government pledge, report or contribution.
ABSTAINED = frozenset({"AUT", "BGR", "ITA", "LVA", "ROU", "CHE", "LIE", "AUS", "CHL", "SGP", "DZA", "LBY"})

#: ECE countries with a UN Country Team (programme countries), for illustrative "UN Country Team" pledges.
ECE_UNCT = frozenset("ALB ARM AZE BLR BIH GEO KAZ KGZ MDA MNE MKD SRB TJK TKM TUR UKR UZB".split())
#: Micro-States and the smallest island States: drawn less often, as they are in real records.
SMALL = frozenset(
    "AND LIE MCO SMR ISL MLT LUX NRU TUV PLW MHL KIR FSM TON WSM KNA DMA GRD LCA VCT ATG SYC STP COM BRN "
    "MDV BTN CPV DJI BHR".split()
)


def pick(rng: random.Random, pool: list[str]) -> str:
    """A country from the pool, small States less often."""
    return rng.choices(pool, weights=[0.2 if c in SMALL else 1.0 for c in pool])[0]


def fits(iso3: str, tag: str) -> bool:
    """Whether a title tagged "o" (emigration), "d" (immigration) or "" (any) fits the country."""
    if not tag or iso3 in BOTH:
        return True
    return (iso3 in DESTINATION) == (tag == "d")


def prose(iso3: str) -> str:
    """A country's name as written inside a title."""
    return PROSE.get(iso3, countries.country_name(iso3))


def bare(iso3: str) -> str:
    """A country's name without a leading article (for "Government of ...")."""
    return re.sub(r"^the ", "", prose(iso3))


def place(codes: list[str]) -> str:
    names = [prose(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def join(items) -> str:
    """A multi-valued cell as an analyst types it: "2; 7; 15"."""
    return "; ".join(str(i) for i in items)


# --- Practice themes -----------------------------------------------------------------------------
# (objectives, {level: [title phrasings]}). Levels: national/local use {place}; pair uses {a} (origin)
# and {b} (destination); regional uses {place} for a subregion; global has no place. A phrasing
# starting "o:" fits countries of emigration only, "d:" countries of immigration only (see fits()),
# "n:" two neighbouring countries only.
THEMES: list[tuple[tuple[int, ...], dict[str, list[str]]]] = [
    (
        (3, 15, 16),
        {
            "local": [
                "One-stop migrant resource centres in {place}",
                "Migrant information and service desks in {place}",
            ],
            "national": [
                "Network of migrant resource centres across {place}",
                "o:One-stop service points for departing and returning migrants in {place}",
            ],
        },
    ),
    (
        (14, 4),
        {
            "national": [
                "o:Digital consular registration for nationals of {place} abroad",
                "o:Mobile consular days for nationals of {place} working abroad",
            ],
            "global": ["Shared guidance on consular assistance to migrants caught in crises"],
        },
    ),
    (
        (6, 5, 23),
        {
            "pair": [
                "Ethical recruitment corridor pilot between {a} and {b}",
                "Zero-recruitment-fee pilot for workers moving from {a} to {b}",
            ],
            "national": ["o:Licensing and monitoring of private recruitment agencies in {place}"],
            "global": ["Online course on fair and ethical recruitment for labour inspectors"],
        },
    ),
    (
        (18, 5, 16),
        {
            "national": [
                "d:Recognition of foreign qualifications for migrant health workers in {place}",
                "o:Skills passport for returning migrants in {place}",
            ],
            "local": ["d:Bridging courses for migrant engineers and teachers in {place}"],
            "pair": ["Mutual recognition of vocational qualifications between {a} and {b}"],
        },
    ),
    (
        (21, 18, 19),
        {
            "national": ["o:Community-based reintegration support for returnees in {place}"],
            "local": ["o:Reintegration counselling and small-business grants for returnees in {place}"],
            "pair": ["Coordinated reintegration assistance for migrants returning from {b} to {a}"],
        },
    ),
    (
        (10, 7, 11),
        {
            "national": [
                "Specialised shelters and referral for trafficking survivors in {place}",
                "National referral mechanism for victims of trafficking in {place}",
            ],
            "pair": ["Joint investigation teams against trafficking in persons between {a} and {b}"],
            "regional": ["Regional helpline for survivors of trafficking in {place}"],
        },
    ),
    (
        (9, 11, 23),
        {
            "pair": ["n:Cross-border cooperation against migrant smuggling between {a} and {b}"],
            "regional": ["Regional information exchange on migrant smuggling networks in {place}"],
            "national": ["Training for prosecutors on migrant smuggling cases in {place}"],
        },
    ),
    (
        (13, 7, 12),
        {
            "national": [
                "d:Case-management alternatives to immigration detention in {place}",
                "d:Ending immigration detention of children in {place}",
            ],
            "local": ["d:Community placement of migrant families instead of detention in {place}"],
            "global": ["Peer learning programme on alternatives to immigration detention"],
        },
    ),
    (
        (1, 23),
        {
            "national": [
                "Linking administrative registers to produce migration statistics in {place}",
                "Migration module in the labour force survey of {place}",
                "Updated national migration profile for {place}",
            ],
            "regional": ["Harmonised exchange of migration data in {place}"],
            "global": ["Guidance on disaggregating SDG indicators by migratory status"],
        },
    ),
    (
        (20, 19),
        {
            "pair": ["Lower-cost digital remittance channels between {b} and {a}"],
            "national": ["o:Financial literacy training for remittance-receiving families in {place}"],
            "local": ["o:Savings groups for remittance-receiving households in {place}"],
            "global": ["Learning exchange on the digitalisation of remittances"],
        },
    ),
    (
        (19, 2),
        {
            "national": [
                "o:Diaspora investment matching fund in {place}",
                "o:Diaspora expert return programme for {place}",
            ],
            "pair": ["Diaspora mentoring for young entrepreneurs in {a} by professionals living in {b}"],
        },
    ),
    (
        (22, 6),
        {
            "pair": [
                "Bilateral social security agreement between {a} and {b}",
                "Pension portability for seasonal workers between {a} and {b}",
            ],
            "national": ["d:Social insurance enrolment for migrant workers in {place}"],
        },
    ),
    (
        (17, 16),
        {
            "national": [
                "Media training on fair and accurate reporting on migration in {place}",
                "National campaign against xenophobia and hate speech in {place}",
            ],
            "local": ["Schools against discrimination programme in {place}"],
            "global": ["Toolkit for balanced public communication on migration"],
        },
    ),
    (
        (16, 15, 17),
        {
            "local": [
                "d:Language and civic orientation courses for newcomers in {place}",
                "d:Municipal welcome programme for migrant families in {place}",
            ],
            "national": ["d:National integration strategy with local action plans in {place}"],
        },
    ),
    (
        (15, 7),
        {
            "national": ["d:Access to primary health care for migrants regardless of status in {place}"],
            "local": [
                "d:Mobile health clinics for migrant workers in {place}",
                "d:Interpreting services for migrants in public hospitals in {place}",
            ],
        },
    ),
    (
        (15, 16),
        {
            "national": ["d:School enrolment support for migrant and refugee children in {place}"],
            "local": ["d:Homework clubs and mother-tongue classes for migrant children in {place}"],
        },
    ),
    (
        (2, 5, 23),
        {
            "national": [
                "o:Climate-resilient livelihoods to reduce distress migration in {place}",
                "o:Planned relocation guidelines for communities at risk from climate change in {place}",
            ],
            "regional": ["Regional dialogue on human mobility and climate change in {place}"],
            "global": ["Guidance on including human mobility in national adaptation plans"],
        },
    ),
    (
        (8, 23),
        {
            "regional": ["Family tracing and identification of missing migrants in {place}"],
            "national": ["Forensic identification of deceased migrants in {place}"],
            "global": ["Common protocol for recording deaths and disappearances of migrants"],
        },
    ),
    (
        (11, 12, 23),
        {
            "national": ["Human rights training for border officials in {place}"],
            "pair": ["n:Jointly operated border crossing points between {a} and {b}"],
        },
    ),
    (
        (12, 7),
        {
            "national": [
                "Vulnerability screening and referral at points of entry in {place}",
                "Standard procedures for identifying migrants in vulnerable situations in {place}",
            ]
        },
    ),
    (
        (5, 6),
        {
            "pair": ["Seasonal worker scheme between {a} and {b}", "Labour mobility agreement between {a} and {b}"],
            "national": ["d:Online portal for regular labour migration to {place}"],
        },
    ),
    (
        (3, 6, 10),
        {
            "national": [
                "o:Pre-departure orientation for labour migrants in {place}",
                "o:Safe migration information hotline in {place}",
            ],
            "local": ["o:Village information sessions on safe migration around {place}"],
        },
    ),
    (
        (4, 7),
        {
            "national": [
                "d:Birth registration for children of migrants in {place}",
                "Statelessness determination procedure in {place}",
            ]
        },
    ),
    (
        (6, 7, 16),
        {
            "national": ["d:Labour inspection of households employing migrant domestic workers in {place}"],
            "local": ["d:Drop-in centre for migrant domestic workers in {place}"],
        },
    ),
    (
        (23, 1),
        {
            "national": [
                "National GCM implementation plan in {place}",
                "Whole-of-government coordination body on migration in {place}",
            ],
            "regional": ["Sub-regional consultations on GCM implementation in {place}"],
            "global": ["Toolkit for integrating migration into UN Cooperation Frameworks"],
        },
    ),
    (
        (7, 12),
        {
            "national": ["d:Free legal aid for migrant workers in {place}"],
            "local": ["d:Legal clinic for migrants run with law students in {place}"],
        },
    ),
    (
        (7, 15),
        {
            "national": ["d:Guardianship for unaccompanied migrant children in {place}"],
            "local": ["Child-friendly spaces for migrant children in {place}"],
        },
    ),
    (
        (7, 6, 17),
        {
            "national": ["Support for women migrant workers facing gender-based violence in {place}"],
            "local": ["Peer support groups for women migrants in {place}"],
        },
    ),
    (
        (2, 18),
        {
            "national": ["o:Youth employment and skills in communities of high emigration in {place}"],
            "local": ["o:Vocational training for young people considering migration in {place}"],
        },
    ),
    ((21, 3), {"national": ["Return counselling and reintegration planning for migrants in {place}"]}),
    (
        (23, 5),
        {
            "regional": ["Regional consultative process on labour migration in {place}"],
            "global": ["Peer learning platform for GCM Champion countries"],
        },
    ),
    ((16, 19), {"local": ["d:Migrant advisory council to the city government in {place}"]}),
    (
        (1, 17),
        {
            "national": ["Public opinion survey on migration in {place}"],
            "global": ["Open dataset on public attitudes towards migration"],
        },
    ),
    ((15, 22), {"national": ["d:Health insurance coverage for migrant workers in {place}"]}),
]
#: A practice sometimes covers one more objective than its theme's.
EXTRA_OBJECTIVES = (7, 16, 17, 23, 1, 15)
#: Share of practices (and of pledges) covering a single objective: the briefs say "most" cover several, not all.
SINGLE_OBJECTIVE_SHARE = 0.25

# --- Pools of countries per category -------------------------------------------------------------
SUBREGION_TITLES = {
    "ECE": [
        ("Central Asia", ["KAZ", "KGZ", "TJK", "TKM", "UZB"]),
        ("the Western Balkans", ["ALB", "BIH", "MNE", "MKD", "SRB"]),
        ("the South Caucasus", ["ARM", "AZE", "GEO"]),
        ("the Baltic States", ["EST", "LVA", "LTU"]),
    ],
    "ESCWA": [
        ("the Gulf", ["BHR", "KWT", "OMN", "QAT", "SAU", "ARE"]),
        ("the Maghreb", ["DZA", "LBY", "MAR", "TUN"]),
        ("the Mashreq", ["JOR", "LBN", "IRQ"]),
    ],
    "ECA": [
        (
            "West Africa",
            ["BEN", "BFA", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "NER", "NGA", "SEN", "SLE", "TGO"],
        ),
        ("East Africa", ["DJI", "ETH", "KEN", "RWA", "TZA", "UGA"]),
        ("Southern Africa", ["BWA", "SWZ", "LSO", "MWI", "MOZ", "NAM", "ZAF", "ZMB", "ZWE"]),
        ("Central Africa", ["CMR", "CAF", "TCD", "COG", "GAB"]),
    ],
    "ESCAP": [
        ("South-East Asia", ["KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "THA", "VNM"]),
        ("the Pacific", ["FJI", "KIR", "PNG", "WSM", "SLB", "TON", "TUV", "VUT"]),
        ("South Asia", ["BGD", "BTN", "IND", "MDV", "NPL", "PAK", "LKA"]),
    ],
    "ECLAC": [
        ("Central America", ["BLZ", "CRI", "SLV", "GTM", "HND", "NIC", "PAN"]),
        ("the Caribbean", ["BHS", "BRB", "DOM", "HTI", "JAM", "TTO"]),
        ("South America", ["ARG", "BOL", "BRA", "CHL", "COL", "ECU", "PRY", "PER", "URY"]),
    ],
}
#: Migration corridors (origin, destination) used for two-country practices.
PAIRS = {
    "ECE": [("UZB", "KAZ"), ("MDA", "ROU"), ("ALB", "ITA"), ("GEO", "DEU"), ("KGZ", "KAZ"), ("UKR", "DEU")],
    "ECE+ESCWA": [("MAR", "ESP"), ("TUN", "ITA"), ("EGY", "DEU")],
    "ECE+other": [("PHL", "CAN"), ("MEX", "CAN")],
    "ESCWA": [("NPL", "QAT"), ("BGD", "SAU"), ("PHL", "ARE"), ("LKA", "KWT"), ("EGY", "JOR")],
    "ECA": [("ETH", "KEN"), ("ZWE", "ZAF"), ("MLI", "SEN"), ("NER", "NGA"), ("MWI", "ZAF"), ("BFA", "CIV")],
    "ESCAP": [
        ("BGD", "MYS"),
        ("NPL", "MYS"),
        ("KHM", "THA"),
        ("MMR", "THA"),
        ("LKA", "KOR"),
        ("VUT", "AUS"),
        ("TON", "NZL"),
        ("IDN", "JPN"),
    ],
    "ECLAC": [("GTM", "MEX"), ("VEN", "COL"), ("HTI", "DOM"), ("NIC", "CRI"), ("BOL", "ARG"), ("PRY", "ARG")],
}
#: Pairs above that share a land border.
NEIGHBOURS = {
    frozenset(p)
    for p in [
        ("UZB", "KAZ"),
        ("MDA", "ROU"),
        ("KGZ", "KAZ"),
        ("ETH", "KEN"),
        ("ZWE", "ZAF"),
        ("MLI", "SEN"),
        ("NER", "NGA"),
        ("BFA", "CIV"),
        ("KHM", "THA"),
        ("MMR", "THA"),
        ("GTM", "MEX"),
        ("VEN", "COL"),
        ("HTI", "DOM"),
        ("NIC", "CRI"),
        ("BOL", "ARG"),
        ("PRY", "ARG"),
    ]
}
EXCLUDED = {"PRK", "XKX"} | VOTED_AGAINST  # no illustrative practices or pledges attributed to these


def pools() -> dict[str, list[str]]:
    """Countries to draw illustrative records from, per category, sorted (for determinism)."""
    ece = regions.coverage("ECE")
    escwa = regions.coverage("ESCWA")
    eca = regions.coverage("ECA")
    escap = regions.coverage("ESCAP")
    eclac = regions.coverage("ECLAC")
    return {
        "ECE": sorted(regions.members("ECE") - EXCLUDED),
        "ESCWA-only": sorted(escwa - eca - ece - EXCLUDED),
        "ESCWA+ECA": sorted(escwa & eca - EXCLUDED),
        "ECA": sorted(eca - escwa - ece - EXCLUDED),
        "ESCAP": sorted(escap - ece - escwa - EXCLUDED),
        "ECLAC": sorted(eclac - ece - EXCLUDED),
    }


class Namer:
    """Writes country cells as analysts do: mostly UN names, now and then another spelling."""

    def __init__(self, rng: random.Random, alias_rate: float = 0.15):
        self.rng = rng
        self.rate = alias_rate

    def one(self, iso3: str) -> str:
        if iso3 in ALIASES and self.rng.random() < self.rate:
            return ALIASES[iso3]
        return countries.country_name(iso3)

    def many(self, codes: list[str]) -> str:
        return join(self.one(c) for c in codes)


# --- Practices -----------------------------------------------------------------------------------
# Implementer types in ECE, by exact quota: a lead type per practice plus partner types drawn from
# practices without that type. Resulting counts of practices: Member State 46, Civil society 34,
# IOM 27, Other UN entity 18, Local authority 12, Academia 7, Migrant or diaspora organisation 7,
# Private sector 5, Trade union 4 -- Member State > Civil society > IOM, as the brief says.
ECE_LEADS_NONLOCAL = {
    "Member State": 30,
    "Civil society": 12,
    "IOM": 8,
    "Other UN entity": 4,
    "Academia": 3,
    "Migrant or diaspora organisation": 2,
    "Private sector": 1,
    "Trade union": 1,
}
ECE_LEADS_LOCAL = {"Local authority": 7, "Civil society": 2}
ECE_PARTNERS = {
    "Member State": 16,
    "Civil society": 20,
    "IOM": 19,
    "Other UN entity": 14,
    "Local authority": 5,
    "Academia": 4,
    "Migrant or diaspora organisation": 5,
    "Private sector": 4,
    "Trade union": 3,
}
OTHER_LEADS = {
    "Member State": 38,
    "Civil society": 22,
    "IOM": 14,
    "Other UN entity": 12,
    "Local authority": 5,
    "Academia": 3,
    "Migrant or diaspora organisation": 3,
    "Private sector": 2,
    "Trade union": 1,
}

# Practice plan: (category, scope, level, how many). ECE: 65 + 3 + 2 = 70; ESCWA: 3 + 20 = 23; total 250.
# In every region most practices are national and some multilevel ("similar to trends found in other regions").
PRACTICE_PLAN: list[tuple[str, str, str, int]] = [
    ("ECE", "National", "national", 40),
    ("ECE", "Multilevel", "national", 14),
    ("ECE", "Local", "local", 9),
    ("ECE", "Regional", "regional", 1),
    ("ECE", "Regional", "pair", 1),
    ("ECE+ESCWA", "Regional", "pair", 3),
    ("ECE+other", "Regional", "pair", 2),
    ("ESCWA-only", "National", "national", 7),
    ("ESCWA-only", "Local", "local", 1),
    ("ESCWA-only", "Multilevel", "national", 1),
    ("ESCWA+ECA", "National", "national", 5),
    ("ESCWA+ECA", "Local", "local", 1),
    ("ESCWA+ECA", "Multilevel", "national", 1),
    ("ESCWA", "Regional", "pair", 2),
    ("ESCWA", "Regional", "regional", 2),
    ("ECA", "National", "national", 28),
    ("ECA", "Multilevel", "national", 7),
    ("ECA", "Local", "local", 7),
    ("ECA", "Regional", "pair", 4),
    ("ECA", "Regional", "regional", 4),
    ("ESCAP", "National", "national", 28),
    ("ESCAP", "Multilevel", "national", 7),
    ("ESCAP", "Local", "local", 8),
    ("ESCAP", "Regional", "pair", 5),
    ("ESCAP", "Regional", "regional", 4),
    ("ECLAC", "National", "national", 25),
    ("ECLAC", "Multilevel", "national", 7),
    ("ECLAC", "Local", "local", 7),
    ("ECLAC", "Regional", "pair", 5),
    ("ECLAC", "Regional", "regional", 4),
    ("Global", "Global", "global", 10),
]


def _quota_list(quotas: dict[str, int]) -> list[str]:
    return [kind for kind, n in quotas.items() for _ in range(n)]


def _singles(rng: random.Random, count: int) -> list[bool]:
    """For each of count records, whether it covers a single objective: an exact share, in shuffled order."""
    flags = [i < round(count * SINGLE_OBJECTIVE_SHARE) for i in range(count)]
    rng.shuffle(flags)
    return flags


def _extra_counts(rng: random.Random, count: int) -> list[int]:
    """How many objectives each of count pledges adds to its primary one: none for the single-objective share."""
    return [0 if single else (2 if rng.random() < 0.4 else 1) for single in _singles(rng, count)]


def _title(
    rng: random.Random, level: str, fill: dict[str, str], codes: list[str], seen: set[str]
) -> tuple[str, tuple[int, ...]]:
    """A title fitting the countries, not used yet, with its theme's objectives."""
    options = [(text, objectives) for objectives, levels in THEMES for text in levels.get(level, [])]
    rng.shuffle(options)
    for text, objectives in options:
        tag, text = (text[0], text[2:]) if text[:2] in ("o:", "d:", "n:") else ("", text)
        if tag == "n" and frozenset(codes) not in NEIGHBOURS:
            continue
        if level in ("national", "local") and not all(fits(c, tag) for c in codes):
            continue
        title = text.format(**fill)
        if title not in seen:
            seen.add(title)
            return title, objectives
    raise RuntimeError(f"no unused {level} title for {fill}")


def _places(
    rng: random.Random, category: str, level: str, pool: dict[str, list[str]], used_pairs: set
) -> tuple[list[str], dict[str, str]]:
    """The countries of one practice and the words that fill its title."""
    if level == "global":
        return [], {}
    if level == "pair":
        key = category if category in PAIRS else category.split("-")[0]
        options = [p for p in PAIRS[key] if p not in used_pairs] or PAIRS[key]
        a, b = rng.choice(options)
        used_pairs.add((a, b))
        return [a, b], {"a": prose(a), "b": prose(b)}
    region = category.split("-")[0].split("+")[0]
    if level == "regional":
        name, members = rng.choice(SUBREGION_TITLES[region])
        chosen = sorted(rng.sample(members, min(len(members), rng.randint(3, 5))), key=members.index)
        return chosen, {"place": name}
    candidates = pool[category]
    if level == "local":
        with_cities = [c for c in candidates if c in CITIES]
        iso3 = pick(rng, with_cities)
        cities = rng.sample(CITIES[iso3], 2 if len(CITIES[iso3]) > 1 and rng.random() < 0.3 else 1)
        return [iso3], {"place": " and ".join(cities)}
    iso3 = pick(rng, candidates)
    return [iso3], {"place": prose(iso3)}


def practices(rng: random.Random, namer: Namer) -> list[dict]:
    pool = pools()
    principles = framework.principles()
    drafts: list[dict] = []
    seen: set[str] = set()
    used_pairs: set = set()
    for category, scope, level, count in PRACTICE_PLAN:
        for single in _singles(rng, count):
            codes, fill = _places(rng, category, level, pool, used_pairs)
            title, objectives = _title(rng, level, fill, codes, seen)
            objectives = list(objectives)
            if single:  # the theme's first objective is the one its titles are about
                objectives = objectives[:1]
            elif rng.random() < 0.3:
                extra = rng.choice([o for o in EXTRA_OBJECTIVES if o not in objectives])
                objectives.append(extra)
            drafts.append(
                {"category": category, "scope": scope, "codes": codes, "title": title, "objectives": objectives}
            )
    # Implementer types: exact quotas in ECE, weighted draws elsewhere.
    ece = regions.coverage("ECE")
    in_ece = [d for d in drafts if set(d["codes"]) & ece]
    local = [d for d in in_ece if d["scope"] == "Local"]
    other = [d for d in in_ece if d["scope"] != "Local"]
    for group, quotas in ((local, ECE_LEADS_LOCAL), (other, ECE_LEADS_NONLOCAL)):
        leads = _quota_list(quotas)
        assert len(leads) == len(group), (len(leads), len(group))
        rng.shuffle(leads)
        for draft, lead in zip(group, leads, strict=True):
            draft["types"] = {lead}
            draft["lead"] = lead
    for kind, n in ECE_PARTNERS.items():
        eligible = [d for d in in_ece if kind not in d["types"]]
        for draft in rng.sample(eligible, n):
            draft["types"].add(kind)
    kinds, weights = zip(*OTHER_LEADS.items(), strict=True)
    for draft in drafts:
        if "types" in draft:
            continue
        lead = "Local authority" if draft["scope"] == "Local" and rng.random() < 0.7 else rng.choices(kinds, weights)[0]
        draft["types"], draft["lead"] = {lead}, lead
        for _ in range(rng.choice((0, 1, 1, 2))):
            draft["types"].add(rng.choices(kinds, weights)[0])

    order = list(OTHER_LEADS)
    rows = []
    for number, draft in enumerate(drafts, start=1):
        partners = sorted(draft["types"] - {draft["lead"]}, key=order.index)
        start = rng.choices(range(2017, 2024), weights=(2, 6, 9, 9, 10, 9, 6))[0]
        end = min(start + rng.randint(1, 4), 2024) if rng.random() < 0.4 else None
        chosen = sorted(rng.sample(principles, rng.randint(2, 4)), key=principles.index)
        rows.append(
            {
                "practice_id": f"PR-{number:04d}",
                "title": draft["title"],
                "objectives": join(draft["objectives"]),
                "countries": namer.many(draft["codes"]) or None,
                "scope": draft["scope"],
                "implementer_types": join([draft["lead"], *partners]),
                "principles": join(chosen),
                "start_year": start,
                "end_year": end,
                "link": REPOSITORY_URL,
                "provenance": "Illustrative",
                "source": ILLUSTRATIVE,
                "_codes": draft["codes"],
                "_types": sorted(draft["types"]),
                "_objectives": draft["objectives"],
            }
        )
    return rows


# --- Pledges -------------------------------------------------------------------------------------
# Pledge titles by primary objective, each with flags: "s" only a State can pledge it (other entities
# pledge to advocate for or support it), "o"/"d" it fits countries of emigration/immigration only.
PLEDGE_TITLES: dict[int, list[tuple[str, str]]] = {
    1: [
        ("Publish migration statistics disaggregated by sex, age and migratory status", "s"),
        ("Set up a national working group on migration data", ""),
        ("Share administrative data on migration for research", ""),
    ],
    2: [
        ("Invest in local livelihoods in regions of high emigration", "o"),
        ("Address climate-related drivers of displacement", "o"),
        ("Support rural youth employment so that migration is a choice", "o"),
        ("Fund development cooperation on the drivers of migration", "sd"),
        ("Fund climate adaptation in communities at risk of displacement", "d"),
    ],
    3: [
        ("Provide multilingual information for newly arrived migrants", "d"),
        ("Expand safe migration counselling before departure", "o"),
    ],
    4: [
        ("Issue identity documents to undocumented migrants", "s"),
        ("Guarantee birth registration for every child born in the country", "s"),
    ],
    5: [
        ("Open new regular pathways for labour migration", "sd"),
        ("Simplify family reunification procedures", "sd"),
        ("Offer humanitarian visas to people displaced by disasters", "sd"),
        ("Negotiate labour mobility agreements with countries of destination", "so"),
    ],
    6: [
        ("Eliminate recruitment fees charged to migrant workers", ""),
        ("Strengthen labour inspection in sectors employing migrants", "sd"),
    ],
    7: [
        ("Expand legal aid for migrant workers", "d"),
        ("Strengthen protection for migrants in vulnerable situations", ""),
        ("Separate access to public services from immigration enforcement", "sd"),
        ("Protect migrant children from violence and exploitation", ""),
        ("Support women migrant workers who face violence", ""),
    ],
    8: [("Strengthen search and rescue coordination", "s"), ("Support families searching for missing migrants", "")],
    9: [("Prosecute smugglers while protecting smuggled migrants", "s")],
    10: [
        ("Adopt a national action plan against trafficking in persons", "s"),
        ("Fund shelters for survivors of trafficking", "s"),
        ("Train frontline workers to identify trafficking", ""),
    ],
    11: [("Train border officials on human rights at borders", "s")],
    12: [("Introduce vulnerability screening at borders", "s")],
    13: [("End immigration detention of children", "sd"), ("Expand community-based alternatives to detention", "d")],
    14: [("Extend consular services to nationals working abroad", "so")],
    15: [
        ("Ensure access to health care for all migrants", "d"),
        ("Guarantee school enrolment for migrant children", ""),
        ("Open housing support to migrants on equal terms", "d"),
        ("Provide psychosocial support to migrants and returnees", ""),
    ],
    16: [
        ("Fund language and integration courses for newcomers", "d"),
        ("Support local integration strategies", ""),
        ("Involve migrants in municipal decision-making", ""),
        ("Build social cohesion in host communities", ""),
    ],
    17: [
        ("Run a campaign against xenophobia and racism", ""),
        ("Train journalists on reporting on migration", ""),
        ("Adopt an anti-discrimination action plan covering migrants", "s"),
        ("Monitor and report hate speech against migrants", ""),
    ],
    18: [
        ("Simplify the recognition of foreign qualifications", "sd"),
        ("Offer skills training to returning migrants", "o"),
    ],
    19: [
        ("Engage diaspora communities in development planning", "o"),
        ("Support diaspora entrepreneurship", ""),
        ("Partner with diaspora organisations in development cooperation", "d"),
    ],
    20: [("Reduce the cost of sending remittances", ""), ("Promote the financial inclusion of migrants", "")],
    21: [
        ("Support the sustainable reintegration of returning migrants", "o"),
        ("Fund reintegration support in countries of origin", "d"),
    ],
    22: [
        ("Conclude social security agreements with countries of origin", "sd"),
        ("Conclude social security agreements with countries of destination", "so"),
    ],
    23: [
        ("Share national experience of GCM implementation with other States", "s"),
        ("Support the GCM capacity-building mechanism", "d"),
        ("Take part in regional reviews of GCM implementation", ""),
        ("Contribute to the Migration Multi-Partner Trust Fund", "sdf"),
    ],
}
#: How an entity that is not a State words a State-only pledge.
ON_BEHALF = {
    "Civil society": "Advocate to",
    "Migrant or diaspora organisation": "Advocate to",
    "Trade union": "Advocate to",
    "Academia": "Provide evidence to help",
    "Private sector": "Support efforts to",
    "Local authority": "Support national efforts to",
    "IOM": "Support the government to",
    "Other UN entity": "Support the government to",
}
ECE_TOP_OBJECTIVES = (2, 7, 15, 16, 17, 23)
ECE_PLEDGE_TYPES = {
    "Member State": 45,
    "Civil society": 20,
    "Local authority": 8,
    "Other UN entity": 6,
    "IOM": 4,
    "Academia": 3,
    "Migrant or diaspora organisation": 3,
    "Private sector": 2,
    "Trade union": 2,
}
OTHER_PLEDGE_TYPES = {
    "Member State": 45,
    "Civil society": 25,
    "Local authority": 6,
    "Other UN entity": 8,
    "IOM": 6,
    "Academia": 3,
    "Migrant or diaspora organisation": 4,
    "Private sector": 2,
    "Trade union": 1,
}
#: Pledges outside ECE, by the pool their countries come from (none is in ECE's coverage).
OTHER_PLEDGES = {"ECA": 35, "ESCAP": 35, "ECLAC": 30, "ESCWA": 15}
GLOBAL_PLEDGES = [
    (
        "IOM",
        "IOM",
        ["Process-oriented", "Human resources"],
        [1, 23],
        "Support States in preparing voluntary GCM reviews",
    ),
    (
        "UN Network on Migration secretariat",
        "Other UN entity",
        ["Process-oriented"],
        [23, 1],
        "Maintain an open hub of GCM implementation practices",
    ),
    (
        "Global civil society coalition on migration",
        "Civil society",
        ["Process-oriented"],
        [17, 7, 23],
        "Coordinate civil society input to the International Migration Review Forum",
    ),
    (
        "Global network of migrant and diaspora organisations",
        "Migrant or diaspora organisation",
        ["Process-oriented"],
        [19, 16],
        "Amplify migrant voices in GCM regional reviews",
    ),
    (
        "International federation of trade unions",
        "Trade union",
        ["Policy-oriented"],
        [6, 22],
        "Organise migrant workers and promote social security portability",
    ),
    (
        "Global business network on migration",
        "Private sector",
        ["Policy-oriented", "Human resources"],
        [6, 18],
        "Adopt the employer pays principle across supply chains",
    ),
]
CIVIL_SOCIETY_NAMES = [
    "National civil society platform on migration, {c}",
    "Migrant legal aid association, {c}",
    "Women migrant workers' support network, {c}",
    "Refugee and migrant youth forum, {c}",
    "Community association for newcomers, {c}",
]


def _entity(rng: random.Random, kind: str, iso3: str, pool: list[str]) -> tuple[str, list[str]]:
    """An entity name of this type in or near this country, and the countries the pledge concerns."""
    if kind == "Member State":
        return f"Government of {prose(iso3)}", [iso3]
    if kind == "Civil society":
        return rng.choice(CIVIL_SOCIETY_NAMES).format(c=bare(iso3)), [iso3]
    if kind == "Local authority":
        if iso3 not in CITIES:
            iso3 = rng.choice([c for c in pool if c in CITIES])
        return f"Municipality of {rng.choice(CITIES[iso3])}", [iso3]
    if kind == "Other UN entity":
        hosts = [c for c in pool if c not in DESTINATION and (c in ECE_UNCT or c not in regions.coverage("ECE"))]
        if iso3 not in hosts:  # UN Country Teams serve programme countries
            iso3 = pick(rng, hosts)
        return f"UN Country Team, {bare(iso3)}", [iso3]
    if kind == "IOM":
        return f"IOM country office, {bare(iso3)}", [iso3]
    if kind == "Academia":
        return f"University migration research centre, {bare(iso3)}", [iso3]
    if kind == "Private sector":
        return f"National employers' association, {bare(iso3)}", [iso3]
    if kind == "Trade union":
        return f"National trade union confederation, {bare(iso3)}", [iso3]
    if kind == "Migrant or diaspora organisation":
        if iso3 in DESTINATION:
            iso3 = pick(rng, [c for c in pool if c not in DESTINATION])
        hosts = (
            [c for c in pool if c in DESTINATION]
            or [c for c in pool if c in BOTH and c != iso3]
            or [c for c in pool if c != iso3]
        )
        host = pick(rng, hosts)
        return f"Diaspora association of {bare(iso3)} in {prose(host)}", [iso3, host]
    raise ValueError(kind)


def _forms(rng: random.Random, kind: str, financial: bool) -> list[str]:
    if financial:
        return ["Financial"] + (["Policy-oriented"] if rng.random() < 0.3 else [])
    if kind == "Member State":
        forms = ["Policy-oriented"] + (["Process-oriented"] if rng.random() < 0.45 else [])
    elif kind in ("IOM", "Other UN entity"):
        forms = ["Process-oriented"] + (["Human resources"] if rng.random() < 0.5 else [])
    else:
        forms = [rng.choice(["Process-oriented", "Process-oriented", "Human resources", "Policy-oriented"])]
        if rng.random() < 0.2:
            forms.append("Financial")
    return sorted(set(forms), key=("Financial", "Human resources", "Process-oriented", "Policy-oriented").index)


def _pledge_title(
    rng: random.Random, primary: int, kind: str, iso3: str, seen: set[str], donor: bool
) -> tuple[str, bool]:
    """A pledge title fitting the entity and its country, preferably unused; and whether it is financial."""
    state = kind == "Member State"
    options = []
    for text, flags in PLEDGE_TITLES[primary]:
        tag = "o" if "o" in flags else "d" if "d" in flags else ""
        if "f" in flags:
            if donor:
                return text, True  # several donors pledge the same thing, in the same words
            continue
        if not fits(iso3, tag):
            continue
        if "s" in flags and not state:
            text = f"{ON_BEHALF[kind]} {text[0].lower()}{text[1:]}"
        options.append(text)
    if not options:  # nothing fits: fall back on any title of the objective, worded for the entity
        text = PLEDGE_TITLES[primary][0][0]
        options = [text if state else f"{ON_BEHALF[kind]} {text[0].lower()}{text[1:]}"]
    rng.shuffle(options)
    unused = [t for t in options if t not in seen] or options  # prefer variety; repeats are realistic
    seen.add(unused[0])
    return unused[0], False


def pledges(rng: random.Random, namer: Namer, practice_rows: list[dict], donors: set[str]) -> list[dict]:
    pool = pools()
    objectives_all = list(range(1, 24))
    others = [o for o in objectives_all if o not in ECE_TOP_OBJECTIVES]
    drafts: list[dict] = []

    # ECE: 93 pledges; primary objectives 13 x each of the six the brief names, 15 among the others.
    ece_kinds = _quota_list(ECE_PLEDGE_TYPES)
    rng.shuffle(ece_kinds)
    primaries = [o for o in ECE_TOP_OBJECTIVES for _ in range(13)] + [rng.choice(others) for _ in range(15)]
    rng.shuffle(primaries)
    for kind, primary, extra in zip(ece_kinds, primaries, _extra_counts(rng, len(primaries)), strict=True):
        secondaries: list[int] = []
        while len(secondaries) < extra:
            choice = rng.choice(ECE_TOP_OBJECTIVES) if rng.random() < 0.55 else rng.choice(others)
            if choice != primary and choice not in secondaries:
                secondaries.append(choice)
        drafts.append({"region": "ECE", "kind": kind, "primary": primary, "secondary": secondaries})
    # Elsewhere: uniform objectives.
    for region, count in OTHER_PLEDGES.items():
        kinds = list(OTHER_PLEDGE_TYPES)
        weights = list(OTHER_PLEDGE_TYPES.values())
        for extra in _extra_counts(rng, count):
            primary = rng.choice(objectives_all)
            secondaries = rng.sample([o for o in objectives_all if o != primary], extra)
            drafts.append(
                {"region": region, "kind": rng.choices(kinds, weights)[0], "primary": primary, "secondary": secondaries}
            )

    region_pool = {
        "ECE": pool["ECE"],
        "ECA": pool["ECA"] + pool["ESCWA+ECA"],
        "ESCAP": pool["ESCAP"],
        "ECLAC": pool["ECLAC"],
        "ESCWA": pool["ESCWA-only"] + pool["ESCWA+ECA"],
    }
    seen: set[str] = set()
    ece_practices = [p for p in practice_rows if set(p["_codes"]) & regions.coverage("ECE")]
    rows: list[dict] = []
    linked = 0
    for draft in drafts:
        countries_pool = region_pool[draft["region"]]
        state = draft["kind"] == "Member State"
        iso3 = pick(rng, [c for c in countries_pool if not (state and c in ABSTAINED)])
        entity, codes = _entity(rng, draft["kind"], iso3, countries_pool)
        is_donor = draft["kind"] == "Member State" and codes[0] in donors
        title, financial = _pledge_title(rng, draft["primary"], draft["kind"], codes[0], seen, is_donor)
        kind = "Individual"
        roll = rng.random()
        if len(codes) > 1:
            kind = "In partnership"
        elif roll < 0.08:
            kind = "Common"
        elif roll < 0.12:
            kind = "Matching"
        elif roll < 0.22 and draft["kind"] == "Member State":
            partner = pick(rng, [c for c in countries_pool if c != codes[0] and c not in ABSTAINED])
            codes = [codes[0], partner]
            kind = "In partnership"
        year = rng.choices(range(2019, 2025), weights=(5, 8, 20, 45, 12, 10))[0]
        related = None
        if draft["region"] == "ECE" and draft["kind"] == "Member State" and linked < 10:
            match = [p for p in ece_practices if codes[0] in p["_codes"] and draft["primary"] in p["_objectives"]]
            if match:
                related = match[0]["practice_id"]
                linked += 1
        objectives = [draft["primary"], *draft["secondary"]]
        rows.append(
            {
                "title": title,
                "entity": entity,
                "entity_type": draft["kind"],
                "kind": kind,
                "forms": join(_forms(rng, draft["kind"], financial)),
                "objectives": join(objectives),
                "countries": namer.many(codes),
                "year": year,
                "related_practice_id": related,
                "link": None,
                "provenance": "Illustrative",
                "source": ILLUSTRATIVE,
                "_codes": codes,
                "_objectives": objectives,
            }
        )
    for entity, kind, forms, objectives, title in GLOBAL_PLEDGES:
        rows.append(
            {
                "title": title,
                "entity": entity,
                "entity_type": kind,
                "kind": "Individual",
                "forms": join(forms),
                "objectives": join(objectives),
                "countries": None,
                "year": 2022,
                "related_practice_id": None,
                "link": None,
                "provenance": "Illustrative",
                "source": ILLUSTRATIVE,
                "_codes": [],
                "_objectives": objectives,
            }
        )
    order = list(range(len(rows)))
    rng.shuffle(order)  # an analyst's sheet is not sorted by region
    rows = [rows[i] for i in order]
    for number, row in enumerate(rows, start=1):
        row["pledge_id"] = f"PL-{number:04d}"
    return rows


# --- Contributions -------------------------------------------------------------------------------
#: Illustrative totals per contributor over 2021-2023 (no per-donor amounts are public). ECE total
#: USD 56.3 million ("over USD 56 million over three years"); world USD 59.2 million (39.5% of the
#: USD 150 million target: "close to 40%"). Germany, the largest donor (fact), is largest here.
CONTRIBUTORS: list[tuple[str, int, str]] = [
    # (iso3, total USD 2021-2023, basis of the contributor's identity)
    ("DEU", 17_450_000, "donors"),
    ("GBR", 8_200_000, "donors"),
    ("NLD", 6_050_000, "donors"),
    ("NOR", 4_300_000, "donors"),
    ("DNK", 3_650_000, "donors"),
    ("USA", 3_500_000, "donors"),
    ("ESP", 3_100_000, "donors"),
    ("BEL", 2_050_000, ""),
    ("FRA", 1_800_000, ""),
    ("SWE", 1_600_000, ""),
    ("IRL", 1_250_000, ""),
    ("PRT", 1_150_000, ""),
    ("FIN", 1_000_000, ""),
    ("CYP", 700_000, ""),
    ("LUX", 500_000, ""),
    ("MAR", 1_000_000, "morocco"),
    ("PHL", 500_000, ""),
    ("MEX", 450_000, ""),
    ("THA", 350_000, ""),
    ("BGD", 300_000, ""),
    ("COL", 300_000, ""),
]
YEARS = (2021, 2022, 2023)


def contributions(rng: random.Random, namer: Namer) -> list[dict]:
    rows = []
    for iso3, total, basis in CONTRIBUTORS:
        years = list(YEARS) if total >= 3_000_000 else sorted(rng.sample(YEARS, rng.randint(1, 3)))
        shares = [rng.uniform(0.6, 1.4) for _ in years]
        amounts = [round(total * s / sum(shares), -4) for s in shares]
        amounts[-1] = total - sum(amounts[:-1])
        if basis == "donors":
            provenance = "Inferred"
            source = (
                f"Contributor named in the {DONORS_STATEMENT}"
                + ("; Germany is the Fund's largest donor" if iso3 == "DEU" else "")
                + f" (gcm-facts.md). Year and amount illustrative: {ILLUSTRATIVE}"
            )
        elif basis == "morocco":
            provenance = "Inferred"
            source = (
                "Contributor per gcm-facts.md (M-MPTF): Morocco contributed jointly with Germany. "
                f"Year and amount illustrative: {ILLUSTRATIVE}"
            )
        else:
            provenance, source = "Illustrative", ILLUSTRATIVE
        for year, amount in zip(years, amounts, strict=True):
            assert amount > 0
            rows.append(
                {
                    "contributor": namer.one(iso3),
                    "year": year,
                    "amount_usd": int(amount),
                    "provenance": provenance,
                    "source": source,
                    "_iso3": iso3,
                }
            )
    return rows


# --- Joint programmes ----------------------------------------------------------------------------
AREAS = {
    "data": "Data and evidence-based policy",
    "protection": "Protection and reducing vulnerabilities",
    "irregular": "Irregular migration and border management",
    "regular": "Regular migration, decent work and development",
    "inclusion": "Social inclusion and integration",
}
AREA_TITLES = {
    "data": "Joint programme on migration data for evidence-based policy in {p}",
    "protection": "Joint programme on protecting migrants in vulnerable situations in {p}",
    "irregular": "Joint programme on rights-based border governance in {p}",
    "regular": "Joint programme on regular migration, decent work and development in {p}",
    "inclusion": "Joint programme on social inclusion of migrants in {p}",
}
FIRST_SIX_SOURCE = (
    f"{MMPTF_FIRST_SIX} (gcm-facts.md). Thematic area, budget and title wording illustrative: {ILLUSTRATIVE}"
)
PIPELINE_GUIDANCE_SOURCE = (
    f"{UNECE_BRIEF}: the Country Network has expressed interest in using the GCM guidance, "
    "including through the M-MPTF priority pipeline Joint Programme. Thematic area (one of the "
    f"brief's three pipeline areas) illustrative: {ILLUSTRATIVE}"
)
# (countries, status, area key, year, title or None, provenance, source)
PROGRAMMES: list[tuple[list[str], str, str, int | None, str | None, str, str]] = [
    (
        ["ZAF"],
        "Funded",
        "inclusion",
        2020,
        "Joint programme on migration governance in South Africa",
        "Published",
        FIRST_SIX_SOURCE,
    ),
    (
        ["TJK"],
        "Funded",
        "regular",
        2020,
        "Joint programme on migration governance in Tajikistan",
        "Published",
        FIRST_SIX_SOURCE,
    ),
    (
        ["PHL"],
        "Funded",
        "regular",
        2020,
        "Joint programme on migration governance in the Philippines",
        "Published",
        FIRST_SIX_SOURCE,
    ),
    (
        ["MKD"],
        "Funded",
        "data",
        2020,
        "Joint programme on migration governance in North Macedonia",
        "Published",
        FIRST_SIX_SOURCE,
    ),
    (
        ["CHL", "MEX"],
        "Funded",
        "inclusion",
        2020,
        "Joint programme on migration governance in Chile and Mexico",
        "Published",
        FIRST_SIX_SOURCE,
    ),
    (
        ["GIN", "LBR", "SLE"],
        "Funded",
        "irregular",
        2020,
        "Joint programme on cross-border migration in the Guinea–Liberia–Sierra Leone border area",
        "Published",
        FIRST_SIX_SOURCE,
    ),
    (["SRB"], "Funded", "inclusion", 2022, None, "Illustrative", ILLUSTRATIVE),
    (["MDA"], "Funded", "data", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["KEN"], "Funded", "regular", 2021, None, "Illustrative", ILLUSTRATIVE),
    (["DJI", "ETH"], "Funded", "protection", 2021, None, "Illustrative", ILLUSTRATIVE),
    (["NER"], "Funded", "protection", 2021, None, "Illustrative", ILLUSTRATIVE),
    (["SEN"], "Funded", "regular", 2022, None, "Illustrative", ILLUSTRATIVE),
    (["NPL"], "Funded", "regular", 2022, None, "Illustrative", ILLUSTRATIVE),
    (["IDN"], "Funded", "protection", 2022, None, "Illustrative", ILLUSTRATIVE),
    (["BGD"], "Funded", "data", 2021, None, "Illustrative", ILLUSTRATIVE),
    (["FJI", "TUV", "VUT"], "Funded", "regular", 2022, None, "Illustrative", ILLUSTRATIVE),
    (["ECU"], "Funded", "inclusion", 2021, None, "Illustrative", ILLUSTRATIVE),
    (["TTO"], "Funded", "protection", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["GTM", "HND"], "Funded", "irregular", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["JOR"], "Funded", "inclusion", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["ZMB", "ZWE"], "Funded", "data", 2023, None, "Illustrative", ILLUSTRATIVE),
    # ECE pipeline: 6, in the brief's three areas (data; regular migration...; social inclusion).
    (
        ["KAZ"],
        "Pipeline",
        "regular",
        None,
        "Joint programme applying the GCM guidance to national implementation in Kazakhstan",
        "Inferred",
        PIPELINE_GUIDANCE_SOURCE,
    ),
    (
        ["UZB"],
        "Pipeline",
        "data",
        None,
        "Joint programme applying the GCM guidance to national implementation in Uzbekistan",
        "Inferred",
        PIPELINE_GUIDANCE_SOURCE,
    ),
    (["ALB"], "Pipeline", "inclusion", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["GEO"], "Pipeline", "data", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["KGZ"], "Pipeline", "regular", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["TUR"], "Pipeline", "inclusion", 2024, None, "Illustrative", ILLUSTRATIVE),
    # Pipeline elsewhere.
    (["GHA"], "Pipeline", "regular", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["MWI"], "Pipeline", "protection", 2024, None, "Illustrative", ILLUSTRATIVE),
    (["LKA"], "Pipeline", "data", 2023, None, "Illustrative", ILLUSTRATIVE),
    (["PER"], "Pipeline", "inclusion", 2024, None, "Illustrative", ILLUSTRATIVE),
    (["LBN"], "Pipeline", "protection", 2024, None, "Illustrative", ILLUSTRATIVE),
]


def programmes(rng: random.Random, namer: Namer) -> list[dict]:
    rows = []
    for number, (codes, status, area, year, title, provenance, source) in enumerate(PROGRAMMES, start=1):
        budget = None
        if status == "Funded":
            budget = rng.randrange(1_500_000, 3_000_001, 50_000)
        rows.append(
            {
                "programme_id": f"JP-{number:02d}",
                "title": title or AREA_TITLES[area].format(p=place(codes)),
                "countries": namer.many(codes),
                "status": status,
                "thematic_area": AREAS[area],
                "year": year,
                "budget_usd": budget,
                "link": None,
                "provenance": provenance,
                "source": source,
                "_codes": codes,
            }
        )
    return rows


# --- Country activities --------------------------------------------------------------------------
#: As printed in the UNECE brief.
ECE_NETWORKS = [
    "Albania",
    "Armenia",
    "Azerbaijan",
    "Belarus",
    "Georgia",
    "Kazakhstan",
    "Kyrgyz Republic",
    "Republic of Moldova",
    "North Macedonia",
    "Serbia",
    "Tajikistan",
    "Turkmenistan",
    "Republic of Türkiye",
    "Uzbekistan",
    "Kosovo",
]
#: As listed in the African brief (gcm-facts.md).
AFRICA_NETWORKS = [
    "Algeria",
    "Burkina Faso",
    "Cameroon",
    "Central African Republic",
    "Chad",
    "Côte d'Ivoire",
    "Djibouti",
    "Egypt",
    "Ethiopia",
    "The Gambia",
    "Ghana",
    "Guinea",
    "Guinea-Bissau",
    "Kenya",
    "Liberia",
    "Libya",
    "Malawi",
    "Mali",
    "Mauritania",
    "Mauritius",
    "Mozambique",
    "Morocco",
    "Niger",
    "Nigeria",
    "Rwanda",
    "Senegal",
    "Sierra Leone",
    "Somalia",
    "Sudan",
    "Swaziland",
    "DR Congo",
    "Tunisia",
    "Zambia",
    "Zimbabwe",
]
ECE_WORKSHOPS = [
    "Armenia",
    "Bosnia & Herzegovina",
    "Georgia",
    "Kazakhstan",
    "Kyrgyz Republic",
    "Tajikistan",
    "Turkmenistan",
    "Ukraine",
    "Uzbekistan",
]
CHAMPIONS = [
    "Azerbaijan",
    "Canada",
    "Chad",
    "Colombia",
    "Costa Rica",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Ethiopia",
    "Ghana",
    "Guinea-Bissau",
    "Honduras",
    "Iraq",
    "Kenya",
    "Luxembourg",
    "Malawi",
    "Mali",
    "Mexico",
    "Morocco",
    "Niger",
    "Nigeria",
    "Panama",
    "Peru",
    "Portugal",
    "Senegal",
    "Sierra Leone",
    "The Gambia",
    "Türkiye",
]
CHAMPION_NOTES = {
    "Luxembourg": (
        "The Permanent Representative of Luxembourg to the UN co-facilitated the IMRF Progress "
        f"Declaration ({UNECE_BRIEF})"
    ),
    "Portugal": f"Co-chaired one roundtable at the IMRF ({UNECE_BRIEF})",
    "Azerbaijan": f"Co-chaired one roundtable at the IMRF ({UNECE_BRIEF})",
}
STEERING_COMMITTEE = ["DEU", "GBR", "NLD", "NOR"]  # illustrative picks among the largest (illustrative) donors


def activities(rng: random.Random) -> list[dict]:
    rows: list[dict] = []

    def add(country, activity, provenance, source, year=None, note=None):
        rows.append(
            {
                "country": country,
                "activity": activity,
                "year": year,
                "date": None,
                "link": None,
                # No Country Network's Terms of Reference address was found in a public page: empty, and the
                # brief's note that missing ones are being revised is shown beside the list.
                "terms_of_reference": None,
                "note": note,
                "provenance": provenance,
                "source": source,
            }
        )

    for name in ECE_NETWORKS:
        add(name, "Country Network", "Published", UNECE_BRIEF, note=KOSOVO_NOTE if name == "Kosovo" else None)
    for name in AFRICA_NETWORKS:
        note = 'Eswatini; listed as "Swaziland" in the brief' if name == "Swaziland" else None
        add(name, "Country Network", "Published", AFRICA_BRIEF, note=note)
    for name in ECE_WORKSHOPS:
        add(name, "UNCT workshop", "Published", UNECE_BRIEF, note="Workshop date not given in the brief")
    for name in CHAMPIONS:
        add(name, "Champion country", "Published", ACCRA, note=CHAMPION_NOTES.get(name))
    reporters = sorted(regions.members("ECE") - VOTED_AGAINST - ABSTAINED, key=countries.country_name)
    for iso3 in sorted(rng.sample(reporters, 24), key=countries.country_name):
        add(
            countries.country_name(iso3),
            "Voluntary GCM report",
            "Illustrative",
            ILLUSTRATIVE,
            year=2021,
            note="Illustrative pick: the UNECE brief gives the number of reports (24), not the countries",
        )
    for iso3 in STEERING_COMMITTEE:
        add(
            countries.country_name(iso3),
            "Steering Committee member",
            "Illustrative",
            ILLUSTRATIVE,
            note="Illustrative pick: the UNECE brief gives the number of members from the region (4), not their names",
        )
    return rows


# --- Brief figures -------------------------------------------------------------------------------
MARCH_2024 = dt.date(2024, 3, 1)
FIGURES: list[tuple[str, str, float, dt.date, str, str | None]] = [
    ("ECE", "practices", 70, MARCH_2024, UNECE_BRIEF_URL, "70 practices from the UNECE Region by GCM objective"),
    ("ECE", "practices_share_pct", 28, MARCH_2024, UNECE_BRIEF_URL, "28 per cent of all practices"),
    (
        "ECE",
        "pledges",
        93,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "93 pledges from the UNECE Region; most focus on Objectives 2, 7, 15, 16, 17 and 23",
    ),
    (
        "ECE",
        "country_networks",
        15,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "15 Country UN Networks on Migration established in the region (Kosovo included)",
    ),
    ("ECE", "champion_countries", 5, MARCH_2024, UNECE_BRIEF_URL, "5 Champion countries in the region"),
    ("ECE", "voluntary_reports", 24, MARCH_2024, UNECE_BRIEF_URL, "24 voluntary GCM reports ahead of the IMRF"),
    ("ECE", "unct_workshops", 9, MARCH_2024, UNECE_BRIEF_URL, "UN Network Workshops for 9 UN Country Teams"),
    (
        "ECE",
        "joint_programmes_funded",
        4,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "4 Joint Programmes funded in the UNECE region (out of 21 worldwide)",
    ),
    (
        "ECE",
        "joint_programmes_pipeline",
        6,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "6 Joint Programmes in the pipeline: data; regular migration, decent work and development; "
        "social inclusion and integration",
    ),
    (
        "ECE",
        "contributors",
        15,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "15 Member States from the UNECE Region have contributed to the M-MPTF",
    ),
    ("ECE", "contributions_usd", 56_000_000, MARCH_2024, UNECE_BRIEF_URL, "over USD 56 million over three years"),
    ("ECE", "steering_committee_members", 4, MARCH_2024, UNECE_BRIEF_URL, "4 Steering Committee members"),
    ("World", "joint_programmes_funded", 21, MARCH_2024, UNECE_BRIEF_URL, "21 Joint Programmes funded worldwide"),
    (
        "World",
        "contributors",
        21,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "close to 40% of the target mobilized from 21 Member States",
    ),
    (
        "World",
        "capitalisation_target_usd",
        150_000_000,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "total capitalization target of USD 150 million by the IMRF 2026",
    ),
    (
        "World",
        "mobilised_pct",
        40,
        MARCH_2024,
        UNECE_BRIEF_URL,
        "close to 40% of this target has been mobilized, considering the most recent pledges",
    ),
    ("ESCWA", "practices", 23, dt.date(2024, 6, 1), ARAB_BRIEF_URL, "23 practices from the Arab region"),
    (
        "ESCWA",
        "practices_share_pct",
        8,
        dt.date(2024, 6, 1),
        ARAB_BRIEF_URL,
        "8 per cent of all practices (as of June 2024: a larger total than in March 2024)",
    ),
    (
        "ECA",
        "country_networks",
        34,
        dt.date(2024, 8, 1),
        AFRICA_BRIEF_URL,
        "34 UN Country Networks on Migration in Africa",
    ),
]


def _qualifier(note: str | None) -> str | None:
    """The brief's own hedge, kept so the app compares "over USD 56 million" as a lower bound."""
    text = (note or "").casefold()
    return "Over" if text.startswith("over ") else "Close to" if text.startswith("close to") else None


def figures() -> list[dict]:
    return [
        {
            "region": r,
            "metric": m,
            "value": v,
            "qualifier": _qualifier(n) if m in ("contributions_usd", "mobilised_pct") else None,
            "as_of": d,
            "source": s,
            "note": n,
        }
        for r, m, v, d, s, n in FIGURES
    ]


# --- Checks --------------------------------------------------------------------------------------
def check(data: dict[str, list[dict]]) -> None:
    """Assert that the records reproduce the published figures before anything is written."""
    ece, escwa = regions.coverage("ECE"), regions.coverage("ESCWA")

    def resolve(text: str) -> str:
        found = countries.resolve(text).iso3
        assert found, f"country {text!r} does not resolve"
        return found

    practice_rows = data["practices"]
    in_ece = [p for p in practice_rows if set(p["_codes"]) & ece]
    assert len(practice_rows) == 250, len(practice_rows)
    assert len(in_ece) == 70, len(in_ece)
    assert sum(1 for p in practice_rows if set(p["_codes"]) & escwa) == 23
    assert len({p["title"] for p in practice_rows}) == len(practice_rows), "practice titles repeat"
    scopes = Counter(p["scope"] for p in in_ece)
    assert scopes["National"] > scopes["Multilevel"] > 0, scopes
    types = Counter(t for p in in_ece for t in p["_types"]).most_common()
    assert [t for t, _ in types[:3]] == ["Member State", "Civil society", "IOM"], types
    assert types[0][1] > types[1][1] > types[2][1] > types[3][1], types

    pledge_rows = data["pledges"]
    ece_pledges = [p for p in pledge_rows if set(p["_codes"]) & ece]
    assert len(ece_pledges) == 93, len(ece_pledges)
    counts = Counter(o for p in ece_pledges for o in p["_objectives"])
    ranked = sorted(range(1, 24), key=lambda o: (-counts[o], o))
    assert set(ranked[:6]) == set(ECE_TOP_OBJECTIVES), counts
    assert counts[ranked[5]] - counts[ranked[6]] >= 5, counts

    _check_proportions(practice_rows, pledge_rows)

    contributors = {r["_iso3"] for r in data["contributions"]}
    assert len(contributors) == 21 and len(contributors & ece) == 15, contributors
    ece_total = sum(r["amount_usd"] for r in data["contributions"] if r["_iso3"] in ece)
    world_total = sum(r["amount_usd"] for r in data["contributions"])
    assert ece_total > 56_000_000, ece_total
    assert 38 <= 100 * world_total / 150_000_000 < 40, world_total
    by_donor = Counter()
    for r in data["contributions"]:
        by_donor[r["_iso3"]] += r["amount_usd"]
    assert by_donor.most_common(1)[0][0] == "DEU"

    jps = data["programmes"]
    funded = [j for j in jps if j["status"] == "Funded"]
    assert len(funded) == 21
    assert sum(1 for j in funded if set(j["_codes"]) & ece) == 4
    assert sum(1 for j in jps if j["status"] == "Pipeline" and set(j["_codes"]) & ece) == 6

    acts = [(resolve(a["country"]), a["activity"]) for a in data["activities"]]

    def in_ece_of(activity):
        return {c for c, a in acts if a == activity and c in ece}

    assert len(in_ece_of("Country Network")) == 15
    assert in_ece_of("Champion country") == {"AZE", "CAN", "LUX", "PRT", "TUR"}
    assert len(in_ece_of("UNCT workshop")) == 9
    assert sum(1 for c, a in acts if a == "Voluntary GCM report" and c in ece) == 24
    assert len(in_ece_of("Steering Committee member")) == 4
    assert len({c for c, a in acts if a == "Country Network"} - ece) == 34
    assert len(set(acts)) == len(acts)


def _check_proportions(practice_rows: list[dict], pledge_rows: list[dict]) -> None:
    """Assert the briefs' words, not only their numbers: "most" is most, not all, in every region and worldwide."""
    for region in [*regions.REGIONS, None]:
        cover = None if region is None else regions.coverage(region)

        def inside(rows: list[dict], cover: frozenset[str] | None = cover) -> list[dict]:
            return rows if cover is None else [r for r in rows if set(r["_codes"]) & cover]

        practices_here, pledges_here = inside(practice_rows), inside(pledge_rows)
        for kind, rows in (("practices", practices_here), ("pledges", pledges_here)):
            several = sum(1 for r in rows if len(r["_objectives"]) > 1) / len(rows)
            assert 0.6 <= several <= 0.85, (region, kind, several)  # "most ... cover multiple objectives"
        spread = sum(1 for r in practices_here if len(r["_codes"]) > 1)
        assert 0 < spread < len(practices_here) / 2, (region, spread)  # "can be implemented in multiple Member States"
        scopes = Counter(r["scope"] for r in practices_here).most_common()
        assert scopes[0][0] == "National" and scopes[0][1] > len(practices_here) / 2, (region, scopes)
        assert scopes[0][1] > scopes[1][1] and 0 < dict(scopes)["Multilevel"], (region, scopes)
    types = Counter(t for p in practice_rows for t in p["_types"]).most_common()  # the Repository as a whole
    assert [t for t, _ in types[:3]] == ["Member State", "Civil society", "IOM"], types
    assert types[0][1] > types[1][1] > types[2][1] > types[3][1], types
    # The Practices page highlights the most frequent objectives, all values tied at the cut included.
    ece = regions.coverage("ECE")
    counts = sorted(
        Counter(o for p in practice_rows if set(p["_codes"]) & ece for o in p["_objectives"]).values(), reverse=True
    )
    assert counts[0] > counts[1] and counts[5] > counts[6], counts


# --- Writing -------------------------------------------------------------------------------------
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDE6F0", end_color="DDE6F0")
MAX_WIDTH = 70


def build() -> dict[str, list[dict]]:
    """Every dataset's rows (with private "_" keys for checks), seeded and deterministic."""
    rng = random.Random(SEED)
    namer = Namer(random.Random(SEED + 1))
    practice_rows = practices(rng, namer)
    donors = {iso3 for iso3, _, _ in CONTRIBUTORS}
    data = {
        "practices": practice_rows,
        "pledges": pledges(rng, namer, practice_rows, donors),
        "contributions": contributions(rng, namer),
        "programmes": programmes(rng, namer),
        "activities": activities(rng),
        "figures": figures(),
        "sections": sections(),
    }
    check(data)
    return data


def workbook(data: dict[str, list[dict]]) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "gcmdash (scripts/generate_data.py)"
    book.properties.lastModifiedBy = "gcmdash (scripts/generate_data.py)"
    book.properties.title = "GCM implementation data (bundled with gcmdash)"
    book.properties.description = (
        "Published figures and facts with their sources; records marked Illustrative are "
        "invented stand-ins for data that is not public."
    )
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    for spec in DATASETS:
        sheet = book.create_sheet(spec.sheet)
        headers = [c.header for c in spec.columns]
        sheet.append(headers)
        for row in data[spec.key]:
            sheet.append([row.get(c.field) for c in spec.columns])
        widths = [len(h) for h in headers]
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            for cell in sheet[letter][1:]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif column.field in ("amount_usd", "budget_usd", "value") and isinstance(cell.value, int):
                    cell.number_format = "#,##0"
                elif column.field == "text":  # paragraphs: wrapped in a column of readable width
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                shown = 10 if isinstance(cell.value, dt.date) else len(str(cell.value or ""))
                widths[index - 1] = max(widths[index - 1], shown)
            sheet.column_dimensions[letter].width = min(widths[index - 1] + 2, MAX_WIDTH)
        for cell in sheet[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center")
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    return book


def xlsx_bytes(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes with fixed timestamps (openpyxl's save_workbook stamps 'now')."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def output_path(argument: str | None) -> Path:
    if argument is None:
        return DEFAULT_OUTPUT
    path = Path(argument)
    return path / WORKBOOK_NAME if path.is_dir() or not path.suffix else path


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", help=f"an .xlsx file or a folder (default {DEFAULT_OUTPUT})")
    args = parser.parse_args(argv)
    target = output_path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    target.write_bytes(xlsx_bytes(workbook(data)))
    counts = Counter(row.get("provenance") for rows in data.values() for row in rows if "provenance" in row)
    print(
        f"wrote {target}: "
        + ", ".join(f"{spec.sheet} {len(data[spec.key])}" for spec in DATASETS)
        + " | "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    return target


if __name__ == "__main__":
    main()
