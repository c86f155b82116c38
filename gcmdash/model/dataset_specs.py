"""The spreadsheet format, declared once: every dataset (one sheet or CSV file) and its columns.

Validation, the template workbook and docs/data-format.md are all derived from these declarations.
"""

from __future__ import annotations

from gcmdash.model.common_columns import COUNTRIES, LINK, OBJECTIVES, PROVENANCE, SOURCE
from gcmdash.model.schema import Column, DatasetSpec, Kind
from gcmdash.model.section_spec import SECTIONS
from gcmdash.model.vocabularies import (
    ACTIVITIES,
    ACTOR_TYPES,
    FIGURE_REGIONS,
    METRICS,
    PLEDGE_FORMS,
    PLEDGE_KINDS,
    PROGRAMME_STATUSES,
    QUALIFIERS,
    SCOPES,
    THEMATIC_AREAS,
)

#: The template workbook's sheets that hold no data; a filled-in template still has them, so they are skipped quietly.
INSTRUCTIONS = "Instructions"
LISTS = "Lists"
TEMPLATE_SHEETS = frozenset({INSTRUCTIONS, LISTS})

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
        OBJECTIVES,
        COUNTRIES,
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
        LINK,
        PROVENANCE,
        SOURCE,
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
        OBJECTIVES,
        COUNTRIES,
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
        LINK,
        PROVENANCE,
        SOURCE,
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
        PROVENANCE,
        SOURCE,
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
        LINK,
        PROVENANCE,
        SOURCE,
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
        Column(
            "link", "Link", Kind.URL, "Workshop page, report or other page of the activity.", "https://example.org/"
        ),
        Column(
            "terms_of_reference",
            "Terms of Reference",
            Kind.URL,
            "Country Network rows only: the web address of the Network's Terms of Reference; empty where they are "
            "not public.",
            "https://example.org/tor",
            synonyms=("tor", "tor link", "terms of reference link"),
        ),
        Column("note", "Note", Kind.TEXT, "Anything a reader should know.", ""),
        PROVENANCE,
        SOURCE,
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

DATASETS: tuple[DatasetSpec, ...] = (
    PRACTICES,
    PLEDGES,
    CONTRIBUTIONS,
    PROGRAMMES,
    ACTIVITY_SPEC,
    BRIEF_FIGURES,
    SECTIONS,
)


def dataset(key: str) -> DatasetSpec:
    """The dataset declaration with this key."""
    return next(d for d in DATASETS if d.key == key)
