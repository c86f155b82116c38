"""The controlled vocabularies: the values a choice column accepts, with the spellings people use for each."""

from __future__ import annotations

from gcmdash.model.regions import REGIONS
from gcmdash.model.schema import Vocabulary

ACTOR_TYPES = Vocabulary(
    "actor type",
    (
        "Member State",
        "Civil society",
        "IOM",
        "Other UN entity",
        "Local authority",
        "Academia",
        "Private sector",
        "Migrant or diaspora organisation",
        "Trade union",
        "Other",
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
    ("Local", "National", "Multilevel", "Regional", "Global"),
    {"multi-level": "Multilevel", "multi level": "Multilevel", "sub-national": "Local", "subnational": "Local"},
)
PLEDGE_KINDS = Vocabulary(
    "pledge kind",
    ("Individual", "Common", "In partnership", "Matching"),
    {"partnership": "In partnership", "joint": "In partnership", "matching pledge": "Matching"},
)
PLEDGE_FORMS = Vocabulary(
    "pledge form",
    ("Financial", "Human resources", "Process-oriented", "Policy-oriented"),
    {
        "financial contribution": "Financial",
        "human-resource contribution": "Human resources",
        "human resource": "Human resources",
        "process oriented": "Process-oriented",
        "policy oriented": "Policy-oriented",
    },
)
PROGRAMME_STATUSES = Vocabulary(
    "programme status", ("Funded", "Pipeline"), {"priority pipeline": "Pipeline", "in pipeline": "Pipeline"}
)
# The M-MPTF's five thematic areas, which cluster the 23 objectives (M-MPTF Operations Manual).
THEMATIC_AREAS = Vocabulary(
    "thematic area",
    (
        "Data and evidence-based policy",
        "Protection and reducing vulnerabilities",
        "Irregular migration and border management",
        "Regular migration, decent work and development",
        "Social inclusion and integration",
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
    ("Country Network", "UNCT workshop", "Champion country", "Voluntary GCM report", "Steering Committee member"),
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
    ("Published", "Inferred", "Illustrative"),
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
        "Introduction",
        "Regional Network",
        "Regional Review",
        "Practices",
        "Pledges",
        "Country Networks",
        "Champions",
        "IMRF engagement",
        "UNCT support",
        "Guidance",
        "Stakeholder engagement",
        "M-MPTF",
        "Resources",
        "Timeline",
        "Footnote",
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
