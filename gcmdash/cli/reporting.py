"""How the command line reports a validation: its exit codes, one line per issue, the report as text or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from gcmdash import formatting
from gcmdash.ingest.issues import Issue

if TYPE_CHECKING:
    from gcmdash.ingest.loading import LoadResult
    from gcmdash.store.records import PublishRefused

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def issue_line(issue: Issue) -> str:
    """One issue as a line: where (sheet, row, column), whether error or warning, its code and message."""
    where = " ".join(
        p
        for p in (
            issue.sheet or "",
            f"row {issue.row}" if issue.row else "",
            f"[{issue.column}]" if issue.column else "",
        )
        if p
    )
    kind = "error" if issue.is_error else "warning"
    return f"{where or '(file)'}: {kind} {issue.code}: {issue.message}"


def report(result: LoadResult, as_json: bool, concerns: Sequence[Issue] = (), against: str | None = None) -> None:
    """Print the validation report: every sheet read, every issue and value to check, and the verdict."""
    if as_json:
        print(
            json.dumps(
                {
                    "valid": result.valid,
                    "errors": [i.as_dict() for i in result.issues],
                    "error_count": result.error_count,
                    "to_confirm": [i.as_dict() for i in concerns],
                    "compared_with": against,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for use in result.uses:
        taken = f"read as {use.dataset}" if use.dataset else "ignored"
        print(f"{use.source} › {use.sheet}: {formatting.counted(use.rows, '{n} row', '{n} rows')}, {taken}")
    for issue in (*result.issues, *concerns):
        print(issue_line(issue))
    warnings = sum(not i.is_error for i in result.issues) + len(concerns)
    errors = formatting.counted(result.error_count, "{n} error", "{n} errors")
    warned = formatting.counted(warnings, "{n} warning", "{n} warnings")
    print(f"{'valid' if result.valid else 'NOT valid'}: {errors}, {warned}")
    if concerns:
        values = formatting.counted(len(concerns), "{n} value", "{n} values")
        print(
            f"{values} to check against {against}: read as written, but "
            "unlikely. Fix the file, or publish with --confirm if they are right."
        )


def exit_code(result: LoadResult) -> int:
    """The exit code of a validation: 0 valid, 1 invalid, 2 unreadable."""
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_VALID if result.valid else EXIT_INVALID


def print_refusal(refusal: PublishRefused, outcome: str) -> None:
    """Print why the store refused: the validation report when there is one, then the reason."""
    if refusal.result is not None:
        report(refusal.result, as_json=False)
    print(f"{outcome}: {refusal}. Nothing was changed.", file=sys.stderr)
