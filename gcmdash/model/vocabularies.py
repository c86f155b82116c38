"""The controlled vocabularies: the values a choice column accepts, with the spellings people use for each.

Values are stored in English, as the data format defines them; ``shown`` gives one in the reader's language (each
value shown to people is a catalogue entry, marked ``N_``)."""

from __future__ import annotations

from gcmdash.i18n import N_, _
from gcmdash.model.regions import REGIONS
from gcmdash.model.schema import Vocabulary

ACTOR_TYPES = Vocabulary(
    "actor type",
    (
        N_("Member State"),
        N_("Civil society"),
        N_("IOM"),
        N_("Other UN entity"),
        N_("Local authority"),
        N_("Academia"),
        N_("Private sector"),
        N_("Migrant or diaspora organisation"),
        N_("Trade union"),
        N_("Other"),
    ),
    {
        "government": "Member State",
        "national government": "Member State",
        "state": "Member State",
        "member states": "Member State",
        "cso": "Civil society",
        "ngo": "Civil society",
        "civil society organisation": "Civil society",
        "civil society organization": "Civil society",
        "international organization for migration": "IOM",
        "un entity": "Other UN entity",
        "un agency": "Other UN entity",
        "united nations": "Other UN entity",
        "local government": "Local authority",
        "local authorities": "Local authority",
        "municipality": "Local authority",
        "city": "Local authority",
        "university": "Academia",
        "research institution": "Academia",
        "business": "Private sector",
        "employers": "Private sector",
        "diaspora": "Migrant or diaspora organisation",
        "migrant organisation": "Migrant or diaspora organisation",
        "migrant organization": "Migrant or diaspora organisation",
        "diaspora organization": "Migrant or diaspora organisation",
        "trade unions": "Trade union",
        "workers organisation": "Trade union",
    },
)
SCOPES = Vocabulary(
    "scope",
    (N_("Local"), N_("National"), N_("Multilevel"), N_("Regional"), N_("Global")),
    {"multi-level": "Multilevel", "multi level": "Multilevel", "sub-national": "Local", "subnational": "Local"},
)
PLEDGE_KINDS = Vocabulary(
    "pledge kind",
    (N_("Individual"), N_("Common"), N_("In partnership"), N_("Matching")),
    {"partnership": "In partnership", "joint": "In partnership", "matching pledge": "Matching"},
)
PLEDGE_FORMS = Vocabulary(
    "pledge form",
    (N_("Financial"), N_("Human resources"), N_("Process-oriented"), N_("Policy-oriented")),
    {
        "financial contribution": "Financial",
        "human-resource contribution": "Human resources",
        "human resource": "Human resources",
        "process oriented": "Process-oriented",
        "policy oriented": "Policy-oriented",
    },
)
PROGRAMME_STATUSES = Vocabulary(
    "programme status", (N_("Funded"), N_("Pipeline")), {"priority pipeline": "Pipeline", "in pipeline": "Pipeline"}
)
# The M-MPTF's five thematic areas, which cluster the 23 objectives (M-MPTF Operations Manual).
THEMATIC_AREAS = Vocabulary(
    "thematic area",
    (
        N_("Data and evidence-based policy"),
        N_("Protection and reducing vulnerabilities"),
        N_("Irregular migration and border management"),
        N_("Regular migration, decent work and development"),
        N_("Social inclusion and integration"),
    ),
    {
        "data": "Data and evidence-based policy",
        "protection": "Protection and reducing vulnerabilities",
        "irregular migration": "Irregular migration and border management",
        "regular migration": "Regular migration, decent work and development",
        "social inclusion": "Social inclusion and integration",
        "inclusion": "Social inclusion and integration",
    },
)
ACTIVITIES = Vocabulary(
    "activity",
    (
        N_("Country Network"),
        N_("UNCT workshop"),
        N_("Champion country"),
        N_("Voluntary GCM report"),
        N_("Steering Committee member"),
    ),
    {
        "country un network on migration": "Country Network",
        "un network": "Country Network",
        "network": "Country Network",
        "workshop": "UNCT workshop",
        "un network workshop": "UNCT workshop",
        "champion": "Champion country",
        "voluntary report": "Voluntary GCM report",
        "voluntary national review": "Voluntary GCM report",
        "steering committee": "Steering Committee member",
    },
)
PROVENANCES = Vocabulary(
    "provenance",
    (N_("Published"), N_("Inferred"), N_("Illustrative")),
    {"public": "Published", "confirmed": "Published", "derived": "Inferred", "synthetic": "Illustrative"},
)
QUALIFIERS = Vocabulary(
    "qualifier",
    ("Exactly", "Over", "Close to"),
    {
        "exact": "Exactly",
        "more than": "Over",
        "at least": "Over",
        "about": "Close to",
        "nearly": "Close to",
        "approximately": "Close to",
    },
)
WORLD = "World"
FIGURE_REGIONS = Vocabulary("region", (*REGIONS, WORLD), {"global": WORLD, "unece": "ECE", "all": WORLD})
METRICS = Vocabulary(
    "brief metric",
    (
        "practices",
        "practices_share_pct",
        "pledges",
        "country_networks",
        "champion_countries",
        "voluntary_reports",
        "unct_workshops",
        "joint_programmes_funded",
        "joint_programmes_pipeline",
        "contributors",
        "contributions_usd",
        "mobilised_pct",
        "capitalisation_target_usd",
        "steering_committee_members",
    ),
    # The US spellings the first bundled workbooks used: sheets written then still read as meant.
    {"mobilized_pct": "mobilised_pct", "capitalization_target_usd": "capitalisation_target_usd"},
)
#: The parts of a Regional Information Brief, in the order the briefs give them (the app shows them in this order).
BRIEF_SECTIONS = Vocabulary(
    "brief section",
    (
        N_("Introduction"),
        N_("Regional Network"),
        N_("Regional Review"),
        N_("Practices"),
        N_("Pledges"),
        N_("Country Networks"),
        N_("Champions"),
        N_("IMRF engagement"),
        N_("UNCT support"),
        N_("Guidance"),
        N_("Stakeholder engagement"),
        N_("M-MPTF"),
        N_("Resources"),
        N_("Timeline"),
        N_("Footnote"),
    ),
    {
        "intro": "Introduction",
        "about": "Introduction",
        "regional un network": "Regional Network",
        "regional un network on migration": "Regional Network",
        "review": "Regional Review",
        "gcm regional review": "Regional Review",
        "practice": "Practices",
        "pledge": "Pledges",
        "country network": "Country Networks",
        "country un networks": "Country Networks",
        "champion countries": "Champions",
        "champion": "Champions",
        "imrf": "IMRF engagement",
        "unct": "UNCT support",
        "unct workshops": "UNCT support",
        "un country teams": "UNCT support",
        "gcm guidance": "Guidance",
        "stakeholders": "Stakeholder engagement",
        "mmptf": "M-MPTF",
        "m mptf": "M-MPTF",
        "migration multi-partner trust fund": "M-MPTF",
        "fund": "M-MPTF",
        "resources and tools": "Resources",
        "review timeline": "Timeline",
        "footnotes": "Footnote",
        "note": "Footnote",
    },
)


def shown(value: str) -> str:
    """A controlled value as the reader's language writes it ("Civil society" → "Société civile"); data as it is."""
    return _(value) if isinstance(value, str) and value else value
