"""The gcmdash command line: the same functions as the app, for scripts and analysts.

Takes the command's arguments. Gives the exit code and what the command prints. This module holds the argument
parser and main; each group of commands has its module (spreadsheets, figures, comparing, analysts, published), and
reporting prints what they found.
May import: every gcmdash package but ui, and lazily (inside each command): --help must not load pandas,
openpyxl or a database driver. Never streamlit.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# Only light modules here and in the command modules: --help and argument errors answer before pandas, openpyxl
# or a database driver load. Each command imports what it needs.
from gcmdash.cli.analysts import cmd_add_analyst
from gcmdash.cli.comparing import cmd_compare
from gcmdash.cli.figures import ALL_REGIONS, cmd_brief, cmd_summary
from gcmdash.cli.published import checked_note, cmd_export, cmd_publish, cmd_rollback, cmd_versions
from gcmdash.cli.reporting import EXIT_VALID
from gcmdash.cli.spreadsheets import cmd_docs, cmd_template, cmd_validate
from gcmdash.model import regions


def parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    top = argparse.ArgumentParser(prog="gcmdash", description="GCM implementation dashboard tools.")
    sub = top.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check spreadsheets: exit 0 valid, 1 invalid, 2 unreadable")
    validate.add_argument(
        "paths", nargs="+", help="spreadsheets (.xlsx, .ods, .csv, .tsv, or .txt named one by one), or folders of them"
    )
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument("--complete", action="store_true", help="also require every dataset to be present")
    validate.set_defaults(run=cmd_validate)
    summary = sub.add_parser("summary", help="a region's headline figures")
    summary.add_argument("--region", default="ECE", choices=[*regions.REGIONS, ALL_REGIONS])
    summary.add_argument("--data", nargs="+", help="spreadsheets to use instead of the current published version")
    summary.add_argument("--json", action="store_true", help="print one JSON object of named figures")
    summary.set_defaults(run=cmd_summary)
    compare = sub.add_parser("compare", help="every headline figure of the five regions side by side")
    compare.add_argument("--data", nargs="+", help="spreadsheets to use instead of the current published version")
    compare.add_argument("--json", action="store_true", help="print one JSON object: regions, metrics, overlaps")
    compare.set_defaults(run=cmd_compare)
    template = sub.add_parser("template", help="write the blank template workbook")
    template.add_argument("out", help="output .xlsx path")
    template.set_defaults(run=cmd_template)
    docs = sub.add_parser("docs", help="write the data-format description from the schema")
    docs.add_argument("--out", default="docs/data-format.md")
    docs.set_defaults(run=cmd_docs)
    analyst = sub.add_parser("add-analyst", help="add a local analyst account who may publish, or set its password")
    analyst.add_argument("email", help="the analyst's e-mail, used to sign in")
    analyst.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    analyst.add_argument("--secrets", help="secrets file to write (default: the secrets_file setting)")
    analyst.set_defaults(run=cmd_add_analyst)
    publish = sub.add_parser(
        "publish",
        help="publish spreadsheets as the new version: exit 0 done, 1 invalid, 2 unreadable or store unavailable",
    )
    publish.add_argument("paths", nargs="+", help="spreadsheets, or folders of them, holding every dataset")
    publish.add_argument(
        "--note", required=True, type=checked_note, help="what changed and why (kept with the version)"
    )
    publish.add_argument("--as", dest="author", help="who publishes (default: your user name)")
    publish.add_argument(
        "--confirm",
        action="store_true",
        help="publish although some values look implausible against the current version (checked)",
    )
    publish.set_defaults(run=cmd_publish)
    versions = sub.add_parser("versions", help="list the published versions, newest (current) first")
    versions.add_argument("--json", action="store_true", help="print {current, versions: [...]} as JSON")
    versions.set_defaults(run=cmd_versions)
    rollback = sub.add_parser("rollback", help="make an earlier version current again (as a new version)")
    rollback.add_argument("version", type=int, help="the version number to restore")
    rollback.add_argument("--note", default="", help="why (default: Restored version N)")
    rollback.add_argument("--as", dest="author", help="who restores it (default: your user name)")
    rollback.set_defaults(run=cmd_rollback)
    export = sub.add_parser("export", help="write a version's original files into a folder")
    export.add_argument("version", type=int, help="the version number")
    export.add_argument("outdir", help="folder to write the files into (created if missing)")
    export.set_defaults(run=cmd_export)
    brief = sub.add_parser(
        "brief",
        help="write a region's Regional Information Brief (self-contained HTML, or PDF): "
        "exit 0 written, 1 invalid data, 2 unreadable, no store, no browser for PDF",
    )
    brief.add_argument("--region", default="ECE", choices=regions.REGIONS)
    brief.add_argument("--out", required=True, help="the file to write (.html or .pdf)")
    brief.add_argument("--format", choices=["html", "pdf"], help="default: pdf when --out ends in .pdf, else html")
    brief.add_argument("--data", nargs="+", help="spreadsheets to use instead of the current published version")
    brief.set_defaults(run=cmd_brief)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # Output piped into `head` (or a pager) that stopped reading: not the command's failure, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_VALID
