"""`conflict-events convert SOURCE DEST`: events between Parquet and CSV.

The format of each side follows its suffix (.parquet or .csv). A release folder as SOURCE
reads its events.parquet (verified); a folder as DEST receives a whole release."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pyarrow as pa

from conflict_events.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert events between Parquet and CSV",
        description="Convert an events file between Parquet and CSV (the format follows each "
        "suffix). SOURCE may be a release folder; DEST without a suffix is written as a "
        "release folder. CSV follows the release conventions (formula neutralisation, "
        "'; '-joined lists).",
    )
    parser.add_argument("source", type=Path, help="events .parquet, .csv or a release folder")
    parser.add_argument("dest", type=Path, help="output .parquet, .csv or folder")
    parser.add_argument("--acled", action="store_true",
                        help="SOURCE is an ACLED export (CSV) rather than a release CSV")
    parser.add_argument("--skip-bad-rows", action="store_true",
                        help="with --acled: leave out rows that cannot be events, and say how many")
    parser.set_defaults(handler=run)


def read_events(source: Path, *, acled: bool = False, skip_bad_rows: bool = False) -> pa.Table:
    from conflict_events.dataset.acled import read_acled
    from conflict_events.dataset.csvfile import read_csv
    from conflict_events.dataset.load import load
    from conflict_events.dataset.table import frame_to_table

    if acled:
        frame = read_acled(source, on_error="skip" if skip_bad_rows else "raise")
        for line, reason in frame.attrs["skipped"]:
            print(f"skipped line {line}: {reason}")
        return frame_to_table(frame)
    if source.is_dir():
        return frame_to_table(load(source))
    if source.suffix == ".csv":
        return read_csv(source)
    if source.suffix == ".parquet":
        return frame_to_table(load(source, verify=(source.parent / "datapackage.json").is_file()))
    raise InputError("expected a .parquet or .csv file or a release folder",
                     input_name=str(source))


def run(args: argparse.Namespace) -> int:
    import pyarrow.parquet as pq

    from conflict_events.dataset.checks import check_events
    from conflict_events.dataset.csvfile import write_csv
    from conflict_events.dataset.table import encode, sort_table
    from conflict_events.dataset.write import write_dataset
    from conflict_events.errors import SchemaError

    table = read_events(args.source, acled=args.acled, skip_bad_rows=args.skip_bad_rows)
    dest: Path = args.dest
    if dest.suffix in ("", "/") or dest.is_dir():
        write_dataset(table, dest)
    else:
        problems = check_events(table)
        if problems:
            raise SchemaError("; ".join(map(str, problems)))
        table = sort_table(table)
        if dest.suffix == ".csv":
            write_csv(table, dest)
        elif dest.suffix == ".parquet":
            pq.write_table(encode(table), dest, compression="zstd")
        else:
            raise InputError("expected a .parquet or .csv name or a folder",
                             input_name=str(dest))
    print(f"wrote {table.num_rows} events to {dest}")
    return 0
