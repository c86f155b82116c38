"""The commands on spreadsheets themselves: validate them, write the blank template, write the data format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gcmdash.cli.published import published_concerns
from gcmdash.cli.reporting import EXIT_UNREADABLE, EXIT_VALID, exit_code, report


def cmd_validate(args: argparse.Namespace) -> int:
    """Check spreadsheets and list every problem."""
    from gcmdash.ingest.loading import expand, load_paths
    from gcmdash.ingest.reading import SPREADSHEET_KINDS

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"No such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not expand(args.paths):
        # A folder with no spreadsheet is not "valid": there was nothing to check.
        print(f"No spreadsheet ({SPREADSHEET_KINDS}) in {', '.join(args.paths)}: nothing was checked.", file=sys.stderr)
        return EXIT_UNREADABLE
    result = load_paths(args.paths, complete=args.complete)
    report(result, args.json, *published_concerns(result))
    return exit_code(result)


def cmd_template(args: argparse.Namespace) -> int:
    """Write the blank template workbook."""
    from gcmdash.ingest.template import write_template

    folder = Path(args.out).expanduser().parent
    if not folder.is_dir():
        print(f"No such folder: {folder}. Create it first, or write the template elsewhere.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        write_template(args.out)
    except OSError as error:
        print(f"The template could not be written to {args.out}: {error.strerror or error}.", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Template written to {args.out}")
    return EXIT_VALID


def cmd_docs(args: argparse.Namespace) -> int:
    """Write docs/data-format.md from the schema."""
    from gcmdash.ingest.formatdoc import data_format_markdown

    Path(args.out).write_text(data_format_markdown(), encoding="utf-8")
    print(f"Data format written to {args.out}")
    return EXIT_VALID
