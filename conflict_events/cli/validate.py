"""`conflict-events validate FOLDER`: check a release; exit 1 when anything fails."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a release folder (schema, checksums, coding rules)",
        description="Check a release folder: datapackage.json, every file's size and sha256, "
        "the events schema, ACLED's coding rules, unique ids, and that events.csv holds the "
        "same rows as events.parquet. Prints a report; exits 1 when a check fails.",
    )
    parser.add_argument("folder", type=Path, help="release folder (holding datapackage.json)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from conflict_events.dataset.validate import validate_release

    report = validate_release(args.folder)
    print(report.format())
    return 0 if report.ok else 1
