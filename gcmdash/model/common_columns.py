"""The columns several datasets share: provenance, source, link, GCM objectives and countries."""

from __future__ import annotations

from gcmdash.model.schema import Column, Kind
from gcmdash.model.vocabularies import PROVENANCES

PROVENANCE = Column(
    "provenance",
    "Provenance",
    Kind.CHOICE,
    "Published: a public fact, named in Source. Inferred: derived from public facts. "
    "Illustrative: an invented record standing in for data that is not public.",
    "Published",
    required=True,
    vocabulary=PROVENANCES,
)
SOURCE = Column("source", "Source", Kind.TEXT, "Where the record comes from: a document, page or generator.", "")
LINK = Column("link", "Link", Kind.URL, "Web address (http or https) of the record's page.", "https://example.org/")
OBJECTIVES = Column(
    "objectives",
    "GCM objectives",
    Kind.OBJECTIVES,
    'Objective numbers 1–23, separated by ";" or ",". "Obj. 2", short labels and "General" are understood.',
    "2; 7; 15",
    required=True,
    synonyms=("objectives", "objective", "gcm objective", "objective s"),
)
COUNTRIES = Column(
    "countries",
    "Countries",
    Kind.COUNTRIES,
    'Countries or areas, separated by ";". UN names, common names or ISO codes.',
    "Kazakhstan; Kyrgyz Republic",
    synonyms=("country", "member states", "member state", "implemented in", "country ies"),
)
