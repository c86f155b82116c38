"""The gcmdash command line: the same functions as the app, for scripts and analysts."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only light modules here: --help and argument errors answer before pandas, openpyxl or a database driver load.
# Each command imports what it needs.
from gcmdash import formatting
from gcmdash.ingest.issues import Issue, SpreadsheetError
from gcmdash.model import regions

if TYPE_CHECKING:
    from gcmdash.ingest.loading import LoadResult
    from gcmdash.store.versions import Store, Version

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2
ALL_REGIONS = "All"


def _issue_line(issue: Issue) -> str:
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


def _report(result: LoadResult, as_json: bool, concerns: Sequence[Issue] = (), against: str | None = None) -> None:
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
        print(f"{use.source} › {use.sheet}: {formatting.plural(use.rows, 'row')}, {taken}")
    for issue in (*result.issues, *concerns):
        print(_issue_line(issue))
    warnings = sum(not i.is_error for i in result.issues) + len(concerns)
    print(
        f"{'valid' if result.valid else 'NOT valid'}: {formatting.plural(result.error_count, 'error')}, "
        f"{formatting.plural(warnings, 'warning')}"
    )
    if concerns:
        print(
            f"{formatting.plural(len(concerns), 'value')} to check against {against}: read as written, but "
            "unlikely. Fix the file, or publish with --confirm if they are right."
        )


def _published_concerns(result: LoadResult) -> tuple[list[Issue], str | None]:
    """The upload's plausibility warnings against the store's current version, and which version that is; none
    when the upload is not valid or no store answers (validate then checks the files alone)."""
    if result.dataset is None:
        return [], None
    from gcmdash.store.versions import PublishRefused, StoreUnavailable
    from gcmdash.views import plausibility

    try:
        store = _open_store()
        current = store.current()
        published = store.dataset(current.number)
    except (StoreUnavailable, PublishRefused):
        return [], None
    return plausibility.upload_concerns(published, result), f"published version {current.number}"


def _exit_code(result: LoadResult) -> int:
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_VALID if result.valid else EXIT_INVALID


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
    _report(result, args.json, *_published_concerns(result))
    return _exit_code(result)


def cmd_summary(args: argparse.Namespace) -> int:
    """Print a region's headline figures."""
    from gcmdash.views import metrics

    found = _chosen_data(args, "summary")
    if isinstance(found, int):
        return found
    data, label = found
    region = None if args.region == ALL_REGIONS else args.region
    figures = metrics.summary(data, region)
    if args.json:
        # The flat computed values first (what scripts read), then each figure beside its published value.
        print(
            json.dumps(
                {
                    "region": args.region,
                    "data_version": data.version,
                    "shown": label,
                    **metrics.figure_values(figures),
                    "figures": {f.metric: metrics.figure_record(f) for f in figures},
                    "worldwide": {f.metric: metrics.figure_record(f) for f in metrics.worldwide(data)},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_VALID
    print(f"{regions.region_label(region) if region else 'All regions'} — {label}")
    for figure in figures:
        # As the cards write them: counts as whole numbers, money as "USD 56.3 million", shares as "39.5%".
        note = f" ({figure.note})" if figure.note and not figure.without_records else ""
        print(f"  {figure.label}: {formatting.shown_value(figure)}{note} · {formatting.published_line(figure)}")
    context = [f for f in metrics.worldwide(data) if f.published is not None]
    if context:
        print("Worldwide, as the brief gives it:")
    for figure in context:
        shown = formatting.hedge(figure.qualifier) + formatting.amount(figure.published, figure.unit)
        print(f"  {figure.label}: {shown} (brief, {formatting.day(figure.as_of)})")
    return EXIT_VALID


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


def cmd_add_analyst(args: argparse.Namespace) -> int:
    """Add a local analyst account, or set its password; prints neither the password nor its hash."""
    import getpass

    from gcmdash.store import auth

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
        print(
            "Note: single sign-on ([auth]) is configured, so the app uses it instead of local accounts; "
            "list analysts' e-mails in [gcmdash] analysts."
        )
    return EXIT_VALID


# --- The versioned store: publish, versions, rollback, export -------------------------------------------------


def _open_store() -> Store:
    # Imported here: only these commands need the database driver.
    from gcmdash.store.versions import Store

    store = Store.from_settings()
    store.ensure_ready()
    return store


def _author(args: argparse.Namespace) -> str:
    import getpass

    if args.author is not None:
        return args.author
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _version_line(version: Version) -> str:
    restored = f" of version {version.restored_from}" if version.restored_from is not None else ""
    rows = ", ".join(f"{key} {rows}" for key, rows in version.row_counts.items())
    return (
        f"version {version.number}: {version.action}{restored} by {version.author}, "
        f"{version.created_at:%Y-%m-%d %H:%M:%S} UTC, data {version.content_id} ({rows}) — {version.note}"
    )


def _version_json(version: Version) -> dict[str, Any]:
    return {
        "number": version.number,
        "content_id": version.content_id,
        "created_at": version.created_at.isoformat(),
        "author": version.author,
        "note": version.note,
        "action": version.action,
        "restored_from": version.restored_from,
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in version.files],
        "row_counts": version.row_counts,
    }


def _note(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the note must say what changed and why")
    return text


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish spreadsheets as the new current version: exit 0 published, 1 invalid, 2 unreadable or no store."""
    from gcmdash.ingest.loading import expand
    from gcmdash.ingest.reading import file_bytes
    from gcmdash.store.versions import PublishRefused, StoreUnavailable

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"No such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_UNREADABLE
    author = _author(args)
    try:
        store = _open_store()
        files, refused = [], []
        for path in expand(args.paths):
            try:
                files.append((path.name, file_bytes(path)))
            except SpreadsheetError as error:
                refused.append(error.issue)
        if refused:
            for issue in refused:
                print(_issue_line(issue))
            store.refuse(
                who=author or "(unknown)",
                action="publish",
                detail=f"{', '.join(str(p) for p in args.paths)}: {len(refused)} files could not be read",
            )
            print("Not published: nothing was changed.", file=sys.stderr)
            return EXIT_UNREADABLE
        if not args.confirm:
            from gcmdash.ingest.loading import load_files

            checked = load_files(files, complete=True)
            concerns, against = _published_concerns(checked)
            if concerns:
                _report(checked, as_json=False, concerns=concerns, against=against)
                print(
                    "Not published: check the values above; if they are right, publish again with --confirm. "
                    "Nothing was changed.",
                    file=sys.stderr,
                )
                return EXIT_INVALID
        version = store.publish(files, author=author, note=args.note)
    except PublishRefused as refusal:
        _refused(refusal, "Not published")
        return _exit_code(refusal.result) if refusal.result is not None else EXIT_INVALID
    except StoreUnavailable as error:
        print(f"Not published: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Published {_version_line(version)}")
    return EXIT_VALID


def _refused(refusal, outcome: str) -> None:
    """Print why the store refused: the validation report when there is one, then the reason."""
    if refusal.result is not None:
        _report(refusal.result, as_json=False)
    print(f"{outcome}: {refusal}. Nothing was changed.", file=sys.stderr)


def cmd_versions(args: argparse.Namespace) -> int:
    """List the published versions, newest first."""
    from gcmdash.store.versions import PublishRefused, StoreUnavailable

    try:
        versions = _open_store().versions()
    except (StoreUnavailable, PublishRefused) as error:
        print(error, file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        print(
            json.dumps(
                {"current": versions[0].number, "versions": [_version_json(v) for v in versions]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_VALID
    for n, version in enumerate(versions):
        print(f"{'*' if n == 0 else ' '} {_version_line(version)}")
        for stored in version.files:
            print(f"      {stored.name}  {stored.size:,} bytes  sha256 {stored.sha256}")
    return EXIT_VALID


def cmd_rollback(args: argparse.Namespace) -> int:
    """Make an earlier version current again, as a new version: exit 0 done, 1 refused, 2 no store."""
    from gcmdash.store.versions import PublishRefused, StoreUnavailable, UnknownVersion

    try:
        version = _open_store().rollback(args.version, author=_author(args), note=args.note)
    except UnknownVersion as error:
        print(f"Not restored: {error}", file=sys.stderr)
        return EXIT_INVALID
    except PublishRefused as refusal:
        _refused(refusal, "Not restored")
        return EXIT_INVALID
    except StoreUnavailable as error:
        print(f"Not restored: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Restored as {_version_line(version)}")
    return EXIT_VALID


def cmd_export(args: argparse.Namespace) -> int:
    """Write a version's original files into a folder."""
    from gcmdash.store.versions import PublishRefused, StoreUnavailable, UnknownVersion

    try:
        written = _open_store().export(args.version, Path(args.outdir))
    except UnknownVersion as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    except (StoreUnavailable, PublishRefused) as error:
        print(error, file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as error:
        print(f"Cannot write into {args.outdir}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    for path in written:
        print(path)
    return EXIT_VALID


def _chosen_data(args: argparse.Namespace, what: str) -> tuple[Any, str] | int:
    """The data to use and how to name it: --data files, or the current published version (what the app shows);
    else an exit code. what: the command's product, for its refusal ("brief", "summary")."""
    from gcmdash.ingest.loading import load_files, load_paths
    from gcmdash.render import brief

    if args.data:
        missing = [p for p in args.data if not Path(p).exists()]
        if missing:
            print(f"No such file: {', '.join(missing)}", file=sys.stderr)
            return EXIT_UNREADABLE
        result = load_paths(args.data, complete=True)
        number = created = None
    else:
        from gcmdash.store.versions import PublishRefused, StoreUnavailable

        try:
            store = _open_store()
            version = store.current()
            result = load_files(store.files(version.number), complete=True)
        except (StoreUnavailable, PublishRefused) as error:
            print(f"No {what}: {error}", file=sys.stderr)
            return EXIT_UNREADABLE
        number, created = version.number, version.created_at
    if result.dataset is None:
        _report(result, as_json=False)
        return _exit_code(result)
    return result.dataset, brief.version_label(result.dataset, number, created)


def cmd_brief(args: argparse.Namespace) -> int:
    """Write a region's Regional Information Brief as one self-contained HTML file, or as a PDF."""
    from gcmdash.render import brief

    fmt = args.format or ("pdf" if str(args.out).lower().endswith(".pdf") else "html")
    found = _chosen_data(args, "brief")
    if isinstance(found, int):
        return found
    data, label = found
    page = brief.brief_html(data, args.region, version_label=label)
    try:
        content = brief.brief_pdf(page) if fmt == "pdf" else page.encode("utf-8")
    except brief.PdfUnavailable as error:
        print(f"No PDF: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        Path(args.out).write_bytes(content)
    except OSError as error:
        print(f"Cannot write {args.out}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Brief for {regions.region_label(args.region)} ({fmt.upper()}, {label}) written to {args.out}")
    return EXIT_VALID


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
    publish.add_argument("--note", required=True, type=_note, help="what changed and why (kept with the version)")
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


if __name__ == "__main__":
    raise SystemExit(main())
