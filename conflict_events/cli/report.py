"""`conflict-events report`: a self-contained HTML report of a release."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report of a release",
        description="Write one HTML file (map, timeline, counts by type and actor, a "
        "filterable table linking each event to its evidence) that opens without network.",
    )
    parser.add_argument("release", nargs="?", type=Path,
                        help="a release folder (default: the release shipped in data/)")
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"),
                        help="the HTML file to write (default: report.html)")
    parser.add_argument("--articles", type=Path,
                        help="JSONL of the input articles (article_id, text): quote each "
                        "event's evidence sentences")
    parser.add_argument("--title", help="page title (default: 'Conflict events')")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the checksum and schema checks of the release")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from conflict_events.report.build import build_report

    path = build_report(args.release, args.output, articles=args.articles, title=args.title,
                        verify=not args.no_verify)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0
