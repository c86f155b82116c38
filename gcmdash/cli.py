"""The gcmdash command line: the same functions as the app, for scripts and analysts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from gcmdash import metrics, regions, settings
from gcmdash.formatdoc import data_format_markdown
from gcmdash.issues import Issue
from gcmdash.loading import LoadResult, load_paths
from gcmdash.template import write_template

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
ALL_REGIONS = "All"


def _issue_line(issue: Issue) -> str:
    where = " ".join(p for p in (issue.sheet or "", f"row {issue.row}" if issue.row else "",
                                 f"[{issue.column}]" if issue.column else "") if p)
    kind = "error" if issue.is_error else "warning"
    return f"{where or '(file)'}: {kind} {issue.code}: {issue.message}"


def _report(result: LoadResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps({
            "valid": result.valid,
            "errors": [i.as_dict() for i in result.issues],
            "error_count": result.error_count,
        }, ensure_ascii=False, indent=2))
        return
    for use in result.uses:
        taken = f"read as {use.dataset}" if use.dataset else "ignored"
        print(f"{use.source} › {use.sheet}: {use.rows} rows, {taken}")
    for issue in result.issues:
        print(_issue_line(issue))
    warnings = sum(not i.is_error for i in result.issues)
    print(f"{'valid' if result.valid else 'NOT valid'}: {result.error_count} errors, {warnings} warnings")


def _exit_code(result: LoadResult) -> int:
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_VALID if result.valid else EXIT_INVALID


def cmd_validate(args: argparse.Namespace) -> int:
    """Check spreadsheets and list every problem."""
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"No such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_UNREADABLE
    result = load_paths(args.paths, complete=args.complete)
    _report(result, args.json)
    return _exit_code(result)


def cmd_summary(args: argparse.Namespace) -> int:
    """Print a region's headline figures."""
    result = load_paths(args.data or [settings.get("data_dir")], complete=True)
    if result.dataset is None:
        _report(result, as_json=False)
        return _exit_code(result)
    region = None if args.region == ALL_REGIONS else args.region
    figures = metrics.summary(result.dataset, region)
    if args.json:
        print(json.dumps({"region": args.region, "data_version": result.dataset.version,
                          **metrics.figure_values(figures)}, indent=2))
        return EXIT_VALID
    print(f"{regions.region_label(region) if region else 'All regions'} — data version {result.dataset.version}")
    for figure in figures:
        published = f"  (published {figure.published:,.0f} as of {figure.as_of})" if figure.published is not None else ""
        print(f"  {figure.label}: {figure.value:,.1f}{figure.unit and ' ' + figure.unit}{published}")
    return EXIT_VALID


def cmd_template(args: argparse.Namespace) -> int:
    """Write the blank template workbook."""
    write_template(args.out)
    print(f"Template written to {args.out}")
    return EXIT_VALID


def cmd_docs(args: argparse.Namespace) -> int:
    """Write docs/data-format.md from the schema."""
    Path(args.out).write_text(data_format_markdown(), encoding="utf-8")
    print(f"Data format written to {args.out}")
    return EXIT_VALID


def cmd_add_analyst(args: argparse.Namespace) -> int:
    """Add a local analyst account, or set its password; prints neither the password nor its hash."""
    import getpass

    from gcmdash import auth

    path = Path(args.secrets) if args.secrets else auth.secrets_path()
    try:
        email = auth.check_email(args.email)
        if args.password_stdin:
            password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        else:
            password = getpass.getpass(f"Password for {email}: ")
            auth.check_strength(password)
            if getpass.getpass("The same password again: ") != password:
                raise ValueError("The two passwords differ; nothing was changed.")
        added = auth.add_analyst(path, email, password)
    except auth.SecretsFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNREADABLE
    except (ValueError, EOFError) as exc:
        print(str(exc) or "No password given; nothing was changed.", file=sys.stderr)
        return EXIT_INVALID
    print(f"{'Added analyst' if added else 'Changed the password of analyst'} {email} in {path}.")
    if auth.mode(auth.load_secrets(path)) is auth.Mode.OIDC:
        print("Note: single sign-on ([auth]) is configured, so the app uses it instead of local accounts; "
              "list analysts' e-mails in [gcmdash] analysts.")
    return EXIT_VALID


def parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    top = argparse.ArgumentParser(prog="gcmdash", description="GCM implementation dashboard tools.")
    sub = top.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check spreadsheets: exit 0 valid, 1 invalid, 2 unreadable")
    validate.add_argument("paths", nargs="+", help=".xlsx or .csv files, or folders of them")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument("--complete", action="store_true", help="also require every dataset to be present")
    validate.set_defaults(run=cmd_validate)
    summary = sub.add_parser("summary", help="a region's headline figures")
    summary.add_argument("--region", default="ECE", choices=[*regions.REGIONS, ALL_REGIONS])
    summary.add_argument("--data", nargs="+", help="spreadsheets to use instead of the bundled data")
    summary.add_argument("--json", action="store_true", help="print one JSON object of named figures")
    summary.set_defaults(run=cmd_summary)
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
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
