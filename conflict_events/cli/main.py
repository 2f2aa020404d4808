"""Entry point of the `conflict-events` command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from conflict_events._version import __version__
from conflict_events.errors import ConflictEventsError

# Sub-command modules, in the order `--help` lists them. Each has register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "conflict_events.cli.info",
    "conflict_events.cli.validate",
    "conflict_events.cli.convert",
    "conflict_events.cli.extract",
    "conflict_events.cli.evaluate",
    "conflict_events.cli.gazetteer",
    "conflict_events.cli.report",
    "conflict_events.cli.sources",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflict-events",
        description="Extract ACLED-coded conflict events from news articles and work with "
        "the released dataset.",
    )
    parser.add_argument("--version", action="version", version=f"conflict-events {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ConflictEventsError as exc:
        print(f"conflict-events {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
