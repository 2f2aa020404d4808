"""`conflict-events sources`: the source readers installed (`list`), and what they read from
some inputs (`read`, one JSON object per article or rejection), to check a reader and its
options before a long extraction run.

add_source_arguments / source_options give other commands the same reader options."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from conflict_events.errors import InputError


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """The reader options: --source, --field, --metadata, --encoding, --max-bytes, and for
    feeds and pages fetched over HTTP --no-fetch-items, --rate-limit, --user-agent, --timeout,
    --retries, --ignore-robots."""
    group = parser.add_argument_group("source readers (docs/sources.md)")
    group.add_argument("--source", default=None, metavar="NAME",
                       help="read every input with this reader (see `conflict-events sources "
                       "list`); default: chosen per input by its suffix or URL")
    group.add_argument("--field", action="append", default=None, metavar="FIELD=KEY",
                       help="JSON/CSV field mapping, e.g. --field text=body --field "
                       "published=meta.date (repeatable)")
    group.add_argument("--metadata", type=Path, default=None, metavar="JSONL",
                       help="metadata sidecar: one JSON object per file (file, article_id, "
                       "title, source, published...)")
    group.add_argument("--encoding", default=None,
                       help="text encoding of the inputs (default UTF-8; 'auto' to detect)")
    group.add_argument("--max-bytes", type=int, default=None, metavar="N",
                       help="size limit of one input file")
    group.add_argument("--no-fetch-items", action="store_true",
                       help="feeds: use the item summaries instead of fetching the pages")
    group.add_argument("--rate-limit", type=float, default=None, metavar="SECONDS",
                       help="feeds: seconds between two requests to one site (default 1)")
    group.add_argument("--user-agent", default=None, metavar="TEXT",
                       help="feeds: User-Agent header sent with every request (default: "
                       "conflict-events/VERSION and the project URL)")
    group.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                       help="feeds: timeout of a connection and of each network read "
                       "(default 20)")
    group.add_argument("--retries", type=int, default=None, metavar="N",
                       help="feeds: retries of a failed request, with exponential backoff "
                       "(default 3)")
    group.add_argument("--ignore-robots", action="store_true",
                       help="feeds: do not fetch or obey robots.txt (only for sites you may "
                       "crawl regardless)")


def source_options(args: argparse.Namespace) -> dict[str, Any]:
    """read_inputs keyword options from the arguments of add_source_arguments."""
    options: dict[str, Any] = {}
    if getattr(args, "field", None):
        options["fields"] = args.field
    if getattr(args, "metadata", None):
        options["metadata"] = args.metadata
    if getattr(args, "encoding", None):
        options["encoding"] = args.encoding
    if getattr(args, "max_bytes", None):
        options["max_bytes"] = args.max_bytes
    if getattr(args, "no_fetch_items", False):
        options["fetch_items"] = False
    if getattr(args, "rate_limit", None) is not None:
        options["min_interval"] = _not_negative(args.rate_limit, "--rate-limit")
    if getattr(args, "user_agent", None):
        options["user_agent"] = args.user_agent
    if getattr(args, "timeout", None) is not None:
        if args.timeout <= 0:
            raise InputError(f"--timeout must be more than 0 seconds, got {args.timeout}",
                             input_name="--timeout")
        options["timeout"] = args.timeout
    if getattr(args, "retries", None) is not None:
        options["retries"] = int(_not_negative(args.retries, "--retries"))
    if getattr(args, "ignore_robots", False):
        options["respect_robots"] = False
    return options


def _not_negative(value: float, option: str) -> float:
    if value < 0:
        raise InputError(f"{option} cannot be negative, got {value}", input_name=option)
    return value


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sources",
        help="list the source readers, or show what they read from some inputs",
        description="Source readers turn files, folders, globs and feed URLs into articles. "
        "Plug-ins add readers through the entry-point group conflict_events.sources.",
    )
    commands = parser.add_subparsers(dest="sources_command", metavar="SUBCOMMAND")
    listing = commands.add_parser("list", help="the readers installed, with what they read")
    listing.set_defaults(handler=run_list)
    read = commands.add_parser(
        "read", help="read inputs and print one JSON object per article or rejection",
        description="Read INPUTs as `extract` would and print each article (without its text "
        "unless --text) or rejection as one JSON line; a summary goes to stderr.")
    read.add_argument("inputs", nargs="+", metavar="INPUT",
                      help="files, folders, globs or feed URLs")
    read.add_argument("--text", action="store_true", help="include the article text")
    add_source_arguments(read)
    read.set_defaults(handler=run_read)
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


def run_list(args: argparse.Namespace) -> int:
    from conflict_events.sources.registry import default_registry

    registry = default_registry()
    rows = []
    for registered in registry:
        source = registered.source
        handles = ", ".join([*source.suffixes, *(f"{s}://" for s in source.schemes)])
        status = source.available() or "ready"
        rows.append((source.name, handles or "(by name)", registered.origin, status,
                     source.description))
    width = max(len(r[0]) for r in rows)
    for name, handles, origin, status, description in rows:
        print(f"{name:<{width}}  {handles}")
        print(f"{'':<{width}}  {description} [{origin}; {status}]")
    for broken in registry.broken:
        print(f"{broken.name:<{width}}  NOT LOADED from {broken.origin}: {broken.error}")
    return 0


def run_read(args: argparse.Namespace) -> int:
    from conflict_events.schema.models import Article
    from conflict_events.sources.inputs import read_inputs

    articles = rejected = 0
    for record in read_inputs(args.inputs, source=args.source, **source_options(args)):
        if isinstance(record, Article):
            articles += 1
            row = record.model_dump(mode="json", exclude=None if args.text else {"text"})
            row = {"kind": "article", **row, "chars": len(record.text)}
        else:
            rejected += 1
            row = {"kind": "rejection", "input": record.input_name, "code": record.code,
                   "reason": record.reason}
        print(json.dumps(row, ensure_ascii=False))
    print(f"{articles} article(s), {rejected} rejection(s)", file=sys.stderr)
    return 0
