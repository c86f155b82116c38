"""The terms the spreadsheet format is declared in: column kinds, controlled vocabularies, columns and datasets.

The declarations themselves are in dataset_specs (datasets), common_columns and vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    #: A file set without this dataset is still complete (a warning says what is missing): versions published
    #: before the dataset existed stay readable.
    optional: bool = False

    def column(self, field_name: str) -> Column:
        """The column with this field name."""
        return next(c for c in self.columns if c.field == field_name)

    @property
    def required_fields(self) -> tuple[str, ...]:
        """Fields whose column must be present and filled."""
        return tuple(c.field for c in self.columns if c.required)
