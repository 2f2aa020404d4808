"""`conflict-events info`: version, where the default release is, and what it holds."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from conflict_events._version import __version__
from conflict_events.errors import DatasetError
from conflict_events.schema.models import SCHEMA_VERSION


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "info",
        help="show the version and the default release",
        description="Show the package version, where the default release is, and its event "
        "counts by event type. Exits 0 also when no release is there yet.",
    )
    parser.add_argument("path", nargs="?", type=Path,
                        help="a release folder (default: the release shipped in data/)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from conflict_events.dataset.load import load
    from conflict_events.dataset.release import (
        DATA_ENV,
        default_release,
        read_datapackage,
        release_folder,
    )

    print(f"conflict_events {__version__} (schema {SCHEMA_VERSION})")
    where = args.path or default_release()
    how = "given" if args.path else (f"${DATA_ENV}" if os.environ.get(DATA_ENV) else "default")
    print(f"release ({how}): {where}")
    try:
        folder = release_folder(where)
        package = read_datapackage(folder)
        frame = load(folder, columns=["event_type", "country", "event_date"])
    except DatasetError as exc:
        print(f"no release loaded: {exc}")
        return 0
    if folder != Path(where):
        print(f"  (recovered from the backup of an interrupted write: {folder})")
    created = package.get("created", "not recorded")
    print(f"  {len(frame)} events, {frame['country'].nunique()} countries, created {created}")
    if len(frame):
        print(f"  dates {frame['event_date'].min():%Y-%m-%d} to "
              f"{frame['event_date'].max():%Y-%m-%d}")
    counts = frame["event_type"].value_counts(sort=False)
    width = max((len(str(name)) for name in counts.index), default=10)
    for name, count in counts.items():
        print(f"  {name!s:<{width}}  {count:>9}")
    return 0
