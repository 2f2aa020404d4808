"""`conflict-events gazetteer`: add, download, list and remove GeoNames country files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gazetteer",
        help="manage the gazetteer: add GeoNames country files for village-level coverage",
        description="The embedded world gazetteer covers places of 500+ inhabitants. Add "
        "GeoNames country dumps (SY.txt / SY.zip) for villages.",
    )
    commands = parser.add_subparsers(dest="gazetteer_command", metavar="ACTION")

    add = commands.add_parser("add", help="add a GeoNames country file (SY.txt or SY.zip)")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument("--admin1", type=Path, help="admin1CodesASCII.txt (default: beside PATH)")
    add.add_argument("--admin2", type=Path, help="admin2Codes.txt (default: beside PATH)")
    add.set_defaults(handler=_add)

    download = commands.add_parser("download", help="download country files from GeoNames")
    download.add_argument("codes", nargs="+", metavar="CC", help="ISO alpha-2 codes: SY SO")
    download.add_argument(
        "--base-url",
        help="where the dumps are (default: GeoNames' export/dump, or "
        "$CONFLICT_EVENTS_GEONAMES_URL)",
    )
    download.set_defaults(handler=_download)

    listing = commands.add_parser("list", help="list the country files added")
    listing.set_defaults(handler=_list)

    remove = commands.add_parser("remove", help="remove an added country file")
    remove.add_argument("codes", nargs="+", metavar="CC")
    remove.set_defaults(handler=_remove)

    parser.set_defaults(handler=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _add(args: argparse.Namespace) -> int:
    from conflict_events.geo import store

    for path in args.paths:
        added = store.add_geonames_file(path, admin1=args.admin1, admin2=args.admin2)
        print(f"added {added.country_code}: {added.places} places from {path}")
    return 0


def _download(args: argparse.Namespace) -> int:
    from conflict_events.geo import store

    for added in store.download_countries(args.codes, base_url=args.base_url):
        print(f"downloaded {added.country_code}: {added.places} places")
    return 0


def _list(args: argparse.Namespace) -> int:
    from conflict_events.geo import store

    files = store.list_country_files()
    if not files:
        print("no country files added; the embedded world gazetteer is used alone")
        return 0
    for item in files:
        print(f"{item.country_code}\t{item.places}\t{item.added}\t{item.source}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from conflict_events.geo import store

    for code in args.codes:
        store.remove_country(code)
        print(f"removed {code.upper()}")
    return 0
