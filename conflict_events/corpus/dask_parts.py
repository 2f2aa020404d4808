"""The work of a Dask corpus run that happens on the workers, and how the inputs are cut.

Each function here runs on a worker (or, for plan_parts, on the client) and takes and returns
small picklable values; dask_engine.py wires them into a task graph. They reuse the code of a
local run (source readers, ArticlePlanner decisions, extraction, deduplicate, write_partition)
so that both engines give the same release.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa

from conflict_events.corpus.dedup import MergeStats, deduplicate
from conflict_events.corpus.update import (
    PARTITION_BY,
    ArticleKey,
    Decision,
    apply_decision,
    key_of,
    record_of,
)
from conflict_events.dataset.articles import (
    ArticleRecord,
    ArticleStatus,
    articles_table,
    plain_articles,
)
from conflict_events.dataset.checks import check_events
from conflict_events.dataset.csvfile import write_csv
from conflict_events.dataset.table import events_to_table, sort_table
from conflict_events.dataset.write import partition_keys, partition_rows, write_partition
from conflict_events.errors import SchemaError
from conflict_events.extract.api import STATUS_NO_EVENTS, STATUS_REJECTED, process
from conflict_events.schema.models import Article, Event
from conflict_events.sources.base import Location, Rejection, is_url
from conflict_events.sources.inputs import read_location, with_http_client
from conflict_events.sources.registry import default_registry

PARTITION_BYTES = 4_000_000  # default size of the pieces of a large JSON Lines file
FILES_PER_PART = 64  # small files (saved pages, text files) read together
CSV_PARTS = ".csv-parts"  # pieces of events.csv in the staging folder, joined by the client
SPLIT_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class InputPart:
    """One reading task: whole files or URLs, or one byte range of a JSON Lines file
    ((start, end, number of its first line)), or inputs already rejected by the client."""

    locations: tuple[Location, ...] = ()
    byte_range: tuple[int, int, int] | None = None
    rejections: tuple[Rejection, ...] = ()

    def names(self) -> list[str]:
        """Names for a failure of the whole part (its inputs, or the file and line range)."""
        if self.byte_range is not None:
            return [f"{self.locations[0]}@{self.byte_range[0]}-{self.byte_range[1]}"]
        return [str(location) for location in self.locations]


def plan_parts(locations: Iterable[Location | Rejection], *, source: str | None,
               partition_bytes: int = PARTITION_BYTES,
               files_per_part: int = FILES_PER_PART) -> list[InputPart]:
    """Reading tasks in input order. Large uncompressed JSON Lines files are cut at line
    starts (the client scans them for line breaks, at disk speed); URLs are read by one task,
    so that one HTTP client keeps the per-site rate limit and robots.txt of the run."""
    parts: list[InputPart] = []
    files: list[Location] = []
    urls: list[Location] = []

    def flush() -> None:
        if files:
            parts.append(InputPart(tuple(files)))
            files.clear()

    for location in locations:
        if isinstance(location, Rejection):
            flush()
            parts.append(InputPart(rejections=(location,)))
        elif isinstance(location, str) and is_url(location):
            urls.append(location)
        elif _splittable(location, source, partition_bytes):
            flush()
            parts.extend(InputPart((location,), byte_range=piece)
                         for piece in line_ranges(Path(location), partition_bytes))
        else:
            files.append(location)
            if len(files) >= files_per_part:
                flush()
    flush()
    if urls:
        parts.append(InputPart(tuple(urls)))
    return parts


def _splittable(location: Location, source: str | None, partition_bytes: int) -> bool:
    path = Path(location)
    if source not in (None, "jsonl") or not path.name.lower().endswith(SPLIT_SUFFIXES):
        return False
    try:
        if not path.is_file() or path.stat().st_size <= partition_bytes:
            return False
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return b"\x00" not in head  # a binary file stays whole: one rejection, as a local run


def line_ranges(path: Path, size: int) -> list[tuple[int, int, int]]:
    """(start, end, first line number) pieces of about SIZE bytes, each starting a line."""
    pieces: list[tuple[int, int, int]] = []
    start, line, position = 0, 1, 0
    lines_in_piece = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            offset = 0
            while True:
                # cut at the first line break past the piece's size
                if position + len(block) - start <= size:
                    lines_in_piece += block.count(b"\n", offset)
                    break
                at = block.find(b"\n", max(offset, start + size - position - 1))
                if at < 0:
                    lines_in_piece += block.count(b"\n", offset)
                    break
                lines_in_piece += block.count(b"\n", offset, at + 1)
                end = position + at + 1
                pieces.append((start, end, line))
                start, line, lines_in_piece = end, line + lines_in_piece, 0
                offset = at + 1
            position += len(block)
    if position > start or not pieces:
        pieces.append((start, position, line))
    return pieces


# --- on the workers ---------------------------------------------------------------------------

def read_part(part: InputPart, source: str | None, options: dict[str, Any],
              ) -> list[Article | Rejection]:
    """The records of one part, in input order."""
    if part.rejections:
        return list(part.rejections)
    registry = default_registry()
    forced = registry.get(source) if source else None
    options = with_http_client(options, registry, forced)
    if part.byte_range is not None:
        options = {**options, "byte_range": part.byte_range}
    records: list[Article | Rejection] = []
    for location in part.locations:
        records.extend(read_location(location, source=source, registry=registry, **options))
    return records


def keys_of(records: Sequence[Article | Rejection]) -> list[ArticleKey]:
    return [key_of(record) for record in records]


@dataclass
class PartResult:
    """What one part gave: its articles.parquet rows, its events, and counts for the
    summary. Stays on the worker; only `summary()` travels to the client."""

    articles: pa.Table
    events: list[Event]
    no_event_reasons: Counter[str] = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (article id, reason)
    extracted: int = 0

    def summary(self) -> PartResult:
        return PartResult(self.articles, [], self.no_event_reasons, self.rejected,
                          self.extracted)


def extract_part(records: Sequence[Article | Rejection], decisions: Sequence[Decision],
                 ) -> PartResult:
    """Apply the client's decisions (already seen, renamed, duplicate text) and extract."""
    rows: list[ArticleRecord] = []
    events: list[Event] = []
    result = PartResult(articles=pa.table({}), events=events)
    for record, decision in zip(records, decisions, strict=True):
        kept = apply_decision(record, decision)
        if kept is None:
            continue
        if isinstance(kept, ArticleRecord):
            rows.append(kept)
            if kept.error:
                result.rejected.append((kept.article_id, kept.error))
            continue
        extracted = process(kept)
        result.extracted += 1
        rows.append(record_of(extracted))
        events.extend(extracted.events)
        if extracted.status == STATUS_NO_EVENTS:
            result.no_event_reasons[(extracted.reason or "no_events").split(":")[0]] += 1
        elif extracted.status == STATUS_REJECTED:
            result.rejected.append((extracted.article_id,
                                    f"{extracted.error_code}: {extracted.error}"))
    result.articles = plain_articles(articles_table(rows))
    return result


def bucket_of(event: Event, buckets: int) -> int:
    """Reports of one event share a country (dedup.same_event), so a bucket by country sees
    every report that may merge with another."""
    return event.iso % buckets


def split_events(result: PartResult, buckets: int) -> list[list[Event]]:
    split: list[list[Event]] = [[] for _ in range(buckets)]
    for event in result.events:
        split[bucket_of(event, buckets)].append(event)
    return split


@dataclass
class BucketResult:
    """What one bucket wrote into the staging folder."""

    files: list[dict[str, Any]]  # datapackage resources of its partition files (unnamed)
    keys: list[tuple[Any, ...]]  # (year, country) of each file
    csv_pieces: list[tuple[tuple[Any, ...], str]]  # ((country, year), relative path)
    stats: MergeStats
    added: list[str]  # event_id_cnty of its events
    rows: int
    latest_timestamp: int | None


def dedup_and_write(staging: str, with_csv: bool, *event_lists: list[Event]) -> BucketResult:
    """Deduplicate the events of one bucket (all reports of its countries) and write their
    year/country partition files, and their events.csv pieces, into the staging folder."""
    events = [event for events in event_lists for event in events]
    merged, stats = deduplicate(events)
    table = sort_table(events_to_table(merged))
    problems = check_events(table)
    if problems:
        listed = "\n  ".join(str(p) for p in problems)
        raise SchemaError(f"{len(problems)} rule(s) broken, nothing written:\n  {listed}")
    folder = Path(staging)
    keys = partition_keys(table, PARTITION_BY)
    files, pieces = [], []
    for key in keys:
        rows = partition_rows(table, PARTITION_BY, key)
        files.append(write_partition(rows, folder, PARTITION_BY, key))
        if with_csv:
            year, country = key
            relative = f"{CSV_PARTS}/{quote(f'{country}={year}', safe='')}.csv"
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            write_csv(rows, folder / relative, header=False)
            pieces.append(((country, year), relative))
    timestamps = [e.timestamp for e in merged if e.timestamp]
    return BucketResult(files, keys, pieces, stats, sorted(e.event_id_cnty for e in merged),
                        table.num_rows, max(timestamps) if timestamps else None)


def join_csv(staging: Path, pieces: Iterable[tuple[tuple[Any, ...], str]], target: Path,
             ) -> None:
    """events.csv from the buckets' pieces: the header, then the pieces in (country, year)
    order, which is the release order (country, event_date, ...)."""
    from conflict_events.dataset.table import normalise
    from conflict_events.schema.descriptors import arrow_schema

    with target.open("wb") as out:
        write_csv(normalise(arrow_schema(plain=True).empty_table()), out)
        for _, relative in sorted(pieces, key=lambda piece: piece[0]):
            with (staging / relative).open("rb") as piece:
                while block := piece.read(1 << 20):
                    out.write(block)
    for _, relative in pieces:
        (staging / relative).unlink()
    if (staging / CSV_PARTS).is_dir():
        (staging / CSV_PARTS).rmdir()


def failed_records(names: Iterable[str], error: BaseException) -> Iterator[ArticleRecord]:
    """The articles.parquet rows of inputs a failed worker task lost."""
    reason = f"worker_error: {type(error).__name__}: {error}"[:500]
    for name in names:
        yield ArticleRecord(article_id=name, status=ArticleStatus.REJECTED, error=reason)
