"""The commands on the versioned store: publish spreadsheets, list versions, roll back, export a version's files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gcmdash.cli.reporting import (
    EXIT_INVALID,
    EXIT_UNREADABLE,
    EXIT_VALID,
    exit_code,
    issue_line,
    print_refusal,
    report,
)
from gcmdash.ingest.issues import Issue, SpreadsheetError

if TYPE_CHECKING:
    from gcmdash.ingest.loading import LoadResult
    from gcmdash.store.records import Version
    from gcmdash.store.versions import Store


def open_store() -> Store:
    """The store the settings name, ready (created and seeded if new)."""
    # Imported here: only these commands need the database driver.
    from gcmdash.store.versions import Store

    store = Store.from_settings()
    store.ensure_ready()
    return store


def published_concerns(result: LoadResult) -> tuple[list[Issue], str | None]:
    """The upload's plausibility warnings against the store's current version, and which version that is; none
    when the upload is not valid or no store answers (validate then checks the files alone)."""
    if result.dataset is None:
        return [], None
    from gcmdash.store.records import PublishRefused, StoreUnavailable
    from gcmdash.views import plausibility

    try:
        store = open_store()
        current = store.current()
        published = store.dataset(current.number)
    except (StoreUnavailable, PublishRefused):
        return [], None
    return plausibility.upload_concerns(published, result), f"published version {current.number}"


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


def checked_note(text: str) -> str:
    """The --note of a publish, refused by argparse if blank."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the note must say what changed and why")
    return text


def cmd_publish(args: argparse.Namespace) -> int:
    """Publish spreadsheets as the new current version: exit 0 published, 1 invalid, 2 unreadable or no store."""
    from gcmdash.ingest.loading import expand
    from gcmdash.ingest.reading import file_bytes
    from gcmdash.store.records import PublishRefused, StoreUnavailable

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"No such file: {', '.join(missing)}", file=sys.stderr)
        return EXIT_UNREADABLE
    author = _author(args)
    try:
        store = open_store()
        files, refused = [], []
        for path in expand(args.paths):
            try:
                files.append((path.name, file_bytes(path)))
            except SpreadsheetError as error:
                refused.append(error.issue)
        if refused:
            for issue in refused:
                print(issue_line(issue))
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
            concerns, against = published_concerns(checked)
            if concerns:
                report(checked, as_json=False, concerns=concerns, against=against)
                print(
                    "Not published: check the values above; if they are right, publish again with --confirm. "
                    "Nothing was changed.",
                    file=sys.stderr,
                )
                return EXIT_INVALID
        version = store.publish(files, author=author, note=args.note)
    except PublishRefused as refusal:
        print_refusal(refusal, "Not published")
        return exit_code(refusal.result) if refusal.result is not None else EXIT_INVALID
    except StoreUnavailable as error:
        print(f"Not published: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Published {_version_line(version)}")
    return EXIT_VALID


def cmd_versions(args: argparse.Namespace) -> int:
    """List the published versions, newest first."""
    from gcmdash.store.records import PublishRefused, StoreUnavailable

    try:
        versions = open_store().versions()
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
    from gcmdash.store.records import PublishRefused, StoreUnavailable, UnknownVersion

    try:
        version = open_store().rollback(args.version, author=_author(args), note=args.note)
    except UnknownVersion as error:
        print(f"Not restored: {error}", file=sys.stderr)
        return EXIT_INVALID
    except PublishRefused as refusal:
        print_refusal(refusal, "Not restored")
        return EXIT_INVALID
    except StoreUnavailable as error:
        print(f"Not restored: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Restored as {_version_line(version)}")
    return EXIT_VALID


def cmd_export(args: argparse.Namespace) -> int:
    """Write a version's original files into a folder."""
    from gcmdash.store.records import PublishRefused, StoreUnavailable, UnknownVersion

    try:
        written = open_store().export(args.version, Path(args.outdir))
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
