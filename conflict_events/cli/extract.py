"""`conflict-events extract INPUT... -o FOLDER`: read articles, extract ACLED-coded events,
write a release (events.parquet/.csv, articles.parquet, datapackage.json) and print a summary:
articles read, events, articles with no events (and why), articles rejected (and why)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract ACLED-coded events from articles into a release folder",
        description="Read articles (.txt, .json, .jsonl and the other formats of the source "
        "readers; folders and globs too), extract events and write a release into FOLDER.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER",
                        help="release folder to write (replaced if it holds a release)")
    parser.add_argument("--metadata", type=Path, default=None, metavar="JSONL",
                        help="sidecar with per-file metadata (file, article_id, title, source, "
                        "published); a folder's articles.jsonl is used when present")
    parser.add_argument("--source", default=None, metavar="NAME",
                        help="force one reader for every input")
    parser.add_argument("--workers", type=int, default=None,
                        help="extraction processes (default: all cores)")
    parser.add_argument("--formats", default="parquet,csv",
                        help="comma-separated file formats (default: parquet,csv)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def _sidecar_for(inputs: list[str], given: Path | None) -> Path | None:
    if given is not None:
        return given
    for item in inputs:
        path = Path(item)
        candidate = (path if path.is_dir() else path.parent) / "articles.jsonl"
        if candidate.is_file():
            return candidate
    return None


def _progress(items: Iterable[Any], enabled: bool, stream: TextIO) -> Iterator[Any]:
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, unit="article", file=stream, desc="extracting")


def run(args: argparse.Namespace) -> int:
    from conflict_events.dataset.articles import ArticleRecord, ArticleStatus
    from conflict_events.dataset.write import write_dataset
    from conflict_events.extract.api import STATUS_REJECTED, extract_many
    from conflict_events.schema.models import Article, Event
    from conflict_events.sources.base import Rejection
    from conflict_events.sources.inputs import read_inputs

    options: dict[str, Any] = {}
    sidecar = _sidecar_for(args.inputs, args.metadata)
    if sidecar is not None:
        options["metadata"] = sidecar
    records = list(read_inputs(args.inputs, source=args.source, **options))
    articles = [r for r in records if isinstance(r, Article)]
    rejections = [r for r in records if isinstance(r, Rejection)]

    events: list[Event] = []
    rows: list[ArticleRecord] = []
    rejected: Counter[str] = Counter()
    no_events: Counter[str] = Counter()
    for rejection in rejections:
        rejected[rejection.code] += 1
        rows.append(ArticleRecord(article_id=rejection.input_name, status=ArticleStatus.REJECTED,
                                  error=f"{rejection.code}: {rejection.reason}"))
    show = not args.no_progress and sys.stderr.isatty()
    for result in _progress(extract_many(articles, workers=args.workers), show, sys.stderr):
        article = result.article
        assert article is not None
        if result.status == STATUS_REJECTED:
            rejected[result.error_code or "rejected"] += 1
            rows.append(ArticleRecord.from_article(article, n_events=0,
                                                   error=result.reason or "rejected"))
            continue
        events.extend(result.events)
        if not result.events:
            no_events[(result.reason or "no_events").split(":")[0]] += 1
        rows.append(ArticleRecord.from_article(article, n_events=len(result.events)))

    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    folder = write_dataset(events, args.output, formats=formats, articles=rows)
    print(f"articles read:         {len(articles) + len(rejections)}")
    print(f"events:                {len(events)}")
    print(f"articles with events:  {sum(1 for r in rows if r.n_events)}")
    print(f"articles, no events:   {sum(no_events.values())}"
          + "".join(f"\n  {code}: {n}" for code, n in no_events.most_common()))
    print(f"articles rejected:     {sum(rejected.values())}"
          + "".join(f"\n  {code}: {n}" for code, n in rejected.most_common()))
    print(f"written {folder}")
    return 0
