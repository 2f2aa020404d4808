"""`conflict-events extract INPUT... -o FOLDER [--update RELEASE]`: read articles, extract
ACLED-coded events, merge reports of the same event across articles, and write a release
(events.parquet/.csv, articles.parquet, changelog.jsonl, datapackage.json), or add the
articles to an existing release. Prints a summary: articles read, events, articles with no
events (and why), articles rejected (and why), reports merged. A thin wrapper around
conflict_events.corpus.run.run (docs/corpus-runs.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from conflict_events.cli.sources import add_source_arguments, source_options


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract ACLED-coded events from articles into a release folder",
        description="Read articles (.txt, .json, .jsonl and the other formats of the source "
        "readers; folders, globs and feed URLs too), extract events, merge reports of the same "
        "event and write a release into FOLDER, or add them to the release given by --update.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files, folders, globs or feed URLs")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FOLDER",
                        help="release folder to write (replaced if it holds a release); with "
                        "--update, default: the updated release itself")
    parser.add_argument("--update", type=Path, default=None, metavar="RELEASE",
                        help="add the inputs to this release: seen articles are skipped, "
                        "events merge with existing ones, ids never change")
    parser.add_argument("--workers", type=int, default=None,
                        help="extraction processes, or Dask workers of a local cluster "
                        "(default: all cores)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where extraction runs (dask needs the dask extra)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="Dask scheduler address (default: a LocalCluster on this machine)")
    parser.add_argument("--partitioned", action=argparse.BooleanOptionalAction, default=None,
                        help="write events/year=Y/country=C/ partitions (default: with the "
                        "dask engine, or as the updated release is)")
    parser.add_argument("--formats", default="parquet,csv",
                        help="comma-separated file formats (default: parquet,csv)")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar, warnings only in the log")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_source_arguments(parser)  # --source, --field, --metadata, feed options
    parser.set_defaults(handler=run)


def _sidecar_for(inputs: list[str], given: Path | None) -> Path | None:
    if given is not None:
        return given
    for item in inputs:
        path = Path(item)
        if "://" in item:
            continue
        candidate = (path if path.is_dir() else path.parent) / "articles.jsonl"
        if candidate.is_file() and candidate != path:
            return candidate
    return None


def run(args: argparse.Namespace) -> int:
    from conflict_events.corpus.progress import configure_logging
    from conflict_events.corpus.run import run as run_corpus
    from conflict_events.errors import InputError

    if args.output is None and args.update is None:
        raise InputError("give -o FOLDER, or --update RELEASE", input_name="output")
    configure_logging(quiet=args.quiet)
    options: dict[str, Any] = source_options(args)
    # without --metadata, a folder's articles.jsonl is the sidecar when present
    sidecar = _sidecar_for(args.inputs, args.metadata)
    if sidecar is not None:
        options["metadata"] = sidecar
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    summary = run_corpus(
        args.inputs, args.output, update=args.update, engine=args.engine,
        workers=args.workers, scheduler=args.scheduler, source=args.source,
        quiet=args.quiet or args.no_progress, partitioned=args.partitioned,
        source_options=options, formats=formats,
    )
    fields = summary.fields()
    no_events, rejected = summary.no_event_reasons, summary.rejected_reasons
    print(f"articles read:         {fields['articles'] + fields['already_seen']}")
    if args.update is not None:
        print(f"already in release:    {fields['already_seen']}")
    print(f"events:                {fields['events_extracted']}")
    print(f"articles with events:  {fields['processed']}")
    print(f"articles, no events:   {fields['no_events']}"
          + "".join(f"\n  {code}: {n}" for code, n in no_events.most_common()))
    print(f"articles rejected:     {fields['rejected']}"
          + "".join(f"\n  {code}: {n}" for code, n in rejected.most_common()))
    print(f"reports merged:        {fields['reports_merged']}")
    print(f"events added:          {fields['events_added']}")
    print(f"events updated:        {fields['events_updated']}")
    print(f"events in release:     {fields['events_total']}")
    print(f"{fields['seconds']} s, {fields['articles_per_s']} articles/s on "
          f"{fields['engine']} with {fields['workers']} worker(s)")
    state = "written" if fields["changed"] else "unchanged (nothing new)"
    print(f"{state} {fields['release']}")
    return 0
