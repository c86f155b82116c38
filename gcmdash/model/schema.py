"""The spreadsheet format, declared once: datasets, their columns and controlled vocabularies.

Validation, the template workbook and docs/data-format.md are all derived from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from gcmdash.model.regions import REGIONS


class Kind(StrEnum):
    """How a column's cells are read and checked."""

    ID = "identifier"
    TEXT = "text"
    YEAR = "year"
    NUMBER = "number"
    DATE = "date"
    URL = "link"
    COUNTRY = "country"
    COUNTRIES = "countries"
    OBJECTIVES = "objectives"
    PRINCIPLES = "guiding principles"
    CHOICE = "choice"
    CHOICES = "choices"

    @property
    def multi(self) -> bool:
        """Whether one cell holds several values."""
        return self in (Kind.COUNTRIES, Kind.OBJECTIVES, Kind.PRINCIPLES, Kind.CHOICES)


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """A controlled list of values, with spellings people use for each (lower case) mapped to it."""

    name: str
    values: tuple[str, ...]
    synonyms: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """One column of a dataset's sheet."""

    field: str
    header: str
    kind: Kind
    description: str
    example: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    vocabulary: Vocabulary | None = None
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    references: tuple[str, str] | None = None


@dataclass(frozen=True)
class DatasetSpec:
    """One dataset: one sheet of a workbook, or one CSV file."""

    key: str
    sheet: str
    description: str
    columns: tuple[Column, ...]
    synonyms: tuple[str, ...] = ()
    unique_together: tuple[str, ...] = ()

    def column(self, field_name: str) -> Column:
        """The column with this field name."""
        return next(c for c in self.columns if c.field == field_name)

    @property
    def required_fields(self) -> tuple[str, ...]:
        """Fields whose column must be present and filled."""
        return tuple(c.field for c in self.columns if c.required)


#: The template workbook's sheets that hold no data; a filled-in template still has them, so they are skipped quietly.
INSTRUCTIONS = "Instructions"
LISTS = "Lists"
TEMPLATE_SHEETS = frozenset({INSTRUCTIONS, LISTS})

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

_PROVENANCE = Column(
    "provenance",
    "Provenance",
    Kind.CHOICE,
    "Published: a public fact, named in Source. Inferred: derived from public facts. "
    "Illustrative: an invented record standing in for data that is not public.",
    "Published",
    required=True,
    vocabulary=PROVENANCES,
)
_SOURCE = Column("source", "Source", Kind.TEXT, "Where the record comes from: a document, page or generator.", "")
_LINK = Column("link", "Link", Kind.URL, "Web address (http or https) of the record's page.", "https://example.org/")
_OBJECTIVES = Column(
    "objectives",
    "GCM objectives",
    Kind.OBJECTIVES,
    'Objective numbers 1–23, separated by ";" or ",". "Obj. 2", short labels and "General" are understood.',
    "2; 7; 15",
    required=True,
    synonyms=("objectives", "objective", "gcm objective", "objective s"),
)
_COUNTRIES = Column(
    "countries",
    "Countries",
    Kind.COUNTRIES,
    'Countries or areas, separated by ";". UN names, common names or ISO codes.',
    "Kazakhstan; Kyrgyz Republic",
    synonyms=("country", "member states", "member state", "implemented in", "country ies"),
)

PRACTICES = DatasetSpec(
    "practices",
    "Practices",
    "Practices from the Repository of Practices: one row per practice.",
    (
        Column(
            "practice_id",
            "Practice ID",
            Kind.ID,
            "Unique identifier of the practice.",
            "PR-0001",
            required=True,
            unique=True,
            synonyms=("id", "practice", "reference"),
        ),
        Column(
            "title", "Title", Kind.TEXT, "Short title of the practice.", "Skills passport for returnees", required=True
        ),
        _OBJECTIVES,
        _COUNTRIES,
        Column(
            "scope",
            "Scope",
            Kind.CHOICE,
            "Level at which the practice is implemented.",
            "National",
            required=True,
            vocabulary=SCOPES,
            synonyms=("level", "geographic scope"),
        ),
        Column(
            "implementer_types",
            "Implementer types",
            Kind.CHOICES,
            'Types of the implementing actors, separated by ";".',
            "Member State; IOM",
            required=True,
            vocabulary=ACTOR_TYPES,
            synonyms=("implementers", "implementer type", "implementing partners", "implemented by"),
        ),
        Column(
            "principles",
            "Guiding principles",
            Kind.PRINCIPLES,
            'Guiding principles the practice adheres to (names or numbers 1–10), separated by ";".',
            "Human rights; Whole-of-society approach",
            synonyms=("principles", "guiding principle"),
        ),
        Column("start_year", "Start year", Kind.YEAR, "Year implementation began.", "2021", minimum=1990, maximum=2100),
        Column(
            "end_year",
            "End year",
            Kind.YEAR,
            "Year implementation ended, if it has.",
            "2023",
            minimum=1990,
            maximum=2100,
        ),
        _LINK,
        _PROVENANCE,
        _SOURCE,
    ),
    synonyms=("practice", "repository of practices", "good practices"),
)

PLEDGES = DatasetSpec(
    "pledges",
    "Pledges",
    "Pledges made towards GCM implementation: one row per pledge.",
    (
        Column(
            "pledge_id",
            "Pledge ID",
            Kind.ID,
            "Unique identifier of the pledge.",
            "PL-0001",
            required=True,
            unique=True,
            synonyms=("id", "pledge", "reference"),
        ),
        Column(
            "title",
            "Title",
            Kind.TEXT,
            "Short title of the pledge.",
            "Expand legal aid for migrant workers",
            required=True,
        ),
        Column(
            "entity",
            "Pledging entity",
            Kind.TEXT,
            "Who made the pledge.",
            "Government of Portugal",
            required=True,
            synonyms=("entity", "pledger", "pledged by"),
        ),
        Column(
            "entity_type",
            "Entity type",
            Kind.CHOICE,
            "Type of the pledging entity.",
            "Member State",
            required=True,
            vocabulary=ACTOR_TYPES,
            synonyms=("type of entity", "pledging entity type", "stakeholder type"),
        ),
        Column(
            "kind",
            "Kind",
            Kind.CHOICE,
            "Individual, common, in partnership, or matching.",
            "Individual",
            required=True,
            vocabulary=PLEDGE_KINDS,
            synonyms=("pledge kind", "type of pledge", "pledge type"),
        ),
        Column(
            "forms",
            "Forms",
            Kind.CHOICES,
            'Forms of the pledge, separated by ";".',
            "Policy-oriented",
            required=True,
            vocabulary=PLEDGE_FORMS,
            synonyms=("form", "pledge form", "form of pledge"),
        ),
        _OBJECTIVES,
        _COUNTRIES,
        Column(
            "year",
            "Year",
            Kind.YEAR,
            "Year the pledge was made.",
            "2022",
            required=True,
            minimum=2018,
            maximum=2100,
            synonyms=("pledge year", "year pledged"),
        ),
        Column(
            "related_practice_id",
            "Related practice ID",
            Kind.ID,
            "Practice ID (in the Practices sheet) that implements this pledge, if any.",
            "",
            references=("practices", "practice_id"),
            synonyms=("practice id", "related practice"),
        ),
        _LINK,
        _PROVENANCE,
        _SOURCE,
    ),
    synonyms=("pledge", "gcm pledges"),
)

CONTRIBUTIONS = DatasetSpec(
    "contributions",
    "Contributions",
    "Contributions to the Migration Multi-Partner Trust Fund (M-MPTF): one row per contributor and year.",
    (
        Column(
            "contributor",
            "Contributor",
            Kind.COUNTRY,
            "Contributing Member State.",
            "Germany",
            required=True,
            synonyms=("donor", "member state", "country"),
        ),
        Column("year", "Year", Kind.YEAR, "Year of the deposit.", "2023", required=True, minimum=2018, maximum=2100),
        Column(
            "amount_usd",
            "Amount (USD)",
            Kind.NUMBER,
            "Amount deposited, in US dollars.",
            "1500000",
            required=True,
            minimum=0,
            synonyms=("amount", "usd", "amount usd", "contribution", "contribution usd"),
        ),
        _PROVENANCE,
        _SOURCE,
    ),
    synonyms=("contribution", "m mptf contributions", "mptf contributions", "donors"),
    unique_together=("contributor", "year"),
)

PROGRAMMES = DatasetSpec(
    "programmes",
    "Joint programmes",
    "Joint programmes of the M-MPTF, funded or in the pipeline: one row per programme.",
    (
        Column(
            "programme_id",
            "Programme ID",
            Kind.ID,
            "Unique identifier of the joint programme.",
            "JP-01",
            required=True,
            unique=True,
            synonyms=("id", "jp id", "programme", "program id"),
        ),
        Column(
            "title",
            "Title",
            Kind.TEXT,
            "Title of the joint programme.",
            "Migration data for inclusive planning",
            required=True,
        ),
        Column(
            "countries",
            "Countries",
            Kind.COUNTRIES,
            'Countries covered, separated by ";".',
            "Tajikistan",
            required=True,
            synonyms=("country",),
        ),
        Column(
            "status",
            "Status",
            Kind.CHOICE,
            "Funded, or in the pipeline awaiting funds.",
            "Funded",
            required=True,
            vocabulary=PROGRAMME_STATUSES,
        ),
        Column(
            "thematic_area",
            "Thematic area",
            Kind.CHOICE,
            "The M-MPTF thematic area of the programme.",
            "Data and evidence-based policy",
            required=True,
            vocabulary=THEMATIC_AREAS,
            synonyms=("theme", "thematic"),
        ),
        Column(
            "year",
            "Year approved",
            Kind.YEAR,
            "Year the programme was approved or entered the pipeline.",
            "2020",
            minimum=2018,
            maximum=2100,
            synonyms=("year",),
        ),
        Column(
            "budget_usd",
            "Budget (USD)",
            Kind.NUMBER,
            "Approved budget in US dollars.",
            "2000000",
            minimum=0,
            synonyms=("budget", "amount usd"),
        ),
        _LINK,
        _PROVENANCE,
        _SOURCE,
    ),
    synonyms=("programmes", "joint programs", "jps"),
)

ACTIVITY_SPEC = DatasetSpec(
    "activities",
    "Country activities",
    "What happens in each country: Country UN Networks, UNCT workshops, champion countries, voluntary GCM "
    "reports and M-MPTF Steering Committee membership. One row per country, activity and year.",
    (
        Column("country", "Country", Kind.COUNTRY, "The country or area.", "Georgia", required=True),
        Column(
            "activity",
            "Activity",
            Kind.CHOICE,
            "What the row records.",
            "Country Network",
            required=True,
            vocabulary=ACTIVITIES,
            synonyms=("type",),
        ),
        Column(
            "year",
            "Year",
            Kind.YEAR,
            "Year established (networks), of the report (voluntary reports) or of the workshop.",
            "2021",
            minimum=2018,
            maximum=2100,
        ),
        Column("date", "Date", Kind.DATE, "Date of the workshop, as a date or YYYY-MM-DD.", "2023-05-16"),
        Column("link", "Link", Kind.URL, "Terms of Reference, workshop page or report.", "https://example.org/tor"),
        Column("note", "Note", Kind.TEXT, "Anything a reader should know.", ""),
        _PROVENANCE,
        _SOURCE,
    ),
    synonyms=("activities", "countries", "country activity"),
    unique_together=("country", "activity", "year"),
)

BRIEF_FIGURES = DatasetSpec(
    "figures",
    "Brief figures",
    "Figures as published in the Regional Information Briefs, to compare with the figures computed from the records.",
    (
        Column(
            "region",
            "Region",
            Kind.CHOICE,
            "Regional commission, or World.",
            "ECE",
            required=True,
            vocabulary=FIGURE_REGIONS,
        ),
        Column("metric", "Metric", Kind.CHOICE, "Which figure.", "practices", required=True, vocabulary=METRICS),
        Column("value", "Value", Kind.NUMBER, "The published value.", "70", required=True, minimum=0),
        Column(
            "qualifier",
            "Qualifier",
            Kind.CHOICE,
            'How the brief words the value: "over USD 56 million" is Over 56000000; "close to 40%" is Close to 40. '
            "Empty means Exactly.",
            "Exactly",
            vocabulary=QUALIFIERS,
        ),
        Column(
            "as_of",
            "As of",
            Kind.DATE,
            "Date the figure was published or updated.",
            "2024-03-01",
            required=True,
            synonyms=("date", "as of date"),
        ),
        Column(
            "source",
            "Source",
            Kind.URL,
            "Link to the publication.",
            "https://migrationnetwork.un.org/",
            required=True,
            synonyms=("link", "source link"),
        ),
        Column("note", "Note", Kind.TEXT, "Wording of the brief, or a caveat.", ""),
    ),
    synonyms=("figures", "published figures", "brief"),
    unique_together=("region", "metric", "as_of"),
)

DATASETS: tuple[DatasetSpec, ...] = (PRACTICES, PLEDGES, CONTRIBUTIONS, PROGRAMMES, ACTIVITY_SPEC, BRIEF_FIGURES)


def dataset(key: str) -> DatasetSpec:
    """The dataset declaration with this key."""
    return next(d for d in DATASETS if d.key == key)
