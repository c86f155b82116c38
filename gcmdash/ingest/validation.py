"""Table-wide checks declared with pandera from the schema: required cells, unique identifiers, row rules and links."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa

from gcmdash.ingest.issues import Issue, IssueCode, shown_value
from gcmdash.ingest.normalising import UNREADABLE, text_of
from gcmdash.model.dataset_specs import dataset
from gcmdash.model.schema import DatasetSpec

_NOT_GLOBAL = ("Local", "National", "Multilevel")
_NETWORK = "Country Network"


def _filled(series: pd.Series) -> pd.Series:
    return series.map(lambda v: v is not None and v is not UNREADABLE)


def _row_rules(spec: DatasetSpec) -> list[pa.Check]:
    """Rules across the cells of one row, named so their failures map to a message."""
    rules: list[pa.Check] = []
    if spec.key == "practices":
        rules.append(
            pa.Check(
                # An unreadable country cell is already reported; it is not also "no country".
                lambda df: ~df["scope"].isin(_NOT_GLOBAL) | df["countries"].notna(),
                name="countries_for_scope",
                ignore_na=False,
            )
        )
    if spec.key == "activities":
        rules.append(
            pa.Check(
                # An unreadable activity is already reported; its row is not also "not a network".
                lambda df: ~_filled(df["terms_of_reference"]) | ~_filled(df["activity"]) | (df["activity"] == _NETWORK),
                name="tor_for_networks",
                ignore_na=False,
            )
        )
    if spec.key == "sections":
        rules.append(pa.Check(lambda df: ~_filled(df["link_text"]) | _filled(df["link"]), name="text_needs_link"))
    fields = {c.field for c in spec.columns}
    if {"start_year", "end_year"} <= fields:
        rules.append(
            pa.Check(
                lambda df: (
                    ~(_filled(df["start_year"]) & _filled(df["end_year"]))
                    | (
                        df["start_year"].where(_filled(df["start_year"]), 0).astype(float)
                        <= df["end_year"].where(_filled(df["end_year"]), 0).astype(float)
                    )
                ),
                name="start_before_end",
                ignore_na=False,
            )
        )
    return rules


def table_schema(spec: DatasetSpec, present: set[str]) -> pa.DataFrameSchema:
    """The pandera schema for a dataset's typed table, limited to the columns the sheet has."""
    columns = {
        c.field: pa.Column(
            None, nullable=not c.required, unique=c.unique, required=False, report_duplicates="exclude_first"
        )
        for c in spec.columns
        if c.field in present
    }
    together = list(spec.unique_together) if set(spec.unique_together) <= present else None
    return pa.DataFrameSchema(columns, checks=_row_rules(spec), unique=together, report_duplicates="exclude_first")


def check_table(spec: DatasetSpec, sheet: str, frame: pd.DataFrame) -> list[Issue]:
    """Every table-wide problem of one typed table, as issues located by Excel row and column header."""
    try:
        table_schema(spec, set(frame.columns)).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    else:
        return []
    issues: list[Issue] = []
    for failure in failures.itertuples(index=False):
        issues.extend(_to_issues(spec, sheet, frame, failure))
    return sorted(set(issues), key=lambda i: (i.row or 0, i.column or "", i.code))


def _to_issues(spec: DatasetSpec, sheet: str, frame: pd.DataFrame, failure) -> list[Issue]:
    row = None if pd.isna(failure.index) else int(failure.index)
    check = str(failure.check)
    column = spec.column(failure.column) if failure.column in frame.columns else None
    if check == "not_nullable":
        if row is None:
            return []
        header = column.header
        return [
            Issue(
                sheet,
                row,
                header,
                IssueCode.EMPTY_REQUIRED,
                f'"{header}" is required but empty in row {row}: {column.description}',
                None,
            )
        ]
    if check == "field_uniqueness":
        value = frame.at[row, column.field]
        first = frame.index[frame[column.field] == value][0]
        return [
            Issue(
                sheet,
                row,
                column.header,
                IssueCode.DUPLICATE_ID,
                f'{column.header} "{text_of(value)}" is used again (first in row {first}): every row needs its own.',
                shown_value(text_of(value)),
            )
        ]
    if check == "multiple_fields_uniqueness":
        return _duplicate_rows(spec, sheet, frame)
    if check == "countries_for_scope":
        return [
            Issue(
                sheet,
                row,
                spec.column("countries").header,
                IssueCode.EMPTY_REQUIRED,
                f'Row {row} has scope "{frame.at[row, "scope"]}" but no country: list the countries '
                "it is implemented in, or set the scope to Regional or Global.",
                None,
            )
        ]
    if check == "tor_for_networks":
        header = spec.column("terms_of_reference").header
        return [
            Issue(
                sheet,
                row,
                header,
                IssueCode.INCONSISTENT_ROW,
                f'Row {row} is a "{frame.at[row, "activity"]}" row with {header}: only {_NETWORK} rows have '
                f"Terms of Reference. Move the address to Link, or set the activity to {_NETWORK}.",
                shown_value(text_of(frame.at[row, "terms_of_reference"])),
            )
        ]
    if check == "text_needs_link":
        return [
            Issue(
                sheet,
                row,
                spec.column("link_text").header,
                IssueCode.INCONSISTENT_ROW,
                f"Row {row} has a Link text but no Link: add the web address it should open, or clear the Link text.",
                shown_value(text_of(frame.at[row, "link_text"])),
            )
        ]
    if check == "start_before_end":
        start, end = frame.at[row, "start_year"], frame.at[row, "end_year"]
        return [
            Issue(
                sheet,
                row,
                spec.column("end_year").header,
                IssueCode.INCONSISTENT_ROW,
                f"End year {end:g} is before start year {start:g}: swap or correct them.",
                f"{end:g}",
            )
        ]
    return [
        Issue(
            sheet,
            row,
            column.header if column else None,
            IssueCode.WRONG_TYPE,
            f"Check {check} failed.",
            shown_value(failure.failure_case),
        )
    ]


def _duplicate_rows(spec: DatasetSpec, sheet: str, frame: pd.DataFrame) -> list[Issue]:
    keys = list(spec.unique_together)
    written = frame[keys].map(text_of)
    repeated = written[written.duplicated(keep="first")]
    issues = []
    for row, values in repeated.iterrows():
        first = written.index[(written == values).all(axis=1)][0]
        what = ", ".join(f"{spec.column(k).header} {values[k]}" for k in keys)
        issues.append(
            Issue(
                sheet,
                int(row),
                spec.column(keys[0]).header,
                IssueCode.DUPLICATE_ID,
                f"The same {what} is already in row {first}: merge the two rows or correct one.",
                shown_value(" / ".join(values)),
            )
        )
    return issues


def check_references(frames: Mapping[str, pd.DataFrame], sheets: Mapping[str, str]) -> list[Issue]:
    """Cells naming a record of another dataset (e.g. a pledge's practice) that is not there."""
    issues: list[Issue] = []
    for key, frame in frames.items():
        spec = dataset(key)
        for column in spec.columns:
            if column.references is None or column.field not in frame:
                continue
            target, target_field = column.references
            if target not in frames or target_field not in frames[target]:
                continue
            known = set(frames[target][target_field].dropna())
            for row, value in frame[column.field].items():
                if value is not None and value is not UNREADABLE and value not in known:
                    issues.append(
                        Issue(
                            sheets[key],
                            int(row),
                            column.header,
                            IssueCode.UNKNOWN_REFERENCE,
                            f'{column.header} "{value}" is not in the {dataset(target).sheet} sheet: '
                            f"check the ID, or add that record.",
                            shown_value(value),
                        )
                    )
    return issues
