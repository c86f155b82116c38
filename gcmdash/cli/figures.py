"""The commands showing a region's figures: the headline summary, and the Regional Information Brief."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gcmdash import formatting
from gcmdash.cli.published import open_store
from gcmdash.cli.reporting import EXIT_UNREADABLE, EXIT_VALID, exit_code, report
from gcmdash.model import regions

ALL_REGIONS = "All"


def chosen_data(args: argparse.Namespace, what: str) -> tuple[Any, str] | int:
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
        from gcmdash.store.records import PublishRefused, StoreUnavailable

        try:
            store = open_store()
            version = store.current()
            result = load_files(store.files(version.number), complete=True)
        except (StoreUnavailable, PublishRefused) as error:
            print(f"No {what}: {error}", file=sys.stderr)
            return EXIT_UNREADABLE
        number, created = version.number, version.created_at
    if result.dataset is None:
        report(result, as_json=False)
        return exit_code(result)
    return result.dataset, brief.version_label(result.dataset, number, created)


def cmd_summary(args: argparse.Namespace) -> int:
    """Print a region's headline figures."""
    from gcmdash.views import metrics

    found = chosen_data(args, "summary")
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
        shown = formatting.published(figure)
        print(f"  {figure.label}: {shown} (brief, {formatting.day(figure.as_of)})")
    return EXIT_VALID


def cmd_brief(args: argparse.Namespace) -> int:
    """Write a region's Regional Information Brief as one self-contained HTML file, or as a PDF."""
    from gcmdash.render import brief

    fmt = args.format or ("pdf" if str(args.out).lower().endswith(".pdf") else "html")
    found = chosen_data(args, "brief")
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
